/** The report's frame: title (unit, year), the six sections, and where the three tables are. */
import type { Section } from '../report.ts';
import { SECTION_TITLES } from '../rules/messages.ts';
import { compact, isGap } from './normalize.ts';

/**
 * each section's keyword: a word, or for the fourth a pattern whose every alternative holds
 * 复议. Searched for by includes() (a regex call costs many times more, and 表三's numbered
 * rows, each a short numbered line, are all asked), the pattern only where 复议 is there.
 */
const SECTION_KEYS: (string | { holds: string; re: RegExp })[] = [
  '总体情况',
  '主动公开政府信息',
  '收到和处理政府信息公开申请',
  { holds: '复议', re: /行政复议|行政法复议|复议.{0,3}行政诉讼/ },
  '存在的主要问题',
  '其他需要报告',
];
/** the first section whose keyword the compacted line holds (-1: none) */
function sectionOf(c: string): number {
  for (let k = 0; k < SECTION_KEYS.length; k++) {
    const key = SECTION_KEYS[k]!;
    if (typeof key === 'string' ? c.includes(key) : c.includes(key.holds) && key.re.test(c)) return k;
  }
  return -1;
}
/**
 * one character of each of SECTION_KEYS (体 动 到 议 存 告; every alternative of the fourth
 * holds 议), by code: the ones 表三's numbered rows rarely hold (其他, 总计, 新收 do), so
 * those rows are ruled out before they are compacted
 */
const KEY_CHARS = '体动到议存告';
const KEY_CHAR = new Uint8Array(0x10000);
for (const ch of KEY_CHARS) KEY_CHAR[ch.charCodeAt(0)] = 1;
/** the same characters as a pattern, to search a whole text at once (linesWith) */
const KEY_CHAR_RE = new RegExp(`[${KEY_CHARS}]`, 'g');
// a keyword without one of them would never be found: said at load, not by a missing section
for (const key of SECTION_KEYS) {
  const word = typeof key === 'string' ? key : key.holds;
  if (![...word].some((ch) => KEY_CHAR[ch.charCodeAt(0)] === 1)) throw new Error(`section keyword ${word} holds none of KEY_CHAR`);
}
/** a heading's number as the template writes it (一、) or as converters renumber it (1. 第一部分 (1)) */
const HEADING = /^(?:[一二三四五六七八九十]{1,2}[、.]|[（(]?[一二三四五六][）)]|第[一二三四五六]部分[：:、.]?|[1-6][、.](?!\d)|[（(][1-6][）)])/;
/** the characters HEADING can start with, by code: other lines skip the regex */
const HEADING_FIRST = new Uint8Array(0x10000);
for (const ch of '一二三四五六七八九十（(第123456') HEADING_FIRST[ch.charCodeAt(0)] = 1;
/** a digit 1–6 starts a heading only before 、 or . (PDF value streams are lines of numbers) */
const digitHeading = (first: number, second: number) => first < 49 || first > 54 || second === 0x3001 || second === 46;
const mayBeHeading = (c: string) => HEADING_FIRST[c.charCodeAt(0)] === 1 && digitHeading(c.charCodeAt(0), c.charCodeAt(1)) && HEADING.test(c);

/**
 * a heading glued to the end of the paragraph before it (a converter lost the break): what
 * follows the line's last 。；！, 2 to 36 characters. By lastIndexOf, not a regex ending in $,
 * which tries every sentence end of every long prose line.
 */
function gluedHeading(line: string): string | null {
  const last = lastSentenceEnd(line);
  // compacted (it may come from a line as it is: compacting keeps 。；！, so the tail is the same)
  const tail = last < 0 ? '' : compact(line.slice(last + 1));
  return tail.length >= 2 && tail.length <= 36 ? tail : null;
}

/**
 * the position of the line's last 。；or ！ (-1: none). Prose ends with its mark: a scan of
 * the last few characters finds it, where three lastIndexOf calls would each read the line
 * for marks it lacks. A line with none near its end (a table's row) is left to those calls,
 * many times faster on a long line than a loop over every character.
 */
function lastSentenceEnd(line: string): number {
  const near = Math.max(0, line.length - 8);
  for (let i = line.length - 1; i >= near; i--) {
    const c = line.charCodeAt(i);
    if (c === 0x3002 || c === 0xff1b || c === 0xff01) return i;
  }
  return near === 0 ? -1 : Math.max(line.lastIndexOf('。', near - 1), line.lastIndexOf('；', near - 1), line.lastIndexOf('！', near - 1));
}

/**
 * The lines compacted (compact() of each), as an array or made on demand (CompactLines):
 * most of a report's lines are prose that no search here needs compacted.
 */
export interface Compacts {
  readonly length: number;
  at(i: number): string | undefined;
}


/** whether compact(line) is at most `max` characters long, without making it (a long prose line is ruled out early) */
function keptAtMost(line: string, max: number): boolean {
  if (line.length <= max) return true;
  let kept = 0;
  for (let i = 0; i < line.length; i++) if (!isGap(line.charCodeAt(i)) && ++kept > max) return false;
  return true;
}

/** the code of the first character from `from` on that compact() keeps (NaN: none) */
function firstKept(line: string, from: number): number {
  return line.charCodeAt(keptFrom(line, from));
}

/** the position of the first character from `from` on that compact() keeps (the length: none) */
function keptFrom(line: string, from: number): number {
  let i = from;
  while (i < line.length && isGap(line.charCodeAt(i))) i++;
  return i;
}

/** whether the compacted text from `from` on can start a heading, by its first two characters */
function headingStart(line: string, from: number): boolean {
  const i = keptFrom(line, from);
  const first = line.charCodeAt(i);
  return HEADING_FIRST[first] === 1 && digitHeading(first, line.charCodeAt(keptFrom(line, i + 1)));
}

/**
 * Whether a line (not compacted) may hold a heading: compacted, it starts with a heading's
 * first character, or its last sentence end is followed by one (findSections' two cases).
 * A short line (表三's numbered rows) must hold a keyword's character too (compacting keeps
 * them all): one scan of it, no need to compact it.
 */
function mayHoldHeading(line: string): boolean {
  const n = line.length;
  if (n <= 40) {
    if (!headingStart(line, 0)) return false;
    for (let i = 0; i < n; i++) if (KEY_CHAR[line.charCodeAt(i)] === 1) return true;
    return false;
  }
  if (headingStart(line, 0)) return true;
  const last = lastSentenceEnd(line);
  return last >= 0 && headingStart(line, last + 1);
}

/**
 * The lines from `first` on (0-based, ascending) that hold a character of `re` (a global
 * pattern of one character class): `text` is the lines joined by line breaks. One native
 * search of the text, each line's rest skipped at its first hit — where a test of every
 * line (most hold none: table rows, numbers) costs a call a line. `visit` is given each
 * such line until it returns true; the line it stopped at is returned (-1: none).
 */
function linesWith(re: RegExp, text: string, lines: readonly string[], first: number, visit: (i: number) => boolean): number {
  let line = 0;
  let start = 0;
  while (line < first && line < lines.length) start += lines[line++]!.length + 1;
  if (line >= lines.length) return -1;
  // where the current line ends (its line break, or the text's end)
  let end = start + lines[line]!.length;
  re.lastIndex = start;
  // (test, not exec: no match array; the match is one character, just before lastIndex)
  while (re.test(text)) {
    const at = re.lastIndex - 1;
    while (at > end) end += 1 + lines[++line]!.length;
    if (visit(line)) return line;
    re.lastIndex = end + 1;
  }
  return -1;
}

/**
 * headings of the six sections, found by their keyword on a short numbered line (or glued
 * to the end of one); `lines`, the lines before compacting, when given; `text`, those lines
 * joined by line breaks, when the caller has it: only the lines that hold a keyword's
 * character are looked at then (a heading is a part of its line, compacted, and every
 * keyword holds one of KEY_CHAR — checked at load)
 */
export function findSections(compactLines: Compacts, lines?: readonly string[], text?: string): Section[] {
  const found: Section[] = [];
  const visit = (i: number): boolean => {
    // most lines are ruled out by their characters, before they are compacted
    if (lines && !mayHoldHeading(lines[i]!)) return false;
    // a long line (compacted, longer than 40) is not compacted whole: only a heading glued to its end can be one
    let c = lines && !keptAtMost(lines[i]!, 40) ? null : compactLines.at(i)!;
    if (c === null || c.length > 40) {
      const g = gluedHeading(c ?? lines![i]!);
      if (g === null || !mayBeHeading(g)) return false;
      c = g;
    }
    // (the keyword first: most numbered lines asked hold none, and includes() is cheaper than HEADING)
    const k = sectionOf(c);
    if (k < 0 || !mayBeHeading(c) || found.some((s) => s.n === k + 1)) return false;
    // 表三's own rows 一、本年新收 … 四、结转下年度 are not headings: they hold none of the keywords
    found.push({ n: k + 1, title: SECTION_TITLES[k]!, line: i + 1 });
    return false;
  };
  if (lines && text !== undefined) linesWith(KEY_CHAR_RE, text, lines, 0, visit);
  else for (let i = 0; i < compactLines.length; i++) visit(i);
  return found.sort((a, b) => a.n - b.n);
}

const YEAR = /((?:19|20)\d{2})[ ]*年/;
const PERIOD = /统计(?:期限|周期|时限|区间|时段|期间)[^0-9]{0,16}((?:19|20)\d{2})[ ]*年/;

const RUN_ON_TITLE = /^(.{2,48}?(?:政府信息公开工作年度报告|信息公开工作年度报告|政府信息公开年度报告))(?=本报告|根据|按照|依据|一、|[（(]一[)）])/;

export interface TitleInfo {
  title: string | null;
  line: number | null;
  unit: string | null;
  titleYear: number | null;
}

/** the title may span two or three lines (unit / year and name / 年度报告) */
export function findTitle(lines: readonly string[], compactLines: Compacts, firstSection: number): TitleInfo {
  const limit = Math.min(firstSection > 0 ? firstSection - 1 : 30, 30, lines.length);
  const nonEmpty: number[] = [];
  for (let i = 0; i < limit; i++) if (compactLines.at(i)) nonEmpty.push(i);
  // a title run together with the text after it (a page on one line) is the line's start
  const head = (c: string) => (c.length <= 60 ? c : (RUN_ON_TITLE.exec(c)?.[1] ?? c));
  const at = nonEmpty.findIndex((i) => /政府信息公开|年度报告|工作报告/.test(compactLines.at(i)!) && head(compactLines.at(i)!).length <= 60);
  if (at < 0) return { title: null, line: null, unit: null, titleYear: null };
  const i = nonEmpty[at]!;
  let title = head(compactLines.at(i)!);
  const next = nonEmpty[at + 1];
  if (!/报告$/.test(title) && next !== undefined && /报告$/.test(compactLines.at(next)!) && compactLines.at(next)!.length <= 12) {
    title += compactLines.at(next);
  }
  const prev = nonEmpty[at - 1];
  // the unit (and maybe the year) on the line above: 青山镇2021年 / 政府信息公开工作年度报告
  if (/^((?:19|20)\d{2})?年?度?(?:政府信息公开|信息公开工作)/.test(title) && prev !== undefined && compactLines.at(prev)!.length <= 30 && !/^正文$|^目录$/.test(compactLines.at(prev)!)) {
    title = compactLines.at(prev)! + title;
  }
  const yearMatch = YEAR.exec(title);
  let unit = title.replace(/((?:19|20)\d{2})年度?/, '').split(/政府信息公开|信息公开工作|年度报告|工作报告/)[0]!.replace(/^关于/, '');
  unit = unit.replace(/^(?:标题|题目|名称)[:：]/, '').replace(/[《》“”"']/g, '');
  return { title, line: i + 1, unit: unit || null, titleYear: yearMatch ? Number(yearMatch[1]) : null };
}

/** a year the prose names (not 2019年以来, 2019年前 …) */
const YEARS = /((?:19|20)\d{2})[ ]*年(?!以来|前|之前|底前)/g;

/** the statistics period's year as the text states it, else the year the prose names most */
export function findYear(text: string): { period: number | null; mode: number | null } {
  const p = PERIOD.exec(text);
  const counts = new Map<number, number>();
  // by exec, not matchAll: no iterator and no copy of the pattern for every report
  YEARS.lastIndex = 0;
  for (let m = YEARS.exec(text); m; m = YEARS.exec(text)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let mode: number | null = null;
  let best = 0;
  for (const [y, n] of counts) if (n > best || (n === best && mode !== null && y > mode)) [mode, best] = [y, n];
  return { period: p ? Number(p[1]) : null, mode };
}

export interface Regions {
  /** 0-based [start, end) line ranges; null when the table was not found */
  t2: [number, number] | null;
  t3: [number, number] | null;
  t4: [number, number] | null;
}

const T2_ANCHOR = /^第二十条第（[一二三四五六七八九十]{1,2}）项/;
const T3_ANCHOR = /勾稽关系|申请人情况|^一.?本年新收/;
const T4_ANCHOR = /复议.*行政诉讼|^行政复议/;
const END_ANCHOR = /^(?:[五六][、.])|存在的主要问题|其他需要报告|^（[一二]）(?:主要问题|存在问题)/;

/**
 * What a line (not compacted) must hold for each anchor to match it compacted, by its
 * characters: most lines are passed over without compacting them or running the pattern.
 * Compacting drops only gaps, so a character the pattern needs is in the line as it is, and
 * the compacted line starts with the line's first character that is no gap. One of `anywhere`
 * in the line, or one of `first` as that first character.
 */
interface Needs {
  anywhere: string;
  first: string;
}

/**
 * whether a line as it is may match (`may`), and a pattern of the same characters to search a
 * whole text for the lines worth asking (`hint`, linesWith): both from one `Needs`
 */
function needs(n: Needs): { may: (line: string) => boolean; hint: RegExp } {
  const firsts = [...n.first].map((c) => c.charCodeAt(0));
  const anywhere = [...n.anywhere];
  return {
    may: (line) => anywhere.some((c) => line.includes(c)) || (firsts.length > 0 && firsts.includes(firstKept(line, 0))),
    hint: new RegExp(`[${n.anywhere}${n.first}]`, 'g'),
  };
}

const T2_NEEDS = needs({ anywhere: '', first: '第' });
const T3_NEEDS = needs({ anywhere: '勾申', first: '一' });
const T4_NEEDS = needs({ anywhere: '复', first: '' });
const END_NEEDS = needs({ anywhere: '存其', first: '五六（' });

/** `text`: the lines joined by line breaks, when the caller has it (the lines to test are found by a search of it then) */
export function findRegions(compactLines: Compacts, sections: Section[], lines?: readonly string[], text?: string): Regions {
  const n = compactLines.length;
  /** `may`: whether a line as it is may match, to pass lines over uncompacted; `hint`: what `may` needs one of */
  const from = (start: number, re: RegExp, maxLen: number, { may, hint }: ReturnType<typeof needs>) => {
    const at = (i: number) => {
      if (lines && (!may(lines[i]!) || !keptAtMost(lines[i]!, maxLen))) return false;
      const c = compactLines.at(i)!;
      return c.length <= maxLen && re.test(c);
    };
    if (lines && text !== undefined) return linesWith(hint, text, lines, Math.max(0, start), at);
    for (let i = Math.max(0, start); i < n; i++) if (at(i)) return i;
    return -1;
  };
  const sec = (k: number) => sections.find((s) => s.n === k)?.line;
  let t2s = from(0, T2_ANCHOR, 80, T2_NEEDS);
  if (t2s < 0 && sec(2) !== undefined) t2s = sec(2)!;
  let t3s = from(Math.max(t2s, 0), T3_ANCHOR, 120, T3_NEEDS);
  if (t3s < 0 && sec(3) !== undefined) t3s = sec(3)!;
  const t4s = from(Math.max(t3s, t2s, 0) + 1, T4_ANCHOR, 40, T4_NEEDS);
  let t4e = t4s >= 0 ? from(t4s + 1, END_ANCHOR, 40, END_NEEDS) : -1;
  if (t4e < 0) t4e = n;
  const t2e = t3s >= 0 ? t3s : t4s >= 0 ? t4s : n;
  const t3e = t4s >= 0 ? t4s : n;
  return {
    t2: t2s >= 0 && t2e > t2s ? [t2s, t2e] : null,
    t3: t3s >= 0 && t3e > t3s ? [t3s, t3e] : null,
    t4: t4s >= 0 ? [t4s, t4e] : null,
  };
}

/** the ending of a unit's name: a signature line is one of these, standing alone */
const UNIT_END = /(?:人民政府|办事处|委员会|管理委员会|局|厅|委|办公室|办|中心|院|所|镇|乡|街道|政府|管理处|站|队|馆|公司)$/;
const DATE_LINE = /^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$/;

/**
 * A page copied from below its title: the unit from the signature above the closing date
 * (else the line right before the date), or, as a last resort, the file name.
 * Returns where it was found, to say so.
 */
export function unitFromBody(compactLines: Compacts, source: string): { unit: string; where: string; line: number | null } | null {
  const tail: number[] = [];
  for (let i = compactLines.length - 1; i >= 0 && tail.length < 8; i--) if (compactLines.at(i)) tail.push(i);
  for (const i of tail) {
    if (!DATE_LINE.test(compactLines.at(i)!)) continue;
    const prev = tail.find((j) => j < i);
    const name = prev !== undefined ? compactLines.at(prev)!.replace(/[（(].*[）)]$/, '') : '';
    if (name.length >= 3 && name.length <= 30 && UNIT_END.test(name) && !/[。，；：]/.test(name)) {
      return { unit: name, where: `文末署名（第 ${prev! + 1} 行）`, line: prev! + 1 };
    }
  }
  const file = source.split(/[\\/]/).pop()!.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const unit = file
    .replace(/((?:19|20)\d{2})年度?/, '')
    .split(/政府信息公开|信息公开工作|年度报告|工作报告/)[0]!
    .replace(/^关于|[《》“”"'\s]/g, '');
  if (unit.length >= 3 && UNIT_END.test(unit)) return { unit, where: `文件名“${file}”`, line: null };
  return null;
}
