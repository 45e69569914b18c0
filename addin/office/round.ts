/**
 * The collection round in the open workbook: what 生成汇总 keeps from the sheets it wrote
 * before — the roster (名单, perhaps edited by the user), the problem list with the user's
 * 整改状态 and 备注, the change log — read in one sync, and handed to consolidate(), so that
 * regenerating never loses what the user typed. The 整改状态 drop-down is written from ExcelApi
 * 1.8 on (writer.ts); in older Excel the cells are plain, and whatever is typed there is read
 * back all the same (a status off the list goes to 备注, never lost).
 */
import { logTime } from '../../core/round/changes.ts';
import { gridCells, readChanges, readProblems, readRoster } from '../../core/round/readback.ts';
import type { RoundOptions } from '../../core/sheet/round.ts';
import { CHANGES_SHEET } from '../../core/sheet/changes.ts';
import { PROBLEMS_SHEET } from '../../core/sheet/problems.ts';
import { ROSTER_SHEET } from '../../core/sheet/roster.ts';
import type { XlContext, XlRange } from './api.ts';

export async function readRound(ctx: XlContext, now = new Date()): Promise<{ round: RoundOptions; syncs: number }> {
  const used = (name: string): XlRange => {
    const r = ctx.workbook.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    r.load('values,rowIndex,columnIndex');
    return r;
  };
  const [roster, problems, changes] = [used(ROSTER_SHEET), used(PROBLEMS_SHEET), used(CHANGES_SHEET)];
  await ctx.sync();
  const cells = (name: string, r: XlRange) => (r.isNullObject ? null : gridCells(name, r.values, r.rowIndex, r.columnIndex));
  const p = cells(PROBLEMS_SHEET, problems);
  const entries = readRoster(cells(ROSTER_SHEET, roster))?.entries;
  const round: RoundOptions = {
    ...(entries?.length ? { roster: entries } : {}),
    // with a problem list before, this is an update: what appeared or went is logged
    ...(p ? { before: readProblems(p), changes: readChanges(cells(CHANGES_SHEET, changes)), when: logTime(now) } : {}),
  };
  return { round, syncs: 1 };
}
