/**
 * The TypeScript verdict of one rule instance, with the spec's null semantics: a side with a
 * blank cell is not assessable, except where non-negativity already proves the equation
 * false (the known parts of a sum already exceed its total).
 */
import type { CellId } from '../format/types.ts';
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

export function evaluateEquation(r: EquationRule, get: Lookup): Evaluation {
  const left = side(r.left, get);
  const right = side(r.right, get);
  let verdict: Verdict;
  if (!left.partial && !right.partial) {
    const ok = r.relation === '=' ? Math.abs(left.known - right.known) < EPS : left.known >= right.known - EPS;
    verdict = ok ? 'pass' : 'fail';
  } else if (r.relation === '=') {
    // a complete side smaller than the known part of the other side can never balance
    const provablyFalse =
      (!left.partial && right.known > left.known + EPS) || (!right.partial && left.known > right.known + EPS);
    verdict = provablyFalse ? 'fail' : 'na';
  } else if (!left.partial && right.known > left.known + EPS) {
    verdict = 'fail';
  } else if (!right.partial && left.known >= right.known - EPS) {
    verdict = 'pass';
  } else {
    verdict = 'na';
  }
  return { verdict, left, right };
}

export function evaluate(r: RuleInstance, get: Lookup): Evaluation {
  switch (r.kind) {
    case 'equation':
      return evaluateEquation(r, get);
    case 'value': {
      const v = get(r.cell);
      if (v === null) return { verdict: 'na' };
      const ok =
        r.valueKind === 'amount' ? v >= 0 : r.valueKind === 'signed' ? Number.isInteger(v) : Number.isInteger(v) && v >= 0;
      return { verdict: ok ? 'pass' : 'fail' };
    }
    case 'amount_without_count': {
      const count = get(r.count);
      const amount = get(r.amount);
      if (amount === null) return { verdict: 'na' };
      const bad = amount > 0 && (count === null || count === 0);
      return { verdict: bad ? 'fail' : count === null ? 'na' : 'pass' };
    }
  }
}
