/**
 * Writes samples/: the reports of a small fictional county (青岚县) for one year, in the
 * layouts people paste, a third of them with mistakes. Fixed seeds: the same files every run.
 * Each sample is read back before it is written, so a sample always shows what it claims.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import { countyUnits, createRng, generateReport, type Layout, type ViolationKind } from '../core/generate/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'samples');
const COUNTY = '青岚县';
const YEAR = 2024;

const LAYOUT_ZH: Record<Layout, string> = {
  'word-cells': 'Word 表格复制（每格一行）',
  'word-tabs': 'Word 表格复制（制表符分隔）',
  pipe: '网页转载（竖线分隔）',
  markdown: 'Markdown 转换结果',
  'pdf-text': 'PDF 复制文字（保留版面）',
  'pdf-stream-rows': 'PDF 提取文字（标签与数字分开，按行）',
  'pdf-stream-columns': 'PDF 提取文字（标签与数字分开，按列）',
  traditional: '镜像网站（繁体、注音、问号代替空格）',
  typos: '带常见笔误的复制文本',
};

const PLAN: { layout: Layout; violations: ViolationKind[]; seed: number }[] = [
  { layout: 'word-cells', violations: [], seed: 101 },
  { layout: 'word-tabs', violations: ['t3-cell'], seed: 102 },
  { layout: 'pipe', violations: [], seed: 103 },
  { layout: 'word-cells', violations: ['blank'], seed: 104 },
  { layout: 'markdown', violations: [], seed: 105 },
  { layout: 'pdf-text', violations: ['t3-cell', 't4-cell'], seed: 106 },
  { layout: 'pdf-stream-rows', violations: [], seed: 107 },
  { layout: 'traditional', violations: ['missing-section'], seed: 108 },
  { layout: 'typos', violations: [], seed: 109 },
  { layout: 'pdf-stream-columns', violations: [], seed: 210 },
  { layout: 'word-tabs', violations: [], seed: 111 },
  { layout: 'markdown', violations: [], seed: 112 },
];

const units = countyUnits(createRng(YEAR), COUNTY, PLAN.length);
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f.endsWith('.txt')) rmSync(join(OUT, f));

const rows: string[] = [];
PLAN.forEach((p, i) => {
  const unit = units[i]!;
  const g = generateReport(p.seed, { format: 'gov2021', year: YEAR, layout: p.layout, violations: p.violations, unit });
  const a = analyze(g.text, unit.name);
  if (!a.ok) throw new Error(`${unit.name}: ${a.message}`);
  const wrong = cellIds('gov2021').filter((id) => a.report.cells[id]?.value !== g.truth.values[id]);
  const got = a.findings.filter((f) => f.severity !== 'info').map((f) => f.id).sort().join(' ');
  const want = [...g.expected.errors, ...g.expected.warnings].sort().join(' ');
  if (a.report.unit !== unit.name || a.report.year !== YEAR) throw new Error(`${unit.name}: 读回的单位或年度不符：${a.report.unit} ${a.report.year}`);
  if (wrong.length || got !== want) throw new Error(`${unit.name}（种子 ${p.seed}）读回不一致：${wrong.join(' ')} | ${got} ≠ ${want}`);
  writeFileSync(join(OUT, `${unit.name}.txt`), g.text.endsWith('\n') ? g.text : `${g.text}\n`);
  const errs = g.expected.errors.join('、') || '无';
  const warns = g.expected.warnings.join('、') || '无';
  rows.push(`| ${unit.name}.txt | ${LAYOUT_ZH[p.layout]} | ${errs} | ${warns} |`);
});

const readme = `# 示例年报（虚构）

本文件夹是 gouji 自带的示例：虚构的“${COUNTY}”${PLAN.length} 个单位的 ${YEAR} 年政府信息公开工作年度报告，
按 2021 年版格式（国办公开办函〔2021〕30号）编写，每个文件一个单位，文件名即单位名称。

- 单位、数字和文字全部由项目自带的生成器（\`core/generate/\`）用固定种子生成，与任何真实单位无关。
- 各文件模仿人们实际粘贴年报的不同方式：Word 表格复制、网页转载、Markdown 转换、PDF 复制文字、
  繁体镜像网站、常见笔误等，用来试用和演示读取与勾稽校验。
- 约三分之一的文件故意带有问题：表三、表四的勾稽错误，一个空格，一个缺少的部分。
  其余文件的表格全部符合勾稽关系。
- 重新生成：\`npm run samples\`（结果每次相同；生成时会逐个读回，确认与下表一致）。

| 文件 | 版式 | 应报告的错误 | 应报告的警告 |
|---|---|---|---|
${rows.join('\n')}

错误、警告按“规则@位置”编号，例如 R3.2@total 指表三“总计”列的（七）总计不等于各项办理结果之和，
R3.3@granted 指表三“予以公开”行的总计不等于各类申请人之和，R4.3 指表四“复议后起诉”的总计不符，
S3@格子 指空格，S1@6 指缺少第六部分。
`;
writeFileSync(join(OUT, 'README.md'), readme);
console.log(`已写入 ${PLAN.length} 份示例年报和 README.md 到 ${OUT}`);
