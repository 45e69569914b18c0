/**
 * The prose of a report as one stream of text: the lines outside the tables, normalised,
 * spaces dropped (PDF text puts them around every number) and wrapped lines glued back
 * together (a PDF breaks 行政复议 across two lines). Each stretch remembers its source line.
 */
import { normalizeText } from '../read/normalize.ts';
import type { Regions } from '../read/structure.ts';
import { charSet } from './chars.ts';

export interface Flow {
  text: string;
  /** flow offset where each source line's text starts, ascending */
  starts: number[];
  /** the 1-based source line of each start */
  lines: number[];
}

/** a line longer than this is no prose anyone wrote; only its start is read */
const MAX_LINE = 20_000;
/** prose beyond this is not one report's (a pasted file of many copies): the rest is not read */
const MAX_FLOW = 1_000_000;

/** a short numbered line with no sentence in it: a heading, which ends what comes before */
const HEADING = /^(?:[一二三四五六七八九十]{1,3}[、.]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}\.(?!\d)|第[一二三四五六七八九十]{1,3}[部章节条])/;
const PAGE_FOOTER = /^(?:[-—－]\d{1,3}[-—－]|第\d{1,3}页(?:[，,共]*\d{1,3}页)?|\d{1,3}\/\d{1,3})$/;
/** the characters PAGE_FOOTER and HEADING can start with: other lines skip the regex */
const FOOTER_FIRST = charSet('-—－第0123456789');
const HEADING_FIRST = charSet('一二三四五六七八九十（第0123456789');
/** characters that end a sentence; tested on the last character only (a regex with $ scans the whole flow) */
const SENTENCE_END_CODES = charSet('。！？；!?;：:');
/** a clause or sentence mark in a short line: then it is no heading */
const CLAUSE_MARKS = charSet('，,。；;！？');

const isDigitCode = (c: number) => c >= 48 && c <= 57;

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * drop spaces, except one between two digits or letters (two numbers stay two numbers); by
 * slices between the runs of spaces (every prose line passes here)
 */
function squeeze(line: string): string {
  if (!line.includes(' ') && !line.includes('\t')) return line;
  let out = '';
  // where the run of kept characters started (-1: in spaces), the last character kept
  let from = -1;
  let last = -1;
  let pendingSpace = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      if (from >= 0) {
        out += line.slice(from, i);
        last = line.charCodeAt(i - 1);
        from = -1;
      }
      // a space counts once something is kept before it
      pendingSpace = last >= 0;
      continue;
    }
    if (from < 0) {
      if (pendingSpace && isWordCode(last) && isWordCode(c)) out += ' ';
      pendingSpace = false;
      from = i;
    }
  }
  return from >= 0 ? out + line.slice(from) : out;
}

/**
 * The reader's own lines, when it has them: already normalised, and — for a page it cut at
 * its labels — with the original line of each (the regions count these lines).
 */
export interface ParsedLines {
  /** normalised: no \r (normalizeText makes it a line break) */
  lines: readonly string[];
  /** 0-based original line of each parsed line; absent when they are the same */
  origin?: readonly number[];
}

export function proseFlow(source: readonly string[], regions: Regions, parsed?: ParsedLines): Flow {
  const lines = parsed?.lines ?? source;
  const origin = parsed?.origin;
  const tables = tableRanges(regions, lines.length);
  // the prose lines, stepping over the tables' ranges (most of a report's lines are table rows)
  const picked: number[] = [];
  const raw: string[] = [];
  let size = 0;
  let t = 0;
  for (let i = 0; i < lines.length && size < MAX_FLOW; i++) {
    while (t < tables.length && tables[t]![1] <= i) t++;
    if (t < tables.length && tables[t]![0] <= i) {
      i = tables[t]![1] - 1;
      continue;
    }
    const l = lines[i]!.length > MAX_LINE ? lines[i]!.slice(0, MAX_LINE) : lines[i]!;
    picked.push(i);
    raw.push(!parsed && l.includes('\r') ? l.replace(/\r/g, '') : l);
    size += l.length;
  }
  // normalise the prose lines together (one call), one output line per input line
  const norm = parsed ? raw : normalizeText(raw.join('\n')).split('\n');
  // parts joined once at the end: reading the last character of a string built by += would
  // flatten it on every line
  const parts: string[] = [];
  let size2 = 0;
  /** the code of the flow's last character, -1 while it is empty */
  let last = -1;
  const put = (t: string) => {
    parts.push(t);
    size2 += t.length;
    last = t.charCodeAt(t.length - 1);
  };
  const starts: number[] = [];
  const lineNos: number[] = [];
  let prev = -1;
  for (let k = 0; k < norm.length; k++) {
    const i = picked[k]!;
    const s = squeeze(norm[k]!);
    // blank lines, and page footers (- 3 -) that a PDF puts inside a sentence
    if (!s || (FOOTER_FIRST.has(s.charCodeAt(0)) && PAGE_FOOTER.test(s))) continue;
    // a table between two stretches of prose ends the sentence before it
    if (prev >= 0 && tableBetween(tables, prev + 1, i) && !SENTENCE_END_CODES.has(last)) put('。');
    if (isDigitCode(last) && isDigitCode(s.charCodeAt(0))) put(' ');
    starts.push(size2);
    lineNos.push(origin ? origin[i]! + 1 : i + 1);
    put(s);
    if (s.length <= 30 && HEADING_FIRST.has(s.charCodeAt(0)) && !CLAUSE_MARKS.inText(s) && HEADING.test(s)) put('。');
    prev = i;
  }
  const text = parts.join('');
  return { text, starts, lines: lineNos };
}

/**
 * The tables' line ranges, cut to the lines there are, by start. Regions past the last line
 * (the text was cut but the cut lines were not given): none — the whole text is read as prose
 * then (its tables state no 件 or 条).
 */
function tableRanges(regions: Regions, count: number): [number, number][] {
  const ranges = [regions.t2, regions.t3, regions.t4].filter((r): r is [number, number] => r !== null);
  if (!ranges.every((r) => r[1] <= count)) return [];
  return ranges
    .map((r): [number, number] => [Math.max(0, r[0]), Math.min(r[1], count)])
    .filter((r) => r[0] < r[1])
    .sort((a, b) => a[0] - b[0]);
}

/** some table line lies in [from, to) */
function tableBetween(tables: readonly [number, number][], from: number, to: number): boolean {
  for (let k = 0; k < tables.length; k++) if (Math.max(tables[k]![0], from) < Math.min(tables[k]![1], to)) return true;
  return false;
}

/** the source line of a flow offset */
export function lineAt(flow: Flow, offset: number): number {
  let lo = 0;
  let hi = flow.starts.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (flow.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return flow.lines[lo]!;
}
