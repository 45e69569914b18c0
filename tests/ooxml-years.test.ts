/**
 * Every part of what this round writes validates against the ECMA-376 schemas: the workbook
 * across years (with 同比 and the rows across years in 校验), the city workbook's parts are the
 * same writer's, and the county report tables (.docx, written with the docx package).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../core/analyze.ts';
import { countyTablesDocx } from '../core/docx/county-tables.ts';
import { generateYears } from '../core/generate/index.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { manyUnits } from './support/county.ts';
import { ooxmlSkip, validateOoxmlAll, type OoxmlResult } from './support/ooxml.ts';

const skip = ooxmlSkip();

describe('OOXML schemas: 同比 workbook and county report tables', { skip: skip && process.env.CI !== 'true' ? skip : false }, () => {
  const g = generateYears(3, { units: manyUnits('云岭县', 6, 2), year: 2024 });
  const c = consolidate(
    [...g.current, ...g.previous].map((r) => {
      const a = analyze(r.text, 'x.md');
      assert.ok(a.ok);
      return { report: a.report, findings: a.findings, source: `${r.truth.year}/${r.truth.unit}.md` };
    }),
    { acrossYears: true },
  );
  assert.ok(c.ok);

  // both packages checked in one run of the validators
  let book: OoxmlResult;
  let tables: OoxmlResult;
  before(async () => {
    const values = { ...c.summary.values, 't3.granted.research': null };
    const docx = await countyTablesDocx({ name: '云岭县', year: 2024, format: c.format, values, how: '测试' });
    [book, tables] = (await validateOoxmlAll([await xlsxBytes(c.workbook, NODE_CODEC), docx])) as [OoxmlResult, OoxmlResult];
  });

  it('every part of the workbook across years is valid', () => {
    assert.deepEqual(book.problems, []);
    assert.ok([...book.checked.keys()].length >= 10);
  });

  it('every part of the county report tables (.docx) is valid, a blank cell included', () => {
    assert.deepEqual(tables.problems, []);
    assert.ok([...tables.checked.keys()].some((p) => p.includes('document')), [...tables.checked.keys()].join(' '));
  });
});
