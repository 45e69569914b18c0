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

const indexOf = new Map<FormatId, { ids: CellId[]; at: Map<CellId, number> }>();

/** the report's values read once into an array: hundreds of instances then look them up cheaply */
function snapshot(format: FormatId, get: Lookup): Lookup {
  let index = indexOf.get(format);
  if (!index) {
    const ids = cellIds(format);
    indexOf.set(format, (index = { ids, at: new Map(ids.map((id, i) => [id, i])) }));
  }
  const { at } = index;
  const values = index.ids.map(get);
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

/** per format: the position of the instance each explanation (R3.5) explains */
const explainedAt = new Map<FormatId, Int32Array>();

function explanations(format: FormatId, instances: readonly RuleInstance[]): Int32Array {
  let at = explainedAt.get(format);
  if (!at) {
    const pos = new Map(instances.map((r, i) => [instanceId(r), i]));
    at = Int32Array.from(instances, (r) => (r.kind === 'equation' && r.explains ? (pos.get(r.explains) ?? -1) : -2));
    explainedAt.set(format, at);
  }
  return at;
}

/**
 * Findings of the cell rules. `linesOf` maps cell ids to source lines so that a finding
 * can point at the text.
 */
export function checkCells(format: FormatId, get: Lookup, linesOf: (id: string) => number | undefined): Finding[] {
  const read = snapshot(format, get);
  const instances = ruleInstances(format);
  // as findingsOf, by position: every report read runs this, and most verdicts are passes
  const evals = instances.map((r) => evaluate(r, read));
  const explains = explanations(format, instances);
  const message = (r: RuleInstance, e: Evaluation) => ruleMessage(format, r, e, read);
  const findings: Finding[] = [];
  evals.forEach((e, i) => {
    const x = explains[i]!;
    const report = x === -2 ? e.verdict === 'fail' : e.verdict === 'pass' && x >= 0 && evals[x]!.verdict === 'fail';
    if (report) findings.push(toFinding(instances[i]!, e, message, linesOf, read));
  });
  return findings;
}
