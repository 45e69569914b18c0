/**
 * 生成汇总 in the open workbook: read every standard sheet as it is now (two syncs, however
 * many there are), build the county workbook with core/sheet/consolidate.ts, and write its own
 * sheets — 目录, 汇总, 校验总览, 校验, 明细, 问题清单 (and 名单, 变更记录) — in place of earlier ones, at the front. The unit
 * sheets stay as they are: the new sheets' formulas read them.
 */
import { checkReport } from '../../core/analyze.ts';
import type { ChangeEntry } from '../../core/round/changes.ts';
import { consolidate, INDEX_SHEETS, type ConsolidateInput, type Unreadable } from '../../core/sheet/consolidate.ts';
import type { SheetModel, StyleName } from '../../core/sheet/model.ts';
import { parseAddress } from '../../core/sheet/model.ts';
import { SOURCE_SHEET } from '../../core/sheet/source.ts';
import type { Capabilities, XlContext } from './api.ts';
import { READ_ROWS, readAllSheets, type SheetRead } from './reader.ts';
import { readRound } from './round.ts';
import { replaceSheets, type Book } from './writer.ts';

export type Consolidated =
  | { ok: true; units: number; year: number; name: string; written: string[]; skipped: Unreadable[]; syncs: number }
  | { ok: false; message: string; syncs: number };

const origin = (sheet: string) => `工作表“${sheet}”`;

const STRUCTURE: ReadonlySet<StyleName> = new Set<StyleName>(['table_header', 'header', 'caption', 'section', 'label']);

/**
 * Is the sheet of this name one that 生成汇总 wrote before (so it may be replaced)? Its fixed
 * words — headers, captions, labels within the rows read — must be where the new model has them.
 */
export function writtenBefore(grid: unknown[][], model: SheetModel): boolean {
  let fixed = 0;
  let same = 0;
  for (const [a, cell] of model.cells) {
    if (cell.content.kind !== 'text' || !cell.style || !STRUCTURE.has(cell.style)) continue;
    const p = parseAddress(a);
    if (p.row > READ_ROWS || p.col > 17) continue;
    fixed++;
    const got = grid[p.row - 1]?.[p.col - 1];
    if (typeof got === 'string' && got.trim() === cell.content.text.trim()) same++;
  }
  return fixed === 0 || same * 2 >= fixed;
}

/**
 * A unit's sheet replaced by a new version in the same write (insert of a unit the workbook
 * has): its sheet as it will read back, the model to write, and the change log's entries
 * for it (core/round/update.ts planUpdate), logged at `when`.
 */
export interface UnitUpdate {
  sheet: string;
  read: SheetRead;
  model: SheetModel;
  changes: ChangeEntry[];
  when: string;
}

export async function consolidateWorkbook(ctx: XlContext, book: Book, caps: Capabilities, update?: UnitUpdate): Promise<Consolidated> {
  const all = await readAllSheets(ctx);
  if (update) all.reads = all.reads.map((r) => (r.sheet === update.sheet ? update.read : r));
  let syncs = all.syncs;
  const own = new Set([...INDEX_SHEETS, SOURCE_SHEET].map((s) => s.toLowerCase()));
  const inputs: ConsolidateInput[] = [];
  const unreadable: Unreadable[] = [];
  for (const r of all.reads) {
    if (own.has(r.sheet.toLowerCase())) continue;
    if (r.kind === 'report') inputs.push({ report: r.report, findings: checkReport(r.report), source: origin(r.sheet), kind: 'Excel 标准表', sheet: r.sheet });
    else if (r.kind === 'moved') unreadable.push({ source: origin(r.sheet), reason: r.message });
  }
  if (!inputs.length) {
    const why = unreadable.length ? unreadable.map((u) => u.reason).join('\n') : '工作簿中没有标准表：请先用“插入为新工作表”插入各单位的年报。';
    return { ok: false, message: why, syncs };
  }
  // the roster, statuses and notes of an earlier 生成汇总 (or of the CLI's workbook) are kept
  const kept = await readRound(ctx);
  syncs += kept.syncs;
  // the workbook holds this year's and last year's sheets: 同比 and the rules across years, new and gone units allowed
  const years = [...new Set(inputs.map((i) => i.report.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const acrossYears = years.length === 2 && years[1] === years[0]! + 1;
  const round = update ? { ...kept.round, changes: [...(kept.round.changes ?? []), ...update.changes], when: update.when } : kept.round;
  const result = consolidate(inputs, { unreadable, originals: false, acrossYears, round });
  if (!result.ok) return { ok: false, message: result.message, syncs };

  const sheets = result.workbook.sheets.filter((s) => s.kind !== 'report' || own.has(s.name.toLowerCase())).filter((s) => s.name !== SOURCE_SHEET);

  // replace only what 生成汇总 wrote: a sheet of the user's under one of these names is left alone
  const gridOf = new Map(all.reads.map((r, i) => [r.sheet.toLowerCase(), i]));
  for (const s of sheets) {
    const i = gridOf.get(s.name.toLowerCase());
    if (i !== undefined && !writtenBefore(all.grids[i]!, s)) {
      return { ok: false, message: `工作簿中已有名为“${all.names[i]}”的工作表，但不是“生成汇总”写的：请先把它改名，再生成汇总。`, syncs };
    }
  }
  const placed = sheets.map((s, position) => ({ model: s, position }));
  if (update) {
    // the new unit sheet where the old one was among the sheets 生成汇总 does not write
    const mine = new Set(sheets.map((s) => s.name.toLowerCase()));
    const others = all.names.filter((n) => !mine.has(n.toLowerCase()));
    placed.push({ model: update.model, position: sheets.length + Math.max(0, others.indexOf(update.sheet)) });
  }
  const written = await replaceSheets(
    ctx,
    placed,
    all.names,
    book,
    caps,
  );
  syncs += written.syncs;
  return { ok: true, units: result.units.length, year: result.year, name: result.name, written: sheets.map((s) => s.name), skipped: result.unreadable, syncs };
}
