/** Findings: problems as data. The words come from one message table (rules/messages.ts). */
import type { CellId } from './format/types.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** `RULE@locus`, or the bare rule where it has no locus: `R3.1@total`, `S4` */
  id: string;
  rule: string;
  /** the locus: a column, row, block, cell id or section number; '' when none */
  at: string;
  severity: Severity;
  message: string;
  cells: CellId[];
  /** source lines the finding points at (1-based) */
  lines: number[];
  /** the numbers the finding is about, by cell, as they were when it was found (rule findings) */
  values?: Record<CellId, number | null>;
}

/** where a finding's words go: the same words everywhere, a notice asks the unit to correct */
export type Output = 'terminal' | 'pane' | 'sheet' | 'notice';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function findingId(rule: string, at: string): string {
  return at ? `${rule}@${at}` : rule;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
}

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
