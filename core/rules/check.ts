/**
 * Turn rule instances into findings for one report's numbers. There is one evaluator
 * (evaluate.ts): the verdicts here, the sheets' TypeScript counts, the reader's tests of a
 * split and the cross-year rules all call it.
 */
import type { Finding } from '../findings.ts';
import type { FormatId } from '../format/types.ts';
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from './definitions.ts';
import { evaluate, type Evaluation, type Lookup, type Verdict } from './evaluate.ts';
import { formatPlan, OTHER, planVerdict, type FormatPlan } from './plan.ts';
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

/** the report's values read once into an array: hundreds of instances then look them up by position */
function snapshot(plan: FormatPlan, get: Lookup): { values: (number | null)[]; read: Lookup } {
  const { ids, at } = plan;
  const values = new Array<number | null>(ids.length);
  for (let i = 0; i < ids.length; i++) values[i] = get(ids[i]!) ?? null;
  return {
    values,
    read: (id) => {
      const i = at.get(id);
      return i === undefined ? get(id) : values[i]!;
    },
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
    const e = results.get(instanceId(r))!;
    const explained = r.kind === 'equation' && r.explains;
    const report = explained ? e.verdict === 'pass' && results.get(explained)?.verdict === 'fail' : e.verdict === 'fail';
    if (report) findings.push(toFinding(r, e, message, linesOf, get));
  }
  return findings;
}

function toFinding(
  r: RuleInstance,
  e: Evaluation,
  message: (r: RuleInstance, e: Evaluation) => string,
  linesOf: (id: string) => number | undefined,
  get?: Lookup,
): Finding {
  const cells = instanceCells(r);
  const lines = [...new Set(cells.map(linesOf).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
  const f: Finding = { id: instanceId(r), rule: r.rule, at: r.at, severity: r.severity, message: message(r, e), cells, lines };
  if (get) f.values = Object.fromEntries(cells.map((c) => [c, get(c)]));
  return f;
}

/**
 * Findings of the cell rules. `linesOf` maps cell ids to source lines so that a finding
 * can point at the text.
 */
export function checkCells(format: FormatId, get: Lookup, linesOf: (id: string) => number | undefined): Finding[] {
  const plan = formatPlan(format);
  const { values, read } = snapshot(plan, get);
  const { instances, how, explains } = plan;
  // as findingsOf, by position: a verdict is made from the values array, its full evaluation
  // only for a finding
  const n = instances.length;
  const verdicts = new Array<Verdict>(n);
  for (let i = 0; i < n; i++) verdicts[i] = how[i] === OTHER ? evaluate(instances[i]!, read).verdict : planVerdict(plan, i, values);
  const message = (r: RuleInstance, e: Evaluation) => ruleMessage(format, r, e, read);
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const v = verdicts[i]!;
    const x = explains[i]!;
    const report = x === -2 ? v === 'fail' : v === 'pass' && x >= 0 && verdicts[x] === 'fail';
    if (report) findings.push(toFinding(instances[i]!, evaluate(instances[i]!, read), message, linesOf, read));
  }
  return findings;
}
