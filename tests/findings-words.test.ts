/**
 * Findings a clerk can act on: one planted mistake → one cause whose first line names the
 * planted cell and its true value (the generator knows both); two mistakes in one row → no
 * invented single fix; and no sentence a user reads carries an internal key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { describeFinding, describeFindings, explainFindings } from '../core/describe.ts';
import { t3Id } from '../core/format/cells.ts';
import { FORMATS, T3_COLUMNS } from '../core/format/tables.ts';
import { FORMAT_IDS } from '../core/format/types.ts';
import { generateReport, generateTables, createRng } from '../core/generate/index.ts';
import { checkCells } from '../core/rules/check.ts';
import { findCauses } from '../core/rules/causes.ts';
import { INTERNAL_KEY } from './support/keys.ts';


const SEEDS = Array.from({ length: 40 }, (_, i) => 9100 + i);

describe('one planted mistake in 表三: the first line names the cell and its true value', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const g = generateReport(seed, { violations: ['t3-cell'], layout: 'word-tabs' });
      const planted = g.applied.find((a) => a.kind === 't3-cell')!;
      assert.ok(planted.cell && planted.was !== undefined, 'the generator records the cell and its true value');
      const a = analyze(g.text, 'x.txt');
      assert.ok(a.ok);
      const errors = a.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => f.id).sort(), g.expected.errors, planted.detail);
      const explained = explainFindings(a.report, a.findings);
      const withErrors = explained.filter((e) => e.findings.some((f) => f.severity === 'error'));
      // every cell of 表三 is in a row and a column equation: the mistake breaks both, one cause explains all
      assert.equal(withErrors.length, 1, `${planted.detail}: ${withErrors.map((e) => e.findings.map((f) => f.id).join('+')).join(' | ')}`);
      const cause = withErrors[0]!;
      assert.equal(cause.findings.length, errors.length, 'no error left unexplained');
      assert.equal(cause.cause?.kind, 'single', planted.detail);
      assert.deepEqual(cause.cause!.options[0]!.map((c) => [c.cell, c.to]), [[planted.cell, planted.was]], planted.detail);
      // the words: the planted cell's row and column as the report prints them, and the true value
      const [, row, col] = planted.cell!.split('.');
      const label = FORMATS[g.truth.format].t3Rows.find((r) => r.key === row)!.label;
      const colLabel = T3_COLUMNS.find((c) => c.key === col)!.label;
      const lead = cause.lead!;
      assert.match(lead, /^很可能是 /);
      assert.ok(lead.includes(label.slice(0, 6).replace(/（[^）]*$/, '')) || lead.includes(label.replace(/（区分.*$/, '')), `${lead} names ${label}`);
      assert.ok(lead.includes(`的${colLabel}填成了 ${g.truth.values[planted.cell!]}，应为 ${planted.was}`), lead);
      assert.doesNotMatch(lead, INTERNAL_KEY);
    });
  }
});

describe('two mistakes in one row of 表三: no invented single fix', () => {
  for (const format of FORMAT_IDS) {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      it(`${format} seed ${seed}`, () => {
        const truth = generateTables(createRng(seed), format, 'medium');
        const rows = FORMATS[format].resultRows;
        const row = rows[seed % rows.length]!;
        const a = t3Id(row, 'natural_person');
        const b = t3Id(row, 'commercial');
        const values = { ...truth, [a]: truth[a]! + 3, [b]: truth[b]! + 2 };
        const get = (id: string) => values[id] ?? null;
        const findings = checkCells(format, get, () => undefined);
        const { causes } = findCauses(format, findings, get);
        const broken = findings.filter((f) => f.severity === 'error').map((f) => f.id).sort();
        assert.deepEqual(broken, [`R3.2@commercial`, `R3.2@natural_person`, `R3.3@${row}`].sort());
        assert.equal(causes.length, 1);
        assert.ok(causes[0]!.kind === 'pair' || causes[0]!.kind === 'several', causes[0]!.kind);
        const report = { format, cells: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { value: v }])) };
        const [first] = describeFindings(report, findings, 'terminal');
        assert.doesNotMatch(first!, /^很可能是 /, 'no single cell is blamed');
        assert.match(first!, /两处|不止一处/);
        if (causes[0]!.kind === 'pair') {
          // the pair, when named, is the planted one with the true values
          const fix = causes[0]!.options[0]!.map((c) => [c.cell, c.to]).sort();
          assert.deepEqual(fix, [[a, truth[a]], [b, truth[b]]].sort());
        }
      });
    }
  }
});

describe('no internal key in a sentence a user reads', () => {
  it('every finding of generated reports with every kind of mistake, in every output', () => {
    const kinds = ['t3-cell', 't4-cell', 'r2.2', 'r2.4', 'r2.5', 'blank', 'missing-section', 'title-no-year', 'lost-t3', 'lost-t4', 'prose-figure'] as const;
    let n = 0;
    for (let seed = 300; seed < 340; seed++) {
      const g = generateReport(seed, { violations: [kinds[seed % kinds.length]!, kinds[(seed * 7) % kinds.length]!] });
      const a = analyze(g.text, 'x.txt');
      if (!a.ok) continue;
      for (const output of ['terminal', 'pane', 'sheet', 'notice'] as const) {
        for (const line of describeFindings(a.report, a.findings, output)) {
          assert.doesNotMatch(line, INTERNAL_KEY, line);
          n++;
        }
        for (const f of a.findings) assert.doesNotMatch(describeFinding(f, a.report, output), INTERNAL_KEY);
      }
      for (const f of a.findings) assert.doesNotMatch(f.message, INTERNAL_KEY, f.message);
      for (const amb of Object.values(a.report.ambiguous)) assert.doesNotMatch(amb.reason, INTERNAL_KEY, amb.reason);
    }
    assert.ok(n > 100, `only ${n} lines looked at`);
  });

  it('the pattern itself catches what it must', () => {
    for (const bad of ['t3.granted.total', 'R3.2@total', '见 R3.4@t3.x', 'S3@t3.granted.other_org', 't2.art20_1.regulation.made']) assert.match(bad, INTERNAL_KEY);
    for (const ok of ['R3.2、R3.3', '表三“（二）部分公开”行“总计”列', 'R4.1']) assert.doesNotMatch(ok, INTERNAL_KEY);
  });
});
