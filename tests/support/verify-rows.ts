/**
 * The rows of 校验 as a spreadsheet engine left them (a sheet read with readLight's values):
 * for each row under the header, its 工作表, 规则, 级别 and 结果 as text. Shared by the tests
 * that compare LibreOffice's recomputed verdicts with the TypeScript check.
 */
import { columnLetter } from '../../core/sheet/model.ts';
import { VERIFY_COL } from '../../core/sheet/verify.ts';

export interface VerifyRow {
  sheet: string;
  rule: string;
  level: string;
  result: string;
}

export function verifyRows(cells: ReadonlyMap<string, { value: unknown }>): VerifyRow[] {
  let last = 0;
  for (const a of cells.keys()) last = Math.max(last, Number(/\d+$/.exec(a)![0]));
  const text = (col: number, n: number) => String(cells.get(`${columnLetter(col)}${n}`)?.value ?? '');
  const rows: VerifyRow[] = [];
  for (let n = 2; n <= last; n++) {
    const sheet = text(VERIFY_COL.工作表, n);
    if (!sheet) continue;
    rows.push({ sheet, rule: text(VERIFY_COL.规则, n), level: text(VERIFY_COL.级别, n), result: text(VERIFY_COL.结果, n) });
  }
  return rows;
}
