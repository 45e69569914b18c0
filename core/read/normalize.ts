/**
 * Clean pasted text before matching (spec §7), keeping one output line per input line so
 * that every value can point at its source line. No replacement here touches a newline.
 */
import { traditionalToSimplified, type Converter } from './t2s.ts';
import { changedByConverter } from './t2s-chars.ts';

/** the converter, built on the first text that holds a character it changes */
let t2s: Converter | null = null;
const converter = (): Converter => (t2s ??= traditionalToSimplified());

/** a bitmap over the BMP of the characters the converter changes (a regex class of 3,000
 * characters is ten times slower to scan than this loop) */
let tradMap: Uint8Array | null = null;

function hasTraditional(s: string, map: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) if (map[s.charCodeAt(i)]) return true;
  return false;
}

/** the characters the converter changes, from its dictionaries (no converter needed to know them) */
const traditionalChars = (): Uint8Array => (tradMap ??= changedByConverter());

/** odd spaces, and ? which mirror sites write for a space (real question marks are full-width) */
const SPACES = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff?]/g;
/** full-width forms but the punctuation Chinese text keeps: （）：，；！？ */
const FULLWIDTH = /[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e]/g;
const fromFullwidth = (ch: string) => (ch === '－' ? '-' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

const BOOKMARK = /\[bookmark:[^\]\n]*\]/g;
const HEADING_MARKS = /^[ \t]*#{1,6}[ \t]*/gm;
/** a pinyin annotation after a Han character: 鄉(xiāng) */
const PINYIN = /([\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,8}[)）]/g;
const LIST_NUMBER = /(^|[^\d.])(\d{1,2})[、．]/g;
/**
 * a stray digit before a list number at the start of a cell: 12.没有现成信息 → 2.没有现成信息.
 * Only at a cell's start: in a run of digits (…0 03.危及) the digit is a value.
 */
const STRAY_LIST_DIGIT = /(^|[\t|])([ ]*)\d([1-8]\.)(?=[\u4e00-\u9fff])/gm;

/** the steps before the character mapping, each needed only where its character is there */
const PRE_CR = 1;
const PRE_BRACKET = 2;
const PRE_HASH = 4;
const PRE_STAR = 8;
const PRE_UNDERSCORE = 16;
const PRE_PAREN = 32;
const PRE_TRADITIONAL = 64;
/** pinyin after a bracket (the PINYIN pattern's letters), found in the same pass */
const PRE_PINYIN = 128;
/** after the mapping: what LIST_NUMBER, STRAY_LIST_DIGIT (but its start) and the two typos need to match at all */
const POST_LIST = 1;
const POST_STRAY = 2;
const POST_BUZI = 4;
const POST_BUZHENG = 8;
/** the characters a POST_* pattern ends with (、．.子启啟), by code: only at these does mapPass look back */
const POST_END = new Uint8Array(0x10000);
for (const ch of '、．.子启啟') POST_END[ch.charCodeAt(0)] = 1;

interface Tables {
  /** PRE_* bits of each character */
  pre: Uint8Array;
  /** the pinyin letters of PINYIN */
  letter: Uint8Array;
  /**
   * what SPACES, the brackets, \\, U+2212 and FULLWIDTH make of a character, in that order
   * (0: left as it is): all of them map one character to one, so one pass does them all
   */
  map: Uint16Array;
  /** 1 where a character has PRE_* bits, a mapping, or ends a POST_* pattern (POST_END): the rest pass in one test */
  any: Uint8Array;
}

let tables: Tables | null = null;

function buildTables(trad: Uint8Array): Tables {
  const pre = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (trad[c]) pre[c] = PRE_TRADITIONAL;
  const mark: [string, number][] = [['\r', PRE_CR], ['[', PRE_BRACKET], ['#', PRE_HASH], ['*', PRE_STAR], ['_', PRE_UNDERSCORE], ['(', PRE_PAREN], ['（', PRE_PAREN]];
  for (const [ch, bit] of mark) pre[ch.charCodeAt(0)]! |= bit;
  const letter = new Uint8Array(0x10000);
  for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ') letter[ch.charCodeAt(0)] = 1;
  // the characters each pattern matches, by one scan of every BMP character (not 65,536 tests)
  const codes: string[] = [];
  for (let c = 0; c < 0x10000; c += 0x1000) codes.push(String.fromCharCode(...Array.from({ length: 0x1000 }, (_, k) => c + k)));
  const every = codes.join('');
  const matched = (re: RegExp) => {
    const on = new Uint8Array(0x10000);
    for (const m of every.matchAll(re)) on[m.index] = 1;
    return on;
  };
  const space = matched(SPACES);
  const full = matched(FULLWIDTH);
  const map = new Uint16Array(0x10000);
  const own = new Set([...'()\\\u2212'].map((ch) => ch.charCodeAt(0)));
  for (let c = 0; c < 0x10000; c++) {
    // the others are left as they are by every step
    if (!space[c] && !full[c] && !own.has(c)) continue;
    let ch = String.fromCharCode(c);
    if (space[c]) ch = ' ';
    if (ch === '(') ch = '（';
    if (ch === ')') ch = '）';
    if (ch === '\\') ch = '/';
    if (ch === '\u2212') ch = '-';
    if (full[ch.charCodeAt(0)]) ch = fromFullwidth(ch);
    if (ch.charCodeAt(0) !== c) map[c] = ch.charCodeAt(0);
  }
  const any = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (pre[c] || map[c] || POST_END[c]) any[c] = 1;
  return { pre, letter, map, any };
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
/** STRAY_LIST_DIGIT's [\u4e00-\u9fff] (NaN past the end is none) */
const isHanCode = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/**
 * One pass over the text: the character mapping (SPACES … FULLWIDTH), the PRE_* bits of the
 * characters read, and the POST_* bits of the characters written. `stop` (PRE_TRADITIONAL):
 * from the first such character on only the PRE_* bits (out null): that text is converted,
 * then mapped again.
 */
function mapPass(s: string, t: Tables, stop: number): { out: string | null; pre: number; post: number } {
  const { pre: preOf, letter, map, any } = t;
  const n = s.length;
  let pre = 0;
  let post = 0;
  let out = '';
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // (nearly every character: nothing to do, not even to remember it)
    if (any[c] === 0) continue;
    const bits = preOf[c]!;
    if (bits !== 0) {
      pre |= preAt(s, i, bits, letter);
      // a traditional text is mapped again once converted: the rest only for its PRE_* bits
      if (bits & stop) return { out: null, pre: pre | preBits(s, i + 1, t), post: 0 };
    }
    let m = map[c]!;
    if (m !== 0) {
      out += s.slice(from, i) + String.fromCharCode(m);
      from = i + 1;
    } else m = c;
    // the POST_* patterns' characters: the two written before this one are asked for only here
    if (POST_END[m] === 1) {
      const p1 = writtenAt(s, i - 1, map);
      if ((m === 0x3001 || m === 0xff0e) && isDigitCode(p1)) post |= POST_LIST;
      // (the character after: one of U+4E00–U+9FFF is mapped to none, and none to one)
      else if (m === 46 && p1 >= 49 && p1 <= 56 && isDigitCode(writtenAt(s, i - 2, map)) && isHanCode(s.charCodeAt(i + 1))) post |= POST_STRAY;
      else if (m === 0x5b50 && p1 === 0x4e0d) post |= POST_BUZI; // 不子
      else if ((m === 0x542f || m === 0x555f) && p1 === 0x6b63 && writtenAt(s, i - 2, map) === 0x8865) post |= POST_BUZHENG; // 补正启 补正啟
    }
  }
  return { out: from === 0 ? s : out + s.slice(from), pre, post };
}

/** what mapPass writes for the character at i (-1 before the text's start) */
function writtenAt(s: string, i: number, map: Uint16Array): number {
  if (i < 0) return -1;
  const c = s.charCodeAt(i);
  return map[c] || c;
}

/** the PRE_* bits of the character at i (its `bits`), with PRE_PINYIN for a bracket before a pinyin letter */
function preAt(s: string, i: number, bits: number, letter: Uint8Array): number {
  return bits & PRE_PAREN && i + 1 < s.length && letter[s.charCodeAt(i + 1)] ? bits | PRE_PINYIN : bits;
}

/** the PRE_* bits of s[from…] (mapPass's, without the mapping) */
function preBits(s: string, from: number, t: Tables): number {
  let pre = 0;
  for (let i = from; i < s.length; i++) {
    const bits = t.pre[s.charCodeAt(i)]!;
    if (bits !== 0) pre |= preAt(s, i, bits, t.letter);
  }
  return pre;
}

/** an ideographic description character: the converter reads the characters after it, the next line's too */
const IDS = /[\u2ff0-\u2fff]/;

/**
 * Only lines that hold a traditional character are converted, each as if alone. No entry
 * of the dictionaries holds a line break, so converting those lines joined by breaks gives
 * each line's conversion, in one call instead of one a line — unless an ideographic
 * description character could reach over a break.
 */
function convertLines(s: string, trad: Uint8Array, convert: Converter): string {
  // the converter's own pass over the lines, where it holds: no split, no join
  const fast = convert.lines(s, trad);
  if (fast !== null) return fast;
  const lines = s.split('\n');
  const at: number[] = [];
  for (let i = 0; i < lines.length; i++) if (hasTraditional(lines[i]!, trad)) at.push(i);
  if (at.length > 1 && !IDS.test(s)) {
    const converted = convert(at.map((i) => lines[i]!).join('\n')).split('\n');
    at.forEach((i, k) => (lines[i] = converted[k]!));
  } else for (const i of at) lines[i] = convert(lines[i]!);
  return lines.join('\n');
}

/**
 * Normalise a whole text; the result has exactly as many lines as the input. Every report
 * read passes here, so the common case is one pass over the text: the rare steps (carriage
 * returns, bookmarks, Markdown marks, pinyin, traditional characters) run only where that
 * pass saw their characters, and the text is mapped again after them.
 */
export function normalizeText(text: string): string {
  const trad = traditionalChars();
  const t = (tables ??= buildTables(trad));
  let r = mapPass(text, t, PRE_TRADITIONAL);
  if (r.pre & (PRE_CR | PRE_BRACKET | PRE_HASH | PRE_STAR | PRE_UNDERSCORE | PRE_PINYIN | PRE_TRADITIONAL)) {
    // these steps only take characters away (and \r becomes \n): a character the text lacks, they cannot bring
    let s = r.pre & PRE_CR ? text.replace(/\r\n?/g, '\n') : text;
    if (r.pre & PRE_BRACKET && s.includes('[bookmark:')) s = s.replace(BOOKMARK, '');
    if (r.pre & PRE_HASH) s = s.replace(HEADING_MARKS, '');
    // Markdown emphasis from PDF converters (**一、总体情况**, __…__) says nothing about the content
    if (r.pre & PRE_STAR && s.includes('**')) s = s.replace(/\*\*/g, '');
    if (r.pre & PRE_UNDERSCORE && s.includes('__')) s = s.replace(/__/g, '');
    // taking characters away may bring a bracket next to a letter
    if (r.pre & PRE_PINYIN || (s !== text && r.pre & PRE_PAREN)) s = s.replace(PINYIN, '$1');
    // (convertLines finds the lines that hold one: a text whose steps took them all away comes back as it was)
    if (r.pre & PRE_TRADITIONAL) s = convertLines(s, trad, converter());
    // (the pass that stopped at a traditional character is made whole if nothing changed after all)
    if (s !== text || r.out === null) r = mapPass(s, t, 0);
  }
  let s = r.out!;
  if (r.post & POST_LIST) {
    const before = s;
    s = s.replace(LIST_NUMBER, '$1$2.');
    // 1、 made 1. may have made a stray digit's pattern
    if (s !== before) r.post |= POST_STRAY;
  }
  if (r.post & POST_STRAY) s = s.replace(STRAY_LIST_DIGIT, '$1$2$3');
  if (r.post & POST_BUZI) s = s.replace(/不子/g, '不予');
  if (r.post & POST_BUZHENG) s = s.replace(/补正[啟启]/g, '补正后');
  return s;
}

/** compact() of each line, made when first asked for: most of a report's lines are prose no search needs compacted */
export class CompactLines {
  private readonly made: (string | undefined)[];
  constructor(readonly lines: readonly string[]) {
    this.made = new Array<string | undefined>(lines.length);
  }
  get length(): number {
    return this.lines.length;
  }
  at(i: number): string | undefined {
    return i >= 0 && i < this.lines.length ? (this.made[i] ??= compact(this.lines[i]!)) : undefined;
  }
  /** lines [a, b) compacted, as Array.prototype.slice gives them (a, b ≥ 0) */
  slice(a: number, b: number = this.lines.length): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, a); i < Math.min(b, this.lines.length); i++) out.push(this.at(i)!);
    return out;
  }
  /** lines [a, b) compacted, joined */
  join(a: number, b: number): string {
    let out = '';
    for (let i = Math.max(0, a); i < Math.min(b, this.lines.length); i++) out += this.at(i);
    return out;
  }
}

/** what compact() drops: space, tab, newline, and a form feed (pdftotext's page break, at the start of a page's first line) */
const GAP_CHARS = ' \t\n\f';
/** the same as patterns: one to ask, one to take them all away */
const GAP = new RegExp(`[${GAP_CHARS}]`);
const GAPS = new RegExp(`[${GAP_CHARS}]+`, 'g');

/**
 * A label as it is matched: no whitespace at all (PDF and Word break labels with spaces).
 * By native searches, not a loop over the characters: the strings compacted come in many
 * representations (slices of the text, copies, joined strings), and a loop reading them
 * through s.length and s.charCodeAt compiles those as generic lookups (about 3 % of all
 * the reader's instructions, where this takes a few tenths).
 */
export function compact(s: string): string {
  return GAP.test(s) ? s.replace(GAPS, '') : s;
}

/** whether a character is one of GAP_CHARS, by its code (one test for the rest: most characters are above 32) */
export const isGap = (c: number) => c <= 32 && (c === 32 || c === 9 || c === 10 || c === 12);
// the codes written out above are GAP_CHARS (all of them at most 32): said at load, not by a label that no longer matches
for (let c = 0; c <= 32; c++) if (isGap(c) !== GAP_CHARS.includes(String.fromCharCode(c))) throw new Error(`isGap 与 GAP_CHARS 不一致：${c}`);
if ([...GAP_CHARS].some((ch) => ch.charCodeAt(0) > 32)) throw new Error('GAP_CHARS 中有码位大于 32 的字符，isGap 认不出');
