/**
 * The proof that the county workbook stays live: LibreOffice recomputes a consolidated
 * workbook (ten units, one of them in the old format) and one of two consecutive years;
 * then 汇总 equals the sums computed in TypeScript, 校验总览 and 目录 equal the TypeScript
 * counts, and R3.6 in 校验 equals its TypeScript verdicts. Edit two units' numbers in the
 * recomputed file with another program (exceljs), recompute again: 汇总 and the counts move
 * exactly as TypeScript says (the formulas outlive LibreOffice's saving and exceljs's).
 * `gouji check --json` on the recomputed file gives one report per standard sheet, 汇总 among them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { analyze } from '../core/analyze.ts';
import { t3Id } from '../core/format/cells.ts';
import { T3_COLUMNS } from '../core/format/tables.ts';
import type { FormatId } from '../core/format/types.ts';
import { generateReport, type ViolationKind } from '../core/generate/index.ts';
import { CATALOGUE_COL, CATALOGUE_HEAD } from '../core/sheet/catalogue.ts';
import { crossYearInstances, crossYearVerdicts as crossYearEvaluations } from '../core/rules/crossyear.ts';
import { instanceId } from '../core/rules/definitions.ts';
import { verdicts } from '../core/rules/check.ts';
import { consolidate, type ConsolidateInput, type Consolidation } from '../core/sheet/consolidate.ts';
import { crossYearVerdicts } from '../core/sheet/crossyear.ts';
import { VERDICT_ZH } from '../core/sheet/formulas.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { columnLetter } from '../core/sheet/model.ts';
import { RULE_GROUPS } from '../core/sheet/overview.ts';
import { FIGURES } from '../core/rules/figures.ts';
import { readLight } from '../core/xlsx/cells.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { manyUnits } from './support/county.ts';
import { findSoffice, libreOfficeSkip, recalc, recalcValues, type ComputedBook } from './support/libreoffice.ts';
import { reportFrom } from './support/reports.ts';
import { inProcess } from './support/in-process.ts';
import { verifyRows } from './support/verify-rows.ts';

type Ok = Extract<Consolidation, { ok: true }>;

// ten units: every kind of mistake, the old format (the sixth), and at least four units with nothing to count (fourteen proved no more)
const MISTAKES: ViolationKind[][] = [[], ['t3-cell'], [], ['blank'], ['t4-cell'], [], ['t3-cell', 't4-cell'], [], [], ['r2.2'] as ViolationKind[]];

/** ten units of 2024, read from generated text (so the reading's findings are there too); the sixth in the old format */
function yearInputs(): ConsolidateInput[] {
  return manyUnits('青岚县', MISTAKES.length, 4).map((unit, i) => {
    const format: FormatId = i === 5 ? 'gov2019' : 'gov2021';
    const g = generateReport(500 + i, { format, year: 2024, unit, layout: 'word-tabs', violations: MISTAKES[i]!.filter((k) => format === 'gov2021' || k !== 'r2.2') });
    const a = analyze(g.text, `${unit.name}.txt`);
    assert.ok(a.ok, unit.name);
    return { report: a.report, findings: a.findings, source: `${unit.name}.txt`, kind: '文本' };
  });
}

/** three units over 2023 and 2024; the first carries over exactly, the others not */
function twoYearInputs(): ConsolidateInput[] {
  const units = manyUnits('白泉县', 3, 9);
  const out: ConsolidateInput[] = [];
  units.forEach((u, i) => {
    const reports = [2023, 2024].map((year, k) => {
      const g = generateReport(700 + i * 2 + k, { format: 'gov2021', year, unit: u, layout: 'word-tabs' });
      return reportFrom({ format: 'gov2021', unit: u.name, year, values: g.truth.values, source: `${u.name}${year}.txt` });
    });
    const [prev, cur] = reports as [ReturnType<typeof reportFrom>, ReturnType<typeof reportFrom>];
    for (const col of T3_COLUMNS) {
      const carried = prev.cells[t3Id('carried_out', col.key)]!.value!;
      cur.cells[t3Id('carried_in', col.key)] = { value: i === 0 ? carried : carried + col.key.length };
    }
    if (i === 2) cur.cells[t3Id('carried_in', 'research')] = { value: null, nullReason: 'blank' };
    // a negative carry-over beside last year's blank: non-negativity already proves it wrong (the
    // hand-written formula of old said 无法判断 here while TypeScript said 不符)
    if (i === 1) {
      cur.cells[t3Id('carried_in', 'research')] = { value: -3 };
      prev.cells[t3Id('carried_out', 'research')] = { value: null, nullReason: 'blank' };
    }
    for (const r of reports) out.push({ report: r, findings: [], source: r.source, kind: '文本' });
  });
  return out;
}

/** a recomputed workbook's values, sheet by sheet (LibreOffice's CSV, or a file it saved read with the light reader) */
type Recomputed = Pick<ComputedBook, 'sheet'>;

const saved = (path: string): Recomputed => {
  const wb = readLight(new Uint8Array(readFileSync(path)))!;
  return { sheet: (name) => wb.sheet(name, 'values') };
};

const num = (v: number | string | null | undefined) => (typeof v === 'number' ? v : v === '' || v === undefined ? null : v);

/** 汇总 as LibreOffice computed it equals the TypeScript sums (汇总 is laid out as a unit's sheet; the reader reading it is the `check --json` test's) */
function compareSummary(r: Recomputed, c: Ok, label: string): void {
  const summary = r.sheet('汇总');
  assert.ok(summary, `${label}：没有汇总表`);
  const addresses = standardLayout(c.format).addresses;
  const wrong: string[] = [];
  for (const [id, want] of Object.entries(c.summary.values)) {
    const got = num(summary.cells.get(addresses[id]!)?.value);
    if (want === null ? got !== null : typeof got !== 'number' || Math.abs(got - want) > 1e-6) wrong.push(`${id}: LibreOffice ${got} ≠ TypeScript ${want}`);
  }
  assert.deepEqual(wrong, [], label);
}

/** 校验总览 and 目录 as LibreOffice computed them equal the TypeScript counts */
function compareCounts(r: Recomputed, c: Ok, label: string): void {
  const ov = r.sheet('校验总览')!.cells;
  const at = (cells: Map<string, { value: number | string | null }>, row: number, col: number) => cells.get(`${columnLetter(col)}${row}`)?.value ?? null;
  const wrong: string[] = [];
  const check = (row: number, sheet: string, counts: Ok['summary']['counts']) => {
    const name = at(ov, row, 1);
    if (name !== sheet) wrong.push(`校验总览第 ${row} 行：${name} ≠ ${sheet}`);
    RULE_GROUPS.forEach((g, i) => {
      const got = num(at(ov, row, 3 + i));
      if (got !== counts.groups[g.key]) wrong.push(`${sheet} ${g.key}: LibreOffice ${got} ≠ TypeScript ${counts.groups[g.key]}`);
    });
    const total = num(at(ov, row, 3 + RULE_GROUPS.length));
    if (total !== counts.total) wrong.push(`${sheet} 合计: ${total} ≠ ${counts.total}`);
  };
  c.units.forEach((u, k) => check(4 + k, u.sheet, u.counts));
  check(4 + c.units.length + 2, '汇总', c.summary.counts);
  const cat = r.sheet('目录')!.cells;
  const lines = [{ sheet: '汇总', counts: c.summary.counts }, ...c.units];
  lines.forEach((u, k) => {
    const row = CATALOGUE_HEAD + 1 + k;
    const e = num(at(cat, row, CATALOGUE_COL.错误));
    const w = num(at(cat, row, CATALOGUE_COL.警告));
    if (e !== u.counts.errors || w !== u.counts.warnings) wrong.push(`目录 ${u.sheet}: 错误 ${e}/${u.counts.errors} 警告 ${w}/${u.counts.warnings}`);
  });
  assert.deepEqual(wrong, [], label);
}

describe('the county workbook recomputed by LibreOffice', { skip: libreOfficeSkip() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-consolidate-recalc-'));
  const inputs = yearInputs();
  const years = twoYearInputs();
  let c: Ok;
  let y: Ok;
  let first: Recomputed;
  let twoYears: Recomputed;
  let edited: Recomputed;
  let afterEdit: Ok;
  let jsonRun: { code: number | null; stdout: string };

  before(async () => {
    assert.ok(findSoffice(), '没有找到 LibreOffice（soffice）：CI 中必须安装 libreoffice-calc-nogui');
    const cc = consolidate(inputs);
    const yy = consolidate(years);
    assert.ok(cc.ok && yy.ok, 'consolidate');
    c = cc;
    y = yy;
    const p1 = join(dir, 'county.xlsx');
    const p2 = join(dir, 'years.xlsx');
    writeFileSync(p1, await xlsxBytes(c.workbook, NODE_CODEC));
    writeFileSync(p2, await xlsxBytes(y.workbook, NODE_CODEC));
    // the county as a saved file (edited below, read by check --json); the two years' values only
    const [[r1], [y2]] = await Promise.all([recalc([p1], join(dir, 'round1')), recalcValues([p2], join(dir, 'years'))]);
    first = saved(r1!);
    twoYears = y2!;

    // a reviewer corrects one town and mistypes another, in the file LibreOffice saved, with another program (exceljs)
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(r1!) as unknown as ArrayBuffer);
    const changed = inputs.map((i) => ({ ...i, report: { ...i.report, cells: { ...i.report.cells } } }));
    const edits: [number, string, number][] = [
      [0, 't3.granted.natural_person', 7],
      [2, 't4.review.upheld', 2],
    ];
    for (const [k, id, delta] of edits) {
      const input = changed[k]!;
      const sheet = c.units.find((u) => u.source === input.source)!.sheet;
      const old = input.report.cells[id]!.value ?? 0;
      input.report.cells[id] = { value: old + delta };
      book.getWorksheet(sheet)!.getCell(standardLayout(input.report.format).addresses[id]!).value = old + delta;
    }
    const ac = consolidate(changed);
    assert.ok(ac.ok, 'consolidate after edits');
    afterEdit = ac;
    const pe = join(dir, 'edited.xlsx');
    await book.xlsx.writeFile(pe);
    [edited] = (await recalcValues([pe], join(dir, 'round2'))) as [ComputedBook];
    jsonRun = await inProcess(['check', '--json', r1!]);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('汇总 equals the sums computed in TypeScript, with the old-format unit mapped', () => {
    assert.equal(c.format, 'gov2021');
    assert.ok(c.units.some((u) => u.findings.some((f) => f.id === 'C1')), 'C1');
    compareSummary(first, c, '重算后');
  });

  it('校验总览 and 目录 equal the TypeScript counts; some units have mistakes, some none', () => {
    assert.ok(c.units.filter((u) => u.counts.total > 0).length >= 4, 'units with mistakes');
    assert.ok(c.units.filter((u) => u.counts.total === 0).length >= 4, 'units without');
    compareCounts(first, c, '重算后');
  });

  it('after editing two units, 汇总 and the counts move as TypeScript says', () => {
    const moved = Object.keys(c.summary.values).filter((id) => c.summary.values[id] !== afterEdit.summary.values[id]);
    assert.deepEqual(moved.sort(), ['t3.granted.natural_person', 't4.review.upheld'].filter((id) => c.summary.values[id] !== null).sort());
    const countsMoved = afterEdit.units.filter((u, k) => u.counts.total !== c.units[k]!.counts.total).length;
    assert.ok(countsMoved >= 1, 'counts moved');
    compareSummary(edited, afterEdit, '修改后');
    compareCounts(edited, afterEdit, '修改后');
  });

  it('two consecutive years: R3.6, R2.3 and Y1 in 校验 equal the TypeScript verdicts, and the counts too', () => {
    const got = new Map<string, string>();
    for (const { sheet, rule, result } of verifyRows(twoYears.sheet('校验')!.cells)) {
      if (/^(R3\.6|R2\.3|Y1)@/.test(rule)) got.set(`${sheet}|${rule}`, result);
    }
    const want = new Map<string, string>();
    for (const u of y.units.filter((x) => x.year === 2024)) {
      const cur = years.find((i) => i.source === u.source)!.report;
      const prev = years.find((i) => i.report.unit === cur.unit && i.report.year === 2023)!.report;
      assert.equal(crossYearInstances(cur.format, prev.format).length, 7 + 2 + FIGURES.length);
      for (const { r, e } of crossYearEvaluations(cur, prev)) want.set(`${u.sheet}|${instanceId(r)}`, VERDICT_ZH[e.verdict]);
      // the counts use the same verdicts
      const negatives = [...verdicts(cur.format, (id) => cur.cells[id]?.value ?? null)].filter(([id, e]) => id.startsWith('R3.4@') && e.verdict === 'fail').length;
      assert.equal(u.counts.groups.t3_other, crossYearVerdicts(cur, prev).filter((v) => v.fail && v.id.startsWith('R3.6@')).length + negatives, u.sheet);
    }
    assert.deepEqual(new Map([...got].sort()), new Map([...want].sort()));
    // R3.6 on 科研机构: carried over exactly, a negative beside last year's blank, a blank
    const research = [...got].filter(([k]) => k.endsWith('|R3.6@research')).map(([, v]) => v).sort();
    assert.deepEqual(research, [VERDICT_ZH.na, VERDICT_ZH.pass, VERDICT_ZH.fail].sort());
    assert.ok([...want.values()].includes(VERDICT_ZH.fail) && [...want.values()].includes(VERDICT_ZH.pass) && [...want.values()].includes(VERDICT_ZH.na), 'all three verdicts');
    compareCounts(twoYears, y, '两年');
    compareSummary(twoYears, y, '两年');
  });

  it('gouji check --json on the recomputed workbook: one report per standard sheet, 汇总 among them', () => {
    const reports = JSON.parse(jsonRun.stdout) as { sheet: string; cells: Record<string, number | null> }[];
    assert.deepEqual(reports.map((r) => r.sheet), ['汇总', ...c.units.map((u) => u.sheet)]);
    const summary = reports[0]!;
    for (const [id, v] of Object.entries(c.summary.values)) assert.ok(v === null ? summary.cells[id] === null : Math.abs(summary.cells[id]! - v) < 1e-6, id);
    assert.equal(jsonRun.code, 1);
  });
});
