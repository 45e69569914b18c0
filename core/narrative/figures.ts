/**
 * The figures of the prose: a number followed by a unit (件 条 起 宗 %), with the text around
 * it up to the sentence's and the clause's edge. A hand-written scan, not a regex, so that
 * a line of a million digits or brackets costs one pass.
 */

import { charSet } from './chars.ts';

export interface Figure {
  /** flow offsets of the number and of the end of its unit */
  start: number;
  end: number;
  value: number;
  unit: string;
  /** text before the number back to the sentence's start (at most WINDOW characters) */
  sentence: string;
  /** text before the number back to the clause's start (，、：（ …) */
  clause: string;
  /** text after the unit up to the clause's end (at most WINDOW characters) */
  after: string;
}

const WINDOW = 80;
/** digits beyond this are no count anyone states */
const MAX_DIGITS = 12;
const UNIT_CODES = charSet('件条起宗%');
const NEXT_DIGIT = /[0-9]/g;
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';']);
const CLAUSE_END = new Set([...SENTENCE_END, '，', ',', '、', '：', ':', '（', '）', '(', ')', '“', '”', '《', '》']);

/**
 * The scans below go by character code: `text[i]` makes a new one-character string for every
 * Chinese character passed over, and the prose of a report is thousands of them.
 */
const SENTENCE_END_CODES = charSet([...SENTENCE_END].join(''));
const CLAUSE_END_CODES = charSet([...CLAUSE_END].join(''));
/** a digit's code (NaN past the end is none) */
const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** where the sentence and the clause holding `at` begin (searching back at most WINDOW) */
export function contextBefore(text: string, at: number): { sentence: string; clause: string } {
  const lo = Math.max(0, at - WINDOW);
  let s = lo;
  let c = -1;
  for (let i = at - 1; i >= lo; i--) {
    const ch = text.charCodeAt(i);
    if (c < 0 && CLAUSE_END_CODES.has(ch)) c = i + 1;
    if (SENTENCE_END_CODES.has(ch)) {
      s = i + 1;
      break;
    }
  }
  if (c < 0) c = s;
  return { sentence: text.slice(s, at), clause: text.slice(c, at) };
}

/** the text after `at` up to the clause's end */
export function contextAfter(text: string, at: number): string {
  const hi = Math.min(text.length, at + WINDOW);
  let i = at;
  while (i < hi && !CLAUSE_END_CODES.has(text.charCodeAt(i))) i++;
  return text.slice(at, i);
}

/** every figure of the flow, in order; at most `limit` */
export function scanFigures(text: string, limit: number): Figure[] {
  const out: Figure[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && out.length < limit) {
    // to the next digit by the regex engine (most of the prose is no number), then not a
    // number's first digit: 12.5's 5 is inside one
    NEXT_DIGIT.lastIndex = i;
    if (!NEXT_DIGIT.test(text)) break;
    i = NEXT_DIGIT.lastIndex - 1;
    if (i > 0 && (isDigitCode(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 46)) {
      i++;
      continue;
    }
    const start = i;
    const j = numberEnd(text, i);
    if (j < 0) {
      // too long, or an absurd decimal: skip the rest of the run
      i = -j;
      continue;
    }
    const unit = text.charCodeAt(j);
    if (UNIT_CODES.has(unit)) {
      const end = j + 1;
      const written = text.slice(start, j);
      const { sentence, clause } = contextBefore(text, start);
      out.push({ start, end, value: Number(written.includes(',') ? written.replace(/,/g, '') : written), unit: text[j]!, sentence, clause, after: contextAfter(text, end) });
    }
    i = j;
  }
  return out;
}

/**
 * Where the number starting at `i` ends: 1,234 (half-width thousands separators) and 12.5,
 * at most MAX_DIGITS digits before the point. A number too long to be a count, or a decimal
 * with more digits than MAX_DIGITS + 4 characters: minus the end of its run of digits.
 */
function numberEnd(text: string, i: number): number {
  const n = text.length;
  let digits = 0;
  let j = i;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (isDigitCode(c)) digits++;
    else if (!(c === 44 && isDigitCode(text.charCodeAt(j + 1)) && isDigitCode(text.charCodeAt(j + 2)) && isDigitCode(text.charCodeAt(j + 3)) && !isDigitCode(text.charCodeAt(j + 4)))) break;
    j++;
    if (digits > MAX_DIGITS) break;
  }
  if (digits > MAX_DIGITS) return -runEnd(text, j);
  if (text.charCodeAt(j) === 46 && isDigitCode(text.charCodeAt(j + 1))) {
    // the point and the decimals count as the number's characters
    let length = digits + 1;
    j++;
    while (j < n && isDigitCode(text.charCodeAt(j)) && length <= MAX_DIGITS + 4) {
      length++;
      j++;
    }
  }
  return isDigitCode(text.charCodeAt(j)) ? -runEnd(text, j) : j;
}

function runEnd(text: string, j: number): number {
  while (j < text.length && isDigitCode(text.charCodeAt(j))) j++;
  return j;
}
