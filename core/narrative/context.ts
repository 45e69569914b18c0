/**
 * Whether a figure is about the report year and about what the tables count. Only the
 * report year's figures are compared (spec §6): not 历年累计, 截至…累计, last year's, nor
 * figures about other things that share the words (12345 热线, 咨询, 信箱 …).
 */

import { charSet } from './chars.ts';

/** words that put the figure in another year, or make it a change rather than a count */
const OTHER_TIME = /历年|上年|去年|上一年|前年|往年|以往|以前年度|同比|环比|较上年|比上年|增长|增加|减少|下降|提高|上升/;
/** the first characters of OTHER_TIME's words: a clause with none of them skips the regex */
const OTHER_TIME_FIRST = charSet('历上去前往以同环较比增减下提');

/** other things counted in words the rules share */
const OTHER_SUBJECT = /12345|热线|信箱|留言|来信|来访|信访|咨询|诉求|建议|提案|举报|投诉|网民|公众号|微信|微博|便民/;
/** words that make 累计 the report year's */
const THIS_YEAR = /本年|今年|全年|当年|本年度/;
/** the code of '0' */
const ZERO = 48;

export interface Place {
  /** the sentence before the figure */
  sentence: string;
  /** the clause before the figure */
  clause: string;
}

/** why the figure is not a report-year count of the tables' kind; null when it is */
export function excluded(p: Place, year: number | null): string | null {
  if (OTHER_TIME_FIRST.inText(p.clause) && OTHER_TIME.test(p.clause)) return '非本年度';
  if (OTHER_SUBJECT.test(p.clause)) return '非申请事项';
  if (p.clause.includes('累计')) {
    if (/截至|截止/.test(p.sentence)) return '截至累计';
    const at = p.clause.indexOf('累计');
    const before = p.clause.slice(0, at);
    const thisYear = THIS_YEAR.test(before) || (year !== null && before.includes(`${year}年`));
    if (!thisYear) return '累计';
  }
  if (year !== null) {
    // the nearest year named before the figure in its sentence decides which year it is about
    const last = lastYear(p.sentence);
    if (last !== null && last !== year) return `${last}年`;
  }
  return null;
}

/**
 * The last year named in the text (19xx年 or 20xx年), or null. By the 年 characters from the
 * end, not a regex over the sentence: every figure asks, and most sentences name 本年度 only.
 */
function lastYear(text: string): number | null {
  for (let at = text.lastIndexOf('年'); at >= 4; at = text.lastIndexOf('年', at - 1)) {
    const year = digitsAt(text, at - 4);
    if (year >= 1900 && year <= 2099) return year;
  }
  return null;
}

/** the four digits at `from` as a number, -1 when they are not four digits */
function digitsAt(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < from + 4; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
