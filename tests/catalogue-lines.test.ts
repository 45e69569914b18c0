/**
 * 目录 with a roster and last year beside this year: each roster unit's status comes from this
 * year's report only — last year's report neither reports a unit nor makes it 待核对 — and the
 * page outside Excel gets the same statuses as data (Consolidation.roster). Expected statuses
 * from the generator's own account of what it planted, never from the code under test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { generateReport, generateYears } from '../core/generate/index.ts';
import { lastYearOf } from '../core/last-year.ts';
import { consolidate, type ConsolidateInput } from '../core/sheet/consolidate.ts';
import { manyUnits } from './support/county.ts';

const units = manyUnits('青岚县', 5, 7);
const g = generateYears(13, { units, year: 2024 });
const read = (text: string, source: string): ConsolidateInput => {
  const a = analyze(text, source);
  assert.ok(a.ok);
  return { report: a.report, findings: a.findings, source, kind: 'Markdown' };
};
const current = g.current.map((r) => read(r.text, `2024/${r.truth.unit}.md`));
const previous = g.previous.map((r) => read(r.text, `2023/${r.truth.unit}.md`));
const roster = [...units.map((u) => ({ name: u.name.replace(/^青岚县(?=.)/, '').replace(/人民政府$/, '') || u.name, category: '乡镇' })), { name: '青岚县未报镇', category: '乡镇' }];

describe('目录 with a roster and last year', () => {
  it('last year is the year before this year\'s latest; other years are left out and said', () => {
    const stray = read(generateReport(5, { year: 2021, unit: units[1]! }).text, '2021/旧.md');
    const got = lastYearOf(current, { inputs: [...previous, stray], unreadable: [] }, '上年');
    assert.equal(got.year, 2023);
    assert.deepEqual(got.inputs, previous);
    assert.equal(got.notes.length, 1);
    assert.match(got.notes[0]!, /有 1 份不是 2023 年的年报（如“2021\/旧.md”是 2021 年的），已略去/);
    assert.deepEqual(got.unreadable, []);
    const none = lastYearOf(current, { inputs: [stray], unreadable: [] }, '全县2021.xlsx');
    assert.deepEqual(none.unreadable, [{ source: '全县2021.xlsx', reason: '其中没有 2023 年的年报，无法同比。' }]);
  });

  it('each roster unit has the status of this year\'s report; gone and missing units are 未报送', () => {
    const c = consolidate([...current, ...previous], { acrossYears: true, round: { roster } });
    assert.ok(c.ok && c.roster);
    const listed = new Map(c.roster.filter((l) => l.listed).map((l) => [l.name, l.status]));
    const want = new Map(roster.map((e, i) => {
      const unit = units[i]?.name;
      if (!unit || unit === g.goneUnit) return [e.name, '未报送'];
      return [e.name, (g.expected.get(unit) ?? []).length ? '有警告' : '已报送'];
    }));
    assert.deepEqual(listed, want);
    assert.ok([...listed.values()].includes('有警告'), '应有单位带跨年警告，才能区分');
    // last year's four reports are apart, without a status of their own
    const apart = c.roster.filter((l) => !l.listed);
    assert.equal(apart.length, previous.length);
    assert.ok(apart.every((l) => l.status === ''));
  });
});
