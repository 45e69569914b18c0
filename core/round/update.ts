/**
 * An update of a county workbook with newly handed-in reports (`consolidate --into`): the
 * units the workbook holds stay as they are, a new version of one replaces it, a late report
 * is added; the change log records each replaced cell and each late unit. The inputs come
 * out ready for consolidate(), so the updated workbook is the one a fresh consolidation of the
 * same reports would give — save what the user kept (整改状态, 备注, 名单) and the log.
 */
import { analyze, checkReport } from '../analyze.ts';
import type { Finding } from '../findings.ts';
import type { Report } from '../report.ts';
import type { ConsolidateInput } from '../sheet/consolidate.ts';
import { cellChanges, type ChangeEntry } from './changes.ts';
import { unitKey } from './problems.ts';
import type { KeptUnit } from './readback.ts';
import { readStandardSheet } from '../sheet/readback.ts';
import { standardLayout } from '../sheet/layout.ts';

export interface UpdatePlan {
  inputs: ConsolidateInput[];
  /** this update's entries (cells, late and replaced units); findings are logged by consolidate */
  changes: ChangeEntry[];
  replaced: { unit: string; sheet: string; before: string; after: string }[];
  added: { unit: string; source: string }[];
  /** kept units whose numbers were edited in Excel: the edits are kept */
  edited: { unit: string; sheet: string; cells: number }[];
  /** kept units that could not be read back: said, and left out */
  problems: string[];
}

/** reading findings and text findings stay; the cell rules are checked on the numbers as they stand */
const CELL_RULE = /^R[234]\.\d$/;

/**
 * A unit of the workbook as consolidate() takes it: what its report was read as (kept in the
 * workbook, or read again from 原文), with any numbers edited in its sheet since.
 */
export function keptInput(k: KeptUnit, path = ''): { input: ConsolidateInput; editedCells: number } | { message: string } {
  const fromSheet = () => readStandardSheet(k.sheet, k.get, k.lines(), `${path}#${k.sheet}`);
  // a sheet read from a workbook in the first place has no text to read again
  let read: { report: Report; findings: Finding[] } | null = k.cached ?? null;
  if (!read && k.kind !== 'Excel 标准表') {
    const a = k.lines().length ? analyze(k.lines().join('\n'), k.source) : null;
    if (a?.ok) read = a;
  }
  if (!read) {
    const s = fromSheet();
    if (s.kind !== 'report') return { message: s.kind === 'moved' ? s.message : `工作表“${k.sheet}”不是标准表。` };
    return { input: { report: s.report, findings: checkReport(s.report), source: k.source, kind: k.kind }, editedCells: 0 };
  }
  const as = { source: k.source, kind: k.kind };
  if (k.untouched && k.cached) return { input: { report: read.report, findings: read.findings, ...as }, editedCells: 0 };
  // the quick look: every number where the layout puts it, as it was read
  const at = standardLayout(read.report.format).addresses;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const same = Object.entries(at).every(([id, a]) => num(k.get(a)) === (read.report.cells[id]?.value ?? null));
  if (same) return { input: { report: read.report, findings: read.findings, ...as }, editedCells: 0 };
  // something changed: read the sheet properly (its structure may have moved)
  const s = fromSheet();
  if (s.kind !== 'report') return { message: s.kind === 'moved' ? s.message : `工作表“${k.sheet}”不是标准表。` };
  const edited = Object.keys(s.report.cells).filter((id) => (read.report.cells[id]?.value ?? null) !== (s.report.cells[id]?.value ?? null));
  const cells = { ...read.report.cells };
  for (const id of edited) cells[id] = s.report.cells[id]!;
  const report: Report = { ...read.report, cells };
  const findings: Finding[] = [...read.findings.filter((f) => !CELL_RULE.test(f.rule)), ...checkReport(report)];
  return { input: { report, findings, ...as }, editedCells: edited.length };
}

export function planUpdate(kept: KeptUnit[], fresh: ConsolidateInput[], when: string): UpdatePlan {
  const plan: UpdatePlan = { inputs: [], changes: [], replaced: [], added: [], edited: [], problems: [] };
  const freshByKey = new Map(fresh.map((i) => [unitKey(i.report.unit ?? i.source), i]));
  const keptKeys = new Set<string>();
  for (const k of kept) {
    const key = unitKey(k.unit);
    keptKeys.add(key);
    const got = keptInput(k);
    const next = freshByKey.get(key);
    if ('message' in got) {
      if (!next) plan.problems.push(`“${k.unit}”：${got.message}本次更新未计入这个单位。`);
      else plan.changes.push({ when, unit: k.unit, kind: '替换', place: '', address: '', from: k.source, to: next.source, note: '原工作表无法读取，未逐格比较' });
      continue;
    }
    if (got.editedCells) plan.edited.push({ unit: k.unit, sheet: k.sheet, cells: got.editedCells });
    if (!next) {
      plan.inputs.push(got.input);
      continue;
    }
    plan.replaced.push({ unit: k.unit, sheet: k.sheet, before: k.source, after: next.source });
    plan.changes.push(
      { when, unit: k.unit, kind: '替换', place: `工作表“${k.sheet}”`, address: '', from: k.source, to: next.source, note: '换为新交的版本' },
      ...cellChanges(got.input.report, next.report, when, k.unit),
    );
  }
  for (const i of fresh) {
    const unit = i.report.unit ?? i.source;
    if (!keptKeys.has(unitKey(unit))) {
      plan.added.push({ unit, source: i.source });
      plan.changes.push({ when, unit, kind: '补报', place: '', address: '', from: '', to: i.source, note: '新增单位' });
    }
    plan.inputs.push(i);
  }
  return plan;
}
