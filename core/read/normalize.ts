/**
 * Clean pasted text before matching (spec §7), keeping one output line per input line so
 * that every value can point at its source line. No replacement here touches a newline.
 */
import * as OpenCC from 'opencc-js/t2cn';

type Convert = (s: string) => string;

let t2s: Convert | null = null;
let tradChars: RegExp | null = null;

/** the converter and the set of characters it would change, built on first use */
function traditional(): { convert: Convert; chars: RegExp } {
  if (!t2s || !tradChars) {
    const api = OpenCC as unknown as {
      Converter: (o: { from: string; to: string }) => Convert;
      Locale: { from: Record<string, string[][] | string[]> };
    };
    t2s = api.Converter({ from: 'tw', to: 'cn' });
    const chars = new Set<string>();
    const groups = api.Locale.from.tw ?? [];
    for (const group of groups.flat()) {
      for (const pair of String(group).split('|')) {
        const [from, to] = pair.split(' ');
        if (from && to && [...from].length === 1 && from !== to) chars.add(from);
      }
    }
    // characters of the plain t→s table that this preset covers only through phrases
    for (const ch of '體況開關鄉發報處訊議訴結轉補啟總計據報復審無歸與區劃當獲實圍權責產業務機構織組會社團幫檔種類數據錄應對運營維護術過'.split('')) {
      if (t2s(ch) !== ch) chars.add(ch);
    }
    tradChars = new RegExp(`[${[...chars].join('').replace(/[\]\\^-]/g, '\\$&')}]`);
  }
  return { convert: t2s, chars: tradChars };
}

const BOOKMARK = /\[bookmark:[^\]\n]*\]/g;
const HEADING_MARKS = /^[ \t]*#{1,6}[ \t]*/gm;
const SPACES = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;
const QUESTION_SPACE = /\?/g;
/** a pinyin annotation after a Han character: 鄉(xiāng) */
const PINYIN = /([\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,8}[)）]/g;
const FULLWIDTH = /[\uff01-\uff5e]/g;
const KEEP_FULLWIDTH = new Set(['（', '）', '：', '，', '；', '！', '？']);
const LIST_NUMBER = /(^|[^\d.])(\d{1,2})[、．]/g;
/** a stray digit before a list number: 12.没有现成信息 → 2.没有现成信息 */
const STRAY_LIST_DIGIT = /(^|[^\d.,])\d([1-8]\.)(?=[\u4e00-\u9fff])/g;

const SLIPS: [RegExp, string][] = [
  [/不子/g, '不予'],
  [/补正[啟启]/g, '补正后'],
];

function fullwidthToAscii(s: string): string {
  return s.replace(FULLWIDTH, (ch) => (KEEP_FULLWIDTH.has(ch) ? ch : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Normalise a whole text; the result has exactly as many lines as the input. */
export function normalizeText(text: string): string {
  let s = text.replace(/\r\n?/g, '\n');
  s = s.replace(BOOKMARK, '').replace(HEADING_MARKS, '').replace(SPACES, ' ').replace(QUESTION_SPACE, ' ');
  s = s.replace(PINYIN, '$1');
  const { convert, chars } = traditional();
  if (chars.test(s)) {
    // convert line by line: only lines that hold a traditional character pay for it
    s = s
      .split('\n')
      .map((line) => (chars.test(line) ? convert(line) : line))
      .join('\n');
  }
  s = fullwidthToAscii(s);
  s = s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\\/g, '/').replace(/[－−]/g, '-');
  s = s.replace(LIST_NUMBER, '$1$2.').replace(STRAY_LIST_DIGIT, '$1$2');
  for (const [re, to] of SLIPS) s = s.replace(re, to);
  return s;
}

/** A label as it is matched: no whitespace at all (PDF and Word break labels with spaces). */
export function compact(s: string): string {
  return s.replace(/[ \t\n]+/g, '');
}
