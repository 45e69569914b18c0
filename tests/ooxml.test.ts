/**
 * Excel and Word are stricter than LibreOffice: every part of every workbook gouji writes
 * (exceljs for `gouji xlsx`, the streamed writer for `gouji consolidate`) validates against the
 * ECMA-376 schemas, and the check itself fails on a part with an element out of order.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ooxmlSkip, validateOoxml, withPart } from './support/ooxml.ts';
import { inProcess } from './support/in-process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const skip = ooxmlSkip();
const samples = readdirSync(resolve(ROOT, 'samples')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'samples', f));

/** `gouji …` in this process (a spawn adds only node's start-up) */
async function gouji(...args: string[]): Promise<void> {
  const run = await inProcess(args);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
}

describe('OOXML schemas', { skip: skip && process.env.CI !== 'true' ? skip : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-ooxml-test-'));

  it('every part of `gouji xlsx` (exceljs) is valid', async () => {
    const out = join(dir, '标准表.xlsx');
    await gouji('xlsx', ...samples.slice(0, 3), '-o', out);
    const r = validateOoxml(readFileSync(out));
    assert.deepEqual(r.problems, []);
    assert.ok([...r.checked.values()].filter((s) => s === 'SpreadsheetML_Worksheet.rnc').length >= 5, [...r.checked.keys()].join(' '));
    assert.ok(r.checked.has('xl/styles.xml') && r.checked.has('xl/workbook.xml'));
  });

  it('every part of `gouji consolidate` (streamed writer) is valid', async () => {
    const out = join(dir, '汇总.xlsx');
    await gouji('consolidate', join(ROOT, 'samples'), '-o', out);
    const r = validateOoxml(readFileSync(out));
    assert.deepEqual(r.problems, []);
    assert.ok([...r.checked.values()].filter((s) => s === 'SpreadsheetML_Worksheet.rnc').length >= 17);
  });

  it('reports a worksheet whose elements are out of order', () => {
    const good = readFileSync(join(dir, '汇总.xlsx'));
    const bad = withPart(good, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(/(<worksheet[^>]*>)/, '$1<pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0" footer="0"/>'),
    );
    const r = validateOoxml(bad);
    assert.equal(r.problems.length > 0, true);
    assert.match(r.problems.join('\n'), /^xl\/worksheets\/sheet1\.xml: /m);
  });
});
