/**
 * The change log (变更记录) as data: what a new version of a unit's report changed — the
 * cells, from what to what, and the findings that appeared or went — and that a unit came
 * late or was replaced. Entries of earlier updates are kept; each update adds its own.
 */
import { cellInfo } from '../format/cells.ts';
import type { Report } from '../report.ts';
import { standardLayout } from '../sheet/layout.ts';
import { fmt } from '../rules/messages.ts';
import type { Problem } from './problems.ts';

export const CHANGE_KINDS = ['补报', '替换', '格子', '问题出现', '问题消失', '名单'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ChangeEntry {
  /** when the update ran, as the user reads it: 2024-03-05 14:20 */
  when: string;
  unit: string;
  kind: ChangeKind;
  /** the cell in the report's words, or the rule of a finding */
  place: string;
  /** the cell on the unit's sheet */
  address: string;
  from: string;
  to: string;
  note: string;
}

/** a time as the log shows it, in the machine's local time */
export function logTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const shown = (v: number | null | undefined) => (v === null || v === undefined ? '（空）' : fmt(v));

/** every cell whose number differs between two versions, in the format's cell order */
export function cellChanges(before: Report, after: Report, when: string, unit: string): ChangeEntry[] {
  if (before.format !== after.format) {
    return [{ when, unit, kind: '格子', place: '表格格式', address: '', from: before.format === 'gov2019' ? '2019 年版' : '2021 年版', to: after.format === 'gov2019' ? '2019 年版' : '2021 年版', note: '格式不同，不逐格比较' }];
  }
  const at = standardLayout(after.format).addresses;
  const out: ChangeEntry[] = [];
  for (const id of Object.keys(at)) {
    const a = before.cells[id]?.value ?? null;
    const b = after.cells[id]?.value ?? null;
    if (a === b) continue;
    out.push({ when, unit, kind: '格子', place: cellInfo(after.format, id).name, address: at[id]!, from: shown(a), to: shown(b), note: '' });
  }
  return out;
}

export function findingChanges(appeared: Problem[], gone: Problem[], when: string): ChangeEntry[] {
  const entry = (p: Problem, kind: ChangeKind): ChangeEntry => ({
    when,
    unit: p.unit,
    kind,
    place: `${p.rule}${p.place ? ` ${p.place}` : ''}`,
    address: p.address,
    from: kind === '问题消失' ? p.what : '',
    to: kind === '问题出现' ? p.what : '',
    note: kind === '问题消失' ? '整改状态已自动设为“已整改”' : '',
  });
  return [...gone.map((p) => entry(p, '问题消失')), ...appeared.map((p) => entry(p, '问题出现'))];
}

/** the columns of 变更记录, in the order of ChangeEntry's fields */
export const CHANGE_HEADERS_ZH = ['时间', '单位', '变更', '位置', '单元格', '原来', '现在', '说明'] as const;

/** a row of 变更记录 read back → its entry */
export function changeFromRow(cells: readonly string[]): ChangeEntry | null {
  const [when = '', unit = '', kind = '', place = '', address = '', from = '', to = '', note = ''] = cells;
  if (!when && !unit) return null;
  return { when, unit, kind: ((CHANGE_KINDS as readonly string[]).includes(kind) ? kind : '格子') as ChangeKind, place, address, from, to, note };
}
