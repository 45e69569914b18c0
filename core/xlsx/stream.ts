/**
 * WorkbookModel → .xlsx bytes, written part by part into a zip as it goes: the writer for
 * large workbooks (the county workbook of a thousand units has millions of cells, which
 * exceljs holds as objects several times over). The same model, the same styles, formulas
 * without cached results (fullCalcOnLoad) as write.ts; what it writes is checked by reading
 * it back with exceljs and by LibreOffice (tests/consolidate*.test.ts).
 */
import type { CellModel, CellStyle, ConditionalFormat, SheetModel, StyleName, WorkbookModel } from '../sheet/model.ts';
import { addr, parseAddress } from '../sheet/model.ts';
import { cellText } from './write.ts';
import { FFLATE_CODEC, ZipWriter, type Codec } from './zip.ts';

/** the painted states, as write.ts paints them */
const CF_STYLES: Record<ConditionalFormat['style'], { fill: string; font: string }> = {
  broken: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  undecided: { fill: 'FFFFEB9C', font: 'FF9C5700' },
};
const CF_ORDER: ConditionalFormat['style'][] = ['broken', 'undecided'];

const esc = (s: string) => cellText(s).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
const quoteName = (name: string) => `'${name.replace(/'/g, "''")}'`;
const absolute = (range: string) => range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** styles.xml, and the xf index of each named style (0 is the default) */
function styles(model: WorkbookModel): { xml: string; xf: Map<StyleName | undefined, number> } {
  const font = esc(model.font);
  const fonts: string[] = [`<font><sz val="11"/><name val="${font}"/></font>`];
  const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  const borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>', '<border><left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right><top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/></border>'];
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
  const dxfs = CF_ORDER.map((k) => `<dxf><font><color rgb="${CF_STYLES[k].font}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${CF_STYLES[k].fill}"/></patternFill></fill></dxf>`);
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

/** text written in chunks: a few MB of XML at a time go to the zip */
class Chunked {
  private parts: string[] = [];
  private length = 0;
  private readonly utf8 = new TextEncoder();
  constructor(private readonly zip: ZipWriter) {}
  add(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (!this.parts.length) return;
    this.zip.write(this.utf8.encode(this.parts.join('')));
    this.parts = [];
    this.length = 0;
  }
}

class SharedStrings {
  readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  of(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

function cellXml(ref: string, cell: CellModel, xf: Map<StyleName | undefined, number>, strings: SharedStrings): string {
  const s = xf.get(cell.style) ?? 0;
  const st = s ? ` s="${s}"` : '';
  const c = cell.content;
  switch (c.kind) {
    case 'number':
      return Number.isFinite(c.value) ? `<c r="${ref}"${st}><v>${c.value}</v></c>` : `<c r="${ref}"${st}/>`;
    case 'text':
      return `<c r="${ref}"${st} t="s"><v>${strings.of(cellText(c.text))}</v></c>`;
    case 'formula':
      return `<c r="${ref}"${st}><f>${esc(c.formula)}</f></c>`;
    case 'blank':
      return `<c r="${ref}"${st}/>`;
  }
}

function writeSheet(out: Chunked, sheet: SheetModel, first: boolean, xf: Map<StyleName | undefined, number>, strings: SharedStrings): void {
  // rows in order, cells in order within a row: the model's map is in insertion order
  const rows = new Map<number, { col: number; ref: string; cell: CellModel }[]>();
  for (const [ref, cell] of sheet.cells) {
    const { row, col } = parseAddress(ref);
    let r = rows.get(row);
    if (!r) rows.set(row, (r = []));
    r.push({ col, ref, cell });
  }
  for (const row of sheet.heights.keys()) if (!rows.has(row)) rows.set(row, []);
  const p = sheet.print;
  out.add(`${XML}<worksheet ${NS}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
  const f = sheet.freeze;
  if (f && (f.rows || f.columns)) {
    const pane = f.rows && f.columns ? 'bottomRight' : f.rows ? 'bottomLeft' : 'topRight';
    const top = addr(f.columns + 1, f.rows + 1);
    out.add(
      `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}><pane${f.columns ? ` xSplit="${f.columns}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''} topLeftCell="${top}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else {
    out.add(`<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}/></sheetViews>`);
  }
  out.add('<sheetFormatPr defaultRowHeight="15"/>');
  const hidden = new Set(sheet.hiddenColumns);
  const nCols = Math.max(sheet.widths.length, ...sheet.hiddenColumns, 0);
  if (nCols) {
    out.add('<cols>');
    for (let c = 1; c <= nCols; c++) {
      const w = sheet.widths[c - 1];
      if (w === undefined && !hidden.has(c)) continue;
      out.add(`<col min="${c}" max="${c}" width="${w ?? 9}"${w !== undefined ? ' customWidth="1"' : ''}${hidden.has(c) ? ' hidden="1"' : ''}/>`);
    }
    out.add('</cols>');
  }
  out.add('<sheetData>');
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    const h = sheet.heights.get(r);
    const cells = rows.get(r)!.sort((a, b) => a.col - b.col);
    let xml = `<row r="${r}"${h !== undefined ? ` ht="${h}" customHeight="1"` : ''}>`;
    for (const c of cells) xml += cellXml(c.ref, c.cell, xf, strings);
    out.add(xml + '</row>');
  }
  out.add('</sheetData>');
  if (sheet.autoFilter) out.add(`<autoFilter ref="${sheet.autoFilter}"/>`);
  if (sheet.merges.length) out.add(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    out.add(
      `<conditionalFormatting sqref="${cf.ranges.join(' ')}"><cfRule type="expression" dxfId="${CF_ORDER.indexOf(cf.style)}" priority="${priority++}">` +
        `<formula>${esc(cf.formula)}</formula></cfRule></conditionalFormatting>`,
    );
  }
  out.add('<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.4" bottom="0.4" header="0.2" footer="0.2"/>');
  out.add(`<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>`);
  const breaks = p.breaksBefore ?? [];
  if (breaks.length) out.add(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${b - 1}" max="16383" man="1"/>`).join('')}</rowBreaks>`);
  out.add('</worksheet>');
}

function workbookXml(model: WorkbookModel): string {
  const names: string[] = [];
  model.sheets.forEach((s, i) => {
    const q = quoteName(s.name);
    if (s.autoFilter) names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${esc(`${q}!${absolute(s.autoFilter)}`)}</definedName>`);
    if (s.print.area) names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${esc(`${q}!${absolute(s.print.area)}`)}</definedName>`);
    if (s.print.titleRows) {
      const [a, b = a] = s.print.titleRows.split(':');
      names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`${q}!$${a}:$${b}`)}</definedName>`);
    }
  });
  return (
    XML +
    `<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    model.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`
  );
}

/**
 * Write the workbook; `emit` receives the file's bytes in order, a chunk at a time. With
 * node's zlib as the codec a workbook of three million cells takes a few seconds.
 */
export function writeXlsxStream(model: WorkbookModel, emit: (bytes: Uint8Array) => void, codec: Codec = FFLATE_CODEC): void {
  const zip = new ZipWriter(emit, codec);
  const n = model.sheets.length;
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.file(
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
  zip.file('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', workbookXml(model));
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      model.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const st = styles(model);
  zip.file('xl/styles.xml', st.xml);
  const strings = new SharedStrings();
  model.sheets.forEach((sheet, i) => {
    zip.begin(`xl/worksheets/sheet${i + 1}.xml`);
    const out = new Chunked(zip);
    writeSheet(out, sheet, i === 0, st.xf, strings);
    out.flush();
    zip.end();
  });
  zip.begin('xl/sharedStrings.xml');
  const out = new Chunked(zip);
  out.add(`${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.count}" uniqueCount="${strings.list.length}">`);
  // leading or trailing spaces survive only with xml:space
  for (const s of strings.list) out.add(/^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${esc(s)}</t></si>` : `<si><t>${esc(s)}</t></si>`);
  out.add('</sst>');
  out.flush();
  zip.end();
  zip.finish();
}

/** the whole file at once (small workbooks, tests) */
export function xlsxBytes(model: WorkbookModel, codec?: Codec): Uint8Array {
  const parts: Uint8Array[] = [];
  writeXlsxStream(model, (b) => parts.push(b), codec);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
