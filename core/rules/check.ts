/**
 * Turn rule instances into findings for one report's numbers. There is one evaluator
 * (evaluate.ts): the verdicts here, the sheets' TypeScript counts, the reader's tests of a
 * split and the cross-year rules all call it.
 */
import type { Finding } from '../findings.ts';
import { cellIds } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from './definitions.ts';
import { evaluate, type Evaluation, type Lookup } from './evaluate.ts';
import { ruleMessage } from './messages.ts';

/** the verdict of every instance of a list, by instance id */
export function verdictsOf(instances: readonly RuleInstance[], get: Lookup): Map<string, Evaluation> {
  const out = new Map<string, Evaluation>();
  for (const r of instances) out.set(instanceId(r), evaluate(r, get));
  return out;
}

/** the verdict of every instance of the format, by instance id (for the sheets and tests) */
export function verdicts(format: FormatId, get: Lookup): Map<string, Evaluation> {
  return verdictsOf(ruleInstances(format), get);
}

const indexOf = new Map<FormatId, Map<CellId, number>>();

/** the report's values read once into an array: hundreds of instances then look them up cheaply */
function snapshot(format: FormatId, get: Lookup): Lookup {
  let at = indexOf.get(format);
  if (!at) indexOf.set(format, (at = new Map(cellIds(format).map((id, i) => [id, i]))));
  const values = cellIds(format).map(get);
  return (id) => {
    const i = at.get(id);
    return i === undefined ? get(id) : values[i]!;
  };
}

/** the findings of a list of instances, given their verdicts; an explanation (R3.5) only where the rule it explains failed */
export function findingsOf(
  instances: readonly RuleInstance[],
  results: Map<string, Evaluation>,
  message: (r: RuleInstance, e: Evaluation) => string,
  linesOf: (id: string) => number | undefined,
  /** the numbers, kept on each finding as data (the words can be made again from them) */
  get?: Lookup,
): Finding[] {
  const findings: Finding[] = [];
  for (const r of instances) {
    const id = instanceId(r);
    const e = results.get(id)!;
    const explained = r.kind === 'equation' && r.explains;
    const report = explained ? e.verdict === 'pass' && results.get(explained)?.verdict === 'fail' : e.verdict === 'fail';
    if (!report) continue;
    const cells = instanceCells(r);
    const lines = [...new Set(cells.map(linesOf).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
    const f: Finding = { id, rule: r.rule, at: r.at, severity: r.severity, message: message(r, e), cells, lines };
    if (get) f.values = Object.fromEntries(cells.map((c) => [c, get(c)]));
    findings.push(f);
  }
  return findings;
}

/**
 * Findings of the cell rules. `linesOf` maps cell ids to source lines so that a finding
 * can point at the text.
 */
export function checkCells(format: FormatId, get: Lookup, linesOf: (id: string) => number | undefined): Finding[] {
  const read = snapshot(format, get);
  const instances = ruleInstances(format);
  return findingsOf(instances, verdictsOf(instances, read), (r, e) => ruleMessage(format, r, e, read), linesOf, read);
}
