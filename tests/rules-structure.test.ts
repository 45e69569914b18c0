/**
 * The rules the reading itself applies, on short texts written by hand: R2.6 (each of its
 * three variants), S5, S1 (sections out of order) and S4 (title year ≠ 统计期限). Each case
 * gives the exact finding — id, locus, level, lines, the words of its message — and beside
 * it a text that differs only in the point the rule is about, which must not have it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import type { Finding } from '../core/findings.ts';

interface Parts {
  unit?: string;
  titleYear?: string;
  periodYear?: string;
  /** the lines of 表二 (under 二、) */
  t2?: string[];
  /** the section headings in the order they appear */
  order?: number[];
}

const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const BODY = ['本年度工作有序开展。', '', '本年未收到政府信息公开申请。', '本年度未发生行政复议和行政诉讼。', '无。', '无。'];

/** a short report: title (line 2), period (line 3), the six sections with 表二 under 二 */
function text(p: Parts = {}): string {
  const lines = [p.unit ?? '青岚县白沙镇人民政府', `${p.titleYear ?? '2023'}年度政府信息公开工作年度报告`, `本报告所列数据的统计期限自${p.periodYear ?? '2023'}年1月1日起至${p.periodYear ?? '2023'}年12月31日止。`];
  for (const n of p.order ?? [1, 2, 3, 4, 5, 6]) {
    lines.push(HEADINGS[n - 1]!);
    if (n === 2) lines.push(...(p.t2 ?? FEE('0')));
    else lines.push(BODY[n - 1]!);
  }
  return lines.join('\n');
}

/** 2021 版 表二, 第二十条第（八）项 only */
const FEE = (amount: string) => ['第二十条第（八）项', '信息内容\t本年收费金额（单位：万元）', `行政事业性收费\t${amount}`];
/** 2019 版 表二, 第二十条第（九）项 only */
const PROCUREMENT = (header: string, amount: string) => ['第二十条第（九）项', `信息内容\t采购项目数量\t${header}`, `政府集中采购\t3\t${amount}`];

function read(t: string) {
  const a = analyze(t, '手写.txt');
  assert.ok(a.ok, a.ok ? '' : a.message);
  return a;
}
const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const lineOf = (t: string, needle: string) => t.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('R2.6: an amount whose unit does not fit its header', () => {
  it('2021 版: a township’s fee of 10000 万元 or more (likely 元 taken for 万元); 9999 万元, or a county office, is not flagged', () => {
    const t = text({ t2: FEE('35000') });
    const a = read(t);
    assert.equal(a.report.format, 'gov2021');
    const [f, ...rest] = of(a.findings, 'R2.6');
    assert.deepEqual(rest, []);
    assert.ok(f);
    assert.equal(f.id, 'R2.6@t2.art20_8.fee.amount_wan');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.cells, ['t2.art20_8.fee.amount_wan']);
    assert.deepEqual(f.lines, [lineOf(t, '行政事业性收费')]);
    assert.equal(f.message, '表二“行政事业性收费”本年收费金额为 35000 万元（3.5 亿元），对乡镇（街道）而言不合常理，可能把“元”当成了“万元”。');
    assert.equal(a.report.cells['t2.art20_8.fee.amount_wan']!.value, 35000, 'the value is kept as written: flagged, not shifted');

    assert.equal(of(read(text({ t2: FEE('10000') })).findings, 'R2.6').length, 1, '10000 万元 is already flagged');
    assert.deepEqual(of(read(text({ t2: FEE('9999') })).findings, 'R2.6'), []);
    assert.deepEqual(of(read(text({ unit: '青岚县财政局', t2: FEE('35000') })).findings, 'R2.6'), [], 'a county office may collect that much');
  });

  it('2021 版: a fee written in 元 under the 万元 header is flagged and read as 万元; the same number without 元 is not', () => {
    const t = text({ t2: FEE('12000元') });
    const a = read(t);
    const [f, ...rest] = of(a.findings, 'R2.6');
    assert.deepEqual(rest, []);
    assert.ok(f);
    assert.equal(f.id, 'R2.6@t2.art20_8.fee.amount_wan');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.lines, [lineOf(t, '行政事业性收费')]);
    assert.equal(f.message, '表二“行政事业性收费”本年收费金额写作“12000元”，单位是元，而表头的单位是万元。');
    assert.equal(a.report.cells['t2.art20_8.fee.amount_wan']!.value, 1.2);

    const plain = read(text({ t2: FEE('1.2') }));
    assert.deepEqual(of(plain.findings, 'R2.6'), []);
    assert.equal(plain.report.cells['t2.art20_8.fee.amount_wan']!.value, 1.2);
  });

  it('2019 版: a procurement amount written in 元 under a 万元 header is flagged; under a header without 万元 it is not', () => {
    const t = text({ titleYear: '2019', periodYear: '2019', t2: PROCUREMENT('采购总金额（万元）', '350000元') });
    const a = read(t);
    assert.equal(a.report.format, 'gov2019');
    const [f, ...rest] = of(a.findings, 'R2.6');
    assert.deepEqual(rest, []);
    assert.ok(f);
    assert.equal(f.id, 'R2.6@t2.art20_9.procurement.amount_yuan');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.cells, ['t2.art20_9.procurement.amount_yuan']);
    assert.deepEqual(f.lines, [lineOf(t, '政府集中采购')]);
    assert.equal(f.message, '表二“政府集中采购”采购总金额写作“350000元”，单位是元，而表头的单位是万元。');
    // 2019 版 keeps the amount in 元
    assert.equal(a.report.cells['t2.art20_9.procurement.amount_yuan']!.value, 350000);

    const ok = read(text({ titleYear: '2019', periodYear: '2019', t2: PROCUREMENT('采购总金额', '350000元') }));
    assert.deepEqual(of(ok.findings, 'R2.6'), []);
    assert.equal(ok.report.cells['t2.art20_9.procurement.amount_yuan']!.value, 350000);
  });
});

describe('S5: the table format fits the report year', () => {
  it('a 2021 版 表二 in a 2020 report is flagged; in a 2021 report it is not', () => {
    const a = read(text({ titleYear: '2020', periodYear: '2020' }));
    assert.equal(a.report.format, 'gov2021');
    assert.equal(a.report.year, 2020);
    const [f, ...rest] = of(a.findings, 'S5');
    assert.deepEqual(rest, []);
    assert.ok(f);
    assert.equal(f.id, 'S5');
    assert.equal(f.at, '');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.lines, []);
    assert.equal(f.message, '按表格判断为 2021 年版格式（国办公开办函〔2021〕30号），与报告年度 2020 年应使用的 2019 年版格式不符。');
    assert.deepEqual(of(read(text({ titleYear: '2021', periodYear: '2021' })).findings, 'S5'), []);
  });

  it('a 2019 版 表二 in a 2022 report is flagged; in a 2020 report it is not', () => {
    const t2 = PROCUREMENT('采购总金额', '350000元');
    const a = read(text({ titleYear: '2022', periodYear: '2022', t2 }));
    assert.equal(a.report.format, 'gov2019');
    const [f, ...rest] = of(a.findings, 'S5');
    assert.deepEqual(rest, []);
    assert.ok(f);
    assert.equal(f.id, 'S5');
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, '按表格判断为 2019 年版格式（国办公开办函〔2019〕60号），与报告年度 2022 年应使用的 2021 年版格式不符。');
    assert.deepEqual(of(read(text({ titleYear: '2020', periodYear: '2020', t2 })).findings, 'S5'), []);
  });
});

describe('S1: the six sections, in order', () => {
  it('三 and 四 swapped: the section found out of place is flagged at its line; in order, nothing', () => {
    const t = text({ order: [1, 2, 4, 3, 5, 6] });
    const a = read(t);
    const s1 = of(a.findings, 'S1');
    assert.equal(s1.length, 1, s1.map((f) => f.id).join(' '));
    const f = s1[0]!;
    // read in the order 一…六, 四 is the first found above a section numbered before it
    assert.equal(f.id, 'S1@4');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.lines, [lineOf(t, '四、政府信息公开行政复议')]);
    assert.equal(f.message, '第4部分“四、政府信息公开行政复议、行政诉讼情况”的位置不对：六个部分应按一至六的顺序排列。');
    // a section missing is another finding of S1, not this one
    assert.deepEqual(of(read(text({ order: [1, 2, 3, 5, 6] })).findings, 'S1').map((x) => x.id), ['S1@4']);
    assert.match(of(read(text({ order: [1, 2, 3, 5, 6] })).findings, 'S1')[0]!.message, /^缺少第4部分/);
    assert.deepEqual(of(read(text()).findings, 'S1'), []);
  });
});

describe('S4: the title’s year is the statistics period’s', () => {
  it('title 2023, period 2022: flagged at the title line with both years; the same year: nothing', () => {
    const t = text({ titleYear: '2023', periodYear: '2022' });
    const a = read(t);
    const [f, ...rest] = of(a.findings, 'S4');
    assert.deepEqual(rest, []);
    assert.ok(f);
    assert.equal(f.id, 'S4');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.lines, [2]);
    assert.equal(f.message, '标题写的是 2023 年，正文的统计期限却是 2022 年。');
    assert.deepEqual(of(read(text({ titleYear: '2022', periodYear: '2022' })).findings, 'S4'), []);
  });
});
