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
import { analyze } from '../core/analyze.ts';
import { cellIds, formatCells } from '../core/format/cells.ts';
import type { FormatId } from '../core/format/types.ts';
import { createRng, generateReport, LAYOUTS, VIOLATION_KINDS, type GeneratedReport, type Layout } from '../core/generate/index.ts';

const CASES = 630;
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

type Outcome = { problems: string[]; undecidable: boolean };

function check(c: Case): Outcome {
  const { g } = c;
  const a = analyze(g.text, `seed ${c.seed}`);
  if (!a.ok) return { problems: [`analyze failed: ${a.code} ${a.message}`], undecidable: false };
  const r = a.report;
  const problems: string[] = [];
  if (r.unit !== g.truth.unit) problems.push(`unit: got ${r.unit}, want ${g.truth.unit}`);
  if (r.year !== g.truth.year) problems.push(`year: got ${r.year}, want ${g.truth.year}`);
  if (r.format !== g.truth.format) problems.push(`format: got ${r.format}, want ${g.truth.format}`);
  if (r.format !== g.truth.format) return { problems, undecidable: false };
  const wrong = cellIds(g.truth.format).filter((id) => (r.cells[id]?.value ?? null) !== g.truth.values[id]);
  // a cell the text cannot settle passes when the reader says so; only PDF streams can be like that
  const undecidable = wrong.length > 0 && STREAMS.includes(c.layout) && wrong.every((id) => r.ambiguous[id]);
  if (!undecidable) {
    for (const id of wrong) problems.push(`${id}: got ${r.cells[id]?.value ?? null}, want ${g.truth.values[id]}`);
    const got = a.findings.filter((f) => f.severity !== 'info').map((f) => f.id).sort();
    const want = [...g.expected.errors, ...g.expected.warnings].sort();
    const extra = got.filter((id) => !want.includes(id));
    const missing = want.filter((id) => !got.includes(id));
    if (extra.length || missing.length) problems.push(`findings: extra [${extra.join(' ')}], missing [${missing.join(' ')}]`);
  }
  return { problems, undecidable };
}

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
  assert.ok(cases.filter((c) => c.g.expected.errors.length > 0).length > CASES / 5, 'enough reports with errors');
  assert.ok(cases.filter((c) => c.g.applied.length === 0).length >= CASES / 4, 'enough clean reports');
});

for (const gap of KNOWN_GAPS) {
  const mine = cases.filter((c) => gapOf(c) === gap);
  test(`known reader gap: ${gap.name} (${mine.length} reports)`, { todo: '读取器尚未处理，见报告' }, () => {
    const failures = mine.map((c) => ({ c, o: check(c) })).filter(({ o }) => o.problems.length);
    assert.equal(failures.length, 0, failures.slice(0, 3).map(({ c, o }) => describe(c, o.problems)).join('\n'));
  });
}
