/**
 * The rules across years in the workbook: one row of 校验 per instance (rules/crossyear.ts),
 * the same row template as every other rule (verifyrow.ts) — this year's cells on the unit's
 * sheet, last year's on the sheet of its previous year — so the formulas and the TypeScript
 * verdicts come from one definition, blanks and 不适用 alike.
 */
import type { Report } from '../report.ts';
import { crossYearInstances, crossYearTitle, crossYearVerdicts as verdictsAcross, isPrev, ownId } from '../rules/crossyear.ts';
import { instanceId } from '../rules/definitions.ts';
import type { VerifyRows } from './bulk.ts';
import type { Layout } from './layout.ts';
import type { RowVerdict } from './overview.ts';
import { ruleRow } from './verifyrow.ts';

export interface YearSheet {
  sheet: string;
  layout: Layout;
  report: Report;
}

/** the rows across years of `current` against `previous`, written at the rows' current position */
export function crossYearRows(v: VerifyRows, current: YearSheet, previous: YearSheet): void {
  const at = (id: string) => (isPrev(id) ? previous.layout.addresses[ownId(id)]! : current.layout.addresses[id]!);
  for (const r of crossYearInstances(current.report.format, previous.report.format)) {
    const cells = r.kind === 'equation' ? r.left : [];
    const t = ruleRow(r, {
      where: { at, sheetOf: (id) => (isPrev(id) ? previous.sheet : undefined) },
      describe: `${crossYearTitle(r)}（上一年为“${previous.sheet}”）`,
      target: at(cells[0] ?? ''),
    });
    v.template(t, current.sheet);
  }
}

/** the same rows as TypeScript sees them */
export function crossYearVerdicts(current: Report, previous: Report): RowVerdict[] {
  return verdictsAcross(current, previous).map(({ r, e }) => ({ id: instanceId(r), severity: r.severity, fail: e.verdict === 'fail' }));
}
