/**
 * One cell as SpreadsheetML for the streamed writer (stream.ts): escaping, shared strings,
 * and the cell's XML after its reference. Cells shared by many sheets (the check formulas
 * every unit sheet takes from its format's template) are turned into XML once.
 */
import type { CellModel, StyleName } from '../sheet/model.ts';
import { ComposedFormula } from '../sheet/composed.ts';
import type { Template } from '../formula/index.ts';
import { sheetInText } from '../formula/index.ts';
import { cellText } from './cell-text.ts';

// most text needs neither: test with plain character classes before the costlier replacements
const XML_SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const XML_SPECIAL = /[&<>"]/;
export const xmlSafe = (s: string) => (XML_SUSPECT.test(s) ? cellText(s) : s);
/** for an attribute value */
export const esc = (s: string) => {
  const t = xmlSafe(s);
  return XML_SPECIAL.test(t) ? t.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;')) : t;
};
/**
 * For element text (formulas, shared strings): only & and < must be escaped there, and > after
 * ]]. A formula's quotes and comparisons stay one byte each — the 校验 sheet of a thousand
 * units is mostly formulas, and &quot; six bytes for every quote.
 */
const TEXT_SPECIAL = /[&<]|]]>/;
export const escText = (s: string) => {
  const t = xmlSafe(s);
  return TEXT_SPECIAL.test(t) ? t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/]]>/g, ']]&gt;') : t;
};

/** the shared strings of one workbook: each text once, its index for every cell that shows it */
export class SharedStrings {
  readonly index = new Map<string, number>();
  readonly list: string[] = [];
  /** references to the strings, for sst's count */
  count = 0;
  /** the index of `s`, counted as one reference */
  of(s: string): number {
    this.count++;
    return this.add(s);
  }
  /** the index of `s`, the reference counted by the caller */
  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      // the raw text is the key: the character check runs once per distinct text
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(xmlSafe(s));
    }
    return i;
  }
}

export type Xf = Map<StyleName | undefined, number>;

/** a composed formula escaped part by part: the parts are shared by every unit, so each is escaped once */
const escapedParts = new WeakMap<Template, string[]>();
const escapedNames = new Map<string, string>();
export function templateParts(t: Template): string[] {
  let parts = escapedParts.get(t);
  if (parts === undefined) {
    parts = t.parts.map(escText);
    escapedParts.set(t, parts);
  }
  return parts;
}
/** a quoted sheet name as it goes into a hole: escaped, and for a text hole its quotes doubled */
export function holeName(quoted: string, inText: boolean): string {
  const key = inText ? `"${quoted}` : quoted;
  let name = escapedNames.get(key);
  if (name === undefined) {
    name = escText(inText ? sheetInText(quoted) : quoted);
    escapedNames.set(key, name);
  }
  return name;
}
function composedXml(f: ComposedFormula): string {
  const t = f.template;
  const parts = templateParts(t);
  let s = parts[0]!;
  for (let i = 0; i < t.holes.length; i++) {
    const h = t.holes[i];
    s += (h === 'row' ? String(f.row) : holeName(f.quoted, h === 'sheetText')) + parts[i + 1]!;
  }
  return s;
}

/** formula and blank cells' XML after `<c r="…"`, by cell: the template's cells serve a thousand sheets */
const bodies = new WeakMap<CellModel, { content: CellModel['content']; style: StyleName | undefined; xf: Xf; body: string }>();

/** the cell's XML after `<c r="…"`: its style, type and value */
export function cellBody(cell: CellModel, xf: Xf, strings: SharedStrings): string {
  const c = cell.content;
  if (c.kind === 'text') {
    const s = xf.get(cell.style) ?? 0;
    return `${s ? ` s="${s}"` : ''} t="s"><v>${strings.of(c.text)}</v></c>`;
  }
  if (c.kind === 'number') {
    const s = xf.get(cell.style) ?? 0;
    return Number.isFinite(c.value) ? `${s ? ` s="${s}"` : ''}><v>${c.value}</v></c>` : `${s ? ` s="${s}"` : ''}/>`;
  }
  if (c instanceof ComposedFormula) {
    const s = xf.get(cell.style) ?? 0;
    return `${s ? ` s="${s}"` : ''}><f>${composedXml(c)}</f></c>`;
  }
  const known = bodies.get(cell);
  // checked against what the cell holds now: a model may give a cell new content between writes
  if (known && known.content === c && known.style === cell.style && known.xf === xf) return known.body;
  const s = xf.get(cell.style) ?? 0;
  const st = s ? ` s="${s}"` : '';
  const body = c.kind === 'formula' ? `${st}><f>${escText(c.formula)}</f></c>` : `${st}/>`;
  bodies.set(cell, { content: c, style: cell.style, xf, body });
  return body;
}
