/** Turn rule instances into findings for one report's numbers. */
import type { Finding } from '../findings.ts';
import type { FormatId } from '../format/types.ts';
import { instanceCells, instanceId, ruleInstances } from './definitions.ts';
import { evaluate, type Evaluation, type Lookup } from './evaluate.ts';
import { ruleMessage } from './messages.ts';

export interface InstanceResult {
  id: string;
  evaluation: Evaluation;
}

/** the verdict of every instance of the format, by instance id (for the sheets and tests) */
export function verdicts(format: FormatId, get: Lookup): Map<string, Evaluation> {
  const out = new Map<string, Evaluation>();
  for (const r of ruleInstances(format)) out.set(instanceId(r), evaluate(r, get));
  return out;
}

/**
 * Findings of the cell rules. `linesOf` maps cell ids to source lines so that a finding
 * can point at the text.
 */
export function checkCells(format: FormatId, get: Lookup, linesOf: (id: string) => number | undefined): Finding[] {
  const results = verdicts(format, get);
  const findings: Finding[] = [];
  for (const r of ruleInstances(format)) {
    const id = instanceId(r);
    const e = results.get(id)!;
    const report = r.kind === 'equation' && r.explains ? e.verdict === 'pass' && results.get(r.explains)?.verdict === 'fail' : e.verdict === 'fail';
    if (!report) continue;
    const cells = instanceCells(r);
    const lines = [...new Set(cells.map(linesOf).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
    findings.push({ id, rule: r.rule, at: r.at, severity: r.severity, message: ruleMessage(format, r, e, get), cells, lines });
  }
  return findings;
}
