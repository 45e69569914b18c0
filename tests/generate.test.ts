/** The generator itself: valid tables pass every rule, each mistake causes exactly its findings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellIds } from '../core/format/cells.ts';
import { FORMAT_IDS, type FormatId } from '../core/format/types.ts';
import { instanceCells, instanceId, ruleInstances } from '../core/rules/definitions.ts';
import { evaluate } from '../core/rules/evaluate.ts';
import { checkCells } from '../core/rules/check.ts';
import { createRng, generateReport, generateTables, LAYOUTS, ruleFindingIds } from '../core/generate/index.ts';
import { howMany } from './support/thorough.ts';

// 60 seeds give every scale, format and planted mistake many times over; GOUJI_THOROUGH=1 runs 150
const SEEDS = Array.from({ length: howMany(60, 150) }, (_, i) => 7000 + i);

for (const format of FORMAT_IDS) {
  test(`${format}: generated tables fill every cell and pass every rule`, () => {
    for (const seed of SEEDS) {
      for (const scale of ['small', 'medium', 'large'] as const) {
        const values = generateTables(createRng(seed), format, scale);
        for (const id of cellIds(format)) assert.equal(typeof values[id], 'number', `seed ${seed}: ${id} is not a number`);
        for (const r of ruleInstances(format)) {
          const e = evaluate(r, (id) => values[id] ?? null);
          assert.equal(e.verdict, 'pass', `seed ${seed} ${scale}: ${instanceId(r)} ${e.verdict}`);
        }
      }
    }
  });
}

test('amounts are written the way reports write them', () => {
  for (const seed of SEEDS) {
    const v21 = generateTables(createRng(seed), 'gov2021', 'large');
    const fee = v21['t2.art20_8.fee.amount_wan']!;
    assert.ok(fee < 10000, `seed ${seed}: fee ${fee} 万元 would look like 元 written as 万元`);
    assert.ok(/^\d+(\.\d{1,4})?$/.test(String(fee)), `seed ${seed}: fee ${fee} has more than 4 decimals`);
    const v19 = generateTables(createRng(seed), 'gov2019', 'medium');
    const amount = v19['t2.art20_9.procurement.amount_yuan']!;
    assert.ok(/^\d+(\.\d{1,2})?$/.test(String(amount)), `seed ${seed}: amount ${amount} has more than 2 decimals`);
    if (amount > 0) assert.ok(v19['t2.art20_9.procurement.projects']! > 0);
  }
});

test('the same seed gives the same report; another seed another', () => {
  for (const layout of LAYOUTS) {
    const a = generateReport(42, { layout, violations: ['t3-cell', 'blank'] });
    const b = generateReport(42, { layout, violations: ['t3-cell', 'blank'] });
    assert.equal(a.text, b.text, layout);
    assert.notEqual(generateReport(43, { layout }).text, a.text, layout);
  }
});

/** '=' equations over a cell, but R3.5, which only explains R3.1 */
function equationsOver(format: FormatId, cell: string): string[] {
  return ruleInstances(format)
    .filter((r) => r.kind === 'equation' && r.relation === '=' && !r.explains && instanceCells(r).includes(cell))
    .map(instanceId)
    .sort();
}

for (const format of FORMAT_IDS) {
  test(`${format}: a changed 表三 cell breaks exactly the equations it is in`, () => {
    for (const seed of SEEDS) {
      const g = generateReport(seed, { format, layout: 'word-tabs', violations: ['t3-cell'] });
      const [a] = g.applied;
      assert.ok(a?.cell, `seed ${seed}: no cell changed`);
      assert.deepEqual([...a.findings].sort(), equationsOver(format, a.cell), `seed ${seed}: ${a.detail}`);
      assert.deepEqual(g.expected.errors, equationsOver(format, a.cell));
      assert.ok(g.truth.values[a.cell]! >= 0, 'values stay non-negative');
    }
  });
}

test('a changed 表四 cell breaks its block’s equation, and only that', () => {
  for (const seed of SEEDS) {
    const g = generateReport(seed, { format: 'gov2021', layout: 'pipe', violations: ['t4-cell'] });
    const [a] = g.applied;
    const block = a!.cell!.split('.')[1]!;
    const n = ['review', 'suit_direct', 'suit_after_review'].indexOf(block) + 1;
    assert.deepEqual(a!.findings, [`R4.${n}@${block}`], a!.detail);
  }
});

test('the 表二 inequalities and R2.5 are broken on demand', () => {
  for (const seed of SEEDS) {
    const g21 = generateReport(seed, { format: 'gov2021', layout: 'markdown', violations: ['r2.2'] });
    assert.match(g21.applied[0]!.findings.join(), /^R2\.2@(regulation|normative_doc)$/);
    assert.deepEqual(g21.expected.errors, []);
    const g19 = generateReport(seed, { format: 'gov2019', layout: 'markdown', violations: ['r2.4', 'r2.5'] });
    assert.match(g19.applied.find((a) => a.kind === 'r2.4')!.findings.join(), /^R2\.4@(regulation|normative_doc)$/);
    assert.deepEqual(g19.applied.find((a) => a.kind === 'r2.5')!.findings, ['R2.5@art20_9']);
    assert.deepEqual(g19.expected.warnings.filter((w) => w.startsWith('R2.')).length, 2);
  }
});

test('a blank cell is a warning and makes its equations not assessable, never an error', () => {
  for (const seed of SEEDS) {
    const g = generateReport(seed, { layout: 'word-cells', violations: ['blank'] });
    const [a] = g.applied;
    assert.equal(g.truth.values[a!.cell!], null);
    assert.deepEqual(a!.findings, [`S3@${a!.cell}`]);
    assert.deepEqual(g.expected.errors, [], `seed ${seed}: ${a!.detail}`);
    const format = g.truth.format;
    for (const id of equationsOver(format, a!.cell!)) {
      const r = ruleInstances(format).find((x) => instanceId(x) === id)!;
      assert.equal(evaluate(r, (c) => g.truth.values[c] ?? null).verdict, 'na', id);
    }
  }
});

test('a lost cell shifts its row left, leaves the last cell empty and names the row', () => {
  for (const seed of SEEDS) {
    const g = generateReport(seed, { layout: 'pdf-text', violations: ['lost-t3'] });
    const [a] = g.applied;
    const row = a!.findings[0]!.replace('S2@', '');
    assert.equal(g.truth.values[`t3.${row}.total`], null, a!.detail);
    assert.ok(g.expected.warnings.includes(`S2@${row}`));
    const t4 = generateReport(seed, { layout: 'pipe', violations: ['lost-t4'] });
    assert.equal(t4.truth.values['t4.suit_after_review.total'], null);
    assert.ok(t4.expected.warnings.includes('S2@suit_after_review'));
  }
});

test('mistakes a layout cannot show are not made: no blank cell in PDF text, no lost cell from Word', () => {
  for (const seed of SEEDS.slice(0, 30)) {
    assert.deepEqual(generateReport(seed, { layout: 'pdf-text', violations: ['blank'] }).applied, []);
    assert.deepEqual(generateReport(seed, { layout: 'word-cells', violations: ['lost-t3'] }).applied, []);
  }
});

test('the expected findings are those of the rules on the true values, plus the structural ones', () => {
  for (const seed of SEEDS) {
    const g = generateReport(seed, { violations: ['t3-cell', 't4-cell', 'missing-section', 'title-no-year'] });
    const rules = ruleFindingIds(g.truth.format, g.truth.values);
    assert.deepEqual(g.expected.errors, [...rules.errors].sort());
    assert.ok(g.expected.warnings.includes('S4'));
    assert.ok(g.expected.warnings.some((w) => /^S1@[156]$/.test(w)));
  }
});

test('the text states the tables’ figures: 新收申请, 行政复议', () => {
  for (const seed of SEEDS) {
    const g = generateReport(seed, { layout: 'word-tabs', violations: ['t3-cell'] });
    const received = /(?:本年新收政府信息公开申请|全年共受理政府信息公开申请|本年度共收到)(\d+)件/.exec(g.text);
    if (received) assert.equal(Number(received[1]), g.truth.values['t3.new_received.total'], `seed ${seed}`);
    else assert.ok(g.text.includes('本年未收到政府信息公开申请') || g.truth.values['t3.new_received.total'] === null);
    const review = /(?:被申请行政复议|行政复议案件)(\d+)[件起]/.exec(g.text);
    if (review) assert.equal(Number(review[1]), g.truth.values['t4.review.total']);
  }
});

test('units are fictional and the title names them', () => {
  for (const seed of SEEDS.slice(0, 40)) {
    const g = generateReport(seed, { layout: 'word-tabs' });
    assert.match(g.truth.unit, /^(青岚|松溪|云岭|白泉|桐川)县|^[\u4e00-\u9fff]{2}(镇人民政府|乡人民政府|街道办事处)$/);
    assert.ok(g.text.slice(0, 200).replace(/\s/g, '').includes(g.truth.unit), `seed ${seed}`);
  }
});

test('a changed cell breaks the equations it sits in, by the table structure', () => {
  let n = 0;
  for (const seed of SEEDS) {
    const g = generateReport(seed, { layout: 'word-tabs', violations: ['t3-cell', 't4-cell', 'blank'] });
    for (const a of g.applied) {
      if (!a.breaks) continue;
      assert.ok(a.breaks.length >= 1, a.detail);
      for (const id of a.breaks) assert.ok(g.expected.errors.includes(id), `seed ${seed}: ${a.detail} should break ${id}; expected ${g.expected.errors.join(' ')}`);
      n += a.breaks.length;
    }
  }
  assert.ok(n > SEEDS.length * 2, `${n}`);
});

/**
 * The generator's judge (oracle.ts, written from the tables' structure) against the check
 * (core/rules): every error and warning of every rule instance, over generated reports with
 * their mistakes, blanks, and random edits (a cleared cell, a negative, a fraction, a
 * changed number) — the proof that neither takes its answers from the other.
 */
test('the generator’s judge and the check agree on every rule instance, blanks included', () => {
  let reports = 0;
  let instances = 0;
  for (let seed = 1; seed <= howMany(200, 400); seed++) {
    const g = generateReport(seed, { layout: 'word-tabs', violations: ['t3-cell', 't4-cell', 'r2.2', 'r2.4', 'r2.5', 'blank'] });
    const rng = createRng(seed * 31);
    const values = { ...g.truth.values };
    const ids = cellIds(g.truth.format);
    for (let k = rng.int(0, 4); k > 0; k--) {
      const id = rng.pick(ids);
      const how = rng.int(0, 3);
      values[id] = how === 0 ? null : how === 1 ? -rng.int(1, 9) : how === 2 ? (values[id] ?? 0) + 0.5 : (values[id] ?? 0) + rng.int(1, 9);
    }
    const judge = ruleFindingIds(g.truth.format, values);
    const fs = checkCells(g.truth.format, (id) => values[id] ?? null, () => undefined);
    assert.deepEqual(fs.filter((f) => f.severity === 'error').map((f) => f.id).sort(), judge.errors, `seed ${seed}`);
    assert.deepEqual(fs.filter((f) => f.severity === 'warning').map((f) => f.id).sort(), judge.warnings, `seed ${seed}`);
    reports++;
    instances += ruleInstances(g.truth.format).length;
  }
  console.log(`# judge vs check: ${reports} reports, ${instances} rule instances compared`);
});
