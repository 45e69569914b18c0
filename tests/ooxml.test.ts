/**
 * Excel and Word are stricter than LibreOffice: every part of every workbook gouji writes
 * (exceljs for `gouji xlsx`, the streamed writer for `gouji consolidate`) validates against the
 * ECMA-376 schemas, and the check itself fails on a part with an element out of order.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ooxmlSkip, validateOoxmlAll, withPart, type OoxmlResult } from './support/ooxml.ts';
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
  let xlsx: OoxmlResult;
  let consolidated: OoxmlResult;
  let bad: OoxmlResult;

  // the three packages checked in one run of the validators
  before(async () => {
    const out = join(dir, '标准表.xlsx');
    await gouji('xlsx', ...samples.slice(0, 3), '-o', out);
    const sum = join(dir, '汇总.xlsx');
    await gouji('consolidate', join(ROOT, 'samples'), '-o', sum);
    const good = readFileSync(sum);
    const broken = withPart(good, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(/(<worksheet[^>]*>)/, '$1<pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0" footer="0"/>'),
    );
    [xlsx, consolidated, bad] = (await validateOoxmlAll([readFileSync(out), good, broken])) as [OoxmlResult, OoxmlResult, OoxmlResult];
  });

  it('every part of `gouji xlsx` (exceljs) is valid', () => {
    assert.deepEqual(xlsx.problems, []);
    assert.ok([...xlsx.checked.values()].filter((s) => s === 'SpreadsheetML_Worksheet.rnc').length >= 5, [...xlsx.checked.keys()].join(' '));
    assert.ok(xlsx.checked.has('xl/styles.xml') && xlsx.checked.has('xl/workbook.xml'));
  });

  it('every part of `gouji consolidate` (streamed writer) is valid', () => {
    assert.deepEqual(consolidated.problems, []);
    assert.ok([...consolidated.checked.values()].filter((s) => s === 'SpreadsheetML_Worksheet.rnc').length >= 17);
  });

  it('reports a worksheet whose elements are out of order (and only in that package)', () => {
    assert.equal(bad.problems.length > 0, true);
    assert.match(bad.problems.join('\n'), /^xl\/worksheets\/sheet1\.xml: /m);
    assert.ok(bad.problems.every((p) => p.startsWith('xl/worksheets/sheet1.xml: ')), bad.problems.join('\n'));
  });
});
