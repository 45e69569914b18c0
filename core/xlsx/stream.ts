/**
 * WorkbookModel → .xlsx bytes, written part by part into a zip as it goes: the writer for
 * large workbooks (the county workbook of a thousand units has millions of cells, which
 * exceljs holds as objects several times over). The same model, the same styles, formulas
 * without cached results (fullCalcOnLoad) as write.ts; what it writes is checked by reading
 * it back with exceljs and by LibreOffice (tests/consolidate*.test.ts).
 */
import type { CellModel, CellStyle, ConditionalFormat, SheetModel, StyleName, WorkbookModel } from '../sheet/model.ts';
import { addr, columnLetter, parseAddress } from '../sheet/model.ts';
import { OverlayCells } from '../sheet/overlay.ts';
import { RowCells } from '../sheet/rows.ts';
import { quoteSheet, rangeRef, ref, unparse } from '../formula/index.ts';
import { BORDER_COLOR, PAINT, PAINT_ORDER, pageSetup } from './page.ts';
import { isTemplated, TemplateRowXml, type TemplatedRow } from './rowxml.ts';
import { cellBody, esc, escText, SharedStrings, type Xf } from './xml-cell.ts';
import { Chunked } from './chunked.ts';
import { concat, FFLATE_CODEC, ZipWriter, type Codec } from './zip.ts';


/** a range of the sheet as a defined name's reference: `'名称'!$A$1:$I$20` */
const sheetRange = (sheet: string, range: string) => {
  const [a, b] = range.split(':') as [string, string?];
  return unparse(b ? rangeRef(a, b, { sheet, absolute: true }) : ref(a, { sheet, absolute: true }));
};

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** styles.xml, and the xf index of each named style (0 is the default) */
function styles(model: WorkbookModel): { xml: string; xf: Map<StyleName | undefined, number> } {
  const font = esc(model.font);
  const fonts: string[] = [`<font><sz val="11"/><name val="${font}"/></font>`];
  const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  const thin = (side: string) => `<${side} style="thin"><color rgb="${BORDER_COLOR}"/></${side}>`;
  const borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>', `<border>${thin('left')}${thin('right')}${thin('top')}${thin('bottom')}<diagonal/></border>`];
  const numFmts = new Map<string, number>();
  const xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  const xf = new Map<StyleName | undefined, number>([[undefined, 0]]);
  for (const [name, s] of Object.entries(model.styles) as [StyleName, CellStyle][]) {
    fonts.push(`<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}<sz val="${s.size ?? 11}"/>${s.color ? `<color rgb="${s.color}"/>` : ''}<name val="${font}"/></font>`);
    let fillId = 0;
    if (s.fill) {
      fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/><bgColor indexed="64"/></patternFill></fill>`);
      fillId = fills.length - 1;
    }
    let numFmtId = 0;
    if (s.numFmt && s.numFmt !== 'General') {
      if (!numFmts.has(s.numFmt)) numFmts.set(s.numFmt, 164 + numFmts.size);
      numFmtId = numFmts.get(s.numFmt)!;
    }
    const align = s.h || s.v || s.wrap
      ? `<alignment${s.h ? ` horizontal="${s.h}"` : ''}${s.v ? ` vertical="${s.v === 'middle' ? 'center' : s.v}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>`
      : '';
    xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fonts.length - 1}" fillId="${fillId}" borderId="${s.border ? 1 : 0}" xfId="0"` +
        `${numFmtId ? ' applyNumberFormat="1"' : ''} applyFont="1"${fillId ? ' applyFill="1"' : ''}${s.border ? ' applyBorder="1"' : ''}` +
        (align ? ` applyAlignment="1">${align}</xf>` : '/>'),
    );
    xf.set(name, xfs.length - 1);
  }
  const dxfs = PAINT_ORDER.map((k) => `<dxf><font><color rgb="${PAINT[k].font}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${PAINT[k].fill}"/></patternFill></fill></dxf>`);
  const xml =
    XML +
    `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    (numFmts.size ? `<numFmts count="${numFmts.size}">${[...numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('')}</numFmts>` : '') +
    `<fonts count="${fonts.length}">${fonts.join('')}</fonts><fills count="${fills.length}">${fills.join('')}</fills>` +
    `<borders count="${borders.length}">${borders.join('')}</borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="${dxfs.length}">${dxfs.join('')}</dxfs></styleSheet>`;
  return { xml, xf };
}


type RowCellList = readonly (readonly [number, CellModel])[];

/** the rows in order, each with its cells in column order (the model's map is in insertion order), or its template */
function* rowsOf(sheet: SheetModel): Iterable<[number, RowCellList | TemplatedRow | SharedRow]> {
  const heights = [...sheet.heights.keys()].sort((a, b) => a - b);
  // generated rows (校验, 原文, 明细 of a large workbook) come in order already; a row with a
  // height and no cells goes in between
  if (sheet.cells instanceof RowCells) {
    let h = 0;
    for (const [r, src] of sheet.cells.sourcesInOrder()) {
      for (; h < heights.length && heights[h]! <= r; h++) if (heights[h]! < r) yield [heights[h]!, []];
      yield [r, Array.isArray(src) ? src : isTemplated(src) ? src : src.cells()];
    }
    for (; h < heights.length; h++) yield [heights[h]!, []];
    return;
  }
  // a unit sheet: the rows it does not touch are its template's, written once for all units
  if (sheet.cells instanceof OverlayCells) {
    const base = baseRows(sheet.cells.base);
    const own = byRow(sheet.cells.own());
    for (const r of [...new Set([...base.keys(), ...own.keys(), ...heights])].sort((a, b) => a - b)) {
      const b = base.get(r);
      const o = own.get(r);
      if (!o) yield [r, b ?? []];
      else {
        const cols = new Set(o.map(([c]) => c));
        yield [r, [...(b?.cells ?? []).filter(([c]) => !cols.has(c)), ...o].sort((x, y) => x[0] - y[0])];
      }
    }
    return;
  }
  const rows = byRow(sheet.cells);
  for (const row of heights) if (!rows.has(row)) rows.set(row, []);
  for (const r of [...rows.keys()].sort((a, b) => a - b)) yield [r, rows.get(r)!.sort((a, b) => a[0] - b[0])];
}

function byRow(cells: Iterable<[string, CellModel]>): Map<number, [number, CellModel][]> {
  const rows = new Map<number, [number, CellModel][]>();
  for (const [ref, cell] of cells) {
    const { row, col } = position(ref);
    let r = rows.get(row);
    if (!r) rows.set(row, (r = []));
    r.push([col, cell]);
  }
  return rows;
}

/** a row of a template shared by many sheets: its cells' XML made once per workbook */
class SharedRow {
  xml: { strings: SharedStrings; xf: Xf; text: string; refs: number } | undefined;
  constructor(readonly cells: RowCellList) {}
  text(r: number, xf: Xf, strings: SharedStrings): string {
    if (this.xml?.strings === strings && this.xml.xf === xf) {
      strings.count += this.xml.refs;
      return this.xml.text;
    }
    // the row number is the same wherever the template goes
    const before = strings.count;
    let text = '';
    for (const [col, cell] of this.cells) text += `<c r="${letter(col)}${r}"${cellBody(cell, xf, strings)}`;
    this.xml = { strings, xf, text, refs: strings.count - before };
    return text;
  }
}

const basesByRow = new WeakMap<ReadonlyMap<string, CellModel>, Map<number, SharedRow>>();
function baseRows(base: ReadonlyMap<string, CellModel>): Map<number, SharedRow> {
  let rows = basesByRow.get(base);
  if (!rows) {
    rows = new Map([...byRow(base)].map(([r, cells]) => [r, new SharedRow(cells.sort((a, b) => a[0] - b[0]))]));
    basesByRow.set(base, rows);
  }
  return rows;
}

/** addresses parsed once: a thousand unit sheets have the same few thousand */
const positions = new Map<string, { row: number; col: number }>();
function position(ref: string): { row: number; col: number } {
  let p = positions.get(ref);
  if (!p) positions.set(ref, (p = parseAddress(ref)));
  return p;
}
const letters: string[] = [];
const letter = (col: number) => letters[col] ?? (letters[col] = columnLetter(col));

/** a conditional format's XML before and after its priority; every unit sheet has its format's, so made once */
const conditionals = new WeakMap<ConditionalFormat, { ranges: string[]; formula: string; style: string; xml: [string, string] }>();
function conditionalXml(cf: ConditionalFormat): [string, string] {
  const known = conditionals.get(cf);
  if (known && known.ranges === cf.ranges && known.formula === cf.formula && known.style === cf.style) return known.xml;
  const xml: [string, string] = [
    `<conditionalFormatting sqref="${cf.ranges.join(' ')}"><cfRule type="expression" dxfId="${PAINT_ORDER.indexOf(cf.style)}" priority="`,
    `"><formula>${escText(cf.formula)}</formula></cfRule></conditionalFormatting>`,
  ];
  conditionals.set(cf, { ranges: cf.ranges, formula: cf.formula, style: cf.style, xml });
  return xml;
}

/** the autoFilter, with the model's filter as a saved criterion so Excel shows it active */
function autoFilterXml(sheet: SheetModel): string {
  const f = sheet.filter;
  if (!f) return `<autoFilter ref="${sheet.autoFilter}"/>`;
  const first = parseAddress(sheet.autoFilter!.split(':')[0]!).col;
  const vals = f.values.map((v) => `<filter val="${esc(v)}"/>`).join('');
  return `<autoFilter ref="${sheet.autoFilter}"><filterColumn colId="${f.column - first}"><filters>${vals}</filters></filterColumn></autoFilter>`;
}

/** print titles as absolute references: columns first, as Excel writes them (`$A:$A`, `$1:$1`) */
export function printTitles(p: SheetModel['print']): string[] {
  const abs = (range: string) => range.split(':').map((x) => `$${x.replace(/\$/g, '')}`).join(':');
  return [p.titleColumns, p.titleRows].filter((x): x is string => !!x).map((x) => abs(x.includes(':') ? x : `${x}:${x}`));
}

async function writeSheet(out: Chunked, sheet: SheetModel, first: boolean, xf: Xf, strings: SharedStrings, templates: TemplateRowXml): Promise<void> {
  const rows = rowsOf(sheet);
  const p = sheet.print;
  await out.add(`${XML}<worksheet ${NS}><sheetPr><pageSetUpPr fitToPage="${p.scale ? 0 : 1}"/></sheetPr>`);
  const f = sheet.freeze;
  if (f && (f.rows || f.columns)) {
    const pane = f.rows && f.columns ? 'bottomRight' : f.rows ? 'bottomLeft' : 'topRight';
    const top = addr(f.columns + 1, f.rows + 1);
    await out.add(
      `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}><pane${f.columns ? ` xSplit="${f.columns}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''} topLeftCell="${top}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else {
    await out.add(`<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}/></sheetViews>`);
  }
  await out.add('<sheetFormatPr defaultRowHeight="15"/>');
  const hidden = new Set(sheet.hiddenColumns);
  const nCols = Math.max(sheet.widths.length, ...sheet.hiddenColumns, 0);
  if (nCols) {
    await out.add('<cols>');
    for (let c = 1; c <= nCols; c++) {
      const w = sheet.widths[c - 1];
      if (w === undefined && !hidden.has(c)) continue;
      await out.add(`<col min="${c}" max="${c}" width="${w ?? 9}"${w !== undefined ? ' customWidth="1"' : ''}${hidden.has(c) ? ' hidden="1"' : ''}/>`);
    }
    await out.add('</cols>');
  }
  await out.add('<sheetData>');
  const hiddenRows = sheet.filter?.hiddenRows;
  for (const [r, cells] of rows) {
    const h = sheet.heights.get(r);
    if (isTemplated(cells) && h === undefined) {
      const wait = templates.row(out, cells, r, hiddenRows?.has(r) === true);
      if (wait) await wait;
      continue;
    }
    let xml = `<row r="${r}"${h !== undefined ? ` ht="${h}" customHeight="1"` : ''}${hiddenRows?.has(r) ? ' hidden="1"' : ''}>`;
    if (isTemplated(cells)) xml += templates.cells(cells, r);
    else if (cells instanceof SharedRow) xml += cells.text(r, xf, strings);
    else for (const [col, cell] of cells) xml += `<c r="${letter(col)}${r}"${cellBody(cell, xf, strings)}`;
    const wait = out.add(xml + '</row>');
    if (wait) await wait;
  }
  await out.add('</sheetData>');
  if (sheet.autoFilter) await out.add(autoFilterXml(sheet));
  if (sheet.merges.length) await out.add(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    const [head, tail] = conditionalXml(cf);
    const wait = out.add(head + priority++ + tail);
    if (wait) await wait;
  }
  if (sheet.validations?.length) await out.add(validationsXml(sheet.validations));
  const page = pageSetup(p);
  const m = page.margins;
  await out.add(
    `<printOptions${page.horizontalCentered ? ' horizontalCentered="1"' : ''}/>` +
      `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
  );
  await out.add(`<pageSetup paperSize="${page.paperSize}" orientation="${page.orientation}" ${page.scale ? `scale="${page.scale}"` : `fitToWidth="${page.fitToWidth}" fitToHeight="${page.fitToHeight}"`}/>`);
  const breaks = p.breaksBefore ?? [];
  if (breaks.length) await out.add(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${b - 1}" max="16383" man="1"/>`).join('')}</rowBreaks>`);
  await out.add('</worksheet>');
}

/** a list's values in one quoted formula: "a,b,c" */
export const listFormula = (list: readonly string[]): string => `"${list.join(',')}"`;

function validationsXml(vs: NonNullable<SheetModel['validations']>): string {
  return (
    `<dataValidations count="${vs.length}">` +
    vs.map((v) => `<dataValidation type="list" allowBlank="1" showErrorMessage="1" error="${esc(v.message)}" sqref="${v.range}"><formula1>${esc(listFormula(v.list))}</formula1></dataValidation>`).join('') +
    '</dataValidations>'
  );
}

function workbookXml(model: WorkbookModel): string {
  const names: string[] = [];
  model.sheets.forEach((s, i) => {
    const q = quoteSheet(s.name);
    if (s.autoFilter) names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escText(sheetRange(s.name, s.autoFilter))}</definedName>`);
    if (s.print.area) names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${escText(sheetRange(s.name, s.print.area))}</definedName>`);
    const titles = printTitles(s.print).map((t) => `${q}!${t}`);
    if (titles.length) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escText(titles.join(','))}</definedName>`);
  });
  return (
    XML +
    `<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    model.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`
  );
}

/**
 * Write the workbook; `emit` receives the file's bytes in order, a chunk at a time. With
 * node's zlib as the codec a workbook of three million cells takes a few seconds.
 */
export async function writeXlsxStream(model: WorkbookModel, emit: (bytes: Uint8Array) => void, codec: Codec = FFLATE_CODEC): Promise<void> {
  const zip = new ZipWriter(emit, codec);
  const n = model.sheets.length;
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  await zip.file(
    '[Content_Types].xml',
    XML +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      model.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
  );
  await zip.file('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  await zip.file('xl/workbook.xml', workbookXml(model));
  await zip.file(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      model.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const st = styles(model);
  await zip.file('xl/styles.xml', st.xml);
  const strings = new SharedStrings();
  const templates = new TemplateRowXml(st.xf, strings);
  // one buffer for every part: a thousand sheets must not cost a thousand buffers
  const out = new Chunked(zip);
  for (const [i, sheet] of model.sheets.entries()) {
    zip.begin(`xl/worksheets/sheet${i + 1}.xml`);
    await writeSheet(out, sheet, i === 0, st.xf, strings, templates);
    await out.flush();
    await zip.end();
  }
  zip.begin('xl/sharedStrings.xml');
  await out.add(`${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.count}" uniqueCount="${strings.list.length}">`);
  // leading or trailing spaces survive only with xml:space
  for (const s of strings.list) await out.add(/^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${escText(s)}</t></si>` : `<si><t>${escText(s)}</t></si>`);
  await out.add('</sst>');
  await out.flush();
  await zip.end();
  zip.finish();
}

/** the whole file at once (small workbooks, tests) */
export async function xlsxBytes(model: WorkbookModel, codec?: Codec): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await writeXlsxStream(model, (b) => parts.push(b), codec);
  return concat(parts);
}
