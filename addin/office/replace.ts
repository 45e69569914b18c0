/**
 * 插入为新工作表 of a unit the workbook already has a sheet for: the pane asks first
 * (findUnitSheet), and on 替换 the unit's sheet is replaced by the new version. In a county
 * workbook (one 生成汇总 has made) the update takes the CLI's path (`gouji consolidate
 * --into`, core/round/update.ts planUpdate): the cells that changed and the replacement go
 * into 变更记录, 生成汇总 runs again keeping the 整改状态 and 备注 the user set, findings that
 * went are marked 已整改 and logged — all in one write, so the summary never points at a
 * missing sheet.
 */
import { checkReport } from '../../core/analyze.ts';
import type { Report } from '../../core/report.ts';
import { logTime } from '../../core/round/changes.ts';
import { unitKey } from '../../core/round/problems.ts';
import type { KeptUnit } from '../../core/round/readback.ts';
import { planUpdate } from '../../core/round/update.ts';
import { CATALOGUE_SHEET } from '../../core/sheet/catalogue.ts';
import { INDEX_SHEETS } from '../../core/sheet/consolidate.ts';
import { parseAddress, type SheetModel } from '../../core/sheet/model.ts';
import { readStandardSheet, type Shown } from '../../core/sheet/readback.ts';
import { SOURCE_SHEET } from '../../core/sheet/source.ts';
import { reportSheet } from '../../core/sheet/workbook.ts';
import type { Capabilities, XlContext } from './api.ts';
import { consolidateWorkbook, type Consolidated } from './consolidate.ts';
import { readAllSheets, type SheetRead, type WorkbookRead } from './reader.ts';
import { replaceSheets, type Book } from './writer.ts';

/** the sheet of the workbook that holds the unit's report of the same year now */
export interface UnitSheet {
  sheet: string;
  unit: string;
  /** where that version came from, as its sheet says (来源) */
  source: string;
}

const own = new Set([...INDEX_SHEETS, SOURCE_SHEET].map((s) => s.toLowerCase()));

function unitSheetIn(all: WorkbookRead, report: Report): { at: UnitSheet; read: Extract<SheetRead, { kind: 'report' }>; grid: unknown[][] } | null {
  if (!report.unit) return null;
  const key = unitKey(report.unit);
  for (const [i, r] of all.reads.entries()) {
    // last year's sheet of the unit (for 同比) is another report, never replaced by this year's
    if (r.kind !== 'report' || own.has(r.sheet.toLowerCase()) || !r.report.unit || unitKey(r.report.unit) !== key || r.report.year !== report.year) continue;
    return { at: { sheet: r.sheet, unit: r.report.unit, source: r.report.source }, read: r, grid: all.grids[i]! };
  }
  return null;
}

/** the unit's sheet, if the open workbook has one (two syncs) */
export async function findUnitSheet(ctx: XlContext, report: Report): Promise<UnitSheet | null> {
  return unitSheetIn(await readAllSheets(ctx), report)?.at ?? null;
}

/** a sheet model as the reader will find it once written: numbers and text; formulas unread */
function readModel(model: SheetModel): SheetRead {
  const get = (a: string): Shown => {
    const c = model.cells.get(a)?.content;
    return c?.kind === 'number' ? c.value : c?.kind === 'text' ? c.text || null : null;
  };
  return readStandardSheet(model.name, get, [], `当前工作簿#${model.name}`);
}

export type Replaced =
  | { ok: true; sheet: string; before: string; after: string; cells: number; county: Consolidated | null; syncs: number }
  | { ok: false; message: string; syncs: number };

export async function replaceUnit(ctx: XlContext, report: Report, book: Book, caps: Capabilities, now = new Date()): Promise<Replaced> {
  const all = await readAllSheets(ctx);
  const found = unitSheetIn(all, report);
  if (!found) return { ok: false, message: `工作簿中已没有“${report.unit ?? '这个单位'}”的工作表：请改用“插入为新工作表”。`, syncs: all.syncs };
  const { at, read, grid } = found;
  const model = reportSheet(report, at.sheet);
  const fresh = readModel(model);
  if (fresh.kind !== 'report') return { ok: false, message: `新版本无法按标准表写入工作表“${at.sheet}”。`, syncs: all.syncs };

  // the CLI's update: the kept version as its sheet stands, the new one as it will read back
  const kept: KeptUnit = {
    sheet: at.sheet,
    unit: at.unit,
    source: at.source,
    kind: 'Excel 标准表',
    lines: () => read.report.lines,
    get: (a) => {
      const p = parseAddress(a);
      const v = grid[p.row - 1]?.[p.col - 1];
      return typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' && v !== '' ? v : null;
    },
    untouched: false,
  };
  const when = logTime(now);
  const plan = planUpdate([kept], [{ report: fresh.report, findings: checkReport(fresh.report), source: fresh.report.source, kind: 'Excel 标准表' }], when);
  const cells = plan.changes.filter((c) => c.kind === '格子').length;
  const base = { ok: true as const, sheet: at.sheet, before: at.source, after: fresh.report.source, cells };

  if (!all.names.some((n) => n.toLowerCase() === CATALOGUE_SHEET.toLowerCase())) {
    // no county summary yet: the sheet alone, in its place
    const position = all.names.findIndex((n) => n === at.sheet);
    const w = await replaceSheets(ctx, [{ model, position }], all.names, book, caps);
    return { ...base, county: null, syncs: all.syncs + w.syncs };
  }
  const county = await consolidateWorkbook(ctx, book, caps, { sheet: at.sheet, read: fresh, model, changes: plan.changes, when });
  if (!county.ok) return { ok: false, message: `未替换，工作簿未改动。${county.message}`, syncs: all.syncs + county.syncs };
  return { ...base, county, syncs: all.syncs + county.syncs };
}
