/**
 * The project's reference of cell keys and rule ids (docs/cells-and-rules.md) and the JSON
 * Schema of `gouji check --json` (docs/check-output.schema.json), made from their one
 * definition: core/format (tables, rows, columns), core/rules (the rule list and the
 * equations) and the output's zod schemas. Never edited by hand: `npm run docs` rewrites
 * both, and tests/docs.test.ts fails when the committed files are stale.
 */
import { z } from 'zod';
import { CheckOutput } from '../../cli/output/check-json.ts';
import { formatCells } from '../../core/format/cells.ts';
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../../core/format/tables.ts';
import type { CellId, FormatId, ValueKind } from '../../core/format/types.ts';
import { RULE_CATALOGUE } from '../../core/rules/catalogue.ts';
import { ruleInstances, type RuleInstance } from '../../core/rules/definitions.ts';
import { SEVERITY_ZH } from '../../core/findings.ts';

const FORMAT_ZH: Record<FormatId, string> = { gov2019: '2019 年版', gov2021: '2021 年版' };
const KIND_ZH: Record<ValueKind, string> = { count: '非负整数', signed: '整数，可为负', amount: '金额，可有小数' };

const code = (s: string) => '`' + s + '`';
const cellText = (s: string) => s.replace(/\|/g, '\\|');

function t2Section(format: FormatId): string[] {
  const out = [`### 表二（${FORMAT_ZH[format]}）：主动公开政府信息情况`, '', '| 格子编号 | 栏目 | 行 | 列 | 取值 |', '|---|---|---|---|---|'];
  for (const b of FORMATS[format].t2) {
    for (const r of b.rows) {
      for (const c of b.columns) {
        const unit = c.unit ? `，单位${c.unit}` : '';
        out.push(`| ${code(`t2.${b.key}.${r.key}.${c.key}`)} | ${b.caption} | ${r.label} | ${cellText(c.label)} | ${KIND_ZH[c.kind]}${unit} |`);
      }
    }
  }
  return [...out, ''];
}

function t3Section(): string[] {
  const keys = new Map<string, { label: string; in: Set<FormatId> }>();
  for (const f of ['gov2019', 'gov2021'] as const) {
    for (const r of FORMATS[f].t3Rows) {
      const e = keys.get(r.key) ?? { label: r.label, in: new Set<FormatId>() };
      e.in.add(f);
      keys.set(r.key, e);
    }
  }
  const out = [
    '### 表三：收到和处理政府信息公开申请情况（两版相同，只有“（六）其他处理”不同）',
    '',
    '格子编号为 `t3.<行>.<列>`，如 `t3.partly_granted.total` 是“（二）部分公开”行“总计”列。',
    '',
    '| 行 | 表中的行名 | 2019 年版 | 2021 年版 |',
    '|---|---|---|---|',
  ];
  for (const [key, e] of keys) {
    out.push(`| ${code(key)} | ${e.label} | ${e.in.has('gov2019') ? '有' : '—'} | ${e.in.has('gov2021') ? '有' : '—'} |`);
  }
  out.push('', '| 列 | 表中的列名 |', '|---|---|');
  for (const c of T3_COLUMNS) {
    const under = c.key === 'natural_person' || c.key === 'total' ? '' : '法人或其他组织 / ';
    out.push(`| ${code(c.key)} | ${under}${c.label} |`);
  }
  out.push(
    '',
    '“（七）总计”等于各项办理结果之和；办理结果行 2019 年版 19 行，2021 年版 21 行。' +
      '两版并列时，2019 年版的 `other_handling` 对应 2021 年版 `other_no_correction`、`other_unpaid_fee`、`other_misc` 三行之和。',
    '',
  );
  return out;
}

function t4Section(): string[] {
  const out = ['### 表四：政府信息公开行政复议、行政诉讼情况（两版相同）', '', '格子编号为 `t4.<部分>.<列>`。', '', '| 部分 | 表中的名称 |', '|---|---|'];
  for (const b of T4_BLOCKS) out.push(`| ${code(b.key)} | ${b.key === 'review' ? '' : '行政诉讼 / '}${b.label} |`);
  out.push('', '| 列 | 表中的列名 |', '|---|---|');
  for (const c of T4_COLUMNS) out.push(`| ${code(c.key)} | ${c.label} |`);
  return [...out, ''];
}

function rulesSection(): string[] {
  const out = [
    '## 规则编号',
    '',
    '一条问题写作 `规则编号@位置`，如 `R3.1@total`（表三“总计”列的 R3.1）、`R3.3@granted`（“（一）予以公开”行的 R3.3）、' +
      '`R4.1@review`、`S2@unprocessed_massive`、`S1@6`（第六部分）；没有位置的规则只写编号，如 `S4`、`N1`。',
    '',
    '等式的某一边有空格时“无法判断”，既不算通过也不算错误——除非已知部分之和已经超过另一边（这时一定不成立）。',
    '',
    '| 编号 | 级别 | 范围 | 要求 | 位置 |',
    '|---|---|---|---|---|',
  ];
  for (const r of RULE_CATALOGUE) out.push(`| ${r.id} | ${SEVERITY_ZH[r.severity]} | ${r.area} | ${cellText(r.says)} | ${r.locus} |`);
  return [...out, ''];
}

function equationText(format: FormatId, r: RuleInstance): string | null {
  if (r.kind !== 'equation') return null;
  const name = (id: CellId) => code(id);
  const side = (ids: CellId[]) => ids.map(name).join(' + ');
  const rel = r.relation === '=' ? '=' : '≥';
  void format;
  return `| ${code(`${r.rule}@${r.at}`)} | ${side(r.left)} ${rel} ${side(r.right)} |`;
}

function equationsSection(format: FormatId): string[] {
  const out = [`### ${FORMAT_ZH[format]}`, '', '| 问题编号 | 等式 |', '|---|---|'];
  for (const r of ruleInstances(format)) {
    const line = equationText(format, r);
    if (line) out.push(line);
  }
  return [...out, ''];
}

export function vocabularyMarkdown(): string {
  const counts = (f: FormatId) => formatCells(f).list.length;
  return [
    '# 格子编号与规则编号',
    '',
    '<!-- 由 scripts/make-docs.ts 根据 core/format 与 core/rules 生成，请勿手改；改动后运行 npm run docs。 -->',
    '',
    '`gouji check --json` 的输出、工作簿“校验”表的规则列和“明细”表的列名都用下面的编号。' +
      `每份年报按所用格式列出全部格子（2019 年版 ${counts('gov2019')} 个，2021 年版 ${counts('gov2021')} 个），` +
      '空格、不适用（—、/、无）和缺失的格子为 `null`，从不当作 0。输出的结构见 [check-output.schema.json](check-output.schema.json)。',
    '',
    '## 两种格式',
    '',
    '| 格式 | 依据 | 适用年度 |',
    '|---|---|---|',
    ...(['gov2019', 'gov2021'] as const).map((f) => `| ${code(f)}（${FORMAT_ZH[f]}） | ${FORMATS[f].issuedBy} | ${FORMATS[f].years} |`),
    '',
    '格式由表格本身判断，不由年度判断；格式与年度不符时给出警告 S5。',
    '',
    '## 格子编号',
    '',
    ...t2Section('gov2019'),
    ...t2Section('gov2021'),
    ...t3Section(),
    ...t4Section(),
    ...rulesSection(),
    '## 等式一览',
    '',
    '每条等式规则在每一列（或行、部分）上各有一条，下面按格式逐条列出（R3.5 是 R3.1 的解释，只在 R3.1 不成立时出现）。',
    '',
    ...equationsSection('gov2019'),
    ...equationsSection('gov2021'),
  ].join('\n');
}

export function checkOutputSchema(): string {
  const schema = z.toJSONSchema(CheckOutput, { target: 'draft-2020-12' });
  return JSON.stringify({ ...schema, $id: 'gouji/check-output.schema.json', title: 'gouji check --json' }, null, 2) + '\n';
}
