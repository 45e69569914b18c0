/**
 * The rules across two years of the same unit (REPORT-FORMAT.md §6 “Across years”), written as
 * data like the rules of one report (definitions.ts):
 *
 * - R3.6  二、上年结转 of year Y = 四、结转下年度 of Y−1, per column of 表三;
 * - R2.3  gov2021 both years: in_force(Y) = in_force(Y−1) + made(Y) − repealed(Y), written
 *         without a minus: in_force(Y) + repealed(Y) = in_force(Y−1) + made(Y);
 * - Y1    a figure jumps: both known, the larger ≥ 10, and b ≥ 5a or b ≤ a/5 (which also
 *         covers “one of them 0 and the other ≥ 10”).
 *
 * Each instance is built for a pair of formats (this year's, last year's), so that a figure
 * reads the cells of its own year's format and amounts are compared in 元 (gov2021 writes
 * 万元). The TypeScript check here, the workbook's formulas (sheet/crossyear.ts) and the
 * words (RULE_TITLES in messages.ts) all come from these instances.
 */
import { t2Id, t3Id } from '../format/cells.ts';
import { T3_COLUMNS } from '../format/tables.ts';
import { FIGURES } from './figures.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Finding, Severity } from '../findings.ts';
import type { Report } from '../report.ts';
import { decide, type Evaluation, type Lookup, type SideValue } from './evaluate.ts';
import { fmt, RULE_TITLES } from './messages.ts';

export type Year = 'current' | 'previous';

/** Σ cells of one year's report, times `factor` (10000 turns 万元 into 元); no cells: the format has no such figure */
export interface YearSum {
  year: Year;
  cells: CellId[];
  factor: number;
}

/** Σ left = Σ right, each side made of sums over either year (R3.6, R2.3) */
export interface CrossYearEquation {
  kind: 'cross_year';
  rule: 'R3.6' | 'R2.3';
  at: string;
  severity: Severity;
  left: YearSum[];
  right: YearSum[];
}

/** Y1: the figure of this year against the same figure of last year */
export interface JumpRule {
  kind: 'jump';
  rule: 'Y1';
  /** the figure's key (FIGURES) */
  at: string;
  severity: Severity;
  current: YearSum;
  previous: YearSum;
  /** b ≥ ratio·a or b ≤ a/ratio … */
  ratio: number;
  /** … while the larger is at least this */
  floor: number;
}

export type CrossYearInstance = CrossYearEquation | JumpRule;


const sum = (year: Year, cells: CellId[], factor = 1): YearSum => ({ year, cells, factor });

function build(current: FormatId, previous: FormatId): CrossYearInstance[] {
  const out: CrossYearInstance[] = T3_COLUMNS.map((c) => ({
    kind: 'cross_year',
    rule: 'R3.6',
    at: c.key,
    severity: 'warning',
    left: [sum('current', [t3Id('carried_in', c.key)])],
    right: [sum('previous', [t3Id('carried_out', c.key)])],
  }));
  if (current === 'gov2021' && previous === 'gov2021') {
    for (const row of ['regulation', 'normative_doc']) {
      const id = (col: string) => t2Id('art20_1', row, col);
      out.push({
        kind: 'cross_year',
        rule: 'R2.3',
        at: row,
        severity: 'warning',
        left: [sum('current', [id('in_force')]), sum('current', [id('repealed')])],
        right: [sum('previous', [id('in_force')]), sum('current', [id('made')])],
      });
    }
  }
  for (const f of FIGURES) {
    const c = f.of(current);
    const p = f.of(previous);
    out.push({
      kind: 'jump',
      rule: 'Y1',
      at: f.key,
      severity: 'warning',
      current: sum('current', c?.cells ?? [], c?.factor ?? 1),
      previous: sum('previous', p?.cells ?? [], p?.factor ?? 1),
      ratio: 5,
      floor: 10,
    });
  }
  return out;
}

const cache = new Map<string, CrossYearInstance[]>();

/** every rule instance across years, for this year's format and last year's */
export function crossYearInstances(current: FormatId, previous: FormatId): CrossYearInstance[] {
  const k = `${current}|${previous}`;
  let list = cache.get(k);
  if (!list) cache.set(k, (list = build(current, previous)));
  return list;
}

export interface Years {
  current: Lookup;
  previous: Lookup;
}

const EPS = 1e-9;

/** a sum with the spec's null semantics: the known part, and whether a cell is blank (no cells: blank) */
export function sumValue(s: YearSum, y: Years): SideValue {
  const get = y[s.year];
  let known = 0;
  let partial = s.cells.length === 0;
  for (const id of s.cells) {
    const v = get(id);
    if (v === null) partial = true;
    else known += v * s.factor;
  }
  return { known, partial };
}

/** a figure's value: null when any of its cells is blank, or the format has no such figure */
export function figureValue(s: YearSum, y: Years): number | null {
  const v = sumValue(s, y);
  return v.partial ? null : v.known;
}

/** Y1's test on two known values: the one definition the formula (sheet/crossyear.ts) mirrors */
export function jumps(r: Pick<JumpRule, 'ratio' | 'floor'>, b: number, a: number): boolean {
  return Math.max(a, b) >= r.floor - EPS && (b >= r.ratio * a - EPS || r.ratio * b <= a + EPS);
}

export function evaluateCrossYear(r: CrossYearInstance, y: Years): Evaluation {
  if (r.kind === 'jump') {
    const b = figureValue(r.current, y);
    const a = figureValue(r.previous, y);
    const left = { known: b ?? 0, partial: b === null };
    const right = { known: a ?? 0, partial: a === null };
    if (a === null || b === null) return { verdict: 'na', left, right };
    return { verdict: jumps(r, b, a) ? 'fail' : 'pass', left, right };
  }
  const side = (terms: YearSum[]): SideValue =>
    terms.map((t) => sumValue(t, y)).reduce((s, v) => ({ known: s.known + v.known, partial: s.partial || v.partial }), { known: 0, partial: false });
  const left = side(r.left);
  const right = side(r.right);
  return { verdict: decide('=', left, right), left, right };
}

/** what the instance says, in words (the titles live in the one message table) */
export function crossYearTitle(r: CrossYearInstance): string {
  return RULE_TITLES[r.rule]?.('gov2021', r.at) ?? r.rule;
}

/** the cells of this year's report an instance points at */
export function currentCells(r: CrossYearInstance): CellId[] {
  const terms = r.kind === 'jump' ? [r.current] : r.left;
  return terms.filter((t) => t.year === 'current').flatMap((t) => t.cells);
}

const lookup = (report: Report): Lookup => (id) => report.cells[id]?.value ?? null;

function message(r: CrossYearInstance, e: Evaluation, current: Report, previous: Report): string {
  const [cy, py] = [current.year ?? '本', previous.year ?? '上'];
  const title = crossYearTitle(r);
  const L = e.left!;
  const R = e.right!;
  if (r.kind === 'jump') {
    const ratio = R.known > 0 ? `，为上年的 ${fmt(+(L.known / R.known).toFixed(2))} 倍` : '';
    return `${title}：${py}年 ${fmt(R.known)}，${cy}年 ${fmt(L.known)}${ratio}。请核实是否填错（单位、位数）或确有原因，并在报告中说明。`;
  }
  if (r.rule === 'R3.6') {
    return `${title}：${cy}年上年结转 ${fmt(L.known)}，${py}年结转下年度 ${fmt(R.known)}，相差 ${fmt(L.known - R.known)}。`;
  }
  const y = { current: lookup(current), previous: lookup(previous) };
  const v = (t: YearSum) => fmt(figureValue(t, y));
  const [inForce, repealed] = r.left as [YearSum, YearSum];
  const [prevInForce, made] = r.right as [YearSum, YearSum];
  return (
    `${title}：${py}年现行有效 ${v(prevInForce)} + ${cy}年制发 ${v(made)} − ${cy}年废止 ${v(repealed)} = ` +
    `${fmt(R.known - (figureValue(repealed, y) ?? 0))}，${cy}年现行有效 ${v(inForce)}（文件也会到期失效，如属此情形可不改）。`
  );
}

/** the findings across years for one unit's report of year Y against its report of year Y−1 */
export function checkCrossYear(current: Report, previous: Report): Finding[] {
  const y = { current: lookup(current), previous: lookup(previous) };
  const out: Finding[] = [];
  for (const r of crossYearInstances(current.format, previous.format)) {
    const e = evaluateCrossYear(r, y);
    if (e.verdict !== 'fail') continue;
    const cells = currentCells(r);
    const line = cells.map((c) => current.cells[c]?.source?.line).find((l) => l !== undefined);
    out.push({
      id: `${r.rule}@${r.at}`,
      rule: r.rule,
      at: r.at,
      severity: r.severity,
      message: message(r, e, current, previous),
      cells,
      lines: line !== undefined ? [line] : [],
    });
  }
  return out;
}

/** rule ids that are across years: their rows in 校验 are written by sheet/crossyear.ts */
export const CROSS_YEAR_RULE_IDS: ReadonlySet<string> = new Set(['R3.6', 'R2.3', 'Y1']);
