/** The reader's parts, case by case: values, normalising, labels, rows, title. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCells } from '../core/format/cells.ts';
import { matchLabel } from '../core/read/labels.ts';
import { compact, normalizeText } from '../core/read/normalize.ts';
import { fitRow } from '../core/read/read.ts';
import { findSections, findTitle } from '../core/read/structure.ts';
import { classify, splitCells, type ValueCell } from '../core/read/tokens.ts';

describe('cell values', () => {
  const cases: [string, unknown][] = [
    ['0', { kind: 'num', value: 0 }],
    ['1,234', { kind: 'num', value: 1234 }],
    ['5件', { kind: 'num', value: 5, unit: '件' }],
    ['87580.00元', { kind: 'num', value: 87580, unit: '元' }],
    ['3.5万元', { kind: 'num', value: 3.5, unit: '万元' }],
    ['-185', { kind: 'num', value: -185 }],
    ['+4', { kind: 'num', value: 4 }],
    ['减2', { kind: 'num', value: -2 }],
    ['', { kind: 'blank' }],
    ['   ', { kind: 'blank' }],
    ['—', { kind: 'na' }],
    ['-', { kind: 'na' }],
    ['/', { kind: 'na' }],
    ['无', { kind: 'na' }],
    ['不适用', { kind: 'na' }],
    ['行政许可', { kind: 'text' }],
    ['1.属于国家秘密', { kind: 'text' }],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => {
      const got = classify(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(want as object)) assert.equal(got[k], v, `${k} of ${text}`);
    });
  }
  it('full-width digits and spaces are normalised before classifying', () => {
    assert.equal(normalizeText('\u3000１２\u00a0'), ' 12 ');
  });
});

describe('normalising pasted text', () => {
  it('keeps one line per line', () => {
    const text = 'a\r\nb\n\n[bookmark: _GoBack]c\n### 四、标题';
    assert.equal(normalizeText(text).split('\n').length, 5);
  });
  it('drops pinyin after a Han character, converts traditional, unifies brackets', () => {
    assert.equal(normalizeText('八丹鄉(xiāng)人民政府(一)'), '八丹乡人民政府（一）');
    assert.equal(compact(normalizeText('結(jié)轉(zhuǎn)下年度')), '结转下年度');
  });
  it('mends the slips people make in labels', () => {
    assert.equal(normalizeText('（三）不子公开'), '（三）不予公开');
    assert.equal(normalizeText('3.補正啟申請內容'), '3.补正后申请内容');
    assert.equal(normalizeText('12.没有现成信息'), '2.没有现成信息');
    assert.equal(normalizeText('8、属于行政查询事项'), '8.属于行政查询事项');
    assert.equal(normalizeText('本年增\\减'), '本年增/减');
  });
  it('treats ? used for a space as a space', () => {
    assert.equal(normalizeText('?一、总体情况'), ' 一、总体情况');
  });
});

describe('labels name rows by fragment, not by equality', () => {
  const t3 = formatCells('gov2021').t3Rows;
  const t3old = formatCells('gov2019').t3Rows;
  const cases: [string, string | null][] = [
    ['三本年度办理结果本年度办理结果（一）予以公开', 'granted'],
    ['（三）不予公开1.属于国家秘密', 'denied_state_secret'],
    ['2.其他法律法规禁止公开', 'denied_law'],
    ['3.补正后申请内容仍不明确', 'unable_unclear'],
    ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other_no_correction'],
    ['3.其他', 'other_misc'],
    ['（七）总计', 'results_total'],
    ['四,结转下年度继续办理', 'carried_out'],
    ['自然人法人或其他组织总计', null],
    ['商业企业', null],
  ];
  for (const [label, key] of cases) {
    it(label, () => assert.equal(matchLabel(label, t3)?.key ?? null, key));
  }
  it('（六）其他处理 is a row of its own only in the 2019 format', () => {
    assert.equal(matchLabel('（六）其他处理', t3old)?.key, 'other_handling');
    assert.equal(matchLabel('（六）其他处理', t3)?.key ?? null, null);
  });
});

describe('rows of cells', () => {
  const cells = (...texts: string[]): ValueCell[] => texts.map((t) => ({ token: classify(t) as ValueCell['token'], line: 1 }));
  it('a merged label cell and padding around the values are trimmed', () => {
    const { fitted, lost } = fitRow(cells('', '1', '0', '0', '0', '0', '0', '1', '', ''), 7);
    assert.equal(lost, 0);
    assert.deepEqual(fitted.map((c) => c?.token.text), ['1', '0', '0', '0', '0', '0', '1']);
  });
  it('a blank cell inside a row stays a blank cell', () => {
    const { fitted } = fitRow(cells('', '87580.00元'), 2);
    assert.equal(fitted[0]!.token.kind, 'blank');
  });
  it('merge padding the complete rows show is dropped from a row that lost a cell', () => {
    const { fitted, lost } = fitRow(cells('', '0', '16', '0', '0', '0', '0'), 7, { lead: 1 });
    assert.equal(lost, 1);
    assert.deepEqual(fitted.map((c) => c?.token.text ?? null), ['0', '16', '0', '0', '0', '0', null]);
  });
  it('a row that lost a cell fills from the left', () => {
    const { fitted, lost } = fitRow(cells('1', '2', '3'), 5);
    assert.equal(lost, 2);
    assert.deepEqual(fitted.map((c) => c?.token.text ?? null), ['1', '2', '3', null, null]);
  });
  it('free text splits the label from the numbers after it', () => {
    assert.deepEqual(splitCells('1. 属于国家秘密 0 0 1').cells, ['1. 属于国家秘密', '0', '0', '1']);
    assert.deepEqual(splitCells('行政许可 97').cells, ['行政许可', '97']);
    assert.deepEqual(splitCells('| a | 1 |  |').cells, [' a ', ' 1 ', '  ']);
  });
});

describe('title, unit and year', () => {
  const title = (...lines: string[]) => {
    const c = lines.map(compact);
    return findTitle(lines, c, lines.length + 1);
  };
  it('unit before the year', () => assert.deepEqual(title('白鹭镇人民政府2023年政府信息公开工作年度报告').unit, '白鹭镇人民政府'));
  it('no year in the title', () => {
    const t = title('白鹭镇政府信息公开工作年度报告');
    assert.equal(t.unit, '白鹭镇');
    assert.equal(t.titleYear, null);
  });
  it('unit on the line above', () => {
    const t = title('云岭县白鹭镇', '2022 年政府信息公开工作年度报告');
    assert.equal(t.unit, '云岭县白鹭镇');
    assert.equal(t.titleYear, 2022);
  });
  it('unit and year on the line above the rest of the title', () => {
    const t = title('白鹭镇2021年', '政府信息公开工作年度报告');
    assert.equal(t.unit, '白鹭镇');
    assert.equal(t.titleYear, 2021);
  });
  it('a 标题: prefix of a saved page is not part of the unit', () => {
    assert.equal(title('标题: 云岭县白鹭镇2020年度政府信息公开工作年度报告').unit, '云岭县白鹭镇');
  });
  it('year first, 年度报告 on the next line', () => {
    const t = title('正文', '2024 年云岭县科技局政府信息公开工作', '年度报告');
    assert.equal(t.unit, '云岭县科技局');
    assert.equal(t.titleYear, 2024);
  });
});

describe('sections', () => {
  it('finds headings by keyword, whatever their number, and not 表三 rows', () => {
    const lines = ['一、总体情况', '一、本年新收政府信息公开申请数量', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、结转下年度继续办理', '四、政府信息公开行政复议、行政诉讼情况', '五、其他需要报告的事项'];
    const s = findSections(lines.map(compact));
    assert.deepEqual(s.map((x) => [x.n, x.line]), [[1, 1], [2, 3], [3, 4], [4, 6], [6, 7]]);
  });
});

describe('numbers that belong to no row', () => {
  it('are reported line by line, and never read into a cell', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(11, { layout: 'word-tabs', format: 'gov2021', violations: [] });
    const lines = g.text.split('\n');
    const at = lines.findIndex((l) => /政府信息公开行政复议/.test(l));
    lines.splice(at, 0, '12 34', '56 78');
    const a = analyze(lines.join('\n'));
    assert.ok(a.ok);
    const strays = a.findings.filter((f) => f.rule === 'S2' && f.at === '');
    assert.deepEqual(strays.map((f) => f.lines[0]), [at + 1, at + 2]);
    for (const [id, v] of Object.entries(g.truth.values)) assert.equal(a.report.cells[id]!.value, v, id);
  });
});

describe('a page with no title', () => {
  it('takes the unit from the signature, else from the file name, and says where; S4 stays', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(12, { odd: 'no-title', format: 'gov2021', violations: [] });
    const a = analyze(g.text);
    assert.ok(a.ok);
    assert.equal(a.report.unit, g.truth.unit);
    assert.ok(a.findings.some((f) => f.id === 'S4' && f.severity === 'warning'));
    assert.match(a.findings.find((f) => f.id === 'S4@unit')!.message, /文末署名/);
    // without the signature: the file name, said so
    const lines = g.text.split('\n');
    const last = lines.map((l) => l.trim()).lastIndexOf(g.truth.unit);
    const b = analyze(lines.filter((_, i) => i !== last).join('\n'), `报告/${g.truth.unit}${g.truth.year}年政府信息公开工作年度报告.txt`);
    assert.ok(b.ok);
    assert.equal(b.report.unit, g.truth.unit);
    assert.match(b.findings.find((f) => f.id === 'S4@unit')!.message, /文件名/);
  });
});

describe('one cell a bare CR line', () => {
  it('keeps blank cells blank by the breaks between cells, never closes them up', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(5, { odd: 'bare-cr-blanks', format: 'gov2019', violations: [] });
    assert.ok(!g.text.includes('\n') && g.text.includes('\r'));
    const a = analyze(g.text);
    assert.ok(a.ok);
    for (const [id, v] of Object.entries(g.truth.values)) assert.equal(a.report.cells[id]!.value, v, id);
    const blanks = Object.entries(g.truth.values).filter(([, v]) => v === null).map(([id]) => `S3@${id}`);
    assert.ok(blanks.length > 20);
    for (const id of blanks) assert.ok(a.findings.some((f) => f.id === id), id);
  });
});
