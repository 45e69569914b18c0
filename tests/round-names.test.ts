/** Roster names: the variants people write find their row; a name that fits two rows is a question. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchName } from '../core/round/names.ts';
import { parseRoster, rosterFromText } from '../core/round/roster.ts';

const ROSTER = [
  '青岚县凤岩镇人民政府',
  '北谷街道办事处',
  '青岚县司法局',
  '松溪乡',
  '青岚县人民政府',
  '新市镇',
  '柳庄镇人民政府（本级）',
  '红河乡',
  '红河镇',
];

// [name as a report or file calls it, the roster row it must find (or null: not on the roster)]
const FOUND: [string, string | null][] = [
  ['青岚县凤岩镇人民政府', '青岚县凤岩镇人民政府'],
  ['凤岩镇', '青岚县凤岩镇人民政府'],
  ['凤岩镇政府', '青岚县凤岩镇人民政府'],
  ['凤岩镇人民政府', '青岚县凤岩镇人民政府'],
  ['鳳岩鎮人民政府', '青岚县凤岩镇人民政府'],
  ['青嵐縣鳳岩鎮人民政府', '青岚县凤岩镇人民政府'],
  [' 凤岩镇 人民政府 ', '青岚县凤岩镇人民政府'],
  ['青岚县北谷街道办事处', '北谷街道办事处'],
  ['北谷街道', '北谷街道办事处'],
  ['北谷街道办', '北谷街道办事处'],
  ['司法局', '青岚县司法局'],
  ['青岚县司法局', '青岚县司法局'],
  ['松溪乡人民政府', '松溪乡'],
  ['青岚县松溪乡政府', '松溪乡'],
  ['青岚县人民政府', '青岚县人民政府'],
  ['青岚县政府', '青岚县人民政府'],
  ['新市镇人民政府', '新市镇'],
  ['柳庄镇人民政府(本级)', '柳庄镇人民政府（本级）'],
  ['青岚县柳庄镇人民政府（本级）', '柳庄镇人民政府（本级）'],
  ['柳庄镇', '柳庄镇人民政府（本级）'],
  ['红河镇政府', '红河镇'],
  ['红河乡人民政府', '红河乡'],
  ['青岚县教育局', null],
  ['凤岭镇', null],
];

// names that fit two rows: never a guess
const AMBIGUOUS: [string, string[]][] = [
  ['红河', ['红河乡', '红河镇']],
  ['青岚县红河人民政府', ['红河乡', '红河镇']],
];

describe('roster name matching', () => {
  for (const [name, want] of FOUND) {
    it(`${name} → ${want ?? '不在名单中'}`, () => {
      const m = matchName(name, ROSTER, { counties: ['青岚县'] });
      if (want === null) assert.equal(m.kind, 'none', JSON.stringify(m));
      else assert.deepEqual(m, { kind: 'matched', row: ROSTER.indexOf(want) });
    });
  }
  for (const [name, rows] of AMBIGUOUS) {
    it(`${name} fits ${rows.join(' and ')}: a question`, () => {
      assert.deepEqual(matchName(name, ROSTER, { counties: ['青岚县'] }), { kind: 'ambiguous', rows: rows.map((r) => ROSTER.indexOf(r)) });
    });
  }
  it('a roster naming one unit twice makes every report of it a question', () => {
    const m = matchName('凤岩镇', ['凤岩镇', '青岚县凤岩镇人民政府']);
    assert.equal(m.kind, 'ambiguous');
  });
  it('without the county told, a county prefix still comes off, and 新市镇 keeps its 市', () => {
    assert.deepEqual(matchName('石桥区凤岩镇', ['凤岩镇', '新市镇']), { kind: 'matched', row: 0 });
    assert.deepEqual(matchName('新市镇政府', ['凤岩镇', '新市镇']), { kind: 'matched', row: 1 });
  });
});

describe('roster files', () => {
  it('a header row with 单位 and 类别, in any column order', () => {
    const r = parseRoster([['序号', '类别', '单位名称'], [1, '乡镇', '凤岩镇'], [2, '部门', '司法局'], [], [3, '', '']]);
    assert.deepEqual(r.entries, [{ name: '凤岩镇', category: '乡镇' }, { name: '司法局', category: '部门' }]);
    assert.deepEqual(r.problems, ['名单第 5 行没有单位名称，已跳过。']);
  });
  it('text: one a line, a category after a tab, comma or spaces; the same unit twice is said', () => {
    const r = rosterFromText('\ufeff凤岩镇\t乡镇\n"北谷街道",街道\n司法局  部门\n青岚县凤岩镇人民政府\n');
    assert.deepEqual(r.entries.map((e) => [e.name, e.category]), [['凤岩镇', '乡镇'], ['北谷街道', '街道'], ['司法局', '部门'], ['青岚县凤岩镇人民政府', '']]);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /第 4 行“青岚县凤岩镇人民政府”与第 1 行“凤岩镇”是同一个单位/);
  });
});
