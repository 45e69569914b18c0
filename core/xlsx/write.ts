/**
 * WorkbookModel → .xlsx bytes, with exceljs (which runs in the browser too: no fs here).
 * A thin writer: every decision about layout was made in the sheet model.
 */
import ExcelJS from 'exceljs';
import { rangeAddresses, type CellModel, type CellStyle, type SheetModel, type WorkbookModel } from '../sheet/model.ts';
import { BORDER_COLOR, PAINT, pageSetup } from './page.ts';
import { cellText } from './cell-text.ts';

/** the exceljs style of a named style: built once, shared by every cell that has it */
function excelStyle(style: CellStyle | undefined, font: string): Partial<ExcelJS.Style> {
  const s = style ?? {};
  const out: Partial<ExcelJS.Style> = {
    font: {
      name: font,
      size: s.size ?? 11,
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.color ? { color: { argb: s.color } } : {}),
    },
  };
  if (s.h || s.v || s.wrap) {
    out.alignment = { ...(s.h ? { horizontal: s.h } : {}), ...(s.v ? { vertical: s.v } : {}), ...(s.wrap ? { wrapText: true } : {}) };
  }
  if (s.border) {
    const thin = { style: 'thin' as const, color: { argb: BORDER_COLOR } };
    out.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  if (s.numFmt) out.numFmt = s.numFmt;
  return out;
}

function setContent(cell: ExcelJS.Cell, model: CellModel): void {
  const c = model.content;
  switch (c.kind) {
    case 'number':
      cell.value = c.value;
      return;
    case 'text':
      // a JS string is written as a string cell whatever it starts with (=, +, -, @)
      cell.value = cellText(c.text);
      return;
    case 'formula':
      // no cached result: Excel (fullCalcOnLoad) and LibreOffice compute it on open
      cell.value = { formula: c.formula } as ExcelJS.CellFormulaValue;
      return;
    case 'blank':
      cell.value = null;
      return;
  }
}

type Styles = Map<string | undefined, Partial<ExcelJS.Style>>;

function writeSheet(wb: ExcelJS.Workbook, styles: Styles, sheet: SheetModel): void {
  const ws = wb.addWorksheet(sheet.name, {
    views: sheet.freeze ? [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [],
  });
  if (sheet.hidden) ws.state = 'hidden';
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of sheet.hiddenColumns) ws.getColumn(c).hidden = true;
  for (const [address, cell] of sheet.cells) {
    const target = ws.getCell(address);
    target.style = styles.get(cell.style)!;
    setContent(target, cell);
  }
  for (const [row, h] of sheet.heights) ws.getRow(row).height = h;
  for (const m of sheet.merges) ws.mergeCells(m);
  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    const st = PAINT[cf.style];
    ws.addConditionalFormatting({
      ref: cf.ranges.join(' '),
      rules: [
        {
          type: 'expression',
          priority: priority++,
          formulae: [cf.formula],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: st.fill } },
            font: { color: { argb: st.font } },
          },
        },
      ],
    });
  }
  // exceljs breaks after the row it is given
  for (const r of sheet.print.breaksBefore ?? []) ws.getRow(r - 1).addPageBreak();
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
  // exceljs writes no filter criterion: the rows it would hide are hidden, so the sheet prints as the model says
  for (const r of sheet.filter?.hiddenRows ?? []) ws.getRow(r).hidden = true;
  for (const v of sheet.validations ?? []) {
    const rule = { type: 'list' as const, allowBlank: true, formulae: [`"${v.list.join(',')}"`], showErrorMessage: true, error: v.message };
    for (const a of rangeAddresses(v.range)) ws.getCell(a).dataValidation = rule;
  }
  const p = sheet.print;
  ws.pageSetup = {
    ...pageSetup(p),
    fitToPage: !p.scale,
    ...(p.area ? { printArea: p.area } : {}),
    ...(p.titleRows ? { printTitlesRow: p.titleRows } : {}),
    ...(p.titleColumns ? { printTitlesColumn: p.titleColumns } : {}),
  };
}

export function toExcelJs(model: WorkbookModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gouji';
  // formulas carry no cached result; ask Excel to compute them all when the file opens
  wb.calcProperties = { fullCalcOnLoad: true };
  const styles: Styles = new Map([[undefined, excelStyle(undefined, model.font)]]);
  for (const [name, st] of Object.entries(model.styles)) styles.set(name, excelStyle(st, model.font));
  for (const sheet of model.sheets) writeSheet(wb, styles, sheet);
  return wb;
}

/** the .xlsx file's bytes */
export async function writeXlsx(model: WorkbookModel): Promise<Uint8Array> {
  const buf = await toExcelJs(model).xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
