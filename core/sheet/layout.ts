/**
 * Where everything of the standard sheet lives, for one format: the official tables 二、三、四
 * drawn as in the template, with the address of every cell id and of every check cell.
 * The geometry depends on the format only, so the reader of a workbook finds the cells with
 * the same map the writer used.
 *
 * Columns: A–E hold 表三's three label levels (A the group 三、, B the sub-groups, C:E the
 * item labels), F–L its seven numbers, M the row check. 表四's fifteen numbers use A–O; 表二
 * uses A:C for 信息内容 and D–I for up to three value columns, J for its checks.
 */
import { cellInfo, t2Id, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS, T3_COLUMNS, T3_GROUPS, T3_NOTE, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { FORMAT_ZH, SECTION_TITLES } from '../format/facts.ts';
import { addr, emptySheet, range, SheetBuilder, type Address, type SheetModel, type StyleName } from './model.ts';

/** marks a sheet as a standard sheet of this project; the reader looks for it */
export const MARKER_PREFIX = 'gouji-standard-sheet/1 ';
export const MARKER_COL = 17; // Q, hidden, outside the print area

export const LAST_COL = 15; // O

/** the template's fixed words: the reader checks they are still where the layout put them */
export const LAYOUT_LABEL_STYLES: ReadonlySet<StyleName> = new Set<StyleName>(['section', 'caption', 'header', 'label', 'label_center']);
const T3_NUM = 6; // F
const T3_CHECK = 13; // M
const T2_CHECK = 10; // J
/** 表二's value slots: one, two or three value columns spread over D–I */
const T2_SLOTS: Record<number, [number, number][]> = {
  1: [[4, 9]],
  2: [[4, 5], [6, 9]],
  3: [[4, 5], [6, 7], [8, 9]],
};

/** the height of a one-line table row, in points */
const ROW = 17;

export const WIDTHS = [10, 12, 12, 12, 12, 10, 10, 10, 10, 10, 10, 10, 11, 10, 10];

export { FORMAT_ZH };

/** labels of the check rows and columns: layout words, not rule logic (that is formulas.ts) */
export const CHECK_LABELS = {
  t3Row: '差额\n总计−各类申请人之和',
  'R3.1': '差额：（一＋二）−（（七）总计＋四）',
  'R3.2': '差额：（七）总计−各项办理结果之和',
  t4: '差额：总计−其余四项',
  t2: '校验',
} as const;

export interface Layout {
  format: FormatId;
  /** the drawn template: labels, headers, borders; inputs blank */
  template: SheetModel;
  addresses: Record<CellId, Address>;
  /** instance id → the check cell beside or under its table */
  checkSlots: Map<string, Address>;
  meta: { title: Address; unit: Address; year: Address; formatText: Address; source: Address; marker: Address };
  lastRow: number;
}

/** display width of a text in column units: a Chinese character takes about two */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

const spanWidth = (c1: number, c2: number) => WIDTHS.slice(c1 - 1, c2).reduce((a, b) => a + b, 0);

/** the row height a wrapped label needs in a span of columns */
function fitHeight(b: SheetBuilder, row: number, text: string, c1: number, c2: number, rows = 1): void {
  const lines = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / (spanWidth(c1, c2) - 1.5))), 0);
  b.height(row, Math.max(ROW, Math.ceil((lines * 13 + 4) / rows)));
}

function draw(format: FormatId): Layout {
  const def = FORMATS[format];
  const sheet = emptySheet('', 'report');
  sheet.widths = [...WIDTHS];
  const b = new SheetBuilder(sheet);
  const addresses: Record<CellId, Address> = {};
  const checkSlots = new Map<string, Address>();
  const input = (id: CellId, c1: number, row: number, c2 = c1) => {
    const kind = cellInfo(format, id).column.kind;
    b.merged(c1, row, c2, row, '', kind === 'amount' ? 'input_amount' : 'input');
    sheet.cells.set(addr(c1, row), { content: { kind: 'blank' }, style: kind === 'amount' ? 'input_amount' : 'input' });
    addresses[id] = addr(c1, row);
  };
  const check = (instance: string, col: number, row: number) => {
    b.set(col, row, { kind: 'blank' }, 'check');
    checkSlots.set(instance, addr(col, row));
  };

  // ---- title and what the sheet is about
  let row = 1;
  const title = b.merged(1, row, LAST_COL, row, '', 'title');
  b.height(row, 30);
  row = 2;
  b.text(1, row, '填报单位', 'meta_label');
  const unit = b.merged(2, row, 5, row, '', 'meta_value');
  b.text(6, row, '报告年度', 'meta_label');
  const year = b.set(7, row, { kind: 'blank' }, 'meta_value');
  b.text(8, row, '表格格式', 'meta_label');
  const formatText = b.merged(9, row, LAST_COL, row, FORMAT_ZH[format], 'meta_value');
  row = 3;
  b.text(1, row, '来源', 'meta_label');
  const source = b.merged(2, row, LAST_COL, row, '', 'meta_value');
  const marker = b.text(MARKER_COL, 1, MARKER_PREFIX + format, 'marker');
  sheet.hiddenColumns.push(MARKER_COL);
  row = 5;

  // ---- 表二
  b.merged(1, row, LAST_COL, row, SECTION_TITLES[1]!, 'section');
  row++;
  for (const block of def.t2) {
    const slots = T2_SLOTS[block.columns.length];
    if (!slots) throw new Error(`表二 ${block.key} 有 ${block.columns.length} 列，标准表排不下`);
    b.merged(1, row, 9, row, block.caption, 'caption');
    row++;
    const headerRow = row;
    b.merged(1, row, 3, row, '信息内容', 'header');
    block.columns.forEach((c, i) => {
      const [c1, c2] = slots[i]!;
      b.merged(c1, row, c2, row, c.label, 'header');
      fitHeight(b, row, c.label, c1, c2);
    });
    row++;
    for (const r of block.rows) {
      b.merged(1, row, 3, row, r.label, 'label');
      block.columns.forEach((c, i) => input(t2Id(block.key, r.key, c.key), slots[i]![0], row, slots[i]![1]));
      b.height(row, ROW);
      row++;
    }
    // the R2 rules where they apply: beside the rows they judge
    const rowOf = (key: string) => headerRow + 1 + block.rows.findIndex((r) => r.key === key);
    const slotsHere: [string, number][] = [];
    if (block.key === 'art20_1') {
      const rule = format === 'gov2021' ? 'R2.2' : 'R2.4';
      for (const r of block.rows) slotsHere.push([`${rule}@${r.key}`, rowOf(r.key)]);
    }
    if (block.key === 'art20_9') slotsHere.push(['R2.5@art20_9', rowOf('procurement')]);
    if (slotsHere.length) {
      b.text(T2_CHECK, headerRow, CHECK_LABELS.t2, 'check_label');
      for (const [id, r] of slotsHere) check(id, T2_CHECK, r);
    }
  }
  row++;

  // ---- 表三, on a page of its own with 表四 when printed
  const t3Page = row;
  b.merged(1, row, LAST_COL, row, SECTION_TITLES[2]!, 'section');
  row++;
  const h = row;
  b.merged(1, h, 5, h + 2, T3_NOTE, 'header');
  b.merged(T3_NUM, h, T3_NUM + 6, h, '申请人情况', 'header');
  b.merged(T3_NUM, h + 1, T3_NUM, h + 2, T3_COLUMNS[0]!.label, 'header');
  b.merged(T3_NUM + 1, h + 1, T3_NUM + 5, h + 1, '法人或其他组织', 'header');
  T3_COLUMNS.slice(1, 6).forEach((c, i) => b.merged(T3_NUM + 1 + i, h + 2, T3_NUM + 1 + i, h + 2, c.label, 'header'));
  b.merged(T3_NUM + 6, h + 1, T3_NUM + 6, h + 2, T3_COLUMNS[6]!.label, 'header');
  b.merged(T3_CHECK, h, T3_CHECK, h + 2, CHECK_LABELS.t3Row, 'check_label');
  b.height(h, 20);
  b.height(h + 1, 20);
  b.height(h + 2, 28);
  row = h + 3;
  const t3Start = row;
  const rowIndex = new Map(def.t3Rows.map((r, i) => [r.key, t3Start + i]));
  const groups = T3_GROUPS.filter((g) => rowIndex.has(g.rows[0]));
  const inSubGroup = (key: string) => groups.slice(1).find((g) => {
    const i = rowIndex.get(key)!;
    return i >= rowIndex.get(g.rows[0])! && i <= rowIndex.get(g.rows[1])!;
  });
  const main = groups[0]!;
  const mainFrom = rowIndex.get(main.rows[0])!;
  const mainTo = rowIndex.get(main.rows[1])!;
  b.merged(1, mainFrom, 1, mainTo, main.label, 'label_center');
  for (const g of groups.slice(1)) b.merged(2, rowIndex.get(g.rows[0])!, 2, rowIndex.get(g.rows[1])!, g.label, 'label_center');
  for (const r of def.t3Rows) {
    const at = rowIndex.get(r.key)!;
    const inMain = at >= mainFrom && at <= mainTo;
    const c1 = !inMain ? 1 : inSubGroup(r.key) ? 3 : 2;
    b.merged(c1, at, 5, at, r.label, 'label');
    fitHeight(b, at, r.label, c1, 5);
    T3_COLUMNS.forEach((c, i) => input(t3Id(r.key, c.key), T3_NUM + i, at));
    check(`R3.3@${r.key}`, T3_CHECK, at);
  }
  row = t3Start + def.t3Rows.length;
  for (const rule of ['R3.1', 'R3.2'] as const) {
    b.merged(1, row, 5, row, CHECK_LABELS[rule], 'check_label');
    T3_COLUMNS.forEach((c, i) => check(`${rule}@${c.key}`, T3_NUM + i, row));
    b.height(row, ROW);
    row++;
  }
  row++;

  // ---- 表四
  b.merged(1, row, LAST_COL, row, SECTION_TITLES[3]!, 'section');
  row++;
  const g = row;
  b.merged(1, g, 5, g, T4_BLOCKS[0]!.label, 'header');
  b.merged(6, g, 15, g, '行政诉讼', 'header');
  T4_COLUMNS.forEach((c, i) => b.merged(1 + i, g + 1, 1 + i, g + 2, c.label, 'header'));
  b.merged(6, g + 1, 10, g + 1, T4_BLOCKS[1]!.label, 'header');
  b.merged(11, g + 1, 15, g + 1, T4_BLOCKS[2]!.label, 'header');
  T4_BLOCKS.slice(1).forEach((_, bi) => T4_COLUMNS.forEach((c, i) => b.merged(6 + bi * 5 + i, g + 2, 6 + bi * 5 + i, g + 2, c.label, 'header')));
  for (const r of [g, g + 1, g + 2]) b.height(r, 19);
  row = g + 3;
  T4_BLOCKS.forEach((blk, bi) => T4_COLUMNS.forEach((c, i) => input(t4Id(blk.key, c.key), 1 + bi * 5 + i, row)));
  b.height(row, ROW);
  row++;
  T4_BLOCKS.forEach((blk, bi) => {
    const c0 = 1 + bi * 5;
    b.merged(c0, row, c0 + 3, row, CHECK_LABELS.t4, 'check_label');
    check(`R4.${bi + 1}@${blk.key}`, c0 + 4, row);
  });
  b.height(row, ROW);
  const lastRow = row;

  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, area: range(1, 1, LAST_COL, lastRow), breaksBefore: [t3Page] };
  sheet.freeze = { rows: 3, columns: 0 };
  sheet.format = format;
  sheet.addresses = addresses;
  return { format, template: sheet, addresses, checkSlots, meta: { title, unit, year, formatText, source, marker }, lastRow };
}

const cache = new Map<FormatId, Layout>();

/** the standard sheet's layout for a format (drawn once, then shared) */
export function standardLayout(format: FormatId): Layout {
  let l = cache.get(format);
  if (!l) {
    l = draw(format);
    cache.set(format, l);
  }
  return l;
}

/** a fresh copy of the template, to be filled for one report */
export function copyTemplate(layout: Layout, name: string): SheetModel {
  const t = layout.template;
  return {
    ...t,
    name,
    cells: new Map([...t.cells].map(([a, c]) => [a, { ...c }])),
    merges: [...t.merges],
    widths: [...t.widths],
    heights: new Map(t.heights),
    hiddenColumns: [...t.hiddenColumns],
    conditionalFormats: [],
    print: { ...t.print },
    addresses: { ...layout.addresses },
  };
}
