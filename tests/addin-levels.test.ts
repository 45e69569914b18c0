/**
 * Every add-in job at both capability levels the manifest allows: ExcelApi 1.7 (Excel 2019,
 * which has 1.8 — no RangeAreas, page layout or auto filter) and 1.9. Insert, re-check,
 * select and 生成汇总 run against the Excel double at each level; the sheets they leave are
 * the same at both (tests/support/excel-view.ts), and each is exactly the sheet model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Capabilities } from '../addin/office/api.ts';
import { consolidateWorkbook } from '../addin/office/consolidate.ts';
import { readActiveSheet, readSheetValues } from '../addin/office/reader.ts';
import { insertSheet, selectCells, type Book } from '../addin/office/writer.ts';
import { freeSheetName } from '../addin/sheet-name.ts';
import { findingAddresses } from '../addin/ui/locate.ts';
import { checkReport } from '../core/analyze.ts';
import { STATUSES } from '../core/round/problems.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { FONT, reportSheet, STYLES } from '../core/sheet/workbook.ts';
import { Report } from '../core/report.ts';
import { ExcelDouble } from './support/excel-double.ts';
import { sheetView } from './support/excel-view.ts';
import { generated, reportFrom } from './support/reports.ts';
import { assertWritten } from './support/written.ts';

const BOOK: Book = { styles: STYLES, font: FONT };
const LEVELS: { name: string; caps: Capabilities }[] = [
  { name: 'ExcelApi 1.7 (Excel 2019)', caps: { api18: false, api19: false } },
  { name: 'ExcelApi 1.9', caps: { api18: true, api19: true } },
];
const INDEX = ['目录', '汇总', '校验总览', '校验', '明细'];
/** 生成汇总 writes the index sheets and, after 明细, the collection round's 问题清单 */
const WRITTEN = [...INDEX, '问题清单'];

/** a county of n units with the generator's mistakes, inserted at one level */
async function county(caps: Capabilities, n = 6, first = 200): Promise<{ xl: ExcelDouble; units: string[] }> {
  const xl = new ExcelDouble(['说明']);
  const units: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = { ...generated(first + i).report, unit: `青岚县第${i + 1}中心`, year: 2023 };
    units.push((await insertSheet(xl, (taken) => reportSheet(r, freeSheetName(r.unit, taken)), BOOK, caps)).sheet);
  }
  return { xl, units };
}

/** the report a sheet of the double holds, read as 重新校验 reads it */
function readBack(xl: ExcelDouble, sheet: string): Report {
  const s = xl.sheet(sheet);
  const grid: unknown[][] = Array.from({ length: 60 }, () => Array(17).fill(''));
  for (const [a, c] of s.cells) {
    const m = /^([A-Z])(\d+)$/.exec(a);
    if (m && Number(m[2]) <= 60 && !('formula' in c)) grid[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65] = c.value;
  }
  const read = readSheetValues(sheet, grid, []);
  assert.equal(read.kind, 'report', sheet);
  return read.kind === 'report' ? read.report : null!;
}

/** what each job left, per level, to compare the levels with */
const seen = new Map<string, Map<string, unknown>>();
const record = (job: string, level: string, what: unknown) => {
  const m = seen.get(job) ?? new Map<string, unknown>();
  m.set(level, what);
  seen.set(job, m);
};
const views = (xl: ExcelDouble, names: string[]) => names.map((n) => [n, sheetView(xl.sheet(n))]);

for (const { name, caps } of LEVELS) {
  describe(`add-in jobs at ${name}`, () => {
    it('插入为新工作表: the standard sheet exactly as the model has it', async () => {
      const { report } = generated(8);
      const xl = new ExcelDouble(['Sheet1']);
      let model = null as ReturnType<typeof reportSheet> | null;
      const done = await insertSheet(xl, (taken) => (model = reportSheet(report, freeSheetName(report.unit!, taken))), BOOK, caps);
      assert.ok(model);
      assert.equal(done.sheet, report.unit);
      assertWritten(xl.sheet(done.sheet), model, caps);
      assert.deepEqual(xl.selection, { sheet: done.sheet, address: 'A1' });
      record('insert', name, views(xl, [done.sheet]));
    });

    it('重新校验当前工作表: a clean sheet has no error; one number changed in Excel gives exactly that number’s broken rules', async () => {
      const g = generated(21);
      const clean = reportFrom({ format: g.report.format, unit: '青岚县白沙镇', year: 2023, values: g.clean });
      assert.deepEqual(checkReport(clean).filter((f) => f.severity === 'error'), [], 'the generator’s clean numbers are clean');
      const xl = new ExcelDouble(['Sheet1']);
      const done = await insertSheet(xl, (taken) => reportSheet(clean, freeSheetName(clean.unit!, taken)), BOOK, caps);
      const first = await readActiveSheet(xl);
      assert.equal(first.read.kind, 'report');
      if (first.read.kind !== 'report') return;
      assert.deepEqual(checkReport(first.read.report).filter((f) => f.severity === 'error').map((f) => f.id), []);

      // a reviewer types a new 本年新收 总计 into the sheet
      const id = 't3.new_received.total';
      const old = clean.cells[id]!.value!;
      xl.type(done.sheet, standardLayout(clean.format).addresses[id]!, String(old + 7));
      const again = await readActiveSheet(xl);
      assert.equal(again.read.kind, 'report');
      if (again.read.kind !== 'report') return;
      assert.equal(again.read.report.cells[id]!.value, old + 7);
      // the oracle: the same edit made on the report itself, not through Excel
      const edited = Report.parse({ ...clean, cells: { ...clean.cells, [id]: { value: old + 7 } } });
      const want = checkReport(edited).filter((f) => f.severity === 'error').map((f) => f.id).sort();
      assert.ok(want.length > 0 && want.every((w) => /^R3\.[13]@/.test(w)), want.join(' '));
      assert.deepEqual(checkReport(again.read.report).filter((f) => f.severity === 'error').map((f) => f.id).sort(), want);
      record('recheck', name, want);
    });

    it('选中: a finding’s cells on its sheet (1.9: exactly those cells; 1.7: the one rectangle around them)', async () => {
      const g = generated(21);
      const values = { ...g.clean, 't3.new_received.total': (g.clean['t3.new_received.total'] ?? 0) + 7 };
      const report = reportFrom({ format: g.report.format, unit: '青岚县白沙镇', year: 2023, values });
      const xl = new ExcelDouble(['Sheet1', '别的表']);
      const done = await insertSheet(xl, (taken) => reportSheet(report, freeSheetName(report.unit!, taken)), BOOK, caps);
      xl.active = 1;
      const f = checkReport(report).find((x) => x.severity === 'error' && findingAddresses(x, report.format).length > 1);
      assert.ok(f, 'a planted mistake with several cells');
      const addresses = findingAddresses(f, report.format);
      // its cells include the one changed
      assert.ok(addresses.includes(standardLayout(report.format).addresses['t3.new_received.total']!), addresses.join(' '));
      await selectCells(xl, done.sheet, addresses, caps);
      assert.equal(xl.sheets[xl.active]!.name, done.sheet);
      if (caps.api19) assert.deepEqual(xl.selection, { sheet: done.sheet, address: addresses.join(',') });
      else assert.deepEqual(xl.selection, { sheet: done.sheet, address: boundingBox(addresses) });
    });

    it('生成汇总: 目录, 汇总, 校验总览, 校验, 明细, 问题清单 exactly as consolidate() models them', async () => {
      const { xl, units } = await county(caps);
      const got = await consolidateWorkbook(xl, BOOK, caps);
      assert.ok(got.ok, got.ok ? '' : got.message);
      if (!got.ok) return;
      assert.deepEqual(got.written, WRITTEN);
      assert.deepEqual(xl.sheets.map((s) => s.name), [...WRITTEN, '说明', ...units]);
      const inputs = units.map((u) => {
        const report = readBack(xl, u);
        return { report, findings: checkReport(report), source: `工作表“${u}”`, kind: 'Excel 标准表', sheet: u };
      });
      const model = consolidate(inputs, { originals: false });
      assert.ok(model.ok);
      if (!model.ok) return;
      for (const n of WRITTEN) assertWritten(xl.sheet(n), model.workbook.sheets.find((s) => s.name === n)!, caps);
      // the worst units are painted by formats each over one range, the same at both levels
      const worst = xl.sheet('校验总览').conditionalFormats.filter((f) => f.formula.includes('LARGE('));
      // 合计 is the last column of the header row (its place moves as rule groups are added, e.g. 同比 Y1)
      const head = xl.sheet('校验总览');
      const totalCol = [...head.cells].find(([a, c]) => /^[A-Z]+3$/.test(a) && 'value' in c && c.value === '合计')?.[0].replace('3', '');
      assert.ok(totalCol, '校验总览 has a 合计 column');
      assert.deepEqual(worst.map((f) => f.ranges), [['A4:A9'], [`${totalCol}4:${totalCol}9`]]);
      record('consolidate', name, views(xl, [...WRITTEN, ...units]));
      // 整改状态 offers exactly the three statuses, over every row of the list (ExcelApi 1.8); before 1.8 plain cells
      const rows = [...xl.sheet('问题清单').cells.keys()].filter((a) => /^B\d+$/.test(a)).map((a) => Number(a.slice(1))).filter((r) => r > 3);
      assert.ok(rows.length > 0);
      const statusCol = [...xl.sheet('问题清单').cells].find(([a, c]) => /^[A-Z]+3$/.test(a) && 'value' in c && c.value === '整改状态')![0].replace('3', '');
      assert.deepEqual(
        xl.sheet('问题清单').validations.map((v) => [v.range, v.rule]),
        caps.api18 ? [[`${statusCol}4:${statusCol}${Math.max(...rows)}`, { list: { inCellDropDown: true, source: '待整改,已整改,无需整改' } }]] : [],
      );
      assert.deepEqual([...STATUSES], ['待整改', '已整改', '无需整改']);
    });
  });
}

describe('both levels leave the same sheets', () => {
  for (const job of ['insert', 'recheck', 'consolidate']) {
    it(job, () => {
      const m = seen.get(job);
      assert.equal(m?.size, LEVELS.length, `${job} ran at every level`);
      const [a, b] = [...m!.values()];
      assert.deepEqual(a, b);
    });
  }
});

function boundingBox(addresses: string[]): string {
  const ps = addresses.flatMap((a) => a.split(':')).map((a) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    return { c: m[1]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), r: Number(m[2]) };
  });
  const col = (n: number) => (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  const c1 = Math.min(...ps.map((p) => p.c));
  const c2 = Math.max(...ps.map((p) => p.c));
  const r1 = Math.min(...ps.map((p) => p.r));
  const r2 = Math.max(...ps.map((p) => p.r));
  return `${col(c1)}${r1}:${col(c2)}${r2}`;
}
