/**
 * Text against tables (N1–N8): the figures the prose states, tied to their cells, with the
 * figures that are not the report year's or not the tables' left out. Phrases are made up
 * here (fictional units); the corpus has its own test in corpus.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import type { FormatId } from '../core/format/types.ts';
import { generateReport, LAYOUTS, type Layout } from '../core/generate/index.ts';
import { checkNarrative, type Statement } from '../core/narrative/check.ts';
import { VERIFY_COL, VERIFY_SHEET } from '../core/sheet/verify.ts';
import { buildWorkbook } from '../core/sheet/workbook.ts';
import { addr } from '../core/sheet/model.ts';
import { reportFrom } from './support/reports.ts';
import { howMany } from './support/thorough.ts';

const NO_TABLES = { t2: null, t3: null, t4: null };

/** the prose alone, with the table values it is checked against */
function narrate(text: string, values: Record<string, number | null>, opts: { format?: FormatId; year?: number } = {}) {
  const report = reportFrom({ format: opts.format ?? 'gov2021', unit: '青岚县云溪镇', year: opts.year ?? 2024, values, lines: text.split('\n') });
  return checkNarrative(report, NO_TABLES);
}

const R = 't3.new_received.total';
const DONE = 't3.results_total.total';
const REVIEW = 't4.review.total';
const SUIT_A = 't4.suit_direct.total';
const SUIT_B = 't4.suit_after_review.total';
const MADE = 't2.art20_1.normative_doc.made';
const IN_FORCE = 't2.art20_1.normative_doc.in_force';

interface Want {
  rule: Statement['rule'];
  value: number;
  cells?: string[];
  agrees: boolean | null;
  line?: number;
}

interface Case {
  name: string;
  text: string;
  values: Record<string, number | null>;
  format?: FormatId;
  year?: number;
  /** every statement of N1–N5 (N6 and N8 are checked below) */
  want: Want[];
  /** the N findings' ids, sorted */
  findings: string[];
}

const CASES: Case[] = [
  {
    name: 'N1 agrees: 共受理…申请 N 件',
    text: '本年度，云溪镇共受理政府信息公开申请 12 件，均已按期答复。',
    values: { [R]: 12 },
    want: [{ rule: 'N1', value: 12, cells: [R], agrees: true }],
    findings: [],
  },
  {
    name: 'N1 differs: 新收…申请数量 N 条',
    text: '全年新收政府信息公开申请数量20条。',
    values: { [R]: 7 },
    want: [{ rule: 'N1', value: 20, cells: [R], agrees: false, line: 1 }],
    findings: ['N1'],
  },
  {
    name: 'N1, the number before the noun: 共收到 9 件…申请',
    text: '本年度全镇共收到9件政府信息公开申请，办结8件。',
    values: { [R]: 9, [DONE]: 8 },
    want: [
      { rule: 'N1', value: 9, agrees: true },
      { rule: 'N2', value: 8, cells: [DONE], agrees: true },
    ],
    findings: [],
  },
  {
    name: 'N1 of 依申请公开事项 (no 政府信息公开 before 申请)',
    text: '群众通过网上平台提交的依申请公开事项 3 件，全部按时回复。',
    values: { [R]: 3 },
    want: [{ rule: 'N1', value: 3, agrees: true }],
    findings: [],
  },
  {
    name: 'N1 stated as none: 未收到…申请',
    text: '本年度未收到政府信息公开申请。',
    values: { [R]: 2 },
    want: [{ rule: 'N1', value: 0, agrees: false }],
    findings: ['N1'],
  },
  {
    name: 'N1 over a PDF line break: the line is the figure’s',
    text: '二、依申请公开情况\n全年收到政府信息公开申\n\n请 34 件，上年结转政府信息公开\n申请 2 件。',
    values: { [R]: 34 },
    want: [{ rule: 'N1', value: 34, agrees: true, line: 4 }],
    findings: [],
  },
  {
    name: 'N1 not assessable where the cell is blank',
    text: '本年新收政府信息公开申请5件。',
    values: { [R]: null },
    want: [{ rule: 'N1', value: 5, agrees: null }],
    findings: [],
  },
  {
    name: 'N2: answers of one kind and carried-over ones are not the total',
    text: '全年收到申请 10 件，办结 9 件。其中同意公开答复 4 件，部分公开答复 2 件，转下一年度办理答复的有 1 件。',
    values: { [R]: 10, [DONE]: 9 },
    want: [
      { rule: 'N1', value: 10, agrees: true },
      { rule: 'N2', value: 9, agrees: true },
    ],
    findings: [],
  },
  {
    name: 'N3 and N4: 行政复议 N 起, 行政诉讼 N 件 = the two suit blocks',
    text: '本年度发生政府信息公开行政复议3起，行政诉讼5件。',
    values: { [REVIEW]: 3, [SUIT_A]: 2, [SUIT_B]: 3 },
    want: [
      { rule: 'N3', value: 3, cells: [REVIEW], agrees: true },
      { rule: 'N4', value: 5, cells: [SUIT_A, SUIT_B], agrees: true },
    ],
    findings: [],
  },
  {
    name: 'N4 differs from the sum of the two suit blocks',
    text: '被提起行政诉讼4件。',
    values: { [SUIT_A]: 2, [SUIT_B]: 3 },
    want: [{ rule: 'N4', value: 4, agrees: false }],
    findings: ['N4'],
  },
  {
    name: 'N4 with a blank suit block: not assessable, unless the known part alone exceeds the text',
    text: '行政诉讼5件。\n被提起行政诉讼2件。',
    values: { [SUIT_A]: 3, [SUIT_B]: null },
    want: [
      { rule: 'N4', value: 5, agrees: null },
      { rule: 'N4', value: 2, agrees: false },
    ],
    findings: ['N4', 'N7'],
  },
  {
    name: 'N3, the number first and the noun across a line break',
    text: '2024 年镇政府有 2 件涉及政府信息公开工作的行政复\n议，均已审结。',
    values: { [REVIEW]: 2 },
    want: [{ rule: 'N3', value: 2, agrees: true, line: 1 }],
    findings: [],
  },
  {
    name: 'N3 and N4 stated as none',
    text: '本年度未发生因政府信息公开引起的行政复议，未发生行政诉讼。未发生行政复议被纠错的情况。',
    values: { [REVIEW]: 1, [SUIT_A]: 0, [SUIT_B]: 0 },
    want: [
      { rule: 'N3', value: 0, agrees: false },
      { rule: 'N4', value: 0, agrees: true },
    ],
    findings: ['N3'],
  },
  {
    name: 'N5 (gov2021): 制发 and 现行有效 of 行政规范性文件',
    text: '本年制发行政规范性文件6件，现行有效40件。',
    values: { [MADE]: 6, [IN_FORCE]: 41 },
    want: [
      { rule: 'N5', value: 6, cells: [MADE], agrees: true },
      { rule: 'N5', value: 40, cells: [IN_FORCE], agrees: false },
    ],
    findings: ['N5'],
  },
  {
    name: 'N5 (gov2019): 新公开 and 对外公开总数',
    format: 'gov2019',
    year: 2020,
    text: '本年新公开规范性文件3件，对外公开总数30件。',
    values: { 't2.art20_1.normative_doc.new_published': 3, 't2.art20_1.normative_doc.total_published': 30 },
    want: [
      { rule: 'N5', value: 3, cells: ['t2.art20_1.normative_doc.new_published'], agrees: true },
      { rule: 'N5', value: 30, cells: ['t2.art20_1.normative_doc.total_published'], agrees: true },
    ],
    findings: [],
  },
  {
    name: 'N5: a category of information, 政策性文件 and 清理 are no 规范性文件 count',
    text: '政策、规范性文件类信息5条。印发政策性文件11件。清理规范性文件12件。',
    values: { [MADE]: 2 },
    want: [],
    findings: [],
  },
  {
    name: 'not the report year: 历年累计, 截至…累计, 上年, another year',
    text: [
      '历年累计受理政府信息公开申请 2000 件。',
      '截至 2024 年底，累计受理政府信息公开申请 300 件。',
      '上年结转政府信息公开申请 2 件。',
      '2023 年收到政府信息公开申请 40 件。',
      '受理申请数较上年增加 5 件。',
    ].join('\n'),
    values: { [R]: 12 },
    want: [],
    findings: [],
  },
  {
    name: '累计 of the report year counts',
    text: '本年度累计受理政府信息公开申请 12 件。',
    values: { [R]: 12 },
    want: [{ rule: 'N1', value: 12, agrees: true }],
    findings: [],
  },
  {
    name: 'other things in the same words: 12345 热线, 咨询, 信访',
    text: '全年通过 12345 热线受理群众诉求 47 件，办结 47 件。受理群众咨询 30 件。收到信访申请 6 件。',
    values: { [R]: 1, [DONE]: 1 },
    want: [],
    findings: [],
  },
  {
    name: 'N7: one count stated twice with two values (the table blank)',
    text: '（一）概况\n本年新收政府信息公开申请10件。\n（二）依申请公开\n全年共受理政府信息公开申请11件。',
    values: { [R]: null },
    want: [
      { rule: 'N1', value: 10, agrees: null, line: 2 },
      { rule: 'N1', value: 11, agrees: null, line: 4 },
    ],
    findings: ['N7'],
  },
  {
    name: 'N7 beside N1 where the table agrees with one of them',
    text: '本年新收政府信息公开申请10件。\n全年共受理政府信息公开申请11件。',
    values: { [R]: 10 },
    want: [
      { rule: 'N1', value: 10, agrees: true },
      { rule: 'N1', value: 11, agrees: false },
    ],
    findings: ['N1', 'N7'],
  },
];

describe('statements of the prose (N1–N5, N7)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = narrate(c.text, c.values, { ...(c.format ? { format: c.format } : {}), ...(c.year ? { year: c.year } : {}) });
      const got = r.statements.filter((s) => /^N[1-5]$/.test(s.rule));
      assert.equal(got.length, c.want.length, `statements: ${got.map((s) => `${s.rule} ${s.value} «${s.phrase}»`).join(' | ')}`);
      c.want.forEach((w, i) => {
        const s = got[i]!;
        assert.equal(s.rule, w.rule, s.phrase);
        assert.equal(s.value, w.value, s.phrase);
        assert.equal(s.agrees, w.agrees, s.phrase);
        if (w.cells) assert.deepEqual(s.cellIds, w.cells);
        if (w.line) assert.equal(s.line, w.line, s.phrase);
      });
      assert.deepEqual(r.findings.filter((f) => f.severity === 'warning').map((f) => f.id).sort(), c.findings);
    });
  }

  it('a finding quotes the phrase with its line, and names the table’s value and cell', () => {
    const r = narrate('一、总体情况\n本镇全年新收政府信息公开申请数量20条。', { [R]: 7 });
    const f = r.findings.find((x) => x.id === 'N1')!;
    assert.equal(f.severity, 'warning');
    assert.equal(f.at, '');
    assert.deepEqual(f.lines, [2]);
    assert.deepEqual(f.cells, [R]);
    assert.match(f.message, /正文第 2 行“本镇全年新收政府信息公开申请数量20条”/);
    assert.match(f.message, /表三“一、本年新收政府信息公开申请数量”行“总计”列为 7，/);
    assert.doesNotMatch(f.message, /t3\./, 'the cell by its name, never its key');
  });
});

describe('category lists (N6)', () => {
  const n6 = (text: string) => {
    const r = narrate(text, {});
    return { findings: r.findings.filter((f) => f.id === 'N6'), statements: r.statements.filter((s) => s.rule === 'N6') };
  };

  it('counts and percentages that add up agree', () => {
    const { findings, statements } = n6('主动公开政府信息 40 条，其中工作动态类信息 20 条，占 50%；财政资金类信息 10 条，占 25%；其他信息 10 条，占 25%。');
    assert.deepEqual(findings, []);
    assert.deepEqual(statements.map((s) => [s.value, s.tableValue, s.agrees]), [[40, 40, true], [100, 100, true]]);
  });

  it('counts adding to 5 of a stated 4, and percentages to 125%: one N6 naming both', () => {
    const text = '本镇本年度主动公开政府信息 4 条。\n（二）主要类别\n机构职能类信息 1 条，占 25%；民生保障类信息 1 条，占 25%，其他类别信息 3 条，占 75%。';
    const { findings } = n6(text);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.lines, [1, 3]);
    assert.match(findings[0]!.message, /正文第 1 行“本镇本年度主动公开政府信息4条”/);
    assert.match(findings[0]!.message, /合计 5，与所述总数 4 不符/);
    assert.match(findings[0]!.message, /百分比合计 125%/);
  });

  it('a list with an 其他 item in brackets is held to its total', () => {
    const { findings } = n6('全年共公布政府信息 300 条，（其中规划计划类信息 100 条，政策、规范性文件类信息 90 条，其他应主动公开信息 100 条）对于这些信息……');
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /合计 290，与所述总数 300 不符/);
  });

  it('percentages rounded to 99 or 101 pass', () => {
    assert.deepEqual(n6('发布信息 3 条，其中甲类信息 1 条，占 33%；乙类信息 1 条，占 33%；其他信息 1 条，占 33%。').findings, []);
  });

  it('a list that may name a few items only (no 其他, no percentages) is not held to its total', () => {
    assert.deepEqual(n6('网站全年发布信息 900 条，其中动态类信息 700 条，政务信息 150 条，解读类信息 60 条。').statements, []);
  });

  it('two lists in one sentence, each with its own total', () => {
    const { findings, statements } = n6('行政复议 10 件，其中结果维持 4 件，结果纠正 3 件，其他结果 3 件；行政诉讼 6 件，其中结果维持 2 件，其他结果 4 件。');
    assert.deepEqual(findings, []);
    assert.deepEqual(statements.map((s) => s.value), [10, 6]);
  });
});

describe('rates above 100% (N8)', () => {
  const n8 = (text: string) => narrate(text, {}).findings.filter((f) => f.id === 'N8').map((f) => f.severity);
  it('办复率达100%以上 and 满意率105% are information', () => {
    assert.deepEqual(n8('做到信箱按时办复率达100%以上。'), ['info']);
    assert.deepEqual(n8('群众满意率为105%。'), ['info']);
  });
  it('a rate of 100% and a growth above 100% are not', () => {
    assert.deepEqual(n8('办结率100%，公开信息数同比增长150%。'), []);
  });
});

describe('hostile prose takes well under a second', () => {
  const cases: [string, () => string][] = [
    ['a line of a million digits', () => '1'.repeat(1_000_000)],
    ['a line of 200,000 brackets', () => '（'.repeat(100_000) + '('.repeat(100_000)],
    ['10 MB of figures in lines', () => '本年度共受理政府信息公开申请 12 件，办结 11 件，其中甲类信息 5 条，占 50%；其他信息 5 条，占 50%。\n'.repeat(100_000)],
    ['a million figures on one line', () => '1件2条3%'.repeat(1_000_000)],
    ['half a million heading lines', () => '（一）收到申请\n'.repeat(500_000)],
    ['a million 未收到', () => '未收到'.repeat(1_000_000)],
    ['a number with a million spaces before its unit', () => `申请1${' '.repeat(1_000_000)}件`],
    ['lines of numbers and spaces', () => '1 2 '.repeat(5_000).concat('\n').repeat(100)],
  ];
  for (const [name, make] of cases) {
    it(name, (t) => {
      const report = reportFrom({ format: 'gov2021', unit: '青岚县云溪镇', year: 2024, values: { [R]: 12 }, lines: make().split('\n') });
      // the time is reported, not asserted (speed is the benchmark's and the fuzzer's budget);
      // what is asserted is that the work stays bounded
      const t0 = performance.now();
      const r = checkNarrative(report, NO_TABLES);
      t.diagnostic(`${(performance.now() - t0).toFixed(0)} ms`);
      assert.ok(r.statements.length <= 2_000);
    });
  }
});

describe('generated reports (property)', () => {
  // every layout several times over; GOUJI_THOROUGH=1 runs 180
  const SEEDS = Array.from({ length: howMany(63, 180) }, (_, i) => 7_100 + i);
  const layoutOf = (i: number): Layout => LAYOUTS[i % LAYOUTS.length]!;

  it('prose made from its own tables gives no N finding, and every figure it states agrees', () => {
    const problems: string[] = [];
    let stated = 0;
    SEEDS.forEach((seed, i) => {
      const g = generateReport(seed, { layout: layoutOf(i), violations: [] });
      const a = analyze(g.text);
      assert.ok(a.ok);
      const ns = a.findings.filter((f) => /^N[1-7]$/.test(f.id));
      if (ns.length) problems.push(`seed ${seed} ${layoutOf(i)}: ${ns.map((f) => f.message).join(' / ')}`);
      const off = (a.narrative ?? []).filter((s) => s.agrees === false);
      if (off.length) problems.push(`seed ${seed} ${layoutOf(i)}: ${off.map((s) => s.phrase).join(' / ')}`);
      stated += (a.narrative ?? []).filter((s) => s.agrees === true).length;
    });
    assert.deepEqual(problems, []);
    // the prose states N1, N3/N4 and the list in every report, N2 and N5 in most
    assert.ok(stated >= SEEDS.length * 4, `only ${stated} agreeing statements`);
  });

  it('prose with one figure changed gives exactly that N finding, quoting the changed figure', () => {
    const problems: string[] = [];
    const rules = new Set<string>();
    SEEDS.forEach((seed, i) => {
      const g = generateReport(seed, { layout: layoutOf(i), violations: ['prose-figure'] });
      const applied = g.applied.find((x) => x.kind === 'prose-figure')!;
      const want = applied.findings;
      const a = analyze(g.text);
      assert.ok(a.ok);
      const got = a.findings.filter((f) => /^N[1-7]$/.test(f.id));
      if (got.map((f) => f.id).join() !== want.join()) problems.push(`seed ${seed} ${layoutOf(i)} [${applied.detail}]: got [${got.map((f) => f.id)}], want [${want}]`);
      const to = /→ (\d+)$/.exec(applied.detail)?.[1];
      if (got[0] && to && want[0] !== 'N6' && !got[0].message.includes(`为 ${to}`)) problems.push(`seed ${seed}: ${got[0].message} does not quote ${to}`);
      for (const id of want) rules.add(id);
    });
    assert.deepEqual(problems, []);
    assert.deepEqual([...rules].sort(), ['N1', 'N2', 'N3', 'N4', 'N5', 'N6']);
  });
});

describe('analyze and the 校验 sheet', () => {
  /** a generated report with two wrong figures in lines of its own, after the title */
  function withTwoWrongFigures() {
    const g = generateReport(11, { layout: 'word-tabs', format: 'gov2021', violations: [] });
    const received = g.truth.values[R]!;
    const lines = g.text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('一、总体情况'));
    lines.splice(at + 1, 0, `本年新收政府信息公开申请${received + 3}件。`, '', `另据统计，全年共受理政府信息公开申请${received + 4}件。`, '', '信箱按时办复率达100%以上。');
    return { text: lines.join('\n'), received };
  }

  it('keeps two N1 findings of two phrases (bare ids, told apart by line)', () => {
    const { text } = withTwoWrongFigures();
    const a = analyze(text);
    assert.ok(a.ok);
    const n1 = a.findings.filter((f) => f.id === 'N1');
    assert.equal(n1.length, 2);
    assert.notDeepEqual(n1[0]!.lines, n1[1]!.lines);
    assert.ok(a.findings.some((f) => f.id === 'N7'));
  });

  it('puts the N findings in 校验 as static rows: 不符 for a warning, 提示 for information, with the phrase', () => {
    const { text, received } = withTwoWrongFigures();
    const a = analyze(text);
    assert.ok(a.ok);
    const wb = buildWorkbook([{ report: a.report, findings: a.findings }]);
    const verify = wb.sheets.find((s) => s.name === VERIFY_SHEET)!;
    const cell = (col: number, row: number) => {
      const c = verify.cells.get(addr(col, row))?.content;
      return c?.kind === 'text' ? c.text : undefined;
    };
    const rows: { rule: string; result: string | undefined; note: string | undefined }[] = [];
    for (let row = 2; cell(VERIFY_COL.规则, row) !== undefined; row++) {
      rows.push({ rule: cell(VERIFY_COL.规则, row)!, result: cell(VERIFY_COL.结果, row), note: cell(VERIFY_COL.说明, row) });
    }
    const n1 = rows.filter((r) => r.rule === 'N1');
    assert.equal(n1.length, 2);
    for (const r of n1) assert.equal(r.result, '不符');
    assert.ok(n1.some((r) => r.note!.includes(`本年新收政府信息公开申请${received + 3}件`)));
    assert.equal(rows.find((r) => r.rule === 'N8')?.result, '提示');
  });
});
