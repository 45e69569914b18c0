/** Lines of a table region → cells: a label and the value cells after it. */
import { compact } from './normalize.ts';

export type CellToken =
  | { kind: 'num'; value: number; text: string; unit?: string }
  | { kind: 'blank'; text: string }
  | { kind: 'na'; text: string }
  | { kind: 'text'; text: string };

export interface ValueCell {
  token: Exclude<CellToken, { kind: 'text' }>;
  line: number;
}

/** One row as the text gives it: label cells, then value cells. */
export interface PhysRow {
  /** 1-based line of the row's first cell */
  line: number;
  /** all label text of the row, whitespace removed */
  label: string;
  /**
   * the shape of the cells before the values: blank cells before the label / label cells
   * (`1/2` for a merged group cell, then a group label and a row label). Rows of one shape
   * carry the same merge artefacts after their label.
   */
  shape: string;
  values: ValueCell[];
  /** the row was split into cells by a separator (tab, pipe, one cell a line), so blank cells are real */
  delimited: boolean;
  /** the row's numbers run together into one string of digits, to be split by the rules */
  run?: Run;
}

export interface Run {
  digits: string;
  /** 元 or 万元 written after the run */
  unit?: string;
  line: number;
}

const NA = /^(?:[—–\-－─]{1,2}|\/|无|不适用|\\)$/;
// sign, digits (with thousands separators), decimals, a unit or counter
const NUM = /^([+\-]|增|减|增加|减少)?[ ]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?[ ]?(万元|元|件|条|个|项|次)?$/;

/** a plain run of digits, the usual cell, read without the regular expression */
function plainInteger(text: string): number | null {
  if (text.length === 0 || text.length > 15) return null;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return v;
}

export function classify(raw: string): CellToken {
  const text = raw.trim();
  const plain = plainInteger(text);
  if (plain !== null) return { kind: 'num', value: plain, text };
  if (text === '' || text === '&nbsp;') return { kind: 'blank', text };
  if (text.length > 40) return { kind: 'text', text };
  const m = NUM.exec(text);
  if (m) {
    const sign = m[1] === '-' || m[1] === '减' || m[1] === '减少' ? -1 : 1;
    const value = sign * Number(m[2]!.replace(/,/g, '') + (m[3] ?? ''));
    return m[4] ? { kind: 'num', value, text, unit: m[4] } : { kind: 'num', value, text };
  }
  if (NA.test(text)) return { kind: 'na', text };
  return { kind: 'text', text };
}

const PAGE_FOOTER = /^(?:-[ ]*\d{1,3}[ ]*-|第[ ]*\d{1,3}[ ]*页(?:[ ]*共[ ]*\d{1,3}[ ]*页)?|\d{1,3}[ ]*\/[ ]*\d{1,3})$/;
const MD_RULE = /^\|?[ ]*:?-{3,}:?[ ]*(?:\|[ ]*:?-{3,}:?[ ]*)*\|?$/;

/** a footer starts with -, 第 or a digit: other lines (nearly all) skip the regex */
export function isPageFooter(line: string): boolean {
  const t = line.trim();
  const c = t.charCodeAt(0);
  return (c === 45 || (c >= 48 && c <= 57) || t[0] === '第') && PAGE_FOOTER.test(t);
}

/** split one line into raw cell texts (free text: the label, then the numbers) */
export function splitCells(line: string): { cells: string[]; delimited: boolean } {
  const t = line.trim();
  if (t.startsWith('|') || t.indexOf('|', t.indexOf('|') + 1) > 0) {
    const parts = t.split('|');
    if (t.startsWith('|')) parts.shift();
    if (t.endsWith('|')) parts.pop();
    return { cells: parts, delimited: true };
  }
  if (line.includes('\t')) return { cells: line.split('\t'), delimited: true };
  // free text: the label, then the numbers separated by spaces
  const words = t.split(/[ ]+/);
  let k = words.length;
  while (k > 0 && classify(words[k - 1]!).kind !== 'text') k--;
  const label = words.slice(0, k).join(' ');
  return { cells: k ? [label, ...words.slice(k)] : words.slice(k), delimited: false };
}

/** cells → a row: label cells are the text before the first value; values follow the last label cell */
export function toRow(cells: string[], line: number, delimited: boolean, cellLines?: number[]): PhysRow {
  const tokens = cells.map(classify);
  let first = tokens.findIndex((t) => t.kind === 'num' || t.kind === 'na');
  if (first < 0) first = tokens.length;
  let lastLabel = -1;
  const label: string[] = [];
  for (let i = 0; i < first; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      lastLabel = i;
      label.push(t.text);
    }
  }
  const values: ValueCell[] = [];
  for (let i = lastLabel + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text') values.push({ token: t, line: cellLines?.[i] ?? line });
  }
  const before = tokens.findIndex((t) => t.kind === 'text');
  const shape = `${before < 0 || before > first ? 0 : before}/${label.length}`;
  return { line, label: compact(label.join('')), shape, values, delimited };
}

export const isMarkdownRule = (line: string) => line.includes('---') && MD_RULE.test(line.trim());
