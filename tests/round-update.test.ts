/** Units kept by an update: from the hidden cache, or read again from 原文; numbers edited in Excel kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { analyze } from '../core/analyze.ts';
import { generateReport } from '../core/generate/index.ts';
import { readRoundState } from '../core/round/readback.ts';
import { keptInput } from '../core/round/update.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { readLight } from '../core/xlsx/cells.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { manyUnits } from './support/county.ts';

const units = manyUnits('松溪县', 3, 21);
const inputs = units.map((unit, i) => {
  const a = analyze(generateReport(900 + i, { format: 'gov2021', year: 2024, unit, layout: 'pipe' }).text, `u${i}.txt`);
  if (!a.ok) throw new Error(a.message);
  return { report: a.report, findings: a.findings, source: `u${i}.txt`, kind: '文本' };
});
const made = consolidate(inputs);
if (!made.ok) throw new Error(made.message);
const c = made;
const ID = 't3.new_received.total';

async function edited(change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsxBytes(c.workbook)) as unknown as ArrayBuffer);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('units kept by an update', () => {
  it('as gouji wrote it: each unit exactly as it was read, without reading its sheet', async () => {
    const state = readRoundState(readLight(await xlsxBytes(c.workbook))!);
    assert.equal(state.units.length, 3);
    for (const [k, u] of state.units.entries()) {
      assert.equal(u.untouched, true);
      const got = keptInput(u);
      assert.ok(!('message' in got));
      const i = inputs.findIndex((x) => x.source === u.source);
      assert.deepEqual(got.input.report, inputs[i]!.report, `unit ${k}`);
      assert.deepEqual(got.input.findings, inputs[i]!.findings);
    }
  });

  it('a number changed in Excel is kept, and checked again', async () => {
    const sheet = c.units[0]!.sheet;
    const at = standardLayout('gov2021').addresses[ID]!;
    const before = c.units[0]!.report.cells[ID]!.value!;
    const bytes = await edited((wb) => (wb.getWorksheet(sheet)!.getCell(at).value = before + 7));
    const state = readRoundState(readLight(bytes)!);
    const u = state.units.find((x) => x.sheet === sheet)!;
    assert.equal(u.untouched, false);
    const got = keptInput(u);
    assert.ok(!('message' in got));
    assert.equal(got.editedCells, 1);
    assert.equal(got.input.report.cells[ID]!.value, before + 7);
    assert.ok((got.input.findings ?? []).some((f) => f.id === 'R3.1@total'), (got.input.findings ?? []).map((f) => f.id).join(' '));
  });

  it('without the cache, each unit is read again from 原文 — the same as before', async () => {
    const bytes = await edited((wb) => wb.removeWorksheet(wb.getWorksheet('_gouji')!.id));
    const state = readRoundState(readLight(bytes)!);
    for (const u of state.units) {
      assert.equal(u.cached, undefined);
      const got = keptInput(u);
      assert.ok(!('message' in got));
      const i = inputs.findIndex((x) => x.source === u.source);
      assert.equal(got.editedCells, 0);
      assert.deepEqual(got.input.findings, inputs[i]!.findings);
      assert.deepEqual(got.input.report.lines, inputs[i]!.report.lines);
    }
  });
});
