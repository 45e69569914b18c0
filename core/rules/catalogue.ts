/**
 * Every rule id gouji can report, once: its severity, the table it belongs to and what it
 * checks, in words a reader of the national tables uses. The generated reference
 * (docs/cells-and-rules.md) and the JSON Schema's rule list are made from this list; the
 * equations themselves live in definitions.ts.
 */
import type { Severity } from '../findings.ts';

export interface RuleEntry {
  id: string;
  severity: Severity;
  /** 表二 · 表三 · 表四 · 结构 · 正文 · 跨年 · 汇总 */
  area: string;
  /** what the rule requires, in one sentence */
  says: string;
  /** where a finding of the rule points (its locus after @), in words */
  locus: string;
}

export const RULE_CATALOGUE: readonly RuleEntry[] = [
  { id: 'R2.1', severity: 'error', area: '表二', says: '表二的数字是非负整数（2019 年版“本年增/减”可为负，金额可有小数）。', locus: '格子编号' },
  { id: 'R2.2', severity: 'warning', area: '表二', says: '2021 年版：现行有效件数 ≥ 本年制发件数 − 本年废止件数。', locus: '行（规章 / 行政规范性文件）' },
  { id: 'R2.3', severity: 'warning', area: '跨年', says: '2021 年版，同一单位相邻两年：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（文件也会失效，故只是警告）。', locus: '行（规章 / 行政规范性文件）' },
  { id: 'R2.4', severity: 'warning', area: '表二', says: '2019 年版：对外公开总数量 ≥ 本年新公开数量。', locus: '行（规章 / 规范性文件）' },
  { id: 'R2.5', severity: 'warning', area: '表二', says: '2019 年版第二十条第（九）项：有采购总金额，采购项目数量却为 0 或空。', locus: 'art20_9' },
  { id: 'R2.6', severity: 'warning', area: '表二', says: '金额的单位与表头不符：万元表头下写了元，或乡镇的收费金额大到不合常理。', locus: '格子编号' },
  { id: 'R3.1', severity: 'error', area: '表三', says: '每一列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度（表三左上角印着的勾稽关系）。', locus: '列' },
  { id: 'R3.2', severity: 'error', area: '表三', says: '每一列：（七）总计 = 各项办理结果（（一）至（六））之和。', locus: '列' },
  { id: 'R3.3', severity: 'error', area: '表三', says: '每一行：总计 = 自然人 + 法人或其他组织的五类之和。', locus: '行' },
  { id: 'R3.4', severity: 'error', area: '表三', says: '表三的数字是非负整数。', locus: '格子编号' },
  { id: 'R3.5', severity: 'info', area: '表三', says: 'R3.1 不成立、但用各项办理结果之和代替（七）总计就成立：是总计一行填错或漏填，而非收支不平。', locus: '列' },
  { id: 'R3.6', severity: 'warning', area: '跨年', says: '同一单位相邻两年：本年“二、上年结转” = 上年“四、结转下年度”（跨两种格式也成立）。', locus: '列' },
  { id: 'R4.1', severity: 'error', area: '表四', says: '行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。', locus: 'review' },
  { id: 'R4.2', severity: 'error', area: '表四', says: '行政诉讼（未经复议直接起诉）：总计 = 四项之和。', locus: 'suit_direct' },
  { id: 'R4.3', severity: 'error', area: '表四', says: '行政诉讼（复议后起诉）：总计 = 四项之和。', locus: 'suit_after_review' },
  { id: 'R4.4', severity: 'error', area: '表四', says: '表四的数字是非负整数。', locus: '格子编号' },
  { id: 'S1', severity: 'warning', area: '结构', says: '六个部分齐全，并按一至六的顺序排列。', locus: '部分序号' },
  { id: 'S2', severity: 'warning', area: '结构', says: '所用格式的每一行都在，且每行的格子数齐全。', locus: '行（表四为部分）' },
  { id: 'S3', severity: 'warning', area: '结构', says: '格子为空（空格不按 0 计）。', locus: '格子编号' },
  { id: 'S4', severity: 'warning', area: '结构', says: '标题写明报告年度，且与正文的统计期限一致。', locus: '无' },
  { id: 'S5', severity: 'warning', area: '结构', says: '表格的格式与报告年度相符（2019—2020 年用 2019 年版，2021 年起用 2021 年版）。', locus: '无' },
  { id: 'N1', severity: 'warning', area: '正文', says: '正文说的本年收到申请数 = 表三“一、本年新收”的总计。', locus: '无' },
  { id: 'N2', severity: 'warning', area: '正文', says: '正文说的办结（答复）数 = 表三“（七）总计”的总计。', locus: '无' },
  { id: 'N3', severity: 'warning', area: '正文', says: '正文说的行政复议数 = 表四行政复议的总计。', locus: '无' },
  { id: 'N4', severity: 'warning', area: '正文', says: '正文说的行政诉讼数 = 表四两类行政诉讼的总计之和。', locus: '无' },
  { id: 'N5', severity: 'warning', area: '正文', says: '正文说的规范性文件数（制发 / 新公开，或现行有效）= 表二对应的格子。', locus: '无' },
  { id: 'N6', severity: 'warning', area: '正文', says: '正文的分类列举（某类 N 条，占 P%）：各项之和等于所说的总数，百分比合计 100%（±1）。', locus: '无' },
  { id: 'N7', severity: 'warning', area: '正文', says: '正文前后两次说到同一个数字，却不相同。', locus: '无' },
  { id: 'N8', severity: 'info', area: '正文', says: '百分比超过 100%（如“办复率达100%以上”）。', locus: '无' },
  { id: 'Y1', severity: 'warning', area: '跨年', says: '同一单位相邻两年的主要数字变化过大：扩大或缩小到 5 倍以上（较大者不少于 10），或从 0 变为 10 以上（反之亦然）。', locus: '数字' },
  { id: 'C1', severity: 'warning', area: '汇总', says: '汇总时该单位用的是另一版格式：2019 年版“（六）其他处理”与 2021 年版三行互相折算，只有一版才有的表二格子不计入汇总。', locus: '无' },
];

export function ruleEntry(id: string): RuleEntry | undefined {
  return RULE_CATALOGUE.find((r) => r.id === id);
}
