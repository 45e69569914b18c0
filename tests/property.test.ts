/**
 * Property test: generated reports, in every layout people paste, read back exactly.
 * For each report the reader must give the unit, year, format, every cell's value (null
 * where a cell is blank or lost) and exactly the error and warning findings the truth implies.
 *
 * Two kinds of case are set apart, never hidden:
 * - text that cannot settle a cell (a PDF stream whose orientation no rule decides): the
 *   reader passes by flagging those cells as ambiguous, as the corpus answers allow;
 * - known reader gaps (KNOWN_GAPS, empty now): run in a `todo` test, so they are reported on
 *   every run without failing it, and show up as passing once the reader handles them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FormatId } from '../core/format/types.ts';
import { createRng, generateReport, LAYOUTS, VIOLATION_KINDS, type GeneratedReport, type Layout } from '../core/generate/index.ts';
import { readBack, type ReadBack } from './support/readback.ts';
import { howMany } from './support/thorough.ts';

// every layout in both formats, every kind of mistake: the test below asserts it of whichever set runs
const CASES = howMany(162, 630);
const BASE_SEED = Number(process.env.GOUJI_SEED ?? 20_240_000);

interface Case {
  seed: number;
  layout: Layout;
  format: FormatId;
  g: GeneratedReport;
}

function makeCase(i: number): Case {
  const seed = BASE_SEED + i;
  const r = createRng(seed ^ 0x5f3759df);
  const layout = LAYOUTS[i % LAYOUTS.length]!;
  // both formats in every layout: alternate by round of layouts
  const format: FormatId = Math.floor(i / LAYOUTS.length) % 2 ? 'gov2019' : 'gov2021';
  const violations = i % 3 === 0 ? [] : r.shuffle(VIOLATION_KINDS).slice(0, r.int(1, 3));
  return { seed, layout, format, g: generateReport(seed, { layout, format, violations }) };
}

/**
 * Reader gaps found by this test and not yet handled. Each is told from the generated input,
 * never from the reader's output. (Fixed so far: a blank first value beside merge padding, a
 * blank first or last 表四 cell, the half-width colon in the 万元 header.)
 */
const KNOWN_GAPS: { name: string; applies: (c: Case) => boolean }[] = [];

const STREAMS: Layout[] = ['pdf-stream-rows', 'pdf-stream-columns'];

type Outcome = ReadBack;

const check = (c: Case): Outcome => readBack(c.g, c.g.text, `seed ${c.seed}`, STREAMS.includes(c.layout));

const describe = (c: Case, problems: string[]) =>
  `seed ${c.seed} layout ${c.layout} ${c.format} ${c.g.truth.year} [${c.g.applied.map((a) => a.detail).join('; ') || '无错误'}]\n    ` +
  problems.slice(0, 8).join('\n    ') +
  (problems.length > 8 ? `\n    … ${problems.length - 8} more` : '') +
  `\n    (rerun: generateReport(${c.seed}, { layout: '${c.layout}', format: '${c.format}', violations: ${JSON.stringify(c.g.applied.map((a) => a.kind))} }))`;

const cases = Array.from({ length: CASES }, (_, i) => makeCase(i));
const gapOf = (c: Case) => KNOWN_GAPS.find((k) => k.applies(c));

test(`${CASES} generated reports read back exactly, in every layout and both formats`, (t) => {
  const failures: string[] = [];
  let undecidable = 0;
  let streams = 0;
  const seen = new Set<string>();
  for (const c of cases) {
    seen.add(`${c.layout}/${c.format}`);
    if (gapOf(c)) continue;
    if (STREAMS.includes(c.layout)) streams++;
    const o = check(c);
    if (o.undecidable) undecidable++;
    if (o.problems.length) failures.push(describe(c, o.problems));
  }
  assert.equal(seen.size, LAYOUTS.length * 2, 'every layout is tried in both formats');
  assert.ok(failures.length === 0, `${failures.length} of ${CASES} reports misread:\n  ${failures.slice(0, 12).join('\n  ')}`);
  // giving up is allowed only where the text cannot tell, which is the exception even there
  t.diagnostic(`PDF streams left ambiguous (cells flagged, not guessed): ${undecidable} of ${streams}`);
  assert.ok(undecidable <= streams * 0.2, `the reader gave up on ${undecidable} of ${streams} PDF-stream reports`);
});

test('the generator covers what it claims: violations, years, both formats', () => {
  const kinds = new Set(cases.flatMap((c) => c.g.applied.map((a) => a.kind)));
  for (const k of VIOLATION_KINDS) assert.ok(kinds.has(k), `no report with ${k}`);
  for (const c of cases) {
    const [lo, hi] = c.format === 'gov2019' ? [2019, 2020] : [2021, 2025];
    assert.ok(c.g.truth.year >= lo && c.g.truth.year <= hi, `seed ${c.seed}: year ${c.g.truth.year} for ${c.format}`);
  }
  const withErrors = cases.filter((c) => c.g.expected.errors.length > 0).length;
  // a row that lost a cell is flagged, not judged (no 错误 from where the cell might have been): fewer erroneous reports than planted mistakes
  assert.ok(withErrors > CASES / 6, `enough reports with errors: ${withErrors} of ${CASES}`);
  assert.ok(cases.filter((c) => c.g.applied.length === 0).length >= CASES / 4, 'enough clean reports');
});

for (const gap of KNOWN_GAPS) {
  const mine = cases.filter((c) => gapOf(c) === gap);
  test(`known reader gap: ${gap.name} (${mine.length} reports)`, { todo: '读取器尚未处理，见报告' }, () => {
    const failures = mine.map((c) => ({ c, o: check(c) })).filter(({ o }) => o.problems.length);
    assert.equal(failures.length, 0, failures.slice(0, 3).map(({ c, o }) => describe(c, o.problems)).join('\n'));
  });
}
