/**
 * The TypeScript verdict of one rule instance, with the spec's null semantics: a side with a
 * blank cell is not assessable, except where non-negativity already proves the equation
 * false (the known parts of a sum already exceed its total).
 */
import type { CellId, ValueKind } from '../format/types.ts';
import type { EquationRule, RuleInstance } from './definitions.ts';

export type Verdict = 'pass' | 'fail' | 'na';

export interface SideValue {
  /** sum of the known cells */
  known: number;
  /** some cell of the side is blank */
  partial: boolean;
}

export interface Evaluation {
  verdict: Verdict;
  left?: SideValue;
  right?: SideValue;
}

export type Lookup = (id: CellId) => number | null;

const EPS = 1e-9;

function side(cells: CellId[], get: Lookup): SideValue {
  let known = 0;
  let partial = false;
  for (const id of cells) {
    const v = get(id);
    if (v === null) partial = true;
    else known += v;
  }
  return { known, partial };
}

/** the verdict of `left (relation) right` from the two sides' known sums */
export function decide(relation: '=' | '>=', left: SideValue, right: SideValue): Verdict {
  return decideSums(relation, left.known, left.partial, right.known, right.partial);
}

/** decide(), on the sides' sums and whether each has a blank cell */
export function decideSums(relation: '=' | '>=', lKnown: number, lPartial: boolean, rKnown: number, rPartial: boolean): Verdict {
  if (!lPartial && !rPartial) {
    const ok = relation === '=' ? Math.abs(lKnown - rKnown) < EPS : lKnown >= rKnown - EPS;
    return ok ? 'pass' : 'fail';
  }
  if (relation === '=') {
    // a complete side smaller than the known part of the other side can never balance
    const provablyFalse = (!lPartial && rKnown > lKnown + EPS) || (!rPartial && lKnown > rKnown + EPS);
    return provablyFalse ? 'fail' : 'na';
  }
  if (!lPartial && rKnown > lKnown + EPS) return 'fail';
  if (!rPartial && lKnown >= rKnown - EPS) return 'pass';
  return 'na';
}

export function evaluateEquation(r: EquationRule, get: Lookup): Evaluation {
  const left = side(r.left, get);
  const right = side(r.right, get);
  return { verdict: decide(r.relation, left, right), left, right };
}

/** an equation's verdict alone, as evaluateEquation gives it, without making its sides */
export function equationVerdict(r: EquationRule, get: Lookup): Verdict {
  let lKnown = 0;
  let lPartial = false;
  for (const id of r.left) {
    const v = get(id);
    if (v === null) lPartial = true;
    else lKnown += v;
  }
  let rKnown = 0;
  let rPartial = false;
  for (const id of r.right) {
    const v = get(id);
    if (v === null) rPartial = true;
    else rKnown += v;
  }
  return decideSums(r.relation, lKnown, lPartial, rKnown, rPartial);
}

/**
 * An equation's verdict alone, as evaluateEquation gives it, over values by position: the
 * cells of its left side are values[positions[from…mid)], of its right side
 * values[positions[mid…to)] (the reader and the checker ask thousands of times per report;
 * this makes no objects).
 */
export function verdictIn(
  relation: '=' | '>=',
  positions: ArrayLike<number>,
  from: number,
  mid: number,
  to: number,
  values: ArrayLike<number | null | undefined>,
): Verdict {
  let lKnown = 0;
  let lPartial = false;
  let rKnown = 0;
  let rPartial = false;
  for (let k = from; k < to; k++) {
    const v = values[positions[k]!] ?? null;
    if (k < mid) {
      if (v === null) lPartial = true;
      else lKnown += v;
    } else if (v === null) rPartial = true;
    else rKnown += v;
  }
  return decideSums(relation, lKnown, lPartial, rKnown, rPartial);
}

/** a value fits its column: integer ≥ 0, signed integer, or amount ≥ 0 */
export function valueOk(kind: ValueKind, v: number): boolean {
  return kind === 'amount' ? v >= 0 : kind === 'signed' ? Number.isInteger(v) : Number.isInteger(v) && v >= 0;
}

/** a value rule's verdict: a blank cell is not assessable */
export function valueVerdict(kind: ValueKind, v: number | null): Verdict {
  return v === null ? 'na' : valueOk(kind, v) ? 'pass' : 'fail';
}

/** R2.5: an amount > 0 with the count 0 or blank */
export function amountWithoutCount(count: number | null, amount: number | null): Verdict {
  if (amount === null) return 'na';
  if (amount > 0 && (count === null || count === 0)) return 'fail';
  return count === null ? 'na' : 'pass';
}

export function evaluate(r: RuleInstance, get: Lookup): Evaluation {
  switch (r.kind) {
    case 'equation':
      return evaluateEquation(r, get);
    case 'value':
      return { verdict: valueVerdict(r.valueKind, get(r.cell)) };
    case 'amount_without_count':
      return { verdict: amountWithoutCount(get(r.count), get(r.amount)) };
    case 'jump': {
      const b = figureValue(r.current, r.currentFactor, get);
      const a = figureValue(r.previous, r.previousFactor, get);
      const left = { known: b ?? 0, partial: b === null };
      const right = { known: a ?? 0, partial: a === null };
      if (a === null || b === null) return { verdict: 'na', left, right };
      return { verdict: jumps(r, b, a) ? 'fail' : 'pass', left, right };
    }
  }
}

/** a figure: Σ cells × factor, null when a cell is blank or there are no cells (the format has no such figure) */
export function figureValue(cells: CellId[], factor: number, get: Lookup): number | null {
  if (!cells.length) return null;
  let sum = 0;
  for (const id of cells) {
    const v = get(id);
    if (v === null) return null;
    sum += v * factor;
  }
  return sum;
}

/** Y1 on two known values: the larger ≥ floor, and b ≥ ratio·a or b ≤ a/ratio (the formula mirrors it: formulas.ts jumpVerdict) */
export function jumps(r: { ratio: number; floor: number }, b: number, a: number): boolean {
  return Math.max(a, b) >= r.floor - EPS && (b >= r.ratio * a - EPS || r.ratio * b <= a + EPS);
}
