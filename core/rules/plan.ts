/**
 * A format's rule instances laid out by position, made once per format from ruleInstances()
 * (never a second list of rules): every report read runs every instance, and most verdicts are
 * passes, so the common path reads numbers from one array by index and makes no objects.
 */
import { cellIds } from '../format/cells.ts';
import type { CellId, FormatId, ValueKind } from '../format/types.ts';
import { instanceId, ruleInstances, type RuleInstance } from './definitions.ts';
import { valueVerdict, verdictIn, type Verdict } from './evaluate.ts';

/**
 * How an instance is judged on the common path: an equation whose cells are all the format's
 * is summed by position, a value rule on one of them read by position, anything else goes to
 * evaluate() with a lookup.
 */
export const EQUATION = 0;
export const VALUE = 1;
export const OTHER = 2;

export interface FormatPlan {
  /** the format's cell ids; `values` arrays follow this order */
  ids: CellId[];
  at: Map<CellId, number>;
  instances: readonly RuleInstance[];
  how: Uint8Array;
  /** equations: 1 for `>=` */
  atLeast: Uint8Array;
  /** equation i's left side is positions[from[i] … mid[i]), its right side positions[mid[i] … to[i]) */
  positions: Int32Array;
  from: Int32Array;
  mid: Int32Array;
  to: Int32Array;
  /** value rules: the cell's position and its kind */
  cell: Int32Array;
  valueKind: (ValueKind | null)[];
  /** per instance: the position of the instance an explanation (R3.5) explains, -1 if absent, -2 for no explanation */
  explains: Int32Array;
}

const plans = new Map<FormatId, FormatPlan>();

export function formatPlan(format: FormatId): FormatPlan {
  let plan = plans.get(format);
  if (!plan) plans.set(format, (plan = makePlan(format)));
  return plan;
}

function makePlan(format: FormatId): FormatPlan {
  const ids = cellIds(format);
  const at = new Map(ids.map((id, i) => [id, i]));
  const instances = ruleInstances(format);
  const n = instances.length;
  const how = new Uint8Array(n).fill(OTHER);
  const atLeast = new Uint8Array(n);
  const from = new Int32Array(n);
  const mid = new Int32Array(n);
  const to = new Int32Array(n);
  const cell = new Int32Array(n).fill(-1);
  const valueKind: (ValueKind | null)[] = new Array<ValueKind | null>(n).fill(null);
  const positions: number[] = [];
  instances.forEach((r, i) => {
    if (r.kind === 'equation' && [...r.left, ...r.right].every((id) => at.has(id))) {
      how[i] = EQUATION;
      atLeast[i] = r.relation === '>=' ? 1 : 0;
      from[i] = positions.length;
      for (const id of r.left) positions.push(at.get(id)!);
      mid[i] = positions.length;
      for (const id of r.right) positions.push(at.get(id)!);
      to[i] = positions.length;
    } else if (r.kind === 'value' && at.has(r.cell)) {
      how[i] = VALUE;
      cell[i] = at.get(r.cell)!;
      valueKind[i] = r.valueKind;
    }
  });
  const pos = new Map(instances.map((r, i) => [instanceId(r), i]));
  const explains = Int32Array.from(instances, (r) => (r.kind === 'equation' && r.explains ? (pos.get(r.explains) ?? -1) : -2));
  return { ids, at, instances, how, atLeast, positions: Int32Array.from(positions), from, mid, to, cell, valueKind, explains };
}

/** instance i's verdict over `values` (positions of plan.ids), for EQUATION and VALUE */
export function planVerdict(plan: FormatPlan, i: number, values: readonly (number | null)[]): Verdict {
  if (plan.how[i] === VALUE) return valueVerdict(plan.valueKind[i]!, values[plan.cell[i]!]!);
  return verdictIn(plan.atLeast[i] ? '>=' : '=', plan.positions, plan.from[i]!, plan.mid[i]!, plan.to[i]!, values);
}
