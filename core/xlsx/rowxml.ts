/**
 * Template rows of 校验 (core/sheet/verifyrow.ts) straight to XML: each template is turned
 * once per workbook into text pieces with gaps for what each row gives — its number, the
 * unit's sheet name (in a formula, inside a link's text, as a shared string). A thousand
 * units' quarter of a million rows then cost a few string joins each, with no cell objects
 * made and thrown away. The XML is what cellBody (xml-cell.ts) makes of the same cells; a
 * test compares the two.
 */
import { columnLetters } from '../formula/index.ts';
import type { RowTemplate } from '../sheet/verifyrow.ts';
import type { Chunked } from './chunked.ts';
import { cellBody, holeName, templateParts, type SharedStrings, type Xf } from './xml-cell.ts';

/** what a row puts in a gap */
const ROW = 0;
const SHEET = 1;
const SHEET_TEXT = 2;
const SHEET_STRING = 3;

const utf8 = new TextEncoder();
const ROW_OPEN = utf8.encode('<row r="');
const ROW_SHOWN = utf8.encode('">');
const ROW_HIDDEN = utf8.encode('" hidden="1">');
const ROW_CLOSE = utf8.encode('</row>');

interface Compiled {
  parts: string[];
  /** the parts in UTF-8 */
  bytes: Uint8Array[];
  /** the most bytes a row can take, the sheet's name and row aside */
  size: number;
  gaps: number[];
  /** shared-string references in one row, for sst's count */
  refs: number;
}

/** a row of 校验 made from a template: what the writer needs to write it without its cells */
export interface TemplatedRow {
  readonly template: RowTemplate;
  readonly sheet: string;
  readonly quoted: string;
}

export const isTemplated = (x: object): x is TemplatedRow => 'template' in x && 'quoted' in x;

export class TemplateRowXml {
  private readonly compiled = new Map<RowTemplate, Compiled>();
  private sheet: string | undefined;
  private names: string[] = [];
  private nameBytes: Uint8Array[] = [];
  private nameSize = 10;

  constructor(
    private readonly xf: Xf,
    private readonly strings: SharedStrings,
  ) {}

  private compile(t: RowTemplate, sheet: string): Compiled {
    const parts: string[] = [''];
    const gaps: number[] = [];
    let refs = 0;
    const text = (s: string) => (parts[parts.length - 1] += s);
    const gap = (g: number) => {
      gaps.push(g);
      parts.push('');
    };
    const style = (name: Parameters<Xf['get']>[0]) => {
      const s = this.xf.get(name) ?? 0;
      return s ? ` s="${s}"` : '';
    };
    for (const c of t) {
      text(`<c r="${columnLetters(c.col)}`);
      gap(ROW);
      text('"');
      switch (c.kind) {
        case 'fixed':
          if (c.cell.content.kind === 'text') {
            refs++;
            text(`${style(c.cell.style)} t="s"><v>${this.strings.add(c.cell.content.text)}</v></c>`);
          } else text(cellBody(c.cell, this.xf, this.strings));
          break;
        case 'sheetName':
          refs++;
          // taken in cell order, so that the strings are numbered as cell by cell
          this.strings.add(sheet);
          text(`${style(c.style)} t="s"><v>`);
          gap(SHEET_STRING);
          text('</v></c>');
          break;
        case 'formula': {
          text(`${style(c.style)}><f>`);
          const p = templateParts(c.template);
          text(p[0]!);
          c.template.holes.forEach((h, i) => {
            gap(h === 'row' ? ROW : h === 'sheet' ? SHEET : SHEET_TEXT);
            text(p[i + 1]!);
          });
          text('</f></c>');
          break;
        }
      }
    }
    const bytes = parts.map((p) => utf8.encode(p));
    return { parts, bytes, size: bytes.reduce((n, b) => n + b.length, 0), gaps, refs };
  }

  private compiledOf(src: TemplatedRow): Compiled {
    let c = this.compiled.get(src.template);
    // (a template met for the first time takes its strings in cell order; the strings of a
    // template met before are all known, so a new sheet's name is the row's one new string)
    if (!c) this.compiled.set(src.template, (c = this.compile(src.template, src.sheet)));
    if (src.sheet !== this.sheet) {
      this.sheet = src.sheet;
      this.names = ['', holeName(src.quoted, false), holeName(src.quoted, true), String(this.strings.add(src.sheet))];
      this.nameBytes = this.names.map((n) => utf8.encode(n));
      this.nameSize = Math.max(...this.nameBytes.map((b) => b.length), 10);
    }
    this.strings.count += c.refs;
    return c;
  }

  /** the whole row element, put into `out` as bytes; the promise says when to go on */
  row(out: Chunked, src: TemplatedRow, row: number, hidden: boolean): Promise<void> | void {
    const c = this.compiledOf(src);
    const wait = out.room(c.size + c.gaps.length * this.nameSize + 40);
    if (wait) return wait.then(() => this.put(out, c, row, hidden));
    this.put(out, c, row, hidden);
  }

  private put(out: Chunked, c: Compiled, row: number, hidden: boolean): void {
    out.put(ROW_OPEN);
    out.digits(row);
    out.put(hidden ? ROW_HIDDEN : ROW_SHOWN);
    const { bytes, gaps } = c;
    const names = this.nameBytes;
    out.put(bytes[0]!);
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i]!;
      if (g === ROW) out.digits(row);
      else out.put(names[g]!);
      out.put(bytes[i + 1]!);
    }
    out.put(ROW_CLOSE);
  }

  /** the row's cells as XML text (without the row element) */
  cells(src: TemplatedRow, row: number): string {
    const c = this.compiledOf(src);
    const r = String(row);
    const names = this.names;
    const { parts, gaps } = c;
    let s = parts[0]!;
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i]!;
      s += (g === ROW ? r : names[g]!) + parts[i + 1]!;
    }
    return s;
  }
}
