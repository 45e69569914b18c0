/**
 * The figures of the prose: a number followed by a unit (件 条 起 宗 %), with the text around
 * it up to the sentence's and the clause's edge. A hand-written scan, not a regex, so that
 * a line of a million digits or brackets costs one pass.
 */

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
const UNITS = new Set(['件', '条', '起', '宗', '%']);
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';']);
const CLAUSE_END = new Set([...SENTENCE_END, '，', ',', '、', '：', ':', '（', '）', '(', ')', '“', '”', '《', '》']);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/**
 * The scans below go by character code: `text[i]` makes a new one-character string for every
 * Chinese character passed over, and the prose of a report is thousands of them.
 */
const codes = (set: Set<string>) => {
  // a table by code: a Set lookup per character passed over costs more than the scan
  const t = new Uint8Array(0x10000);
  for (const ch of set) t[ch.charCodeAt(0)] = 1;
  return { has: (c: number) => t[c] === 1 };
};
const SENTENCE_END_CODES = codes(SENTENCE_END);
const CLAUSE_END_CODES = codes(CLAUSE_END);
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
    if (!isDigitCode(text.charCodeAt(i)) || (i > 0 && (isDigitCode(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 46))) {
      i++;
      continue;
    }
    const start = i;
    let digits = '';
    let j = i;
    // 1,234 (half-width thousands separators) and 12.5
    while (j < n && (isDigit(text[j]) || (text[j] === ',' && isDigit(text[j + 1]) && isDigit(text[j + 2]) && isDigit(text[j + 3]) && !isDigit(text[j + 4])))) {
      if (text[j] !== ',') digits += text[j];
      j++;
      if (digits.length > MAX_DIGITS) break;
    }
    if (digits.length > MAX_DIGITS) {
      while (j < n && isDigit(text[j])) j++;
      i = j;
      continue;
    }
    if (text[j] === '.' && isDigit(text[j + 1])) {
      digits += '.';
      j++;
      while (j < n && isDigit(text[j]) && digits.length <= MAX_DIGITS + 4) digits += text[j++];
    }
    if (isDigit(text[j])) {
      // an absurd decimal: skip the rest of the run
      while (j < n && isDigit(text[j])) j++;
      i = j;
      continue;
    }
    const unit = text[j];
    if (unit !== undefined && UNITS.has(unit)) {
      const end = j + 1;
      const { sentence, clause } = contextBefore(text, start);
      out.push({ start, end, value: Number(digits), unit, sentence, clause, after: contextAfter(text, end) });
    }
    i = j;
  }
  return out;
}
