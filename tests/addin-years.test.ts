/**
 * The pane across years and for the county report tables, against the Excel double: a
 * workbook holding this year's and last year's sheets gets 同比 from 生成汇总 (units new and
 * gone allowed), and 生成本级报告表格 gives a .docx whose tables, read back with the project's
 * .docx reader, are the sums of the unit sheets as they stand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_CAPABILITIES } from '../addin/office/api.ts';
import { consolidateWorkbook } from '../addin/office/consolidate.ts';
import { countyTables } from '../addin/office/tables.ts';
import { insertSheet, type Book } from '../addin/office/writer.ts';
import { freeSheetName } from '../addin/sheet-name.ts';
import { analyze } from '../core/analyze.ts';
import { docxToText } from '../core/extract/docx.ts';
import { cellIds } from '../core/format/cells.ts';
import type { Report } from '../core/report.ts';
import { FONT, reportSheet, STYLES } from '../core/sheet/workbook.ts';
import { ExcelDouble } from './support/excel-double.ts';
import { generated } from './support/reports.ts';

const BOOK: Book = { styles: STYLES, font: FONT };

describe('the pane across years and its county report tables', () => {
  async function book(): Promise<{ xl: ExcelDouble; current: Report[] }> {
    const xl = new ExcelDouble(['说明']);
    const current: Report[] = [];
    // units 1–3 in 2024, units 2–4 in 2023: unit 1 is new, unit 4 is gone
    for (const [year, from] of [[2024, 1], [2023, 2]] as const) {
      for (let i = from; i < from + 3; i++) {
        const { report } = generated(400 + i * 2 + (year - 2023));
        const r = { ...report, format: report.format, unit: `青岚县第${i}中心`, year };
        if (r.format !== 'gov2021') continue;
        if (year === 2024) current.push(r);
        await insertSheet(xl, (taken) => reportSheet(r, freeSheetName(`${r.unit}${year}`, taken)), BOOK, ALL_CAPABILITIES);
      }
    }
    return { xl, current };
  }

  it('生成汇总 writes 同比 when the workbook holds last year\'s sheets too', async () => {
    const { xl } = await book();
    const got = await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES);
    assert.ok(got.ok, got.ok ? '' : got.message);
    assert.ok(got.ok && got.written.includes('同比'), got.ok ? got.written.join('、') : '');
    const texts = [...xl.sheet('同比').cells.values()].map((c) => String((c as { value?: unknown }).value ?? ''));
    assert.ok(texts.some((t) => t.includes('本年新增')) && texts.some((t) => t.includes('本年没有年报')), texts.slice(0, 40).join('|'));
  });

  it('生成本级报告表格: the tables read back equal the sums of this year\'s unit sheets', async () => {
    const { xl, current } = await book();
    assert.ok((await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES)).ok);
    const got = await countyTables(xl);
    assert.ok(got.ok, got.ok ? '' : got.message);
    if (!got.ok) return;
    assert.equal(got.units, current.length);
    const text = docxToText(got.bytes);
    assert.ok(text.ok);
    const a = analyze(text.text, 'tables.docx');
    assert.ok(a.ok);
    for (const id of cellIds('gov2021')) {
      const vals = current.map((r) => r.cells[id]?.value ?? null);
      const want = vals.some((v) => v === null) ? null : vals.reduce((s: number, v) => s + v!, 0);
      const v = a.report.cells[id]?.value ?? null;
      assert.ok(want === null ? v === null : v !== null && Math.abs(v - want) < 1e-6, `${id}: ${v} ≠ ${want}`);
    }
    assert.deepEqual(a.findings.filter((f) => /^N\d/.test(f.rule)).map((f) => f.id), []);
  });

  it('without 汇总, says to consolidate first', async () => {
    const { xl } = await book();
    const got = await countyTables(xl);
    assert.ok(!got.ok && /生成汇总/.test(got.message));
  });
});
