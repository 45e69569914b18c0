/** Writing with exceljs and reading back: the same report, text that stays text, and a CLI that never overwrites by surprise. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { cellIds } from '../core/format/cells.ts';
import { FORMAT_IDS } from '../core/format/types.ts';
import { generateReport } from '../core/generate/index.ts';
import type { Report } from '../core/report.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { buildWorkbook } from '../core/sheet/workbook.ts';
import { readWorkbook } from '../core/xlsx/read.ts';
import { writeXlsx } from '../core/xlsx/write.ts';
import { inProcess } from './support/in-process.ts';
import { generated, reportFrom } from './support/reports.ts';


const values = (r: Report) => Object.fromEntries(cellIds(r.format).map((id) => [id, r.cells[id]?.value ?? null]));

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
}

describe('write → read back', () => {
  it('gives the same reports: numbers, blanks, unit, year, format, source and original lines', async () => {
    const reports = [generated(11), generated(12), generated(13), generated(14)].map((g) => g.report);
    // the kinds of number a sheet must keep: decimals of an amount, a negative 本年增/减, null
    const r2019 = reportFrom({
      format: 'gov2019',
      unit: '青岚县示例镇',
      year: 2020,
      values: { ...values(reports.find((r) => r.format === 'gov2019') ?? generated(1).report), 't2.art20_9.procurement.amount_yuan': 39173777.52, 't2.art20_5.license.change': -185, 't3.granted.total': null },
      lines: ['第一行', '', '=SUM(A1:A3)', 'x'.repeat(40000)],
      source: '示例.txt',
    });
    const all = [...reports, r2019];
    const bytes = await writeXlsx(buildWorkbook(all.map((report) => ({ report }))));
    const read = await readWorkbook(bytes, 'test.xlsx');
    assert.ok(read.ok, read.ok ? '' : read.message);
    assert.equal(read.reports.length, all.length);
    read.reports.forEach(({ report }, i) => {
      const want = all[i]!;
      assert.deepEqual(values(report), values(want));
      assert.deepEqual([report.unit, report.year, report.format, report.source], [want.unit, want.year, want.format, want.source]);
      assert.deepEqual(report.lines, want.lines);
    });
  });

  it('writes text from a report as text, never as a formula', async () => {
    const unit = '=HYPERLINK("http://example.invalid","点击")';
    const report = reportFrom({ format: 'gov2021', unit, year: 2021, values: {}, lines: ["+cmd|' /C calc'!A0"] });
    const bytes = await writeXlsx(buildWorkbook([{ report }]));
    const wb = await load(bytes);
    const cell = wb.worksheets[0]!.getCell(standardLayout('gov2021').meta.unit);
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, unit);
    const line = wb.getWorksheet('原文')!.getCell('C2');
    assert.equal(line.type, ExcelJS.ValueType.String);
    assert.equal(line.value, "+cmd|' /C calc'!A0");
  });

  it('keeps the conditional formats and print setup in the file', async () => {
    const report = generated(21).report;
    const model = buildWorkbook([{ report }]);
    const wb = await load(await writeXlsx(model));
    const ws = wb.worksheets[0]!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    assert.equal(cf.length, model.sheets[0]!.conditionalFormats.length);
    assert.deepEqual(cf.map((c) => c.rules[0]!.formulae[0]), model.sheets[0]!.conditionalFormats.map((c) => c.formula));
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.fitToWidth, 1);
    assert.equal(ws.pageSetup.paperSize, 9);
  });

  it('reads a changed number, and refuses a sheet whose rows were moved', async () => {
    const report = generated(31).report;
    const wb = await load(await writeXlsx(buildWorkbook([{ report }, { report: { ...report, unit: '另一个单位' } }])));
    const layout = standardLayout(report.format);
    wb.worksheets[0]!.getCell(layout.addresses['t4.review.upheld']!).value = 77;
    wb.worksheets[1]!.spliceRows(8, 0, ['插入的一行']);
    const read = await readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'edited.xlsx');
    assert.ok(read.ok);
    assert.equal(read.reports.length, 1);
    assert.equal(read.reports[0]!.report.cells['t4.review.upheld']!.value, 77);
    assert.equal(read.problems.length, 1);
    assert.match(read.problems[0]!.message, /结构已被改动/);
  });

  it('says so when a file is no workbook or has no standard sheet', async () => {
    const no = await readWorkbook(new TextEncoder().encode('not a zip'), 'x.xlsx');
    assert.equal(!no.ok && no.code, 'not_xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 1;
    const none = await readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'y.xlsx');
    assert.equal(!none.ok && none.code, 'no_standard_sheet');
  });
});

describe('gouji xlsx and gouji check on a workbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-xlsx-'));
  const inputs = FORMAT_IDS.map((format, i) => {
    const g = generateReport(500 + i, { format, layout: 'word-tabs', violations: i === 0 ? ['t3-cell'] : [] });
    const path = join(dir, `report-${i}.txt`);
    writeFileSync(path, g.text);
    return { path, g };
  });
  const out = join(dir, 'out.xlsx');
  after(() => rmSync(dir, { recursive: true, force: true }));
  // in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command)
  const gouji = (...args: string[]) => inProcess(args);

  it('writes one standard sheet per report, and never overwrites OUT without --force', async () => {
    const first = await gouji('xlsx', ...inputs.map((i) => i.path), '-o', out);
    assert.equal(first.code, 1, first.stderr); // report 0 has an error
    assert.match(first.stdout, /已写出/);
    const before = readFileSync(out);
    const again = await gouji('xlsx', inputs[1]!.path, '-o', out);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /已存在.*--force/);
    assert.deepEqual(readFileSync(out), before);
    const forced = await gouji('xlsx', inputs[1]!.path, '-o', out, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.notDeepEqual(readFileSync(out), before);
    // the forced file is the second report's workbook: its sheet, 校验, 原文
    const forcedBook = new ExcelJS.Workbook();
    await forcedBook.xlsx.load(new Uint8Array(readFileSync(out)).buffer);
    assert.deepEqual(forcedBook.worksheets.map((w) => w.name), [inputs[1]!.g.truth.unit, '校验', '原文']);
  });

  it('checks the standard sheets of a workbook again, with the sheet in the JSON', async () => {
    const both = join(dir, 'both.xlsx');
    await gouji('xlsx', ...inputs.map((i) => i.path), '-o', both);
    const r = await gouji('check', both, '--json');
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { sheet: string; unit: string; findings: { id: string; severity: string }[] }[];
    assert.equal(json.length, 2);
    assert.deepEqual(json.map((j) => j.unit), inputs.map((i) => i.g.truth.unit));
    // each report names the sheet it was read from: the unit's own
    assert.deepEqual(json.map((j) => j.sheet), inputs.map((i) => i.g.truth.unit));
    assert.deepEqual(json[0]!.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort(), inputs[0]!.g.expected.errors);
  });
});
