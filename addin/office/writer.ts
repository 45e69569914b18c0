/**
 * SheetModel → the open workbook, through Office.js. A thin writer, like core/xlsx/write.ts:
 * it takes the model as it is and makes no layout decision of its own; it only translates
 * (characters → points, ARGB → #RRGGBB) and batches.
 *
 * Batching: every operation is queued with an estimate of the bytes it adds to the request,
 * and a sync is made only when the next operation would take the request over the budget
 * (Excel caps a request at 5 MB), so the number of syncs follows the size of the job, not
 * the number of sheets or cells.
 */
import { DEFAULT_MARGINS, extent, PAINT, parseAddress, type CellContent, type CellStyle, type ConditionalFormat, type SheetModel, type WorkbookModel } from '../../core/sheet/model.ts';
import type { BorderEdge, Capabilities, XlContext, XlWorksheet } from './api.ts';
import { columnsAddress, jsonBytes, rectAddress, rectangles, rowsAddress, runsOf } from './grid.ts';

/** bytes per request we allow ourselves: Excel caps a request at 5 MB (5 242 880 bytes); the rest is headroom for what the estimates miss */
export const REQUEST_BUDGET = 4_500_000;
/** one action with its object path in the request JSON, a generous estimate */
const OP_BYTES = 300;
/** a sheet's cells go out in row chunks of about this size, so that big sheets can be spread over requests */
const CHUNK_BYTES = 250_000;

/** the painted states of the model, as Office.js takes colours (#RRGGBB) */
export const CF_COLOURS = Object.fromEntries(
  Object.entries(PAINT).map(([k, v]) => [k, { fill: colourOf(v.fill), font: colourOf(v.font) }]),
) as Record<ConditionalFormat['style'], { fill: string; font: string }>;

export type Book = Pick<WorkbookModel, 'styles' | 'font'>;

export interface Op {
  bytes: number;
  run(): void;
}

/** ARGB (FF595959) → #595959 */
export const colour = (argb: string): string => colourOf(argb);
function colourOf(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

/** a column width in characters (as the model and .xlsx give it) → points (as Office.js takes it) */
export const widthPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/**
 * What to put in `Range.formulas` so that the cell holds exactly the model's content. Text is
 * written behind an apostrophe, which Excel keeps out of the value: otherwise a line reading
 * `=1+1`, `-5` or `2021年1月` would become a formula, a number or a date.
 */
export function formulaInput(c: CellContent): string | number {
  switch (c.kind) {
    case 'number':
      return c.value;
    case 'formula':
      return `=${c.formula}`;
    case 'blank':
      return '';
    case 'text':
      return c.text === '' ? '' : `'${c.text}`;
  }
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/** a relative reference (A1, not $A$1): a format split over several ranges would move it */
const RELATIVE_REF = /(?<![$A-Z'!"])(?:[A-Z]{1,3}\$?\d+|\$[A-Z]{1,3}\d+)(?![\d(])/;

function styleOps(ws: () => XlWorksheet, where: string, multiRow: boolean, multiCol: boolean, s: CellStyle): Op[] {
  const ops: Op[] = [];
  const op = (run: () => void) => ops.push({ bytes: OP_BYTES, run });
  const f = () => ws().getRange(where).format;
  if (s.size !== undefined) op(() => (f().font.size = s.size!));
  if (s.bold) op(() => (f().font.bold = true));
  if (s.italic) op(() => (f().font.italic = true));
  if (s.color) op(() => (f().font.color = colour(s.color!)));
  if (s.fill) op(() => (f().fill.color = colour(s.fill!)));
  if (s.h) op(() => (f().horizontalAlignment = H_ALIGN[s.h!]));
  if (s.v) op(() => (f().verticalAlignment = V_ALIGN[s.v!]));
  if (s.wrap) op(() => (f().wrapText = true));
  if (s.border) {
    const edges: BorderEdge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (multiCol) edges.push('InsideVertical');
    if (multiRow) edges.push('InsideHorizontal');
    for (const e of edges) {
      op(() => {
        const b = f().borders.getItem(e);
        b.style = 'Continuous';
        b.color = '#000000';
      });
    }
  }
  return ops;
}

/** rows of a matrix in chunks of about CHUNK_BYTES: [first row index, rows] */
function chunks<T>(rows: T[][]): [number, T[][], number][] {
  const out: [number, T[][], number][] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = jsonBytes(row);
    if (i > start && bytes + b > CHUNK_BYTES) {
      out.push([start, rows.slice(start, i), bytes]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (rows.length) out.push([start, rows.slice(start), bytes]);
  return out;
}

/**
 * Every operation that puts `sheet` on a new, empty worksheet; nothing is synced here. The
 * worksheet is asked for when an operation runs, so it may be added by an earlier operation.
 */
export function sheetOps(sheetAt: () => XlWorksheet, sheet: SheetModel, book: Book, caps: Capabilities): Op[] {
  const ops: Op[] = [];
  const op = (run: (ws: XlWorksheet) => void, bytes = 0) => ops.push({ bytes: OP_BYTES + bytes, run: () => run(sheetAt()) });
  const { cols, rows } = extent(sheet.cells.keys());
  const box = rectAddress({ c1: 1, r1: 1, c2: cols, r2: rows });

  // the workbook's font for every cell of the sheet (a style only changes what it names)
  op((ws) => (ws.getRange(box).format.font.name = book.font));
  op((ws) => (ws.getRange(box).format.font.size = 11));

  // contents and number formats: 2-D arrays over the sheet, a chunk of rows at a time
  const contents: (string | number)[][] = Array.from({ length: rows }, () => Array<string | number>(cols).fill(''));
  const formats: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  const byStyle = new Map<string, string[]>();
  for (const [a, cell] of sheet.cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const r = Number(m[2]) - 1;
    let c = 0;
    for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
    contents[r]![c - 1] = formulaInput(cell.content);
    if (cell.style) {
      const numFmt = book.styles[cell.style]?.numFmt;
      if (numFmt) formats[r]![c - 1] = numFmt;
      const list = byStyle.get(cell.style) ?? [];
      list.push(a);
      byStyle.set(cell.style, list);
    }
  }
  for (const [start, part, bytes] of chunks(contents)) {
    const where = rectAddress({ c1: 1, r1: start + 1, c2: cols, r2: start + part.length });
    op((ws) => (ws.getRange(where).formulas = part), bytes);
  }
  for (const [start, part, bytes] of chunks(formats)) {
    if (part.every((row) => row.every((f) => f === 'General'))) continue;
    const where = rectAddress({ c1: 1, r1: start + 1, c2: cols, r2: start + part.length });
    op((ws) => (ws.getRange(where).numberFormat = part), bytes);
  }

  // styles, one rectangle of equally styled cells at a time
  for (const [name, addresses] of byStyle) {
    const style = book.styles[name as keyof Book['styles']];
    if (!style) throw new Error(`样式“${name}”未定义`);
    for (const q of rectangles(addresses)) ops.push(...styleOps(sheetAt, rectAddress(q), q.r2 > q.r1, q.c2 > q.c1, style));
  }

  // merges after the contents: Excel will not write into the hidden cells of a merge
  for (const m of sheet.merges) op((ws) => ws.getRange(m).merge(false));

  for (const [c1, c2, w] of runsOf(sheet.widths.map((w, i): [number, number] => [i + 1, w]))) {
    op((ws) => (ws.getRange(columnsAddress(c1, c2)).format.columnWidth = widthPoints(w)));
  }
  for (const c of sheet.hiddenColumns) op((ws) => (ws.getRange(columnsAddress(c, c)).columnHidden = true));
  for (const [r1, r2, h] of runsOf([...sheet.heights])) op((ws) => (ws.getRange(rowsAddress(r1, r2)).format.rowHeight = h));

  // Office.js adds a conditional format at the top priority: add them last to first, so that
  // the model's first (the red of a broken rule) ends on top, as in the .xlsx
  for (const cf of [...sheet.conditionalFormats].reverse()) ops.push(...formatOps(sheetAt, cf, caps));

  // the drop-down (问题清单's 整改状态) needs ExcelApi 1.8; older Excel keeps plain cells, which
  // the next 生成汇总 reads all the same (a status typed past the list goes to 备注, never lost)
  if (caps.api18) {
    for (const v of sheet.validations ?? []) {
      op((ws) => {
        const dv = ws.getRange(v.range).dataValidation;
        dv.rule = { list: { inCellDropDown: true, source: v.list.join(',') } };
        dv.errorAlert = { message: v.message, showAlert: true, style: 'Stop', title: '输入有误' };
      }, jsonBytes(v.list) + jsonBytes(v.message));
    }
  }

  if (sheet.freeze) {
    const { rows: fr, columns: fc } = sheet.freeze;
    if (fr && fc) op((ws) => ws.freezePanes.freezeAt(rectAddress({ c1: 1, r1: 1, c2: fc, r2: fr })));
    else if (fr) op((ws) => ws.freezePanes.freezeRows(fr));
    else if (fc) op((ws) => ws.freezePanes.freezeColumns(fc));
  }
  if (caps.api19) {
    // a live filter: Excel itself hides the rows whose verdict is not among the values
    const f = sheet.filter;
    const first = sheet.autoFilter ? parseAddress(sheet.autoFilter.split(':')[0]!).col : 1;
    if (sheet.autoFilter) op((ws) => (f ? ws.autoFilter.apply(sheet.autoFilter!, f.column - first, { filterOn: 'Values', values: f.values }) : ws.autoFilter.apply(sheet.autoFilter!)));
    ops.push(...printOps(sheetAt, sheet.print));
  }
  return ops;
}

function formatOps(ws: () => XlWorksheet, cf: ConditionalFormat, caps: Capabilities): Op[] {
  const colours = CF_COLOURS[cf.style];
  const add = (where: string, areas: boolean): Op => ({
    bytes: OP_BYTES * 4 + jsonBytes(cf.formula) + where.length,
    run: () => {
      const f = (areas ? ws().getRanges(where) : ws().getRange(where)).conditionalFormats.add('Custom');
      f.custom.rule.formula = `=${cf.formula}`;
      f.custom.format.fill.color = colours.fill;
      f.custom.format.font.color = colours.font;
    },
  });
  if (cf.ranges.length === 1) return [add(cf.ranges[0]!, false)];
  if (caps.api19) return [add(cf.ranges.join(','), true)];
  // Without RangeAreas each range gets its own copy, which is the same format only when the
  // formula has no relative reference (they would move with each range's top-left cell).
  if (RELATIVE_REF.test(cf.formula.replace(/"[^"]*"/g, ''))) {
    throw new Error(`条件格式“${cf.formula}”含相对引用，需要 ExcelApi 1.9 才能一次应用到多个区域`);
  }
  return [...cf.ranges].reverse().map((r) => add(r, false));
}

function printOps(ws: () => XlWorksheet, p: SheetModel['print']): Op[] {
  const ops: Op[] = [];
  const op = (run: () => void) => ops.push({ bytes: OP_BYTES, run });
  const layout = () => ws().pageLayout;
  op(() => (layout().orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait'));
  op(() => (layout().paperSize = p.paper));
  op(() => (layout().zoom = p.scale ? { scale: p.scale } : { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight }));
  op(() => (layout().centerHorizontally = true));
  op(() => layout().setPrintMargins('Inches', p.margins ?? DEFAULT_MARGINS));
  if (p.area) op(() => layout().setPrintArea(p.area!));
  if (p.titleRows) {
    const rows = p.titleRows.split(':').map((r) => `$${r.replace(/\$/g, '')}`).join(':');
    op(() => layout().setPrintTitleRows(rows));
  }
  if (p.titleColumns) {
    const cols = p.titleColumns.split(':').map((c) => `$${c.replace(/\$/g, '')}`).join(':');
    op(() => layout().setPrintTitleColumns(cols));
  }
  for (const r of p.breaksBefore ?? []) op(() => ws().horizontalPageBreaks.add(`A${r}`));
  return ops;
}

export interface RunOptions {
  /**
   * Hold calculation while all but the last batch are written (large jobs). The last batch
   * is calculated as usual, and `finish` (queued at its end) should recalculate what the
   * held batches wrote.
   */
  suspend?: boolean;
  /** operations for the end of the last batch: recalculate, activate, select */
  finish?: () => void;
}

/** operations packed into requests of at most REQUEST_BUDGET bytes, in order */
export function pack(ops: Op[]): Op[][] {
  const batches: Op[][] = [];
  let bytes = 0;
  for (const o of ops) {
    const last = batches[batches.length - 1];
    if (last && bytes + o.bytes <= REQUEST_BUDGET) {
      last.push(o);
      bytes += o.bytes;
    } else {
      batches.push([o]);
      bytes = OP_BYTES + o.bytes;
    }
  }
  return batches;
}

/** queue the operations a request at a time, one sync each; returns the syncs made */
export async function runOps(ctx: XlContext, ops: Op[], options: RunOptions = {}): Promise<number> {
  const batches = pack(ops);
  if (!batches.length) batches.push([]);
  for (const [i, batch] of batches.entries()) {
    const last = i === batches.length - 1;
    if (options.suspend && !last) ctx.workbook.application.suspendApiCalculationUntilNextSync();
    for (const o of batch) o.run();
    if (last) options.finish?.();
    await ctx.sync();
  }
  return batches.length;
}

export interface Inserted {
  sheet: string;
  syncs: number;
}

/**
 * Insert one sheet beside the others, never over one: `build` gets the names in use and
 * returns the model under a name that is free. The new sheet is activated and A1 selected.
 * Two syncs for a standard sheet: the names, then everything else.
 */
export async function insertSheet(ctx: XlContext, build: (taken: string[]) => SheetModel, book: Book, caps: Capabilities): Promise<Inserted> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const taken = sheets.items.map((s) => s.name);
  const model = build(taken);
  if (taken.some((t) => t.toLowerCase() === model.name.toLowerCase())) throw new Error(`工作表“${model.name}”已存在`);
  const ws = sheets.add(model.name);
  const syncs = await runOps(ctx, sheetOps(() => ws, model, book, caps), {
    finish: () => {
      ws.activate();
      ws.getRange('A1').select();
    },
  });
  return { sheet: model.name, syncs: 1 + syncs };
}

/** select cells of a sheet (a finding's cells): one sync */
export async function selectCells(ctx: XlContext, sheet: string, addresses: string[], caps: Capabilities): Promise<void> {
  if (!addresses.length) return;
  const ws = ctx.workbook.worksheets.getItem(sheet);
  ws.activate();
  if (addresses.length === 1 || !caps.api19) ws.getRange(addresses.length === 1 ? addresses[0] : boundingBox(addresses)).select();
  else ws.getRanges(addresses.join(',')).select();
  await ctx.sync();
}

function boundingBox(addresses: string[]): string {
  const rects = rectangles(addresses.flatMap((a) => (a.includes(':') ? a.split(':') : [a])));
  const q = rects.reduce((m, r) => ({ c1: Math.min(m.c1, r.c1), r1: Math.min(m.r1, r.r1), c2: Math.max(m.c2, r.c2), r2: Math.max(m.r2, r.r2) }));
  return rectAddress(q);
}

export interface Replaced {
  syncs: number;
}

/**
 * Write whole sheets (生成汇总's own), each in place of the sheet of the same name if there
 * is one (`existing`: the workbook's sheet names, already read), at the given positions; then
 * recalculate and show the first. Calculation is held while the batches are written.
 */
export async function replaceSheets(
  ctx: XlContext,
  sheets: { model: SheetModel; position: number }[],
  existing: string[],
  book: Book,
  caps: Capabilities,
): Promise<Replaced> {
  const have = new Set(existing.map((n) => n.toLowerCase()));
  const added = new Map<string, XlWorksheet>();
  const ops: Op[] = [];
  // every sheet is in place before any formula is written: a formula naming a sheet that is
  // not there yet would be taken for a reference to another file
  for (const { model, position } of sheets) {
    ops.push({
      bytes: OP_BYTES * 3,
      run: () => {
        if (have.has(model.name.toLowerCase())) ctx.workbook.worksheets.getItem(model.name).delete();
        const ws = ctx.workbook.worksheets.add(model.name);
        ws.position = position;
        added.set(model.name, ws);
      },
    });
  }
  for (const { model } of sheets) ops.push(...sheetOps(() => added.get(model.name)!, model, book, caps));
  const syncs = await runOps(ctx, ops, {
    suspend: true,
    finish: () => {
      // what the held batches wrote is computed now; then the first sheet is shown
      ctx.workbook.application.calculate('Recalculate');
      const first = sheets[0] && added.get(sheets[0].model.name);
      first?.activate();
      first?.getRange('A1').select();
    },
  });
  return { syncs };
}
