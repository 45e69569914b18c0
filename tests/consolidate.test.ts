/**
 * The county workbook as a model: its sheets and their order, unique names, the refusals
 * (several years, a unit twice), mixed formats, R3.6 across years; the fast builders against
 * the sheets issue's own (cell by cell); the streaming writer read back by exceljs; and the
 * command line on the samples.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { analyze } from '../core/analyze.ts';
import { cellIds, t3Id } from '../core/format/cells.ts';
import { T3_COLUMNS } from '../core/format/tables.ts';
import type { FormatId } from '../core/format/types.ts';
import { generateReport } from '../core/generate/index.ts';
import type { Report } from '../core/report.ts';
import { checkCrossYear } from '../core/rules/crossyear.ts';
import { bulkSourceSheet, unitSheet, VerifyRows } from '../core/sheet/bulk.ts';
import { consolidate, countyName, INDEX_SHEETS, type ConsolidateInput } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import type { CellModel, SheetModel } from '../core/sheet/model.ts';
import { groupOf } from '../core/sheet/overview.ts';
import { sourceSheet } from '../core/sheet/source.ts';
import { feeding, summaryFormat, summaryValues } from '../core/sheet/summary.ts';
import { verifySheet } from '../core/sheet/verify.ts';
import { reportSheet } from '../core/sheet/workbook.ts';
import { readLight } from '../core/xlsx/cells.ts';
import { cellValue } from '../core/xlsx/exceljs-read.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { manyUnits } from './support/county.ts';
import { reportFrom } from './support/reports.ts';
import { inProcess } from './support/in-process.ts';


/** a unit's report straight from the generator's truth (optionally with mistakes) */
function unit(name: string, year = 2024, format: FormatId = 'gov2021', seed = 1, violations: string[] = []): ConsolidateInput {
  const g = generateReport(seed, { format, year, layout: 'word-tabs', unit: { name, kind: 'town', county: '青岚县' }, violations: violations as never[] });
  const report = reportFrom({ format, unit: name, year, values: g.truth.values, source: `${name}.txt`, lines: g.text.split('\n') });
  return { report, findings: [], source: `${name}.txt`, kind: '文本' };
}

const NAMES = ['青岚县柳庄镇人民政府', '青岚县北谷街道办事处', '青岚县凤岩镇人民政府', '青岚县人民政府', '青岚县水利局'];

/** cells as plain data, whatever objects hold them (composed formulas are getters) */
const plain = (s: SheetModel) =>
  [...s.cells].map(([a, c]) => [a, c.style ?? null, c.content.kind, c.content.kind === 'formula' ? c.content.formula : c.content.kind === 'text' ? c.content.text : c.content.kind === 'number' ? c.content.value : null]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));

describe('the county workbook (model)', () => {
  const inputs = NAMES.map((n, i) => unit(n, 2024, 'gov2021', 10 + i, i === 1 ? ['t3-cell'] : []));
  const c = consolidate(inputs);
  assert.ok(c.ok, c.ok ? '' : c.message);

  it('has 目录, 汇总, 校验总览, 校验, 明细, 问题清单, then one sheet per unit in name order, then 原文 and the hidden _gouji', () => {
    const names = c.workbook.sheets.map((s) => s.name);
    assert.deepEqual(names.slice(0, 6), ['目录', '汇总', '校验总览', '校验', '明细', '问题清单']);
    // then the hidden sheet of what each unit was read as, for updates (--into)
    assert.deepEqual(names.slice(-2), ['原文', '_gouji']);
    assert.equal(c.workbook.sheets.at(-1)!.hidden, true);
    const units = names.slice(6, -2);
    assert.deepEqual(units, [...NAMES].sort(new Intl.Collator('zh-CN').compare));
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
    assert.deepEqual(c.units.map((u) => u.sheet), units);
    assert.equal(c.name, '青岚县');
    assert.equal(c.year, 2024);
  });

  it('汇总 is a standard sheet whose every number is a formula over 明细', () => {
    const s = c.workbook.sheets[1]!;
    const layout = standardLayout('gov2021');
    for (const id of cellIds('gov2021')) {
      const content = s.cells.get(layout.addresses[id]!)!.content;
      assert.equal(content.kind, 'formula', id);
      assert.match(content.kind === 'formula' ? content.formula : '', /^IF\(COUNT\('明细'!/);
    }
    // its own check cells, as every standard sheet
    for (const [, a] of layout.checkSlots) assert.equal(s.cells.get(a)!.content.kind, 'formula');
  });

  it('counts the mistakes per unit and group; a unit with none counts none', () => {
    const bad = c.units.find((u) => u.unit === NAMES[1])!;
    // the generator planted one 表三 cell (seed 11): R3.2@total and R3.3@unable_must_create break
    assert.deepEqual(
      { errors: bad.counts.errors, warnings: bad.counts.warnings, total: bad.counts.total, r32: bad.counts.groups['R3.2'], r33: bad.counts.groups['R3.3'] },
      { errors: 2, warnings: 0, total: 2, r32: 1, r33: 1 },
    );
    for (const u of c.units.filter((x) => x.unit !== NAMES[1])) assert.equal(u.counts.total, 0, u.unit);
  });

  it('the same unit twice in a year is refused, naming the unit and both files', () => {
    const r = consolidate([...inputs, { ...unit(NAMES[0]!, 2024, 'gov2021', 99), source: '补交/柳庄镇.txt' }]);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.code === 'duplicate_unit');
    assert.match(r.ok ? '' : r.message, /青岚县柳庄镇人民政府.*2024 年.*2 次.*柳庄镇人民政府\.txt.*补交\/柳庄镇\.txt/s);
  });

  it('reports of several years are refused with the years named', () => {
    const r = consolidate([...inputs, unit('青岚县松溪乡人民政府', 2023)]);
    assert.ok(!r.ok && r.code === 'mixed_years');
    assert.match(r.ok ? '' : r.message, /2023、2024/);
    const gap = consolidate([unit(NAMES[0]!, 2022), unit(NAMES[0]!, 2024)]);
    assert.ok(!gap.ok && /年度不连续/.test(gap.message));
  });

  it('a report without a year is listed as unreadable, the rest go on', () => {
    const noYear = unit('青岚县松溪乡人民政府');
    const r = consolidate([...inputs, { ...noYear, report: { ...noYear.report, year: null } }], { unreadable: [{ source: '坏.pdf', reason: '扫描件' }] });
    assert.ok(r.ok);
    assert.deepEqual(r.unreadable.map((u) => u.source), ['坏.pdf', '青岚县松溪乡人民政府.txt']);
    assert.equal(r.units.length, NAMES.length);
    const catalogue = r.workbook.sheets[0]!;
    const texts = [...catalogue.cells.values()].flatMap((x) => (x.content.kind === 'text' ? [x.content.text] : []));
    assert.ok(texts.includes('扫描件') && texts.includes('坏.pdf'));
  });

  it('no unit sheet takes the name of one of the workbook\'s own sheets', () => {
    const r = consolidate([unit('汇总'), unit('校验'), unit(NAMES[0]!)], { name: '青岚县' });
    assert.ok(r.ok);
    const names = r.workbook.sheets.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    for (const u of r.units) assert.ok(!INDEX_SHEETS.includes(u.sheet), u.sheet);
  });

  it('the county name comes from the units, or --name', () => {
    assert.equal(countyName(['青岚县人民政府', '青岚县水利局']), '青岚县');
    assert.equal(countyName(['柳庄镇人民政府', '青岚县水利局']), null);
    const r = consolidate(inputs, { name: '云岭县' });
    assert.ok(r.ok && r.name === '云岭县');
  });
});

describe('consecutive years of the same units: R3.6', () => {
  const y23 = NAMES.slice(0, 3).map((n, i) => unit(n, 2023, 'gov2021', 30 + i));
  const y24 = NAMES.slice(0, 3).map((n, i) => unit(n, 2024, 'gov2021', 40 + i));
  // the first unit carries over what it said it would; the others do not
  const prev = y23[0]!.report;
  for (const col of T3_COLUMNS) y24[0]!.report.cells[t3Id('carried_in', col.key)] = { value: prev.cells[t3Id('carried_out', col.key)]!.value };
  y24[1]!.report.cells[t3Id('carried_in', 'total')] = { value: y23[1]!.report.cells[t3Id('carried_out', 'total')]!.value! + 3 };
  const c = consolidate([...y24, ...y23]);

  it('are accepted; 汇总 is of the latest year, both years have sheets', () => {
    assert.ok(c.ok, c.ok ? '' : c.message);
    assert.deepEqual(c.years, [2023, 2024]);
    assert.equal(c.year, 2024);
    assert.equal(c.units.length, 6);
    assert.equal(new Set(c.units.map((u) => u.sheet)).size, 6);
    assert.deepEqual(
      c.units.map((u) => [u.unit, u.year]),
      [...NAMES.slice(0, 3)].sort(new Intl.Collator('zh-CN').compare).flatMap((n) => [[n, 2023], [n, 2024]]),
    );
  });

  it('R3.6 is checked in TypeScript: a finding only where the carry-over differs', () => {
    assert.ok(c.ok);
    const first = c.units.find((u) => u.unit === NAMES[0] && u.year === 2024)!;
    assert.equal(first.findings.filter((f) => f.rule === 'R3.6').length, 0);
    const other = c.units.find((u) => u.unit === NAMES[1] && u.year === 2024)!;
    const r36 = checkCrossYear(y24[1]!.report, y23[1]!.report).filter((f) => f.rule === 'R3.6');
    assert.ok(r36.some((f) => f.id === 'R3.6@total'), 'R3.6@total');
    assert.deepEqual(other.findings.filter((f) => f.rule === 'R3.6').map((f) => f.id), r36.map((f) => f.id));
    assert.equal(other.counts.groups.t3_other, r36.length);
    // the earlier year has nothing before it to carry over from: none of its three units has R3.6
    const earlier = c.units.filter((u) => u.year === 2023);
    assert.equal(earlier.length, 3);
    assert.deepEqual(earlier.flatMap((u) => u.findings.filter((f) => f.rule === 'R3.6').map((f) => `${u.unit} ${f.id}`)), []);
  });

  it('and as formulas in 校验 across the two sheets', () => {
    assert.ok(c.ok);
    const verify = c.workbook.sheets.find((s) => s.name === '校验')!;
    const rows = [...verify.cells].filter(([a, x]) => a.startsWith('B') && x.content.kind === 'text' && x.content.text.startsWith('R3.6@'));
    assert.equal(rows.length, 3 * T3_COLUMNS.length);
    const row = rows[0]![0].slice(1);
    const f = verify.cells.get(`H${row}`)!.content;
    assert.ok(f.kind === 'formula' && /2024'!/.test(f.formula) && /2023'!/.test(f.formula), f.kind === 'formula' ? f.formula : '');
  });

  it('each rule across years has one row per sheet in 校验: its formula, never also its finding as text', () => {
    assert.ok(c.ok);
    const verify = c.workbook.sheets.find((s) => s.name === '校验')!;
    const seen = new Map<string, number>();
    for (const [a, x] of verify.cells) {
      if (!a.startsWith('B') || a === 'B1' || x.content.kind !== 'text') continue;
      const sheet = verify.cells.get(`A${a.slice(1)}`)!.content;
      const key = `${sheet.kind === 'text' ? sheet.text : ''}|${x.content.text}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...seen].filter(([, n]) => n > 1), []);
    assert.ok([...seen.keys()].some((k) => k.endsWith('|R2.3@normative_doc')), 'R2.3 rows');
  });
});

describe('mixed formats', () => {
  it('the summary takes the format of most units, gov2021 on a tie', () => {
    assert.equal(summaryFormat(['gov2019', 'gov2019', 'gov2021']), 'gov2019');
    assert.equal(summaryFormat(['gov2019', 'gov2021']), 'gov2021');
  });

  it('a gov2019 unit is summed: （六）其他处理 into 3.其他, a C1 warning on it', () => {
    const a = unit(NAMES[0]!, 2024, 'gov2021', 51);
    const b = unit(NAMES[1]!, 2024, 'gov2021', 52);
    const old = unit(NAMES[2]!, 2024, 'gov2019', 53);
    const c = consolidate([a, b, old]);
    assert.ok(c.ok);
    assert.equal(c.format, 'gov2021');
    const oldUnit = c.units.find((u) => u.unit === NAMES[2])!;
    assert.deepEqual(oldUnit.findings.map((f) => f.id), ['C1']);
    assert.equal(oldUnit.counts.groups.structure, 1);
    assert.equal(oldUnit.counts.warnings, 1);
    for (const u of c.units.filter((x) => x !== oldUnit)) assert.ok(!u.findings.some((f) => f.id === 'C1'));
    const v = (r: Report, id: string) => r.cells[id]!.value!;
    for (const col of T3_COLUMNS) {
      const misc = t3Id('other_misc', col.key);
      assert.equal(c.summary.values[misc], v(a.report, misc) + v(b.report, misc) + v(old.report, t3Id('other_handling', col.key)));
      const total = t3Id('results_total', col.key);
      assert.equal(c.summary.values[total], v(a.report, total) + v(b.report, total) + v(old.report, total));
    }
    // 表二 cells of one format only come from the units of that format
    assert.equal(c.summary.values['t2.art20_1.regulation.made'], v(a.report, 't2.art20_1.regulation.made') + v(b.report, 't2.art20_1.regulation.made'));
    // the mapping keeps R3.2 true in the summary when it holds in every unit
    assert.equal(c.summary.counts.groups['R3.2'], 0);
  });

  it('in a gov2019 summary the three gov2021 rows add up into （六）其他处理', () => {
    assert.deepEqual(feeding('gov2019', 'gov2021', 't3.other_handling.total'), ['t3.other_no_correction.total', 't3.other_unpaid_fee.total', 't3.other_misc.total']);
    const r19 = [unit(NAMES[0]!, 2024, 'gov2019', 61).report, unit(NAMES[1]!, 2024, 'gov2019', 62).report];
    const r21 = unit(NAMES[2]!, 2024, 'gov2021', 63).report;
    const values = summaryValues('gov2019', [...r19, r21]);
    const id = 't3.other_handling.natural_person';
    const three = ['other_no_correction', 'other_unpaid_fee', 'other_misc'].reduce((n, row) => n + r21.cells[t3Id(row, 'natural_person')]!.value!, 0);
    assert.equal(values[id], r19[0]!.cells[id]!.value! + r19[1]!.cells[id]!.value! + three);
  });

  it('a blank in any unit leaves the summary cell blank, never a total that took it for 0', () => {
    const a = unit(NAMES[0]!);
    const b = unit(NAMES[1]!);
    b.report.cells['t3.granted.total'] = { value: null, nullReason: 'blank' };
    const values = summaryValues('gov2021', [a.report, b.report]);
    assert.equal(values['t3.granted.total'], null);
    assert.equal(values['t3.granted.natural_person'], a.report.cells['t3.granted.natural_person']!.value! + b.report.cells['t3.granted.natural_person']!.value!);
  });
});

describe('the fast builders make what the sheets issue\'s builders make', () => {
  const text = generateReport(77, { format: 'gov2021', year: 2024, layout: 'word-tabs', violations: ['blank', 't3-cell'] }).text;
  const a = analyze(text, 'x.txt');
  assert.ok(a.ok);

  it('a unit sheet, cell for cell', () => {
    for (const r of [a.report, unit(NAMES[0]!, 2020, 'gov2019', 5).report]) assert.deepEqual(plain(unitSheet(r, '甲')), plain(reportSheet(r, '甲')));
  });

  it('a unit\'s rows of 校验, static rows of the reading included', () => {
    const layout = standardLayout('gov2021');
    const src = sourceSheet([{ sheet: '甲', lines: a.report.lines }]);
    const input = { sheet: '甲', layout, findings: a.findings, lineAddress: (l: number) => src.lineAddress('甲', l) };
    const want = verifySheet([input]);
    const got = verifySheet([]);
    new VerifyRows(got).unit(input);
    assert.ok(a.findings.some((f) => f.rule === 'S3'));
    assert.deepEqual(plain(got), plain(want));
  });

  it('原文', () => {
    const lines = [...a.report.lines, 'x'.repeat(70_000)];
    const want = sourceSheet([{ sheet: '甲', lines }, { sheet: '乙', lines: ['一', '二'] }]);
    const got = bulkSourceSheet([{ sheet: '甲', lines }, { sheet: '乙', lines: ['一', '二'] }]);
    assert.deepEqual(plain(got.sheet), plain(want.sheet));
    assert.equal(got.sheet.cells.size, want.sheet.cells.size);
    for (const l of [1, 5, lines.length]) assert.equal(got.lineAddress('甲', l), want.lineAddress('甲', l));
    assert.equal(got.lineAddress('乙', 2), want.lineAddress('乙', 2));
  });

  it('rule groups: R3.5 explains and counts in none; R3.4 and R3.6 in 表三其他', () => {
    assert.equal(groupOf('R3.5@total'), undefined);
    assert.equal(groupOf('R3.4@t3.granted.total'), 't3_other');
    assert.equal(groupOf('R3.6@total'), 't3_other');
    assert.equal(groupOf('R3.1@total'), 'R3.1');
    assert.equal(groupOf('S3@t3.granted.total'), 'structure');
    assert.equal(groupOf('N2'), 'text');
    assert.equal(groupOf('R2.6@t2.art20_8.fee.amount_wan'), 't2');
  });
});

describe('the streaming writer', () => {
  it('writes what exceljs reads back: texts, numbers, formulas, merges, widths, hidden columns', async () => {
    const c = consolidate([unit(NAMES[0]!), unit(NAMES[1]!)]);
    assert.ok(c.ok);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsxBytes(c.workbook)) as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), c.workbook.sheets.map((s) => s.name));
    for (const sheet of c.workbook.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      let n = 0;
      for (const [a, cell] of sheet.cells) {
        const got = ws.getCell(a);
        const want = cell.content;
        if (want.kind === 'formula') assert.equal(got.formula, want.formula, `${sheet.name}!${a}`);
        else if (want.kind === 'text') assert.equal(cellValue(got), want.text, `${sheet.name}!${a}`);
        else if (want.kind === 'number') assert.equal(got.value, want.value, `${sheet.name}!${a}`);
        if (++n > 3000) break;
      }
      for (const m of sheet.merges) assert.ok(ws.getCell(m.split(':')[1]!).isMerged, `${sheet.name} ${m}`);
      sheet.widths.forEach((w, i) => assert.equal(ws.getColumn(i + 1).width, w));
      for (const h of sheet.hiddenColumns) assert.equal(ws.getColumn(h).hidden, true);
    }
  });

  it('writes a workbook of many chunks in order, with either compressor', async () => {
    const units = manyUnits('桐川县', 40, 2).map((u, i) => unit(u.name, 2024, 'gov2021', 800 + i));
    const c = consolidate(units, { originals: false });
    assert.ok(c.ok);
    const verify = c.workbook.sheets.find((s) => s.name === '校验')!;
    const last = Math.max(...[...verify.cells.keys()].map((a) => Number(a.replace(/^[A-Z]+/, ''))));
    for (const codec of [NODE_CODEC, undefined]) {
      const bytes = await xlsxBytes(c.workbook, codec);
      // read with the light reader (exceljs reads the streaming writer's files above; here the order is the point)
      const ws = readLight(bytes)!.sheet('校验')!.cells;
      assert.equal(Math.max(...[...ws.keys()].map((a) => Number(a.replace(/^[A-Z]+/, '')))), last);
      // the last unit's last row, and a formula from the middle, as the model has them
      const mid = `H${Math.floor(last / 2)}`;
      assert.equal(ws.get(mid)?.formula, (verify.cells.get(mid)!.content as { formula: string }).formula);
      assert.equal(ws.get(`A${last}`)?.value, c.units.at(-1)!.sheet);
    }
  });
});

describe('gouji consolidate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-consolidate-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command)
  const run = (args: string[]) => inProcess(['consolidate', ...args]);
  const SAMPLES = fileURLToPath(new URL('../samples', import.meta.url));

  it('consolidates samples/ (skipping its README), never overwrites without --force', async () => {
    const out = join(dir, '青岚县汇总.xlsx');
    const r = await run([SAMPLES, '-o', out]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /已写出 .*青岚县 2024 年 12 个单位/);
    assert.match(r.stdout, /问题最多的单位：青岚县市场监督管理局（3 处）/);
    assert.equal(r.stderr.includes('README'), false, r.stderr);
    assert.equal(readLight(new Uint8Array(readFileSync(out)))!.names.length, 6 + 12 + 2);
    const again = await run([SAMPLES, '-o', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /已存在，未覆盖.*--force/);
    assert.equal((await run([SAMPLES, '-o', out, '--force'])).code, 1);
  });

  it('lists an unreadable file and goes on; refuses a unit twice and writes nothing', async () => {
    const folder = join(dir, 'in');
    mkdirSync(folder);
    const units = manyUnits('云岭县', 3);
    units.forEach((u, i) => writeFileSync(join(folder, `${i}.txt`), generateReport(200 + i, { format: 'gov2021', year: 2024, unit: u, layout: 'pipe' }).text));
    writeFileSync(join(folder, '坏文件.txt'), '这不是年报。');
    const out = join(dir, 'a.xlsx');
    const r = await run([folder, '-o', out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /坏文件\.txt/);
    assert.match(r.stdout, /3 个单位.*1 个文件未能读取/s);
    assert.ok(existsSync(out));
    writeFileSync(join(folder, '3.txt'), generateReport(300, { format: 'gov2021', year: 2024, unit: units[0]!, layout: 'pipe' }).text);
    const dup = join(dir, 'b.xlsx');
    const d = await run([folder, '-o', dup]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /无法汇总.*出现了 2 次/s);
    assert.equal(existsSync(dup), false);
  });
});
