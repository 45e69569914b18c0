/**
 * The collection round's sheets of the county workbook: 名单 (when a roster is given),
 * 问题清单 (every problem of every unit, the user's 整改状态 and 备注 carried over from the
 * workbook before), 变更记录 (when the workbook is an update of an earlier one).
 */
import type { Finding } from '../findings.ts';
import type { ChangeEntry } from '../round/changes.ts';
import { findingChanges } from '../round/changes.ts';
import { carryState, unitProblems, type Problem } from '../round/problems.ts';
import type { RosterEntry } from '../round/roster.ts';
import type { Report } from '../report.ts';
import { changesSheet } from './changes.ts';
import type { SheetModel } from './model.ts';
import { problemsSheet } from './problems.ts';
import { rosterSheet } from './roster.ts';

export interface RoundOptions {
  roster?: RosterEntry[];
  /** the problem list of the workbook being updated, with the user's statuses and notes */
  before?: Problem[];
  /** the change log so far, and this update's entries of cells and units (not of findings: those are added here) */
  changes?: ChangeEntry[];
  /** when this update runs, as the log writes it; given: this is an update */
  when?: string;
}

export interface RoundUnit {
  unit: string;
  sheet: string;
  report: Report;
  findings: Finding[];
}

export interface RoundResult {
  problems: Problem[];
  appeared: Problem[];
  gone: Problem[];
  changes: ChangeEntry[];
  /** 问题清单 and 名单, placed after 明细 (the sheets before keep their places) */
  front: SheetModel[];
  /** 变更记录, after them */
  back: SheetModel[];
}

export function roundSheets(title: string, units: RoundUnit[], opts: RoundOptions = {}): RoundResult {
  const now = units.flatMap((u) => unitProblems(u));
  const carried = opts.before ? carryState(now, opts.before) : { problems: now, appeared: [], gone: [] };
  const changes = [...(opts.changes ?? [])];
  if (opts.when !== undefined) changes.push(...findingChanges(carried.appeared, carried.gone, opts.when));
  const front = [problemsSheet(`${title} · 问题清单`, carried.problems), ...(opts.roster ? [rosterSheet(opts.roster)] : [])];
  const back = changes.length ? [changesSheet(changes)] : [];
  return { ...carried, changes, front, back };
}
