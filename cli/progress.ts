/** A progress bar on stderr, redrawn in place: only on a terminal (never in a pipe, a log or a test). */

export interface Progress {
  /** `done` of `total`, with what is happening */
  update(done: number, total: number, what: string): void;
  /** clear the line */
  end(): void;
}

const NONE: Progress = { update() {}, end() {} };

export function progressFor(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(done, total, what) {
      const now = Date.now();
      // ten redraws a second at most: a thousand files must not cost a thousand redraws
      if (done < total && now - last < 100) return;
      last = now;
      const width = 24;
      const full = total ? Math.round((done / total) * width) : 0;
      const bar = '█'.repeat(full) + '░'.repeat(width - full);
      const pct = total ? Math.floor((done / total) * 100) : 0;
      const cols = stream.columns || 80;
      const line = `${what} ${bar} ${done}/${total}（${pct}%）`;
      stream.write(`\r${line.slice(0, Math.max(cols - 1, 10))}\x1b[K`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
