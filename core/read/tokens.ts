/** Lines of a table region → cells: a label and the value cells after it. */
import { compact } from './normalize.ts';

export type CellToken =
  | { kind: 'num'; value: number; text: string; unit?: string }
  | { kind: 'blank'; text: string; value?: undefined; unit?: undefined }
  | { kind: 'na'; text: string; value?: undefined; unit?: undefined }
  | { kind: 'text'; text: string; value?: undefined; unit?: undefined };

/**
 * The token constructors: every token has the same four fields, in one order (value and
 * unit undefined where they mean nothing). One shape of object for all: the many places
 * that read a token's kind or text, each over tokens of every kind, compile to one direct
 * load — with a shape per kind (and per unit written) they were generic lookups there.
 */
export const numToken = (value: number, text: string, unit?: string): CellToken & { kind: 'num' } => ({ kind: 'num', value, text, unit });
export const wordToken = <K extends 'blank' | 'na' | 'text'>(kind: K, text: string): CellToken & { kind: K } =>
  ({ kind, value: undefined, text, unit: undefined }) as CellToken & { kind: K };

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

/**
 * the characters NUM (a sign, 增, 减, a digit) and NA (dashes, /, 无, 不适用, \\) can start with,
 * as a table by character code (a load, where a Set of them is a hash lookup per cell)
 */
const NUM_OR_NA_FIRST = new Uint8Array(0x10000);
for (const c of '+-增减0123456789—–－─/无不\\') NUM_OR_NA_FIRST[c.charCodeAt(0)] = 1;

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
  if (plain !== null) return numToken(plain, text);
  if (text === '' || text === '&nbsp;') return wordToken('blank', text);
  if (text.length > 40) return wordToken('text', text);
  // a label (most cells that are not plain numbers) starts with none of NUM's or NA's first characters
  if (NUM_OR_NA_FIRST[text.charCodeAt(0)] !== 1) return wordToken('text', text);
  const m = NUM.exec(text);
  if (m) {
    const sign = m[1] === '-' || m[1] === '减' || m[1] === '减少' ? -1 : 1;
    const value = sign * Number(m[2]!.replace(/,/g, '') + (m[3] ?? ''));
    return numToken(value, text, m[4]);
  }
  if (NA.test(text)) return wordToken('na', text);
  return wordToken('text', text);
}

const PAGE_FOOTER = /^(?:-[ ]*\d{1,3}[ ]*-|第[ ]*\d{1,3}[ ]*页(?:[ ]*共[ ]*\d{1,3}[ ]*页)?|\d{1,3}[ ]*\/[ ]*\d{1,3})$/;
const MD_RULE = /^\|?[ ]*:?-{3,}:?[ ]*(?:\|[ ]*:?-{3,}:?[ ]*)*\|?$/;

/** a footer starts with -, 第 or a digit: other lines (nearly all) skip the regex */
export function isPageFooter(line: string): boolean {
  return isFooterTrimmed(line.trim());
}

/** isPageFooter of a line already trimmed */
function isFooterTrimmed(t: string): boolean {
  const c = t.charCodeAt(0);
  // a footer starting with a digit is 3/12: a line of digits with no slash (a PDF's value
  // streams, hundreds of lines of them) is not searched
  if (c >= 48 && c <= 57) return t.includes('/') && PAGE_FOOTER.test(t);
  return (c === 45 || c === 0x7b2c) && PAGE_FOOTER.test(t);
}

/** a pipe row (t trimmed): starts with a pipe, or holds two (a line with none is searched once) */
const isPipeRow = (t: string) => {
  const first = t.indexOf('|');
  return first === 0 || (first > 0 && t.indexOf('|', first + 1) > 0);
};

/** a pipe row's cells (t trimmed): the pipes at its ends open and close it */
function pipeCells(t: string): string[] {
  const parts = t.split('|');
  if (t.startsWith('|')) parts.shift();
  if (t.endsWith('|')) parts.pop();
  return parts;
}

/** the words of a trimmed free-text line: what t.split(/[ ]+/) gives, without the regex */
function wordsOf(t: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = t.indexOf(' '); i >= 0; i = t.indexOf(' ', from)) {
    out.push(t.slice(from, i));
    from = i + 1;
    while (t.charCodeAt(from) === 32) from++;
  }
  out.push(t.slice(from));
  return out;
}

/** split one line into raw cell texts (free text: the label, then the numbers) */
export function splitCells(line: string): { cells: string[]; delimited: boolean } {
  const t = line.trim();
  if (isPipeRow(t)) return { cells: pipeCells(t), delimited: true };
  if (line.includes('\t')) return { cells: line.split('\t'), delimited: true };
  // free text: the label, then the numbers separated by spaces
  const words = wordsOf(t);
  let k = words.length;
  while (k > 0 && classify(words[k - 1]!).kind !== 'text') k--;
  const label = words.slice(0, k).join(' ');
  return { cells: k ? [label, ...words.slice(k)] : words.slice(k), delimited: false };
}

/**
 * One line of a table → its row: toRow(splitCells(line).cells), with each cell classified
 * once (every line of every table passes here). `t` is the line trimmed.
 */
export function lineRow(line: string, t: string, lineNo: number): PhysRow {
  // one plain number alone on the line (a PDF's value streams: hundreds of lines of them)
  const plain = plainInteger(t);
  // (a line that trim() left whole holds no tab)
  if (plain !== null && (line.length === t.length || !line.includes('\t'))) return { line: lineNo, label: '', shape: '0/0', values: [{ token: numToken(plain, t), line: lineNo }], delimited: false };
  if (isPipeRow(t)) {
    const from = t.startsWith('|') ? 1 : 0;
    const to = t.endsWith('|') ? t.length - 1 : t.length;
    // '|' alone: split, shift and pop leave no cell
    return from > to ? tokenRow([], lineNo, true, undefined, false) : fieldRow(t, from, to, 124, lineNo);
  }
  if (line.includes('\t')) return fieldRow(line, 0, line.length, 9, lineNo);
  return tokenRow(freeTokens(t), lineNo, false, undefined, true);
}

/**
 * A free-text line's cells (t trimmed), as splitCells gives them: its words read from the
 * end while they are values; the words before, joined by one space, are the label cell
 * (which may still read as a number: 5 件). No array of all the words is made.
 */
function freeTokens(t: string): CellToken[] {
  const back: CellToken[] = [];
  // t[0, end) is still to read; t is trimmed, so its words are runs of non-spaces
  let end = t.length;
  // the label cell, when the word that ended the values is all of it (one word: not classified twice)
  let label: CellToken | null = null;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && t.charCodeAt(start - 1) !== 32) start--;
    const token = classify(start === 0 && end === t.length ? t : t.slice(start, end));
    if (token.kind === 'text') {
      if (start === 0) label = token;
      break;
    }
    back.push(token);
    end = start;
    while (end > 0 && t.charCodeAt(end - 1) === 32) end--;
  }
  const tokens: CellToken[] = [];
  if (end > 0) tokens.push(label ?? classify(labelWords(end === t.length ? t : t.slice(0, end))));
  for (let i = back.length - 1; i >= 0; i--) tokens.push(back[i]!);
  return tokens;
}

/** a label's words joined by one space (what join(' ') of its words gives): runs of spaces made one */
const labelWords = (s: string) => (s.includes('  ') ? s.replace(/ {2,}/g, ' ') : s);

/** what l.trim() === '' tells, without making the trimmed copy */
export function isBlank(l: string): boolean {
  for (let i = 0; i < l.length; i++) if (!isTrimmed(l.charCodeAt(i))) return false;
  return true;
}

/** the whitespace String.prototype.trim removes */
export const isTrimmed = (c: number) =>
  // most characters of a table are ASCII or Chinese (above U+3000): two tests each
  c < 0xa0
    ? c === 32 || (c >= 9 && c <= 13)
    : c > 0x3000
      ? c === 0xfeff
      : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/** the row of the fields of s[from, to) between separators `sep` */
function fieldRow(s: string, from: number, to: number, sep: number, lineNo: number): PhysRow {
  const tokens: CellToken[] = [];
  const gaps = fieldTokens(s, from, to, sep, tokens);
  return tokenRow(tokens, lineNo, true, undefined, gaps);
}

/**
 * classify() of each field of s[from, to) between separators `sep` (what split gives), into
 * `out`: a field that is a plain number read in place, without making the field and its
 * trimmed copy. One scan of the characters finds each field's end and its trimmed bounds (a
 * call to indexOf per field costs more than the few characters of a cell).
 * @returns some field holds whitespace inside it (its label text may need compacting)
 */
function fieldTokens(s: string, from: number, to: number, sep: number, out: CellToken[]): boolean {
  let gaps = false;
  for (let a = from; ; ) {
    // the field's end b, its first and last characters that trim() keeps [i, j), and its
    // first whitespace after i (inside the field when before j)
    let b = a;
    let i = -1;
    let j = a;
    let space = -1;
    for (; b < to; b++) {
      const c = s.charCodeAt(b);
      if (c === sep) break;
      if (!isTrimmed(c)) {
        if (i < 0) i = b;
        j = b + 1;
      } else if (space < 0 && i >= 0) space = b;
    }
    if (space >= 0 && space < j) gaps = true;
    if (i < 0) i = j;
    let value = j - i > 0 && j - i <= 15 ? 0 : -1;
    for (let k = i; k < j && value >= 0; k++) {
      const d = s.charCodeAt(k) - 48;
      value = d >= 0 && d <= 9 ? value * 10 + d : -1;
    }
    // (the field trimmed already: classify's trim() makes no copy)
    out.push(value >= 0 ? numToken(value, s.slice(i, j)) : classify(s.slice(i, j)));
    if (b >= to) break;
    a = b + 1;
  }
  return gaps;
}

/** cells → a row: label cells are the text before the first value; values follow the last label cell */
export function toRow(cells: string[], line: number, delimited: boolean, cellLines?: number[]): PhysRow {
  return tokenRow(cells.map(classify), line, delimited, cellLines, true);
}

/** a row's shape, `${before}/${labels}`, made once */
const SHAPES: string[][] = [];
const shapeOf = (before: number, labels: number) => ((SHAPES[before] ??= [])[labels] ??= `${before}/${labels}`);

/** `gaps`: false when no token holds whitespace inside it (its label needs no compacting) */
function tokenRow(tokens: CellToken[], line: number, delimited: boolean, cellLines: number[] | undefined, gaps: boolean): PhysRow {
  const n = tokens.length;
  // the first value, and the first text cell before it
  let first = n;
  let before = -1;
  for (let i = 0; i < n; i++) {
    const kind = tokens[i]!.kind;
    if (kind === 'num' || kind === 'na') {
      first = i;
      break;
    }
    if (kind === 'text' && before < 0) before = i;
  }
  let lastLabel = -1;
  let labels = 0;
  let label = '';
  for (let i = 0; i < first; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      lastLabel = i;
      labels++;
      label += t.text;
    }
  }
  const values: ValueCell[] = [];
  for (let i = lastLabel + 1; i < n; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text') values.push({ token: t, line: cellLines?.[i] ?? line });
  }
  // no text before the first value: the shape counts no blank cells before a label
  return { line, label: gaps ? compact(label) : label, shape: shapeOf(before < 0 ? 0 : before, labels), values, delimited };
}

export const isMarkdownRule = (line: string) => line.includes('---') && MD_RULE.test(line.trim());

/** a line of a table region that holds no row: empty, a Markdown rule, a page footer (t: the line trimmed) */
export const noRow = (line: string, t: string) => t === '' || (mayBeRule(t) && line.includes('---') && MD_RULE.test(t)) || isFooterTrimmed(t);

/** a Markdown rule (t trimmed) starts with |, : or -: other lines (nearly all) are not searched for --- */
const mayBeRule = (t: string) => {
  const c = t.charCodeAt(0);
  return c === 124 || c === 58 || c === 45;
};
