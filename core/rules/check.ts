/**
 * Turn rule instances into findings for one report's numbers. There is one evaluator
 * (evaluate.ts): the verdicts here, the sheets' TypeScript counts, the reader's tests of a
 * split and the cross-year rules all call it.
 */
import type { Finding } from '../findings.ts';
import { cellIds } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from './definitions.ts';
import { evaluate, valueVerdict, verdictAt, type Evaluation, type Lookup, type Verdict } from './evaluate.ts';
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

interface FormatIndex {
  ids: CellId[];
  at: Map<CellId, number>;
  /** per instance of ruleInstances(format): an equation's sides as positions in `ids`, else null */
  sides: ({ left: number[]; right: number[] } | null)[];
  /** per instance: a value rule's cell as a position in `ids`, else -1 */
  cell: number[];
}

const indexOf = new Map<FormatId, FormatIndex>();

function formatIndex(format: FormatId): FormatIndex {
  let index = indexOf.get(format);
  if (!index) {
    const ids = cellIds(format);
    const at = new Map(ids.map((id, i) => [id, i]));
    const sides = ruleInstances(format).map((r) => {
      if (r.kind !== 'equation' || ![...r.left, ...r.right].every((id) => at.has(id))) return null;
      return { left: r.left.map((id) => at.get(id)!), right: r.right.map((id) => at.get(id)!) };
    });
    const cell = ruleInstances(format).map((r) => (r.kind === 'value' ? (at.get(r.cell) ?? -1) : -1));
    indexOf.set(format, (index = { ids, at, sides, cell }));
  }
  return index;
}

/** the report's values read once into an array: hundreds of instances then look them up cheaply */
function snapshot(index: FormatIndex, get: Lookup): { values: (number | null)[]; read: Lookup } {
  const { at } = index;
  const values = index.ids.map(get);
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
  const index = formatIndex(format);
  const { values, read } = snapshot(index, get);
  const instances = ruleInstances(format);
  // as findingsOf, by position: every report read runs this, and most verdicts are passes —
  // an equation's verdict is summed by position, its full evaluation made only for a finding
  const verdicts: Verdict[] = instances.map((r, i) => {
    const sides = index.sides[i];
    if (sides && r.kind === 'equation') return verdictAt(r.relation, sides.left, sides.right, values);
    const cell = index.cell[i]!;
    if (cell >= 0 && r.kind === 'value') return valueVerdict(r.valueKind, values[cell]!);
    return evaluate(r, read).verdict;
  });
  const explains = explanations(format, instances);
  const message = (r: RuleInstance, e: Evaluation) => ruleMessage(format, r, e, read);
  const findings: Finding[] = [];
  verdicts.forEach((v, i) => {
    const x = explains[i]!;
    const report = x === -2 ? v === 'fail' : v === 'pass' && x >= 0 && verdicts[x] === 'fail';
    if (report) findings.push(toFinding(instances[i]!, evaluate(instances[i]!, read), message, linesOf, read));
  });
  return findings;
}
