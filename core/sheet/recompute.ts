/**
 * A county workbook's 汇总 as it stands now, recomputed: after people edit unit sheets in
 * Excel, the 汇总 sheet's cached results may be stale (or absent: the streaming writer writes
 * formulas without results). So the numbers are computed again with the core's own
 * evaluation of 汇总's definition — summaryValues(), the sum of the unit sheets of 汇总's year
 * with the blank semantics of its formulas — from the unit sheets' inputs, which are plain
 * numbers. The county report tables and the city from its counties both read it from here.
 */
import type { CellId, FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import { cellIds } from '../format/cells.ts';
import { SUMMARY_SHEET, summaryValues } from './summary.ts';

export interface StandardSheet {
  sheet: string;
  report: Report;
}

export interface CountySummary {
  /** 青岚县, from 汇总's 单位 cell without its “（20 个单位汇总）” */
  name: string;
  year: number;
  format: FormatId;
  values: Record<CellId, number | null>;
  /** the unit sheets summed, in sheet order */
  members: StandardSheet[];
  /** cells blank in the recomputed 汇总 (some unit left its cell blank) */
  blanks: CellId[];
  /** cells where 汇总 shows a number other than the sum: typed over its formula, or a stale result */
  differs: { id: CellId; shown: number; sum: number }[];
}

export const countyOf = (unit: string | null): string => (unit ?? '').replace(/（\s*\d+\s*个单位汇总）\s*$/, '').trim();

/**
 * null when the workbook holds no 汇总 sheet (it is no county workbook). `summed`: the units
 * 明细 lists, when known — a city's workbook also holds its counties' units, summed once only.
 */
export function recomputeSummary(sheets: StandardSheet[], summed?: string[]): CountySummary | null {
  const summary = sheets.find((s) => s.sheet === SUMMARY_SHEET);
  if (!summary || summary.report.year === null) return null;
  const year = summary.report.year;
  const format = summary.report.format;
  const listed = summed ? new Set(summed) : null;
  const members = sheets.filter((s) => s.sheet !== SUMMARY_SHEET && s.report.year === year && (!listed || listed.has(s.report.unit ?? '')));
  const values = summaryValues(format, members.map((m) => m.report));
  const differs: CountySummary['differs'] = [];
  for (const id of cellIds(format)) {
    const shown = summary.report.cells[id]?.value ?? null;
    const sum = values[id] ?? null;
    if (shown !== null && sum !== null && Math.abs(shown - sum) > 1e-6) differs.push({ id, shown, sum });
  }
  return {
    name: countyOf(summary.report.unit) || '汇总',
    year,
    format,
    values,
    members,
    blanks: cellIds(format).filter((id) => values[id] === null),
    differs,
  };
}

/** the recomputed 汇总 as a report of one unit (the county): a city sums its counties so */
export function summaryReport(c: CountySummary, source: string): Report {
  return {
    source,
    format: c.format,
    title: `${c.name}${c.year}年政府信息公开工作年度报告汇总`,
    titleLine: null,
    unit: c.name,
    year: c.year,
    titleYear: c.year,
    cells: Object.fromEntries(Object.entries(c.values).map(([id, v]) => [id, v === null ? { value: null, nullReason: 'blank' as const } : { value: v }])),
    sections: [],
    ambiguous: {},
    lines: [],
  };
}
