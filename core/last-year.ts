/**
 * Last year beside this year (`gouji consolidate --last-year`, the desk's 上年 files): of what
 * was read as last year's — the units' sheets of last year's county workbook, or report files —
 * only the reports of the year before this year's latest are kept; the rest are left out, and
 * said. One rule for both doors, so the same files give the same 同比.
 */
import type { ConsolidateInput, Unreadable } from './sheet/consolidate.ts';

export interface LastYear {
  /** the year before this year's latest; null when no report of this year has a year */
  year: number | null;
  inputs: ConsolidateInput[];
  /** what could not be read, and — when nothing of `year` is there — why there is no 同比 */
  unreadable: Unreadable[];
  /** the reports left out (another year), in one sentence */
  notes: string[];
}

/**
 * `read`: everything read as last year's; `where`: how the user knows it (the path given, the
 * file picked); `tag`: what the CLI adds to say which option it is about.
 */
export function lastYearOf(current: ConsolidateInput[], read: { inputs: ConsolidateInput[]; unreadable: Unreadable[] }, where: string, tag = ''): LastYear {
  const years = current.map((i) => i.report.year).filter((y): y is number => y !== null);
  const year = years.length ? Math.max(...years) - 1 : null;
  const inputs = read.inputs.filter((i) => i.report.year === year);
  const left = read.inputs.filter((i) => i.report.year !== year);
  const notes: string[] = [];
  if (left.length) {
    const first = left[0]!;
    notes.push(
      `上年的文件中有 ${left.length} 份不是 ${year ?? '上一'} 年的年报（如“${first.source}”是${first.report.year === null ? '年度不明' : ` ${first.report.year} 年`}的），已略去，不用于同比${tag}。`,
    );
  }
  const unreadable = [...read.unreadable];
  if (!inputs.length) unreadable.push({ source: where, reason: `其中没有 ${year ?? '上一'} 年的年报，无法同比${tag}。` });
  return { year, inputs, unreadable, notes };
}
