/** Where the extractors write their lines: running text, whole lines, at most one blank line in a row. */
export class LineSink {
  private lines: string[] = [];
  private cur = '';

  /** running text of the current paragraph */
  text(s: string): void {
    this.cur += s;
  }

  /** end the current paragraph (a block ends, a line break) */
  flush(): void {
    const t = this.cur.trim();
    this.cur = '';
    if (t) this.lines.push(t);
  }

  /** a whole line of its own, such as a table row */
  line(s: string): void {
    this.flush();
    this.lines.push(s);
  }

  /** a blank line between a table and the text around it */
  blank(): void {
    this.flush();
    if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  toString(): string {
    this.flush();
    return this.lines.join('\n');
  }
}
