/**
 * The reader asks the rule definitions (core/rules) whether values placed one way or another
 * can be right — it never re-codes a sum. A row's values are tested against the equations
 * that lie wholly inside that row (R3.3 for a row of 表三, R4.1–R4.3 for 表四, R2.2/R2.4);
 * a whole table against every equation it holds (R3.1, R3.2 down the columns).
 */
import type { CellId, FormatId } from '../format/types.ts';
import { ruleInstances, type EquationRule } from '../rules/definitions.ts';
import { equationVerdict, verdictIn, type Verdict } from '../rules/evaluate.ts';

const cache = new Map<FormatId, EquationRule[]>();

/** each cell's place in `cells` */
const placesIn = (cells: readonly CellId[]) => new Map(cells.map((c, i) => [c, i]));

/** an equation's cells (left side, then right) as places (-1: not among them) */
const placesOf = (r: EquationRule, at: Map<CellId, number>) => [...r.left, ...r.right].map((id) => at.get(id) ?? -1);

/** the format's equations, explanations (R3.5) left out: they judge nothing */
export function equations(format: FormatId): EquationRule[] {
  let eqs = cache.get(format);
  if (!eqs) cache.set(format, (eqs = ruleInstances(format).filter((r): r is EquationRule => r.kind === 'equation' && !r.explains)));
  return eqs;
}

export const verdictOf = (r: EquationRule, get: (id: CellId) => number | null): Verdict => equationVerdict(r, get);

/** the equations that lie inside one row, each with the position of its last cell in the row */
const inRows: Record<FormatId, WeakMap<CellId[], { r: EquationRule; last: number }[]>> = { gov2019: new WeakMap(), gov2021: new WeakMap() };

export function rowEquations(format: FormatId, cells: CellId[]): { r: EquationRule; last: number }[] {
  let found = inRows[format].get(cells);
  if (!found) inRows[format].set(cells, (found = findRowEquations(format, cells)));
  return found;
}

function findRowEquations(format: FormatId, cells: CellId[]): { r: EquationRule; last: number }[] {
  const at = placesIn(cells);
  return equations(format)
    .map((r) => ({ r, places: placesOf(r, at) }))
    .filter(({ places }) => places.length > 0 && places.every((p) => p >= 0))
    .map(({ r, places }) => ({ r, last: Math.max(...places) }));
}

export interface RowTest {
  /** no equation of the row is proven false by these values (blank cells may still balance it) */
  consistent(values: (number | null)[]): boolean;
  /** every equation of the row holds, every value present */
  holds(values: (number | null)[]): boolean;
  /** the equations of the row these values prove false, by rule id (R3.3, R4.1 …) */
  broken(values: (number | null)[]): string[];
}

/** the format's rows are the same arrays on every read (format/cells.ts caches them) */
const tests: Record<FormatId, WeakMap<CellId[], RowTest>> = { gov2019: new WeakMap(), gov2021: new WeakMap() };

/** the row rules of `cells` (a row of the format), over values given by position in the row */
export function rowTest(format: FormatId, cells: CellId[]): RowTest {
  let t = tests[format].get(cells);
  if (!t) tests[format].set(cells, (t = makeRowTest(format, cells)));
  return t;
}

function makeRowTest(format: FormatId, cells: CellId[]): RowTest {
  const at = placesIn(cells);
  // each equation's cells as positions in the row, looked up once
  const eqs = rowEquations(format, cells).map(({ r }) => ({ r, positions: placesOf(r, at), mid: r.left.length }));
  const verdict = (e: (typeof eqs)[number], values: (number | null)[]) => verdictIn(e.r.relation, e.positions, 0, e.mid, e.positions.length, values);
  return {
    consistent: (values) => eqs.every((e) => verdict(e, values) !== 'fail'),
    holds: (values) => values.length === cells.length && eqs.length > 0 && eqs.every((e) => verdict(e, values) === 'pass'),
    broken: (values) => eqs.filter((e) => verdict(e, values) === 'fail').map((e) => e.r.rule),
  };
}

/** the error equations of the rule groups `prefix`, per format */
const errorsOf = new Map<string, EquationRule[]>();

function errorEquations(format: FormatId, prefix: string): EquationRule[] {
  const key = `${format}|${prefix}`;
  let eqs = errorsOf.get(key);
  if (!eqs) errorsOf.set(key, (eqs = equations(format).filter((r) => r.severity === 'error' && r.rule.startsWith(prefix))));
  return eqs;
}

/** how many equations of the rule groups `prefix` (e.g. 'R3.') the values prove false */
export function failures(format: FormatId, get: (id: CellId) => number | null, prefix: string): number {
  let n = 0;
  for (const r of errorEquations(format, prefix)) if (verdictOf(r, get) === 'fail') n++;
  return n;
}

/** a grid's cells, its rows' cells one after another (how gridFailures takes their values) */
type Cells = readonly { cells: readonly CellId[] }[];

/** the error equations of `prefix` with their cells as places in a grid's cells (-1: not in it), per grid */
const inGrids = new WeakMap<Cells, Map<string, { r: EquationRule; positions: number[] }[]>>();

/**
 * failures(), over values by place in `grid`'s cells (see Cells): the reader's trial readings
 * of 表三 need no map of cell ids (a cell outside the grid has no value)
 */
export function gridFailures(format: FormatId, grid: Cells, values: ArrayLike<number | null | undefined>, prefix: string): number {
  let plans = inGrids.get(grid);
  if (!plans) inGrids.set(grid, (plans = new Map()));
  let plan = plans.get(`${format}|${prefix}`);
  if (!plan) {
    const at = placesIn(grid.flatMap((g) => g.cells));
    plan = errorEquations(format, prefix).map((r) => ({ r, positions: placesOf(r, at) }));
    plans.set(`${format}|${prefix}`, plan);
  }
  let n = 0;
  for (const { r, positions } of plan) if (verdictIn(r.relation, positions, 0, r.left.length, positions.length, values) === 'fail') n++;
  return n;
}
