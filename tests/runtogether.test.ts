/**
 * Cells run together: generated reports written as a web page gives them (every row's
 * numbers glued into one run, the body on one line) read back exactly — or, where more
 * than one split fits every rule, with exactly those cells flagged, the truth among their
 * candidates. Nothing is ever silently guessed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import type { FormatId } from '../core/format/types.ts';
import { createRng, generateReport } from '../core/generate/index.ts';
import { runTogether } from '../core/generate/runtogether.ts';
import { splitRun } from '../core/read/runs.ts';

const CASES = 220;

test(`${CASES} generated reports with cells run together read back exactly or flagged`, (t) => {
  const problems: string[] = [];
  let flaggedReports = 0;
  let t3Flagged = 0;
  let tried = 0;
  for (let i = 0; i < CASES; i++) {
    const seed = 7_000 + i;
    const format: FormatId = i % 2 ? 'gov2019' : 'gov2021';
    const g = generateReport(seed, { format, layout: 'pipe', violations: i % 4 === 0 ? ['missing-section'] : [] });
    tried++;
    const text = runTogether(g.text, createRng(seed));
    const a = analyze(text, `seed ${seed}`);
    if (!a.ok) {
      problems.push(`seed ${seed}: ${a.message}`);
      continue;
    }
    const wrong: string[] = [];
    let flagged = 0;
    for (const id of cellIds(format)) {
      const want = g.truth.values[id] ?? null;
      const got = a.report.cells[id]!.value;
      const amb = a.report.ambiguous[id];
      if (amb) {
        flagged++;
        if (id.startsWith('t3.')) t3Flagged++;
        if (got !== null || !amb.candidates.includes(want) || amb.candidates.length < 2) wrong.push(`${id}: flagged ${JSON.stringify(amb.candidates)}, truth ${want}`);
      } else if (got !== want) wrong.push(`${id}: ${got} ≠ ${want}`);
    }
    if (flagged) flaggedReports++;
    const errors = a.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort();
    if (JSON.stringify(errors) !== JSON.stringify([...g.expected.errors].sort())) wrong.push(`errors ${errors} ≠ ${g.expected.errors}`);
    if (wrong.length) problems.push(`seed ${seed} ${format}: ${wrong.slice(0, 4).join('; ')}`);
  }
  t.diagnostic(`${tried} reports; ${flaggedReports} with cells flagged ambiguous (${t3Flagged} flagged cells in 表三)`);
  assert.ok(tried >= 200, `only ${tried} reports tried`);
  assert.deepEqual(problems.slice(0, 10), []);
});

test('splitting a run: no leading zeros, the rule decides, the search is bounded', () => {
  const r33 = (p: number[]) => p.length < 7 || p[6] === p.slice(0, 6).reduce((a, b) => a + b, 0);
  assert.deepEqual(splitRun('230000023', 7, { accept: r33 }).candidates, [[23, 0, 0, 0, 0, 0, 23]]);
  // 27,0,0,2,0,1,30 and 2,7,0,0,20,1,30 both satisfy the row: the column rules must choose
  assert.equal(splitRun('270020130', 7, { accept: r33 }).candidates.length, 2);
  assert.deepEqual(splitRun('13575394432.52', 2, { decimalLast: true }).candidates.length > 1, true);
  // a run no split fits (too long for seven cells) gives nothing; a long one stops at its step
  // budget and says so (bounded by steps, not by the clock: no timing here)
  assert.deepEqual(splitRun('1'.repeat(5000), 7, { accept: r33 }).candidates, []);
  const long = splitRun('12345678901234567890123456789012345678901234567890123456789012345678901234567890', 7, { accept: r33 });
  assert.deepEqual(long, { candidates: [], exhausted: true }, 'a pathological run stops, and says it stopped');
  // within its budget the search is complete, and says so
  assert.deepEqual(splitRun('230000023', 7, { accept: r33 }).exhausted, false);
});
