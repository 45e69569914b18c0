/**
 * Which sheet an insert would replace, and a replacement in a workbook that has no county
 * summary yet, on the Excel double (the Chromium test tests/addin-pane-round.test.ts compares
 * a replacement in a county workbook with `gouji consolidate --into`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_CAPABILITIES } from '../addin/office/api.ts';
import { findUnitSheet, replaceUnit } from '../addin/office/replace.ts';
import { insertSheet, type Book } from '../addin/office/writer.ts';
import { FONT, reportSheet, STYLES } from '../core/sheet/workbook.ts';
import { ExcelDouble } from './support/excel-double.ts';
import { sheetView } from './support/excel-view.ts';
import { generated, reportFrom } from './support/reports.ts';

const BOOK: Book = { styles: STYLES, font: FONT };
const UNIT = '青岚县白沙镇人民政府';
const g = generated(31);
const version = (year: number, bump: number, source: string) =>
  reportFrom({ format: g.report.format, unit: UNIT, year, values: { ...g.clean, 't3.new_received.total': (g.clean['t3.new_received.total'] ?? 0) + bump }, source });

async function workbook(): Promise<ExcelDouble> {
  const xl = new ExcelDouble(['说明']);
  for (const [r, name] of [[version(2023, 0, '去年.docx'), `${UNIT}2023`], [version(2024, 0, '白沙镇.docx'), UNIT]] as const) {
    await insertSheet(xl, () => reportSheet(r, name), BOOK, ALL_CAPABILITIES);
  }
  await insertSheet(xl, () => reportSheet(reportFrom({ format: g.report.format, unit: '青岚县石岗乡人民政府', year: 2024, values: g.clean }), '石岗乡'), BOOK, ALL_CAPABILITIES);
  return xl;
}

describe('inserting a unit the workbook already has', () => {
  it('finds the unit’s sheet of the same year by name, however the name is written; last year’s sheet and other units are not it', async () => {
    const xl = await workbook();
    assert.deepEqual(await findUnitSheet(xl, version(2024, 5, '修改稿.docx')), { sheet: UNIT, unit: UNIT, source: '白沙镇.docx' });
    assert.deepEqual((await findUnitSheet(xl, { ...version(2024, 5, 'x'), unit: '白沙镇' }))?.sheet, UNIT);
    assert.equal(await findUnitSheet(xl, version(2025, 0, 'x')), null);
    assert.equal(await findUnitSheet(xl, { ...version(2024, 0, 'x'), unit: '青岚县凤岩镇人民政府' }), null);
    assert.equal(await findUnitSheet(xl, { ...version(2024, 0, 'x'), unit: null }), null);
  });

  it('without a county summary: the sheet alone is replaced, in its place; the other sheets untouched, nothing added', async () => {
    const xl = await workbook();
    const others = ['说明', `${UNIT}2023`, '石岗乡'].map((n) => [n, JSON.stringify(sheetView(xl.sheet(n)))]);
    const names = xl.sheets.map((s) => s.name);
    const next = version(2024, 5, '修改稿.docx');
    const done = await replaceUnit(xl, next, BOOK, ALL_CAPABILITIES, new Date(2025, 2, 1, 9, 30));
    assert.ok(done.ok);
    assert.deepEqual({ ...done, syncs: 0 }, { ok: true, sheet: UNIT, before: '白沙镇.docx', after: '修改稿.docx', cells: 1, county: null, syncs: 0 });
    assert.deepEqual(xl.sheets.map((s) => s.name), names);
    for (const [n, view] of others) assert.equal(JSON.stringify(sheetView(xl.sheet(n!))), view, n);
    // the sheet is the new version's, as inserting it fresh would write it
    const fresh = new ExcelDouble([]);
    await insertSheet(fresh, () => reportSheet(next, UNIT), BOOK, ALL_CAPABILITIES);
    assert.deepEqual(sheetView(xl.sheet(UNIT)), sheetView(fresh.sheet(UNIT)));
  });
});
