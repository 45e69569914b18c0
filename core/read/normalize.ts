/**
 * Clean pasted text before matching (spec §7), keeping one output line per input line so
 * that every value can point at its source line. No replacement here touches a newline.
 */
import * as OpenCC from 'opencc-js/t2cn';
import { traditionalToSimplified } from './t2s.ts';

type Convert = (s: string) => string;

let t2s: Convert | null = null;
/** a bitmap over the BMP of the characters the converter changes (a regex class of 3,000
 * characters is ten times slower to scan than this loop) */
let tradMap: Uint8Array | null = null;

function hasTraditional(s: string, map: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) if (map[s.charCodeAt(i)]) return true;
  return false;
}

/** the converter and the set of characters it would change, built on first use */
function traditional(): { convert: Convert; map: Uint8Array } {
  if (!t2s || !tradMap) {
    const api = OpenCC as unknown as { Locale: { from: Record<string, unknown[]>; to: Record<string, unknown[]> } };
    // the library's Converter({ from: 'tw', to: 'cn' }), exactly, at a fraction of its cost
    t2s = traditionalToSimplified();
    const map = new Uint8Array(0x10000);
    // the dictionaries are strings of "from to|from to|…", nested in arrays
    for (const dict of [api.Locale.from.tw ?? [], api.Locale.to.cn ?? []].flat(3)) {
      for (const pair of String(dict).split('|')) {
        const [from, to] = pair.split(' ');
        // keep only characters the converter itself changes (some entries map a character to itself)
        if (from && to && from !== to && from.length === 1 && t2s(from) !== from) map[from.charCodeAt(0)] = 1;
      }
    }
    tradMap = map;
  }
  return { convert: t2s, map: tradMap };
}

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

/** Normalise a whole text; the result has exactly as many lines as the input. */
export function normalizeText(text: string): string {
  let s = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (s.includes('[bookmark:')) s = s.replace(BOOKMARK, '');
  if (s.includes('#')) s = s.replace(HEADING_MARKS, '');
  // Markdown emphasis from PDF converters (**一、总体情况**, __…__) says nothing about the content
  if (s.includes('**')) s = s.replace(/\*\*/g, '');
  if (s.includes('__')) s = s.replace(/__/g, '');
  if (s.includes('(') || s.includes('（')) s = s.replace(PINYIN, '$1');
  const { convert, map } = traditional();
  if (hasTraditional(s, map)) {
    // only lines that hold a traditional character pay for the conversion
    s = s
      .split('\n')
      .map((line) => (hasTraditional(line, map) ? convert(line) : line))
      .join('\n');
  }
  // simple string replacements (no callback) where the character is there at all
  s = s.replace(SPACES, ' ');
  if (s.includes('(')) s = s.replace(/\(/g, '（');
  if (s.includes(')')) s = s.replace(/\)/g, '）');
  if (s.includes('\\')) s = s.replace(/\\/g, '/');
  if (s.includes('\u2212')) s = s.replace(/\u2212/g, '-');
  FULLWIDTH.lastIndex = 0;
  if (FULLWIDTH.test(s)) s = s.replace(FULLWIDTH, fromFullwidth);
  if (s.includes('、') || s.includes('．')) s = s.replace(LIST_NUMBER, '$1$2.');
  s = s.replace(STRAY_LIST_DIGIT, '$1$2$3');
  if (s.includes('不子')) s = s.replace(/不子/g, '不予');
  if (s.includes('补正')) s = s.replace(/补正[啟启]/g, '补正后');
  return s;
}

/** A label as it is matched: no whitespace at all (PDF and Word break labels with spaces). */
export function compact(s: string): string {
  // a loop of slices: twice as fast as a global replace, and every line of every report passes here
  const n = s.length;
  let i = 0;
  while (i < n && !isGap(s.charCodeAt(i))) i++;
  if (i === n) return s;
  let out = s.slice(0, i);
  let from = -1;
  for (; i < n; i++) {
    if (isGap(s.charCodeAt(i))) {
      if (from >= 0) out += s.slice(from, i);
      from = -1;
    } else if (from < 0) from = i;
  }
  return from >= 0 ? out + s.slice(from) : out;
}

/** space, tab, newline, and a form feed (pdftotext's page break, at the start of a page's first line) */
const isGap = (c: number) => c === 32 || c === 9 || c === 10 || c === 12;
