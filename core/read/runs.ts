/**
 * Cells run together. Some web pages give a whole report as one line, every table row's
 * numbers glued into one run of digits (`一、本年新收政府信息公开申请数量640020470`).
 * Here: cutting such a line back into rows at the labels, and splitting a run of digits
 * into cells by the rules — every split that fits is a candidate; one candidate is taken,
 * several leave the cells ambiguous. The search is bounded so that no run can hang it.
 */
import { isTrimmed } from './tokens.ts';

/** where a long line is cut: before section headings, 表二 captions and rows, 表三 rows */
const CUT_BEFORE = new RegExp(
  [
    '[一二三四五六]、(?=总体情况|主动公开政府信息|收到和处理|政府信息公开行政|存在的主要问题|其他需要报告)',
    // and after a section's title, so that the heading stands on a line of its own
    '(?<=[一二三四五六]、(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政[^、]{0,4}、行政诉讼情况|存在的主要问题及改进情况|其他需要报告的事项))',
    '第二十条第（',
    '信息内容',
    '（本列数据',
    '申请人情况',
    '(?<!行政)规章(?=[ \\d])',
    '(?:行政)?规范性文件(?=[ \\d])',
    '(?:行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)(?=[ \\d])',
    '[一二]、(?=本年新收|上年结转)',
    '三、(?=本年度办理结果)',
    '四、(?=结转下年度)',
    '(?<!第)（[一二三四五六七]）',
    '[1-8]\\.(?=属于|其他|危及|保护第三方|本机关|没有现成|补正|信访|重复申请|要求|无正当理由|申请人)',
  ].join('|'),
  'g',
);

/** a line this long that holds table anchors is a page whose tables were run together */
const LONG_LINE = 300;
const TABLE_ANCHOR = /第二十条第（|本年新收|勾稽关系/;

export interface Segmented {
  lines: string[];
  /** for each segmented line, the 0-based index of the line it came from (empty when nothing was cut) */
  origin: number[];
  /** some line was cut */
  cut: boolean;
  /** a long line was cut: the text is a run-together page */
  long: boolean;
}

/** a row label glued to the digits of the row before it (`…30010042.没有现成信息`) follows five digits at least */
const GLUED_ROW = /(?:\d[ ]?){5}/;
/** first characters of CUT_BEFORE's cuts (its zero-width cut after a title never follows a digit) */
const CUT_STARTS = new Set('一二三四五六第信（申规行其政');
/** what mayBeGlued looks for, searched over a whole text: no match crosses a line break */
const SOME_GLUED = new RegExp(`[0-9](?:[${[...CUT_STARTS].join('')}]|[1-8]\\.)`, 'g');
/** a digit, then a cut's first character: without one, CUT_BEFORE need not run over the line */
function mayBeGlued(line: string): boolean {
  for (let i = 1; i < line.length; i++) {
    const prev = line.charCodeAt(i - 1);
    if (prev < 48 || prev > 57) continue;
    const c = line[i]!;
    if (CUT_STARTS.has(c) || (c >= '1' && c <= '8' && line[i + 1] === '.')) return true;
  }
  return false;
}

const gluedAt = (line: string): number[] => {
  const at: number[] = [];
  if (!mayBeGlued(line)) return at;
  for (const m of line.matchAll(CUT_BEFORE)) if (m.index! > 0 && /\d/.test(line[m.index! - 1]!)) at.push(m.index!);
  return at;
};

/**
 * the lines of `text` (0-based; `lines` its lines) where both SOME_GLUED and GLUED_ROW match:
 * the few where a row may be glued on. The rarer pattern searches the text (most texts have
 * no match at all), GLUED_ROW (every table row of five numbers) only its lines.
 */
function gluedRowLines(text: string, lines: readonly string[]): number[] {
  const found: number[] = [];
  let line = 0;
  let at = 0;
  SOME_GLUED.lastIndex = 0;
  for (let m = SOME_GLUED.exec(text); m; m = SOME_GLUED.exec(text)) {
    for (let nl = text.indexOf('\n', at); nl >= 0 && nl < m.index; nl = text.indexOf('\n', at)) {
      line++;
      at = nl + 1;
    }
    if (found[found.length - 1] !== line && GLUED_ROW.test(lines[line]!)) found.push(line);
  }
  return found;
}

/**
 * the text's lines, a page run together on one line cut back into rows (see CUT_BEFORE);
 * `lines`: text.split('\n') when the caller has it already
 */
export function segmentLongLines(text: string, lines: string[] = text.split('\n')): Segmented {
  // where short lines with a row glued on are cut: most lines gluedRowLines finds have no
  // cut, and then nothing is copied
  const cuts = new Map<number, number[]>();
  for (const i of gluedRowLines(text, lines)) {
    const at = gluedAt(lines[i]!);
    if (at.length) cuts.set(i, at);
  }
  let anyLong = false;
  if (text.length >= LONG_LINE) for (let i = 0; i < lines.length && !anyLong; i++) anyLong = isLong(lines[i]!);
  // nothing to cut (nearly every text): the lines as they are
  if (!cuts.size && !anyLong) return { lines, origin: [], cut: false, long: false };
  const out: string[] = [];
  const origin: number[] = [];
  let cut = false;
  let long = false;
  lines.forEach((line, i) => {
    if (!isLong(line)) {
      // a short line with a row glued on: cut only there (the page keeps its other lines)
      const at = cuts.get(i) ?? [];
      let from = 0;
      for (const a of at) {
        out.push(line.slice(from, a));
        origin.push(i);
        from = a;
      }
      if (at.length) cut = true;
      out.push(line.slice(from));
      origin.push(i);
      return;
    }
    cut = long = true;
    let from = 0;
    for (const m of line.matchAll(CUT_BEFORE)) {
      if (m.index! > from) {
        out.push(line.slice(from, m.index));
        origin.push(i);
      }
      from = m.index!;
    }
    out.push(line.slice(from));
    origin.push(i);
  });
  return { lines: out, origin, cut, long };
}

/** a line cut as a run-together page: long, and holding a table's anchor */
const isLong = (line: string) => line.length >= LONG_LINE && TABLE_ANCHOR.test(line);

/**
 * a label with its numbers glued on: the run starts after the label's last character that
 * cannot be part of a number (signs and thousands separators belong to the run)
 */
const GLUED = /^(.*[^\d .,+\-])[ ]*([+\-]?\d(?:[\d ,+\-]*\d)?(?:\.\d+)?)[ ]*(万元|元)?[ ]*$/;

export function splitGlued(text: string): { label: string; run: string; unit?: string } | null {
  const m = GLUED.exec(text);
  if (!m) return null;
  return m[3] ? { label: m[1]!, run: m[2]!.replace(/ /g, ''), unit: m[3] } : { label: m[1]!, run: m[2]!.replace(/ /g, '') };
}

/**
 * At most how long a run GLUED can find at the end of `t` trimmed: its characters that may belong
 * to a run ([\d,.+\-], spaces not counted), after a unit and spaces at the very end. 0 when
 * a space stands between two of them: GLUED's run would then hold that space, and a run
 * with a space in it is numbers spaced apart, not glued (looksRunTogether), whatever it holds.
 * (The line is not trimmed first: the whitespace before its run stops the count as trim() would.)
 */
function tailRun(t: string): number {
  let i = t.length - 1;
  while (i >= 0 && isTrimmed(t.charCodeAt(i))) i--;
  if (i >= 0 && t[i] === '元') i -= i > 0 && t[i - 1] === '万' ? 2 : 1;
  let n = 0;
  // a space seen after a run character (reading back): the run goes on past it if another follows
  let gap = false;
  for (; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 44 || c === 46 || c === 43 || c === 45) {
      if (gap) return 0;
      n++;
    } else if (c === 32) gap = n > 0;
    else break;
  }
  return n;
}

/** does this table look run together: several rows whose numbers are glued into long runs */
export function looksRunTogether(lines: string[], width: number): boolean {
  let glued = 0;
  for (const l of lines) {
    // most rows end in short numbers: no run of `width` there, no trimmed copy, no regex
    if (tailRun(l) < width) continue;
    const t = l.trim();
    const g = splitGlued(t);
    if (g && g.run.length >= width && !/[ \t|]/.test(t.slice(g.label.length).trim())) glued++;
    if (glued >= 3) return true;
  }
  return false;
}

/** no cell of these tables holds more digits than this (and beyond it numbers lose precision) */
const MAX_DIGITS = 15;

export interface SplitOptions {
  /** the last part may carry decimals (an amount) */
  decimalLast?: boolean;
  /** checks a complete candidate: only those it accepts are kept */
  accept?: (parts: number[]) => boolean;
  /** checks a prefix: false prunes the branch (e.g. a block of 表四 that does not add up) */
  prefix?: (parts: number[]) => boolean;
  /** at most this many steps of search */
  budget?: number;
  /** stop after this many candidates */
  limit?: number;
}

export interface SplitResult {
  candidates: number[][];
  /** the search stopped at its budget: the candidates may be incomplete */
  exhausted: boolean;
}

/**
 * One part of a run as a number, or null when it cannot be one cell: a sign only at the
 * start, no leading zeros, a comma only before three digits, a decimal point only where
 * allowed, at most MAX_DIGITS digits.
 */
export function partValue(part: string, decimals: boolean): number | null {
  // most parts a search tries are plain digits, judged without the pattern (a bounded search tries up to 200,000), and
  // only as far as a cell's digits go: MAX_DIGITS + 1 digits in front is too many whatever follows (a comma comes within four)
  let i = 0;
  while (i < part.length && i <= MAX_DIGITS) {
    const c = part.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i > MAX_DIGITS) return null;
  if (i === part.length && i > 0) return i > 1 && part.charCodeAt(0) === 48 ? null : Number(part);
  const m = /^([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(part);
  if (!m) return null;
  const int = m[2]!.replace(/,/g, '');
  if ((int.length > 1 && int[0] === '0') || int.length > MAX_DIGITS || (m[3] && !decimals)) return null;
  const v = Number(int + (m[3] ?? ''));
  return m[1] === '-' ? -v : v;
}

/** every way to cut `run` into `width` numbers that the rules accept */
export function splitRun(run: string, width: number, opts: SplitOptions = {}): SplitResult {
  const budget = opts.budget ?? 200_000;
  const limit = opts.limit ?? 64;
  const candidates: number[][] = [];
  let steps = 0;
  let exhausted = false;
  const parts: number[] = [];
  const walk = (at: number): void => {
    if (exhausted || candidates.length >= limit) return;
    if (++steps > budget) {
      exhausted = true;
      return;
    }
    const left = width - parts.length;
    if (left === 1) {
      const v = partValue(run.slice(at), !!opts.decimalLast);
      if (v === null) return;
      parts.push(v);
      if (!opts.accept || opts.accept(parts)) candidates.push([...parts]);
      parts.pop();
      return;
    }
    // leave at least one character for each part still to come
    for (let end = at + 1; end <= run.length - (left - 1) && end - at <= MAX_DIGITS + 6; end++) {
      const v = partValue(run.slice(at, end), false);
      if (v === null) continue;
      parts.push(v);
      if (!opts.prefix || opts.prefix(parts)) walk(end);
      parts.pop();
      if (exhausted) return;
    }
  };
  if (run.length >= width) walk(0);
  return { candidates, exhausted };
}
