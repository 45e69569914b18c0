/**
 * R3.6, the rule across two years of the same unit: 二、上年结转 of year Y equals 四、结转下年度
 * of year Y−1, column by column. Written as data, like the rules of one report (definitions.ts):
 * the TypeScript check here and the workbook's formulas (sheet/crossyear.ts) both come from
 * these instances. The rows and columns are the same in both formats, so it holds across the
 * format change of 2021.
 */
import { t3Id } from '../format/cells.ts';
import { T3_COLUMNS } from '../format/tables.ts';
import type { CellId } from '../format/types.ts';
import type { Finding, Severity } from '../findings.ts';
import type { Report } from '../report.ts';
import { decide, type Evaluation, type Lookup } from './evaluate.ts';
import { fmt } from './messages.ts';

/** `current` of the later report equals `previous` of the report of the year before */
export interface CrossYearRule {
  kind: 'cross_year';
  rule: 'R3.6';
  /** the column key */
  at: string;
  severity: Severity;
  current: CellId;
  previous: CellId;
}

export const CROSS_YEAR_RULES: readonly CrossYearRule[] = T3_COLUMNS.map((c) => ({
  kind: 'cross_year',
  rule: 'R3.6',
  at: c.key,
  severity: 'warning',
  current: t3Id('carried_in', c.key),
  previous: t3Id('carried_out', c.key),
}));

/** the verdict, with the spec's null semantics: a blank on either side is not assessable */
export function evaluateCrossYear(r: CrossYearRule, current: Lookup, previous: Lookup): Evaluation {
  const c = current(r.current);
  const p = previous(r.previous);
  const left = { known: c ?? 0, partial: c === null };
  const right = { known: p ?? 0, partial: p === null };
  return { verdict: decide('=', left, right), left, right };
}

const colName = (key: string) => T3_COLUMNS.find((c) => c.key === key)?.short ?? key;

export function crossYearTitle(r: CrossYearRule): string {
  return `表三“${colName(r.at)}”列：本年“二、上年结转”应等于上一年年报的“四、结转下年度”`;
}

/** the findings of R3.6 for one unit's report of year Y against its report of year Y−1 */
export function checkCrossYear(current: Report, previous: Report): Finding[] {
  const cur = (id: CellId) => current.cells[id]?.value ?? null;
  const prev = (id: CellId) => previous.cells[id]?.value ?? null;
  const out: Finding[] = [];
  for (const r of CROSS_YEAR_RULES) {
    if (evaluateCrossYear(r, cur, prev).verdict !== 'fail') continue;
    const line = current.cells[r.current]?.source?.line;
    out.push({
      id: `${r.rule}@${r.at}`,
      rule: r.rule,
      at: r.at,
      severity: r.severity,
      message:
        `${crossYearTitle(r)}：${current.year ?? '本'}年上年结转 ${fmt(cur(r.current))}，` +
        `${previous.year ?? '上'}年结转下年度 ${fmt(prev(r.previous))}，相差 ${fmt((cur(r.current) ?? 0) - (prev(r.previous) ?? 0))}。`,
      cells: [r.current],
      lines: line !== undefined ? [line] : [],
    });
  }
  return out;
}
