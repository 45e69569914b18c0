/** The rules as data, and their verdicts with the spec's null semantics. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellIds } from '../core/format/cells.ts';
import { FORMATS } from '../core/format/tables.ts';
import { checkCells } from '../core/rules/check.ts';
import { instanceId, ruleInstances, type EquationRule } from '../core/rules/definitions.ts';
import { evaluate, evaluateEquation } from '../core/rules/evaluate.ts';

const eq = (left: string[], right: string[], relation: '=' | '>=' = '='): EquationRule => ({
  kind: 'equation', rule: 'T', at: 'x', severity: 'error', relation, left, right,
});
const lookup = (v: Record<string, number | null>) => (id: string) => v[id] ?? null;

describe('equation verdicts', () => {
  const cases: { name: string; rule: EquationRule; values: Record<string, number | null>; want: string }[] = [
    { name: 'balanced', rule: eq(['t'], ['a', 'b']), values: { t: 3, a: 1, b: 2 }, want: 'pass' },
    { name: 'unbalanced', rule: eq(['t'], ['a', 'b']), values: { t: 4, a: 1, b: 2 }, want: 'fail' },
    { name: 'blank part, total not exceeded', rule: eq(['t'], ['a', 'b']), values: { t: 4, a: 1, b: null }, want: 'na' },
    { name: 'blank part, known parts exceed total', rule: eq(['t'], ['a', 'b']), values: { t: 0, a: 4, b: null }, want: 'fail' },
    { name: 'blank total', rule: eq(['t'], ['a', 'b']), values: { t: null, a: 4, b: 1 }, want: 'na' },
    { name: 'blanks on both sides', rule: eq(['t', 'u'], ['a', 'b']), values: { t: null, u: 0, a: 9, b: null }, want: 'na' },
    { name: '>= holds', rule: eq(['f', 'r'], ['m'], '>='), values: { f: 5, r: 1, m: 6 }, want: 'pass' },
    { name: '>= broken', rule: eq(['f', 'r'], ['m'], '>='), values: { f: 2, r: 1, m: 6 }, want: 'fail' },
    { name: '>= proven by the known part of the larger side', rule: eq(['f', 'r'], ['m'], '>='), values: { f: 7, r: null, m: 6 }, want: 'pass' },
    { name: '>= with the smaller side blank', rule: eq(['f', 'r'], ['m'], '>='), values: { f: 7, r: 0, m: null }, want: 'na' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(evaluateEquation(c.rule, lookup(c.values)).verdict, c.want));
  }
});

describe('value rules', () => {
  const value = (valueKind: 'count' | 'signed' | 'amount', v: number | null) =>
    evaluate({ kind: 'value', rule: 'R3.4', at: 'c', severity: 'error', cell: 'c', valueKind }, lookup({ c: v })).verdict;
  it('a count is an integer ≥ 0', () => {
    assert.equal(value('count', 3), 'pass');
    assert.equal(value('count', -1), 'fail');
    assert.equal(value('count', 2.5), 'fail');
    assert.equal(value('count', null), 'na');
  });
  it('本年增/减 may be negative, an amount may have decimals', () => {
    assert.equal(value('signed', -185), 'pass');
    assert.equal(value('signed', 1.5), 'fail');
    assert.equal(value('amount', 87580.52), 'pass');
    assert.equal(value('amount', -1), 'fail');
  });
});

describe('rule instances of the formats', () => {
  for (const format of ['gov2019', 'gov2021'] as const) {
    const list = ruleInstances(format);
    const count = (rule: string) => list.filter((r) => r.rule === rule).length;
    it(`${format}: one R3.1, R3.2 and R3.5 per column, one R3.3 per row, R4.1–R4.3 once each`, () => {
      assert.equal(count('R3.1'), 7);
      assert.equal(count('R3.2'), 7);
      assert.equal(count('R3.5'), 7);
      assert.equal(count('R3.3'), FORMATS[format].t3Rows.length);
      assert.deepEqual(['R4.1', 'R4.2', 'R4.3'].map(count), [1, 1, 1]);
      assert.equal(count('R2.1') + count('R3.4') + count('R4.4'), cellIds(format).length);
    });
    it(`${format}: instance ids are unique and every cell they read exists`, () => {
      const ids = list.map(instanceId);
      assert.equal(new Set(ids).size, ids.length);
      const cells = new Set(cellIds(format));
      for (const r of list) {
        const read = r.kind === 'equation' ? [...r.left, ...r.right] : r.kind === 'value' ? [r.cell] : r.kind === 'amount_without_count' ? [r.count, r.amount] : [...r.current, ...r.previous];
        for (const c of read) assert.ok(cells.has(c), `${instanceId(r)} reads unknown ${c}`);
      }
    });
    it(`${format}: R3.2 sums exactly the result rows (${format === 'gov2019' ? 19 : 21})`, () => {
      const r32 = list.find((r) => r.rule === 'R3.2') as EquationRule;
      assert.equal(r32.right.length, format === 'gov2019' ? 19 : 21);
    });
  }
  it('gov2021 has R2.2, gov2019 has R2.4 and R2.5', () => {
    assert.ok(ruleInstances('gov2021').some((r) => r.rule === 'R2.2'));
    assert.ok(!ruleInstances('gov2021').some((r) => r.rule === 'R2.4' || r.rule === 'R2.5'));
    assert.ok(ruleInstances('gov2019').some((r) => r.rule === 'R2.4'));
    assert.ok(ruleInstances('gov2019').some((r) => r.rule === 'R2.5'));
  });
});

describe('findings of the cell rules', () => {
  const zeros = (format: 'gov2019' | 'gov2021') => Object.fromEntries(cellIds(format).map((id) => [id, 0 as number | null]));
  it('an all-zero report has no finding', () => {
    assert.deepEqual(checkCells('gov2021', lookup(zeros('gov2021')), () => undefined), []);
  });
  it('an unfilled （七）总计 row: R3.1 and R3.2 errors, and the R3.5 explanation', () => {
    const v = zeros('gov2019');
    v['t3.new_received.natural_person'] = 1;
    v['t3.new_received.total'] = 1;
    v['t3.granted.natural_person'] = 1;
    v['t3.granted.total'] = 1;
    const found = checkCells('gov2019', lookup(v), (id) => (id.startsWith('t3.granted') ? 12 : undefined));
    assert.deepEqual(found.filter((f) => f.severity === 'error').map((f) => f.id).sort(), [
      'R3.1@natural_person', 'R3.1@total', 'R3.2@natural_person', 'R3.2@total',
    ]);
    assert.deepEqual(found.filter((f) => f.severity === 'info').map((f) => f.id).sort(), ['R3.5@natural_person', 'R3.5@total']);
    const r31 = found.find((f) => f.id === 'R3.1@total')!;
    // the message names the column, both sides and their values
    assert.match(r31.message, /“总计”列/);
    assert.match(r31.message, /本年新收 1/);
    assert.match(r31.message, /（七）总计 0/);
    assert.match(r31.message, /相差 1/);
    assert.ok(r31.cells.includes('t3.results_total.total'));
    assert.deepEqual(found.find((f) => f.id === 'R3.2@total')!.lines, [12]);
  });
  it('a blank cell leaves its equations not assessable, not failed', () => {
    const v = zeros('gov2021');
    v['t4.review.total'] = null;
    assert.deepEqual(checkCells('gov2021', lookup(v), () => undefined), []);
  });
});
