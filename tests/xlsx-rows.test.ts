/**
 * The streamed writer writes 校验's template rows from their templates (core/xlsx/rowxml.ts),
 * not cell by cell: the XML must be the very XML the cells would give, for sheet names that
 * need quoting and escaping in a formula, inside a link's text and in XML alike.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { linkExpr } from '../core/sheet/formulas.ts';
import { fillTemplate, quoteSheet, SHEET_HOLE, unparse, unparseTemplate } from '../core/formula/index.ts';
import { VerifyRows } from '../core/sheet/bulk.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import type { SheetModel } from '../core/sheet/model.ts';
import { verifySheet } from '../core/sheet/verify.ts';
import { FONT, STYLES } from '../core/sheet/workbook.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { countyReports } from './support/county.ts';

const NAMES = ['一镇', `甲"乙'镇`, '丙&<丁>镇'];

/** the sheet's XML and the shared strings, as the streamed writer writes them */
async function written(sheet: SheetModel): Promise<{ sheet: string; strings: string }> {
  const files = unzipSync(await xlsxBytes({ sheets: [sheet], styles: STYLES, font: FONT }));
  return { sheet: strFromU8(files['xl/worksheets/sheet1.xml']!), strings: strFromU8(files['xl/sharedStrings.xml']!) };
}

function verifyOf(names: string[]): SheetModel {
  const sheet = verifySheet([]);
  const rows = new VerifyRows(sheet);
  for (const name of names) {
    for (const format of ['gov2021', 'gov2019'] as const) rows.unit({ sheet: name, layout: standardLayout(format), findings: [], lineAddress: () => undefined });
  }
  return sheet;
}

describe('template rows of 校验', () => {
  it('are written as the same XML as their cells, one by one', async () => {
    const fast = verifyOf(NAMES);
    // the same cells in a plain Map: the writer goes cell by cell
    const slow: SheetModel = { ...verifyOf(NAMES), cells: new Map([...verifyOf(NAMES).cells]) };
    const a = await written(fast);
    const b = await written(slow);
    assert.ok(a.sheet.length > 100_000, 'a sheet of some size');
    assert.equal(a.sheet, b.sheet);
    assert.equal(a.strings, b.strings);
    // the names as a link's text and as a reference: quotes doubled in the text, XML escaped
    assert.match(a.sheet, /HYPERLINK\("#'甲""乙''镇'!/);
    assert.match(a.sheet, /'丙&amp;&lt;丁>镇'!/);
  });

  it('a county workbook is written as the same XML as its cells in plain maps, sheet by sheet', async () => {
    // unit sheets over their template (overlay.ts), 校验 from templates, 原文 and 明细 made when written
    const reports = countyReports(4, { county: '云岭县', seed: 3 });
    const c = consolidate(reports.map((report) => ({ report, source: report.source, kind: '文本' })));
    assert.ok(c.ok, c.ok ? '' : c.message);
    const book = (plain: boolean) => ({ ...c.workbook, sheets: c.workbook.sheets.map((s) => (plain ? { ...s, cells: new Map([...s.cells]) } : s)) });
    const a = unzipSync(await xlsxBytes(book(false)));
    const b = unzipSync(await xlsxBytes(book(true)));
    assert.deepEqual(Object.keys(a), Object.keys(b));
    for (const name of Object.keys(a)) assert.equal(strFromU8(a[name]!), strFromU8(b[name]!), name);
  });

  it('a link to a cell of a sheet: the same text from a template as written whole', () => {
    for (const name of NAMES) {
      const whole = unparse(linkExpr(name, 'F10', 'F10'));
      assert.equal(fillTemplate(unparseTemplate(linkExpr(SHEET_HOLE, 'F10', 'F10')), quoteSheet(name), 7), whole);
    }
    assert.equal(unparse(linkExpr(`甲"乙'镇`, 'F10', '看')), `HYPERLINK("#'甲""乙''镇'!F10","看")`);
  });
});
