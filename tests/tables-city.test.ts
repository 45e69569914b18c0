/**
 * The county's report tables (gouji tables) and a city from its counties (gouji consolidate
 * of county workbooks): the .docx read back with the project's own .docx reader equals the
 * recomputed 汇总 cell for cell, with no N finding and blanks kept blank; an edit to a unit
 * sheet reaches the tables (recomputed, not cached); a city of 5 counties sums to all their
 * units.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { analyze } from '../core/analyze.ts';
import { docxToText } from '../core/extract/docx.ts';
import { cellIds } from '../core/format/cells.ts';
import { COUNTIES, generateReport } from '../core/generate/index.ts';
import { consolidate, type ConsolidateInput } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { recomputeSummary } from '../core/sheet/recompute.ts';
import { readWorkbook } from '../core/xlsx/read.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { manyUnits } from './support/county.ts';
import { inProcess } from './support/in-process.ts';
import { howMany } from './support/thorough.ts';

/** `gouji …` in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command) */
const gouji = (...args: string[]) => inProcess(args);

function countyInputs(county: string, n: number, seed: number, blank = false): ConsolidateInput[] {
  return manyUnits(county, n, seed).map((unit, i) => {
    const g = generateReport(seed * 1000 + i, { format: 'gov2021', year: 2024, unit, layout: 'word-tabs', ...(blank && i === 2 ? { violations: ['blank'] } : {}) });
    const a = analyze(g.text, `${unit.name}.txt`);
    assert.ok(a.ok);
    return { report: a.report, findings: a.findings, source: `${unit.name}.txt`, kind: '文本' };
  });
}

/** the county workbook written; `typed` are numbers a reviewer typed into unit sheets afterwards (unit index → cell id → number) */
async function writeCounty(dir: string, county: string, inputs: ConsolidateInput[], typed: Map<number, Record<string, number>> = new Map()): Promise<string> {
  const c = consolidate(inputs, { name: county });
  assert.ok(c.ok);
  const layout = standardLayout('gov2021');
  const sheets = c.workbook.sheets.map((s) => {
    const k = inputs.findIndex((i) => c.units.find((u) => u.sheet === s.name)?.source === i.source);
    const edits = typed.get(k);
    if (!edits) return s;
    const cells = new Map(s.cells);
    for (const [id, value] of Object.entries(edits)) cells.set(layout.addresses[id]!, { ...cells.get(layout.addresses[id]!)!, content: { kind: 'number', value } });
    return { ...s, cells };
  });
  const p = join(dir, `${county}.xlsx`);
  writeFileSync(p, await xlsxBytes({ ...c.workbook, sheets }, NODE_CODEC));
  return p;
}

describe('gouji tables: the county report tables as Word', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-tables-'));
  const inputs = countyInputs('青岚县', 8, 21, true);
  let book: string;
  let want: Record<string, number | null>;

  before(async () => {
    // a reviewer edits one unit's sheet after consolidating (typed into the written sheet): the tables must follow the edit
    const first = inputs[0]!.report.cells;
    book = await writeCounty(dir, '青岚县', inputs, new Map([[0, { 't4.review.upheld': first['t4.review.upheld']!.value! + 40, 't4.review.total': first['t4.review.total']!.value! + 40 }]]));
    // what 汇总 should hold now, summed here from the edited inputs, not by the code under test
    want = {};
    for (const id of cellIds('gov2021')) {
      const vals = inputs.map((i, k) => (i.report.cells[id]?.value ?? null) === null ? null : i.report.cells[id]!.value! + (k === 0 && (id === 't4.review.upheld' || id === 't4.review.total') ? 40 : 0));
      want[id] = vals.some((v) => v === null) ? null : vals.reduce((s: number, v) => s + v!, 0);
    }
  });

  it('the .docx read back with the project\'s reader equals 汇总 cell for cell; no N finding; blanks blank and noted', async () => {
    const out = join(dir, '县报告表格.docx');
    const r = await gouji('tables', book, '-o', out);
    assert.equal(r.code, 0, r.stderr);
    const text = docxToText(new Uint8Array(readFileSync(out)));
    assert.ok(text.ok);
    const a = analyze(text.text, out);
    assert.ok(a.ok, a.ok ? '' : a.message);
    const wrong = cellIds('gov2021').filter((id) => {
      const got = a.report.cells[id]?.value ?? null;
      const w = want[id]!;
      return w === null ? got !== null : got === null || Math.abs(got - w) > 1e-6;
    });
    assert.deepEqual(wrong, []);
    assert.ok(Object.values(want).some((v) => v === null), 'a blank cell is planted');
    assert.deepEqual(a.findings.filter((f) => /^N\d/.test(f.rule)).map((f) => f.id), []);
    assert.match(text.text, /注：以下 \d+ 个格子在汇总中为空/);
    assert.match(text.text, /行政复议\d+件/);
    // never over an existing file without --force
    assert.equal((await gouji('tables', book, '-o', out)).code, 2);
  });
});

// the sum does not depend on the count: 6 units a county by default, 20 with GOUJI_THOROUGH=1
const PER_COUNTY = howMany(6, 20);

describe(`a city from its counties: 5 counties × ${PER_COUNTY} units`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-city-'));
  const counties = COUNTIES.map((name, k) => ({ name, inputs: countyInputs(name, PER_COUNTY, 40 + k) }));

  it(`汇总 of 汇总 equals the sum of all ${5 * PER_COUNTY} units; every county's units are in the workbook`, async () => {
    const files: string[] = [];
    for (const c of counties) files.push(await writeCounty(dir, c.name, c.inputs));
    const out = join(dir, '某市.xlsx');
    const r = await gouji('consolidate', ...files, '-o', out, '--name', '某市');
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const read = await readWorkbook(new Uint8Array(readFileSync(out)), out);
    assert.ok(read.ok, read.ok ? '' : read.message);
    const city = recomputeSummary(read.reports, read.summed);
    assert.ok(city);
    // the counties are the units of 汇总; their own units are there, not summed twice
    assert.deepEqual(city.members.map((m) => m.report.unit).filter((u) => (COUNTIES as readonly string[]).includes(u ?? '')).sort(), [...COUNTIES].sort());
    assert.equal(read.reports.length, 1 + 5 + 5 * PER_COUNTY);
    const all = counties.flatMap((c) => c.inputs);
    const sum: Record<string, number | null> = {};
    for (const id of cellIds('gov2021')) {
      const vals = all.map((i) => i.report.cells[id]?.value ?? null);
      sum[id] = vals.some((v) => v === null) ? null : vals.reduce((s: number, v) => s + v!, 0);
    }
    const cityValues = consolidateCity(read.reports);
    // and 汇总 recomputed from the city workbook (what gouji tables prints) is the same sum
    for (const id of cellIds('gov2021')) assert.equal(city.values[id] ?? null, cityValues[id] ?? null, id);
    const wrong = cellIds('gov2021').filter((id) => {
      const w = sum[id]!;
      const got = cityValues[id] ?? null;
      return w === null ? got !== null : got === null || Math.abs(got - w) > 1e-6;
    });
    assert.deepEqual(wrong, []);
  });
});

/** the city's 汇总 as its units (the counties' sheets) add up, read from the workbook */
function consolidateCity(reports: { sheet: string; report: { unit: string | null; cells: Record<string, { value: number | null }> } }[]): Record<string, number | null> {
  const counties = reports.filter((r) => (COUNTIES as readonly string[]).includes(r.report.unit ?? ''));
  const out: Record<string, number | null> = {};
  for (const id of cellIds('gov2021')) {
    const vals = counties.map((c) => c.report.cells[id]?.value ?? null);
    out[id] = vals.some((v) => v === null) ? null : vals.reduce((s: number, v) => s + v!, 0);
  }
  return out;
}
