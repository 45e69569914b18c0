/**
 * One cause, one finding: broken equations that share cells are one group, and the smallest
 * change that makes them all hold — one cell, else a pair — is its likely fix. A suggestion
 * to show, never applied to the data. Candidates are tested with the rules themselves.
 */
import type { Finding } from '../findings.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { instanceCells, instanceId, ruleInstances, type EquationRule, type RuleInstance } from './definitions.ts';
import { evaluate, type Lookup } from './evaluate.ts';

export interface Correction {
  cell: CellId;
  /** what the report has */
  from: number;
  /** the value that makes every broken rule of the group hold */
  to: number;
}

export type CauseKind =
  /** one broken equation on its own: its message says it all */
  | 'alone'
  /** exactly one cell whose correction makes all hold */
  | 'single'
  /** several single cells would each do */
  | 'either'
  /** no single cell; exactly one pair does */
  | 'pair'
  /** neither: the figures disagree in more than one place */
  | 'several';

export interface Cause {
  kind: CauseKind;
  /** the broken equations of the group */
  findings: Finding[];
  /** each option: one correction ('single', 'either') or two ('pair') */
  options: Correction[][];
  /** the rule ids (R3.2 …) of the group's broken equations, in order */
  rules: string[];
}

interface Index {
  byId: Map<string, RuleInstance>;
  byCell: Map<CellId, RuleInstance[]>;
}

const indexes = new Map<FormatId, Index>();

function index(format: FormatId): Index {
  let ix = indexes.get(format);
  if (!ix) {
    const list = ruleInstances(format);
    const byCell = new Map<CellId, RuleInstance[]>();
    for (const r of list) for (const c of instanceCells(r)) byCell.set(c, [...(byCell.get(c) ?? []), r]);
    ix = { byId: new Map(list.map((r) => [instanceId(r), r])), byCell };
    indexes.set(format, ix);
  }
  return ix;
}

const isSum = (r: RuleInstance | undefined): r is EquationRule => r?.kind === 'equation' && r.relation === '=' && !r.explains;

/** the value `cell` must take for `r` to hold, the other cells as they are; null when none */
function solve(r: EquationRule, cell: CellId, get: Lookup): number | null {
  const total = (cells: CellId[]) => cells.reduce<number | null>((s, c) => (s === null || get(c) === null ? null : s + get(c)!), 0);
  const L = total(r.left);
  const R = total(r.right);
  if (L === null || R === null) return null;
  const v = get(cell)!;
  const to = r.left.includes(cell) ? v + (R - L) : v + (L - R);
  return to >= 0 && Number.isInteger(to) ? to : null;
}

/** every rule the changed cells are in must not fail after the change (those broken before included) */
function holdsAfter(format: FormatId, fix: Correction[], get: Lookup): boolean {
  const patched: Lookup = (id) => fix.find((f) => f.cell === id)?.to ?? get(id);
  const touched = new Set(fix.flatMap((f) => index(format).byCell.get(f.cell) ?? []));
  return [...touched].every((r) => evaluate(r, patched).verdict !== 'fail');
}

/** the value a cell must take from the group's equations that hold it alone; null if they disagree or none does */
function determined(eqs: EquationRule[], cell: CellId, get: Lookup): number | null {
  let to: number | null = null;
  for (const r of eqs) {
    const t = solve(r, cell, get);
    if (t === null || (to !== null && t !== to)) return null;
    to = t;
  }
  return to;
}

function fixes(format: FormatId, eqs: EquationRule[], get: Lookup): { kind: CauseKind; options: Correction[][] } {
  const known = (c: CellId) => get(c) !== null;
  const cellsOf = eqs.map((r) => new Set(instanceCells(r)));
  const all = [...new Set(eqs.flatMap(instanceCells))].filter(known);
  const singles: Correction[][] = [];
  for (const cell of all.filter((c) => cellsOf.every((s) => s.has(c)))) {
    const to = determined(eqs, cell, get);
    if (to === null || to === get(cell)) continue;
    const fix = [{ cell, from: get(cell)!, to }];
    if (holdsAfter(format, fix, get)) singles.push(fix);
  }
  if (singles.length) return { kind: singles.length === 1 ? 'single' : 'either', options: singles };
  const pairs: Correction[][] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (!cellsOf.every((s) => s.has(a) || s.has(b))) continue;
      const onlyA = eqs.filter((_, k) => cellsOf[k]!.has(a) && !cellsOf[k]!.has(b));
      const onlyB = eqs.filter((_, k) => cellsOf[k]!.has(b) && !cellsOf[k]!.has(a));
      if (!onlyA.length || !onlyB.length) continue;
      const ta = determined(onlyA, a, get);
      const tb = determined(onlyB, b, get);
      if (ta === null || tb === null || ta === get(a) || tb === get(b)) continue;
      const fix = [
        { cell: a, from: get(a)!, to: ta },
        { cell: b, from: get(b)!, to: tb },
      ];
      if (holdsAfter(format, fix, get)) pairs.push(fix);
    }
  }
  return pairs.length === 1 ? { kind: 'pair', options: pairs } : { kind: 'several', options: [] };
}

/**
 * Group the broken equations of one report by shared cells and find each group's likely
 * fix. Findings that are no broken sum (values, structure, prose) are left out: they stand
 * alone in `rest`, in their order.
 */
export function findCauses(format: FormatId, findings: Finding[], get: Lookup): { causes: Cause[]; rest: Finding[] } {
  const { byId } = index(format);
  const broken = findings.filter((f) => isSum(byId.get(f.id)) && f.severity !== 'info');
  const parent = broken.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const owner = new Map<CellId, number>();
  broken.forEach((f, i) => {
    for (const c of f.cells) {
      const o = owner.get(c);
      if (o === undefined) owner.set(c, i);
      else parent[root(i)] = root(o);
    }
  });
  const groups = new Map<number, Finding[]>();
  broken.forEach((f, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), f]));
  const causes: Cause[] = [];
  for (const group of groups.values()) {
    // an explanation (R3.5, 提示) is no broken equation: it stays in its own place
    const eqs = group.map((f) => byId.get(f.id) as EquationRule);
    const rules = [...new Set(group.map((f) => f.rule))].sort();
    if (group.length === 1) {
      causes.push({ kind: 'alone', findings: group, options: [], rules });
      continue;
    }
    causes.push({ ...fixes(format, eqs, get), findings: group, rules });
  }
  const inCause = new Set(broken);
  return { causes, rest: findings.filter((f) => !inCause.has(f)) };
}
