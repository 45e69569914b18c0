/**
 * What 目录 lists, line by line, before it is written as cells: without a roster, every unit
 * in sheet order and then the files that could not be read; with a roster (名单), the roster's
 * rows in its order, each with the report that is its unit (or 未报送 / 无法读取 / 待核对),
 * then the reports that are apart from it. The same lines give the statuses as data
 * (rosterStatuses) — what the page outside Excel lists — so 目录 and the page cannot differ.
 */
import { matchName } from '../round/names.ts';
import type { RosterEntry } from '../round/roster.ts';
import type { Counts } from './overview.ts';

/** a unit's status in 目录; 待核对 only where two reports claim one roster row */
export const UNIT_STATUS = ['已报送', '有错误', '有警告', '未报送', '无法读取', '待核对'] as const;
export type UnitStatus = (typeof UNIT_STATUS)[number];

export interface Unreadable {
  source: string;
  reason: string;
}

/** what a line needs of a unit's row (the catalogue's rows carry more) */
export interface LineRow {
  sheet: string;
  unit: string;
  year: number | null;
  source: string;
}

export interface CatalogueRoster {
  entries: RosterEntry[];
  /** county names that may prefix unit names */
  counties: string[];
  /** the year the roster is of (the workbook's): reports of earlier years, there for 同比, are listed apart */
  year: number;
}

export type Line<R extends LineRow = LineRow> =
  /** live: the status is the row's formula over its counts (an earlier year's row, with a roster, has none) */
  | { kind: 'unit'; row: R; roster?: RosterEntry; note?: string; live: boolean }
  | { kind: 'missing'; roster: RosterEntry; status: '未报送' | '待核对'; note?: string }
  | { kind: 'unreadable'; file: Unreadable; roster?: RosterEntry }
  | { kind: 'heading'; text: string };

const stem = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/（工作表.*$/, '').replace(/\.[^.]*$/, '');

export function catalogueLines<R extends LineRow>(rows: R[], unreadable: Unreadable[], roster?: CatalogueRoster): Line<R>[] {
  if (!roster) return [...rows.map((row): Line<R> => ({ kind: 'unit', row, live: true })), ...unreadable.map((file): Line<R> => ({ kind: 'unreadable', file }))];
  const names = roster.entries.map((e) => e.name);
  const counties = roster.counties;
  const byRow = new Map<number, R[]>();
  const apart: Line<R>[] = [];
  const earlier: Line<R>[] = [];
  for (const r of rows) {
    // last year's report of a unit is not this year's: it neither reports the unit nor doubles it
    if (r.year !== roster.year) {
      earlier.push({ kind: 'unit', row: r, live: false });
      continue;
    }
    const m = matchName(r.unit, names, { counties });
    if (m.kind === 'matched') byRow.set(m.row, [...(byRow.get(m.row) ?? []), r]);
    else if (m.kind === 'ambiguous') apart.push({ kind: 'unit', row: r, live: true, note: `名称同时符合名单中的${m.rows.map((i) => `“${names[i]}”`).join('、')}，无法确定是哪一个：请在“名单”表中把名称写得更明确后重新汇总` });
    else apart.push({ kind: 'unit', row: r, live: true, note: '不在名单中：如属应报单位，请把它加入“名单”表' });
  }
  const unreadableOf = new Map<number, Unreadable>();
  const unreadableApart: Unreadable[] = [];
  for (const u of unreadable) {
    const m = matchName(stem(u.source), names, { counties });
    if (m.kind === 'matched' && !byRow.has(m.row) && !unreadableOf.has(m.row)) unreadableOf.set(m.row, u);
    else unreadableApart.push(u);
  }
  const lines: Line<R>[] = roster.entries.map((e, i) => {
    const got = byRow.get(i) ?? [];
    if (got.length === 1) return { kind: 'unit', row: got[0]!, roster: e, live: true };
    if (got.length > 1) {
      apart.unshift(...got.map((r): Line<R> => ({ kind: 'unit', row: r, live: true, note: `与${got.filter((g) => g !== r).map((g) => `“${g.unit}”`).join('、')}都对应名单中的“${e.name}”：请核对是否重复报送` })));
      return { kind: 'missing', roster: e, status: '待核对', note: `有 ${got.length} 份年报都对应这个单位，列在下方，请核对` };
    }
    const u = unreadableOf.get(i);
    if (u) return { kind: 'unreadable', file: u, roster: e };
    return { kind: 'missing', roster: e, status: '未报送' };
  });
  if (apart.length) lines.push({ kind: 'heading', text: '以下年报不在名单中，或无法确定对应名单中的哪个单位：' }, ...apart);
  if (earlier.length) lines.push({ kind: 'heading', text: `以下是 ${roster.year} 年以前的年报，只用于跨年核对（上年结转、同比），不计入各状态的个数：` }, ...earlier);
  lines.push(...unreadableApart.map((file): Line<R> => ({ kind: 'unreadable', file })));
  return lines;
}

/** 有错误 / 有警告 / 已报送 from a unit's counts: what the row's formula (statusFormula) shows once computed */
export const unitStatus = (c: Pick<Counts, 'errors' | 'warnings'>): UnitStatus => (c.errors > 0 ? '有错误' : c.warnings > 0 ? '有警告' : '已报送');

/** one line of 目录 as data: a roster row, or a report or file apart from the roster */
export interface StatusLine {
  /** the roster's name, or the report's unit (the file, when unreadable apart) */
  name: string;
  category: string;
  status: UnitStatus | '';
  /** on the roster, or apart from it (not on it, ambiguous, an earlier year, unreadable) */
  listed: boolean;
  /** the unit's sheet and source file, when a report is there */
  sheet?: string;
  source?: string;
  note?: string;
}

/** 目录's lines as statuses: each roster row's and then those apart, as 目录 shows them once computed */
export function rosterStatuses<R extends LineRow>(lines: Line<R>[], countsOf: (sheet: string) => Counts): StatusLine[] {
  const out: StatusLine[] = [];
  for (const l of lines) {
    if (l.kind === 'unit') {
      out.push({
        name: l.roster?.name ?? l.row.unit,
        category: l.roster?.category ?? '',
        status: l.live ? unitStatus(countsOf(l.row.sheet)) : '',
        listed: l.roster !== undefined,
        sheet: l.row.sheet,
        source: l.row.source,
        ...(l.note ? { note: l.note } : {}),
      });
    } else if (l.kind === 'missing') out.push({ name: l.roster.name, category: l.roster.category, status: l.status, listed: true, ...(l.note ? { note: l.note } : {}) });
    else if (l.kind === 'unreadable') out.push({ name: l.roster?.name ?? stem(l.file.source), category: l.roster?.category ?? '', status: '无法读取', listed: l.roster !== undefined, source: l.file.source, note: l.file.reason });
  }
  return out;
}
