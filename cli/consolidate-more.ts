/**
 * The two ways `gouji consolidate` reaches past one year of one county:
 *
 * - --last-year 全县2023.xlsx|2023/: last year's reports beside this year's (the units'
 *   standard sheets of a county workbook, or a folder of reports), for R3.6, R2.3, Y1 and 同比;
 * - a city from its counties: when every file given is a county workbook (it holds 汇总), each
 *   county's 汇总 — recomputed from its unit sheets (core/sheet/recompute.ts) — becomes one unit
 *   of the city, and the county's units come along, reachable from 目录, summed only once.
 */
import { checkReport } from '../core/analyze.ts';
import { lastYearOf, type LastYear } from '../core/last-year.ts';
import type { Consolidation, ConsolidateInput, Unreadable } from '../core/sheet/consolidate.ts';
import { recomputeSummary, summaryReport } from '../core/sheet/recompute.ts';
import type { Progress } from './progress.ts';
import { reportFiles } from './walk.ts';
import { checkWorkbookFile, isWorkbookPath } from './workbook-input.ts';

export interface Read {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
  notes?: string[];
}

/** the command's reader: `found` are the files found in a folder (not named on the command line) */
export type ReadAll = (files: string[], found: Set<string>, progress: Progress) => Promise<Read>;

/** last year's reports: those of the year before the latest of `inputs` (core/last-year.ts); other years are left out and said */
export async function lastYearInputs(path: string, inputs: ConsolidateInput[], readAll: ReadAll, progress: Progress, exclude: string[]): Promise<LastYear> {
  const { files, missing, found } = reportFiles([path], exclude);
  const read = await readAll(files, found, progress);
  const unreadable = [...read.unreadable, ...missing.map((m) => ({ source: m.path, reason: `${m.reason}（--last-year）` }))];
  if (!files.length && !missing.length) unreadable.push({ source: path, reason: `在“${path}”中没有找到上年的年报（--last-year）。` });
  const got = lastYearOf(inputs, { inputs: read.inputs, unreadable }, path, '（--last-year）');
  return { ...got, notes: [...(read.notes ?? []), ...got.notes] };
}

/** true when there are two files or more and every one is a county workbook (has 汇总) */
export async function isCity(files: string[]): Promise<boolean> {
  if (files.length < 2 || !files.every(isWorkbookPath)) return false;
  for (const f of files) {
    const w = await checkWorkbookFile(f);
    if (!w.ok || !recomputeSummary(w.sheets.map((s) => ({ sheet: s.sheet, report: s.analysis.report })), w.summed)) return false;
  }
  return true;
}

/** each county workbook → its recomputed 汇总 as one unit, and its units as members */
export async function cityInputs(files: string[], progress: Progress): Promise<Read> {
  const inputs: ConsolidateInput[] = [];
  const unreadable: Unreadable[] = [];
  for (const [k, path] of files.entries()) {
    progress.update(k, files.length, '读取各县汇总');
    const w = await checkWorkbookFile(path);
    if (!w.ok) {
      unreadable.push({ source: path, reason: w.message });
      continue;
    }
    for (const p of w.problems) unreadable.push({ source: path, reason: p });
    const county = recomputeSummary(w.sheets.map((s) => ({ sheet: s.sheet, report: s.analysis.report })), w.summed);
    if (!county) {
      unreadable.push({ source: path, reason: `“${path}”中没有“汇总”表：不是 gouji 生成的汇总工作簿。` });
      continue;
    }
    const report = summaryReport(county, `${path}（汇总，按各单位工作表重算）`);
    inputs.push({ report, findings: checkReport(report), source: `${path}（汇总）`, kind: '县级汇总' });
    for (const m of county.members) {
      const a = w.sheets.find((s) => s.sheet === m.sheet)!.analysis;
      inputs.push({ report: m.report, findings: a.findings, source: `${path}（工作表“${m.sheet}”）`, kind: 'Excel 标准表', partOf: county.name });
    }
  }
  progress.update(files.length, files.length, '读取各县汇总');
  return { inputs, unreadable };
}

/** one line of the command's summary for 同比 */
export function yoyLine(yoy: NonNullable<Extract<Consolidation, { ok: true }>['yoy']>, year: number): string {
  const units = yoy.rows.slice(1);
  const jumps = units.reduce((n, r) => n + r.figures.filter((f) => f.jump).length, 0);
  const jumpUnits = units.filter((r) => r.figures.some((f) => f.jump)).length;
  const list = (l: string[]) => (l.length ? `${l.length} 个（${l.slice(0, 3).join('、')}${l.length > 3 ? ' 等' : ''}）` : '0 个');
  return (
    `同比（${year - 1}→${year}）：${jumps} 处变化过大（Y1，${jumpUnits} 个单位），已在“同比”表标出并列入“校验”；` +
    `本年新增单位 ${list(yoy.newUnits)}，本年没有年报的单位 ${list(yoy.goneUnits)}。`
  );
}
