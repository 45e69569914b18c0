/**
 * The add-in's Office.js writer and reader, against a recording double of the Excel API
 * (tests/support/excel-double.ts): what lands in the workbook is exactly the sheet model
 * (values, formulas, merges, formats, conditional formats, page setup), in few syncs; what
 * is read back is the report that was written, and an edit made in Excel shows in the check.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freeSheetName } from '../addin/sheet-name.ts';
import { ALL_CAPABILITIES } from '../addin/office/api.ts';
import { consolidateWorkbook } from '../addin/office/consolidate.ts';
import { readActiveSheet, readAllSheets, readSheetValues } from '../addin/office/reader.ts';
import { insertSheet, type Book } from '../addin/office/writer.ts';
import { checkReport } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { emptySheet, type SheetModel } from '../core/sheet/model.ts';
import { sourceSheet } from '../core/sheet/source.ts';
import { FONT, reportSheet, STYLES } from '../core/sheet/workbook.ts';
import { ExcelDouble, type SheetState } from './support/excel-double.ts';
import { assertWritten } from './support/written.ts';
import { generated, reportFrom } from './support/reports.ts';

const BOOK: Book = { styles: STYLES, font: FONT };

describe('the Excel double refuses what Excel refuses', () => {
  // the writers' tests lean on these refusals: a writer that breaks them must fail here, as it would in Excel
  it('a formula naming a sheet not (yet) there, or a value in the hidden part of a merge, fails the sync', async () => {
    const xl = new ExcelDouble(['甲']);
    const ws = xl.workbook.worksheets.getItem('甲');
    ws.getRange('A1').formulas = [["='乙 县'!A1"]];
    await assert.rejects(xl.sync(), /InvalidReference: A1 names sheet “乙 县”/);
    xl.workbook.worksheets.add('乙 县');
    ws.getRange('A1').formulas = [["='乙 县'!A1+'甲'!B2"]];
    await xl.sync();
    ws.getRange('A3:C4').merge();
    await xl.sync();
    ws.getRange('A3').values = [[1]];
    await xl.sync();
    ws.getRange('B2:C3').values = [[1, 2], [3, 4]];
    await assert.rejects(xl.sync(), /InvalidOperation: B3 is inside a merged area/);
  });
});

describe('Office.js writer: 插入为新工作表', () => {
  for (const seed of [3, 8]) {
    it(`writes the standard sheet exactly as the model has it, in at most 3 syncs (report ${seed})`, async () => {
      const { report } = generated(seed);
      const xl = new ExcelDouble(['Sheet1']);
      let model: SheetModel | undefined;
      const done = await insertSheet(xl, (taken) => (model = reportSheet(report, freeSheetName(report.unit ?? '报告', taken))), BOOK, ALL_CAPABILITIES);
      assert.ok(model);
      assert.ok(done.syncs <= 3, `${done.syncs} syncs`);
      assert.equal(xl.syncs, done.syncs);
      assert.equal(done.sheet, report.unit);
      assertWritten(xl.sheet(done.sheet), model);
      // the new sheet is the active one, with A1 selected
      assert.equal(xl.sheets[xl.active]!.name, done.sheet);
      assert.deepEqual(xl.selection, { sheet: done.sheet, address: 'A1' });
    });
  }

  it('never overwrites a sheet: a name in use (in any case) gets the next free one', async () => {
    const report = reportFrom({ format: 'gov2021', unit: 'Qingshan', year: 2023, values: {} });
    const xl = new ExcelDouble(['qingshan', 'Qingshan（2）']);
    xl.type('qingshan', 'A1', '别人的数据');
    const done = await insertSheet(xl, (taken) => reportSheet(report, freeSheetName(report.unit!, taken)), BOOK, ALL_CAPABILITIES);
    assert.equal(done.sheet, 'Qingshan（3）');
    assert.deepEqual(xl.sheet('qingshan').cells.get('A1'), { value: '别人的数据' });
    assert.equal(xl.sheets.length, 3);
  });

  it('keeps text that Excel would take for a formula, a number or a date as text', async () => {
    const report = reportFrom({ format: 'gov2019', unit: '2021年1月', year: 2019, values: { 't3.new_received.total': 3 }, source: '=HYPERLINK("x")' });
    const xl = new ExcelDouble();
    const done = await insertSheet(xl, (taken) => reportSheet(report, freeSheetName('-5', taken)), BOOK, ALL_CAPABILITIES);
    const layout = standardLayout('gov2019');
    const s = xl.sheet(done.sheet);
    assert.deepEqual(s.cells.get(layout.meta.unit), { value: '2021年1月' });
    assert.deepEqual(s.cells.get(layout.meta.source), { value: '=HYPERLINK("x")' });
    assert.deepEqual(s.cells.get(layout.addresses['t3.new_received.total']!), { value: 3 });
  });

  it('spreads a large sheet over requests under the 5 MB limit', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `第${i + 1}行：本机关全年共收到政府信息公开申请若干件，均已按期答复。`.repeat(2));
    const { sheet } = sourceSheet([{ sheet: '甲镇', lines }]);
    const xl = new ExcelDouble();
    const done = await insertSheet(xl, () => sheet, BOOK, ALL_CAPABILITIES);
    assert.ok(done.syncs > 2, 'a sheet of about 9 MB needs more than one request');
    assert.equal(xl.requests.length, done.syncs);
    assert.deepEqual(xl.requests.filter((b) => b >= 5 * 1024 * 1024), []);
    assert.deepEqual(xl.sheet('原文').cells.get('C40001'), { value: lines[39_999] });
  });

  it('without ExcelApi 1.9 the same formats are written range by range, and the page setup is left alone', async () => {
    const { report } = generated(5);
    const xl = new ExcelDouble();
    const model = reportSheet(report, '甲');
    await insertSheet(xl, () => model, BOOK, { api18: false, api19: false });
    const got = xl.sheet('甲').conditionalFormats;
    const want = model.conditionalFormats.flatMap((f) => f.ranges.map((r) => ({ r, formula: f.formula })));
    assert.deepEqual(got.map((f) => ({ r: f.ranges.join(','), formula: f.formula })), want);
    assert.deepEqual(xl.sheet('甲').page, {});
  });
});

describe('Office.js reader: 重新校验当前工作表', () => {
  it('reads back the report that was inserted, and sees an edit made in Excel', async () => {
    const { report } = generated(11);
    const xl = new ExcelDouble();
    await insertSheet(xl, (taken) => reportSheet(report, freeSheetName(report.unit!, taken)), BOOK, ALL_CAPABILITIES);
    const before = xl.syncs;
    const { read, syncs } = await readActiveSheet(xl);
    assert.equal(syncs, 1);
    assert.equal(xl.syncs - before, 1);
    assert.equal(read.kind, 'report');
    if (read.kind !== 'report') return;
    assert.equal(read.report.unit, report.unit);
    assert.equal(read.report.year, report.year);
    for (const id of cellIds(report.format)) assert.equal(read.report.cells[id]?.value, report.cells[id]?.value ?? null, id);
    assert.deepEqual(checkReport(read.report).map((f) => f.id).sort(), checkReport(report).map((f) => f.id).sort());

    // a reviewer changes 本年新收 (总计) in Excel: R3.1@total must now break, or break differently
    const a = standardLayout(report.format).addresses['t3.new_received.total']!;
    const old = read.report.cells['t3.new_received.total']!.value ?? 0;
    xl.type(read.sheet, a, String(old + 7));
    const again = await readActiveSheet(xl);
    assert.equal(again.read.kind, 'report');
    if (again.read.kind !== 'report') return;
    assert.equal(again.read.report.cells['t3.new_received.total']!.value, old + 7);
    // the oracle: the same edit made on the report itself, not through Excel
    const edited = { ...report, cells: { ...report.cells, 't3.new_received.total': { value: old + 7 } } };
    const want = checkReport(edited).map((f) => f.id).sort();
    assert.notDeepEqual(want, checkReport(report).map((f) => f.id).sort(), 'the edit changes the findings');
    assert.deepEqual(checkReport(again.read.report).map((f) => f.id).sort(), want);
  });

  it('tells a sheet whose rows were moved from one that is no standard sheet', () => {
    const model = reportSheet(reportFrom({ format: 'gov2021', unit: '乙', year: 2022, values: {} }), '乙');
    const grid: unknown[][] = Array.from({ length: 60 }, () => Array(17).fill(''));
    for (const [a, c] of model.cells) {
      const m = /^([A-Z])(\d+)$/.exec(a)!;
      grid[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65] = c.content.kind === 'text' ? c.content.text : c.content.kind === 'number' ? c.content.value : '';
    }
    assert.equal(readSheetValues('乙', grid, []).kind, 'report');
    grid.splice(8, 0, Array(17).fill('')); // a row inserted in 表二
    const moved = readSheetValues('乙', grid, []);
    assert.equal(moved.kind, 'moved');
    assert.match(moved.kind === 'moved' ? moved.message : '', /结构已被改动/);
    assert.equal(readSheetValues('丙', [['随便什么']], []).kind, 'other');
  });

  it('reads every sheet of a workbook in two syncs, however many there are', async () => {
    const xl = new ExcelDouble(['说明']);
    for (let i = 1; i <= 12; i++) {
      const { report } = generated(100 + i);
      await insertSheet(xl, (taken) => reportSheet(report, freeSheetName(report.unit ?? '报告', taken)), BOOK, ALL_CAPABILITIES);
    }
    const before = xl.syncs;
    const all = await readAllSheets(xl);
    assert.equal(xl.syncs - before, 2);
    assert.equal(all.names.length, 13);
    assert.equal(all.reads.filter((r) => r.kind === 'report').length, 12);
    assert.equal(all.reads[0]!.kind, 'other');
  });
});

describe('sheet names', () => {
  it('cuts to 31 characters and adds （n）', () => {
    // 40 characters: Excel takes at most 31 in a sheet name
    const long = '某某省某某市某某县某某乡镇人民政府办公室综合科信息公开工作组第一小组成员名单附件';
    assert.equal(long.length, 40);
    assert.equal(freeSheetName(long, []), '某某省某某市某某县某某乡镇人民政府办公室综合科信息公开工作组第');
    assert.equal(freeSheetName(long, ['某某省某某市某某县某某乡镇人民政府办公室综合科信息公开工作组第']), '某某省某某市某某县某某乡镇人民政府办公室综合科信息公开工（2）');
    // a character outside the BMP (two UTF-16 units) is never split at the cut
    const astral = `${'某'.repeat(30)}𠀀镇`;
    assert.equal(freeSheetName(astral, []), '某'.repeat(30));
    // a short name stays as it is
    assert.equal(freeSheetName('白沙镇', []), '白沙镇');
  });
});

/** every `'sheet'!` a formula of these sheets names is a sheet of the workbook */
function assertNoDanglingRefs(xl: ExcelDouble, sheets: string[]): void {
  const have = new Set(xl.sheets.map((s) => s.name));
  for (const name of sheets) {
    for (const [a, c] of xl.sheet(name).cells) {
      if (!('formula' in c)) continue;
      for (const m of c.formula.matchAll(/'((?:[^']|'')+)'!/g)) assert.ok(have.has(m[1]!.replace(/''/g, "'")), `${name}!${a} refers to '${m[1]}'`);
    }
  }
}

describe('Office.js 生成汇总', () => {
  async function county(n: number, first = 200): Promise<{ xl: ExcelDouble; units: string[] }> {
    const xl = new ExcelDouble(['说明']);
    const units: string[] = [];
    for (let i = 0; i < n; i++) {
      const { report } = generated(first + i);
      const r = { ...report, unit: `青岚县第${i + 1}中心`, year: 2023 };
      const done = await insertSheet(xl, (taken) => reportSheet(r, freeSheetName(r.unit ?? '报告', taken)), BOOK, ALL_CAPABILITIES);
      units.push(done.sheet);
    }
    return { xl, units };
  }

  it('writes 目录, 汇总, 校验总览, 校验 and 明细 as consolidate() models them, in front, and leaves the unit sheets alone', async () => {
    const { xl, units } = await county(6);
    const before = new Map(units.map((u) => [u, new Map(xl.sheet(u).cells)]));
    const syncsBefore = xl.syncs;
    const got = await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES);
    assert.ok(got.ok, got.ok ? '' : got.message);
    if (!got.ok) return;
    assert.equal(xl.syncs - syncsBefore, got.syncs);
    assert.deepEqual(got.written, ['目录', '汇总', '校验总览', '校验', '明细', '问题清单']);
    assert.deepEqual(xl.sheets.slice(0, 6).map((s) => s.name), got.written);
    assert.equal(xl.sheets.length, 6 + 1 + units.length);
    for (const u of units) assert.deepEqual(xl.sheet(u).cells, before.get(u), `${u} untouched`);

    // the written sheets are the model's (the unit sheets here have the names consolidate gives them)
    const inputs = units.map((u) => {
      const read = readSheetValues(u, gridOf(xl.sheet(u)), []);
      assert.equal(read.kind, 'report');
      const report = read.kind === 'report' ? read.report : null!;
      return { report, findings: checkReport(report), source: `工作表“${u}”`, kind: 'Excel 标准表' };
    });
    const model = consolidate(inputs, { originals: false });
    assert.ok(model.ok);
    if (!model.ok) return;
    for (const name of got.written) assertWritten(xl.sheet(name), model.workbook.sheets.find((s) => s.name === name)!);
    assertNoDanglingRefs(xl, got.written);
    assert.equal(xl.sheets[xl.active]!.name, '目录');
    assert.equal(xl.calculations, 1, 'calculation held while writing, then one recalculation');
  });

  it('refreshes its own sheets on a second run, follows renamed unit sheets, and will not replace a sheet of the user’s', async () => {
    const { xl, units } = await county(4, 300);
    assert.ok((await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES)).ok);
    const count = xl.sheets.length;
    xl.sheet(units[0]!).name = '改过名的单位';
    const again = await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES);
    assert.ok(again.ok, again.ok ? '' : again.message);
    assert.equal(xl.sheets.length, count);
    assertNoDanglingRefs(xl, ['目录', '汇总', '校验总览', '校验', '明细']);
    const detail = [...xl.sheet('明细').cells.values()].filter((c) => 'formula' in c).map((c) => (c as { formula: string }).formula).join('\n');
    assert.match(detail, /'改过名的单位'!/);

    xl.sheet('汇总').name = '汇总（旧）';
    // the user's own sheet called 汇总, holding something else
    const own = (await insertSheet(xl, () => ({ ...emptySheet('汇总', 'index'), widths: [10] }), BOOK, ALL_CAPABILITIES)).sheet;
    xl.type(own, 'A1', '我自己的汇总');
    const refused = await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES);
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /已有名为“汇总”的工作表/);
    assert.deepEqual(xl.sheet('汇总').cells.get('A1'), { value: '我自己的汇总' });
  });

  it('reads in three syncs (the sheets, then 名单 and 问题清单 kept from before) and writes in as many requests as the 5 MB limit asks, not one per sheet', async () => {
    const { xl } = await county(50, 400);
    const before = xl.syncs;
    const got = await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES);
    assert.ok(got.ok, got.ok ? '' : got.message);
    const requests = xl.requests.slice(before);
    assert.equal(requests.length, got.syncs);
    assert.ok(got.syncs <= 6, `${got.syncs} syncs`);
    assert.deepEqual(requests.filter((b) => b >= 5 * 1024 * 1024), []);
    // every write request but the last is well filled: the syncs follow the bytes (50 units
    // are over 5 MB, so there are at least two writes, the first of them full)
    const writes = requests.slice(3, -1);
    assert.ok(writes.length >= 1, `${requests.length} requests: the writing was not spread`);
    assert.deepEqual(writes.filter((b) => b <= 2 * 1024 * 1024), [], writes.join(' '));
    // calculation held for all but the last write
    assert.deepEqual(xl.suspended.slice(before + 3), [...writes.map(() => true), false]);
  });
});

/** a double's sheet as Office.js values over the read range */
function gridOf(s: SheetState): unknown[][] {
  const grid: unknown[][] = Array.from({ length: 60 }, () => Array(17).fill(''));
  for (const [a, c] of s.cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const row = Number(m[2]) - 1;
    const col = m[1]!.length === 1 ? m[1]!.charCodeAt(0) - 65 : 99;
    if (row < 60 && col < 17) grid[row]![col] = 'formula' in c ? '' : c.value;
  }
  return grid;
}
