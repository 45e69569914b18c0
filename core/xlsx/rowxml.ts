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
import { cellBody, holeName, templateParts, type SharedStrings, type Xf } from './xml-cell.ts';

/** what a row puts in a gap */
const ROW = 0;
const SHEET = 1;
const SHEET_TEXT = 2;
const SHEET_STRING = 3;

interface Compiled {
  parts: string[];
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
    return { parts, gaps, refs };
  }

  /** the row's cells as XML (without the row element) */
  cells(src: TemplatedRow, row: number): string {
    let c = this.compiled.get(src.template);
    // (a template met for the first time takes its strings in cell order; the strings of a
    // template met before are all known, so a new sheet's name is the row's one new string)
    if (!c) this.compiled.set(src.template, (c = this.compile(src.template, src.sheet)));
    if (src.sheet !== this.sheet) {
      this.sheet = src.sheet;
      this.names = ['', holeName(src.quoted, false), holeName(src.quoted, true), String(this.strings.add(src.sheet))];
    }
    this.strings.count += c.refs;
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
