/**
 * A finding in the words of the problem list and the 退回修改通知: what is wrong (the one
 * message table's sentence for notices, core/describe.ts) and what would make it hold — the
 * likely fix of its cause where the numbers point to one cell (or a pair), else the rule's
 * general advice below. The one place the round's outputs take a finding's words from.
 */
import { describeFinding, explainFindings } from '../describe.ts';
import type { Finding } from '../findings.ts';
import type { Report } from '../report.ts';

/** what would make the finding go away, by rule family */
const FIX: [RegExp, string][] = [
  [/^R3\.5$/, '核对表三“（七）总计”一行，按各项办理结果之和填写。'],
  [/^R3\.[123]$/, '核对该等式两边涉及的格子，改正填错或漏填的数字，使两边相等。'],
  [/^R3\.6$/, '核对“二、上年结转”与上一年度年报“四、结转下年度”，使两者一致。'],
  [/^R[234]\.4$|^R[23]\.1$/, '按实际数量填写非负整数（本年增/减可为负，金额可有小数）。'],
  [/^R4\.[123]$/, '核对表四该部分各列，使总计等于结果维持、结果纠正、其他结果、尚未审结之和。'],
  [/^R2\.2$/, '核对表二现行有效件数、本年制发件数和本年废止件数。'],
  [/^R2\.4$/, '核对表二对外公开总数量和本年新公开数量。'],
  [/^R2\.5$/, '有采购总金额时，填写对应的采购项目数量。'],
  [/^R2\.6$/, '按表头的单位（万元）填写金额。'],
  [/^S1$/, '按国务院办公厅规定的格式补齐六个部分，并按顺序排列。'],
  [/^S[23]$/, '按规定格式补齐表格中缺少的行和格子；没有发生的填 0，不要留空或填“—”。'],
  [/^S4$/, '在标题中写明报告年度，并与统计期限一致。'],
  [/^S5$/, '按报告年度应使用的格式重新填报表格。'],
  [/^C1$/, '按本年度应使用的格式填报。'],
  [/^N\d$/, '核对正文中的数字，使之与表格一致。'],
];

export interface FindingWords {
  /** what is wrong, with the numbers */
  what: string;
  /** what would make it hold */
  fix: string;
}

const advice = (f: Finding) => FIX.find(([re]) => re.test(f.rule))?.[1] ?? '核对原文和表格，改正后重新报送。';

/** the words of each of a report's findings, in their order */
export function findingWords(report: Pick<Report, 'format' | 'cells'>, findings: Finding[]): FindingWords[] {
  const lead = new Map<Finding, string>();
  for (const e of explainFindings(report, findings, 'notice')) if (e.lead) for (const f of e.findings) lead.set(f, e.lead);
  return findings.map((f) => ({ what: describeFinding(f, report, 'notice'), fix: lead.get(f) ?? advice(f) }));
}
