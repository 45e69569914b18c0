/**
 * The generator's own judge: which rule instances a table of values breaks, computed from
 * the tables' structure (format/tables.ts) as the spec states each rule — not through
 * core/rules. Generated reports carry these findings, so that a test comparing them with the
 * check (and the check with LibreOffice) would catch a wrong rule instead of expecting it.
 *
 * Kept deliberately plain: sums over rows and columns of the tables, the spec's null
 * semantics spelled out again (a side with a blank is undecided unless the known parts of
 * the other side already exceed the complete one).
 */
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { FormatId } from '../format/types.ts';
import type { Values } from './numbers.ts';

const TOL = 1e-9;

interface Sum {
  known: number;
  blank: boolean;
}

function total(values: Values, ids: string[]): Sum {
  let known = 0;
  let blank = false;
  for (const id of ids) {
    const v = values[id];
    if (v === null || v === undefined) blank = true;
    else known += v;
  }
  return { known, blank };
}

/** `a = b` is certainly false */
function unequal(a: Sum, b: Sum): boolean {
  if (!a.blank && !b.blank) return Math.abs(a.known - b.known) >= TOL;
  return (!a.blank && b.known - a.known > TOL) || (!b.blank && a.known - b.known > TOL);
}

/** `a ≥ b` is certainly false */
const smaller = (a: Sum, b: Sum): boolean => !a.blank && b.known - a.known > TOL;

const t3 = (row: string, col: string) => `t3.${row}.${col}`;

/** a rule instance as the spec states it: its id, the cells of each side */
interface Equation {
  id: string;
  left: string[];
  right: string[];
}

/** a value rule: the cell, and what it must be */
interface ValueRule {
  id: string;
  cell: string;
  ok: (x: number) => boolean;
}

const whole = (x: number) => Number.isInteger(x) && x >= 0;

/**
 * The format's instances, spelled out once from its tables (a generated report is judged
 * many times over: before and after each planted mistake, and again by the tests).
 */
interface Judged {
  values: ValueRule[];
  equations: Equation[];
}

const JUDGED = new Map<FormatId, Judged>();

function judged(format: FormatId): Judged {
  const known = JUDGED.get(format);
  if (known) return known;
  const def = FORMATS[format];
  const values: ValueRule[] = [];
  const equations: Equation[] = [];
  // 表二: each value by its column's kind
  for (const b of def.t2) {
    for (const r of b.rows) {
      for (const c of b.columns) {
        const cell = `t2.${b.key}.${r.key}.${c.key}`;
        values.push({ id: `R2.1@${cell}`, cell, ok: c.kind === 'amount' ? (x) => x >= 0 : c.kind === 'signed' ? Number.isInteger : whole });
      }
    }
  }
  // 表三: each column's flows and results, each row's applicants, each cell's value
  for (const c of T3_COLUMNS) {
    const col = (rows: string[]) => rows.map((r) => t3(r, c.key));
    equations.push({ id: `R3.1@${c.key}`, left: col(['new_received', 'carried_in']), right: col(['results_total', 'carried_out']) });
    equations.push({ id: `R3.2@${c.key}`, left: col(['results_total']), right: col(def.resultRows) });
  }
  const applicants = T3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
  for (const r of def.t3Rows) equations.push({ id: `R3.3@${r.key}`, left: [t3(r.key, 'total')], right: applicants.map((c) => t3(r.key, c)) });
  for (const r of def.t3Rows) for (const c of T3_COLUMNS) values.push({ id: `R3.4@${t3(r.key, c.key)}`, cell: t3(r.key, c.key), ok: whole });
  // 表四: each block's total, each cell's value
  const parts = T4_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
  T4_BLOCKS.forEach((b, i) => equations.push({ id: `R4.${i + 1}@${b.key}`, left: [`t4.${b.key}.total`], right: parts.map((p) => `t4.${b.key}.${p}`) }));
  for (const b of T4_BLOCKS) for (const c of T4_COLUMNS) values.push({ id: `R4.4@t4.${b.key}.${c.key}`, cell: `t4.${b.key}.${c.key}`, ok: whole });
  const made = { values, equations };
  JUDGED.set(format, made);
  return made;
}

/** the error and warning ids a correct check gives for these values (R3.5, information, is not among them) */
export function brokenInstances(format: FormatId, values: Values): { errors: string[]; warnings: string[] } {
  const { values: valueRules, equations } = judged(format);
  const errors: string[] = [];
  const warnings: string[] = [];
  const v = (id: string) => values[id] ?? null;

  for (const r of valueRules) {
    const x = v(r.cell);
    if (x !== null && !r.ok(x)) errors.push(r.id);
  }
  // 表二's inequalities: R2.2 / R2.4 / R2.5 by their blocks
  const art1 = (row: string, col: string) => `t2.art20_1.${row}.${col}`;
  for (const row of ['regulation', 'normative_doc']) {
    if (format === 'gov2021') {
      const left = total(values, [art1(row, 'in_force'), art1(row, 'repealed')]);
      if (smaller(left, total(values, [art1(row, 'made')]))) warnings.push(`R2.2@${row}`);
    } else if (smaller(total(values, [art1(row, 'total_published')]), total(values, [art1(row, 'new_published')]))) {
      warnings.push(`R2.4@${row}`);
    }
  }
  if (format === 'gov2019') {
    const count = v('t2.art20_9.procurement.projects');
    const amount = v('t2.art20_9.procurement.amount_yuan');
    if (amount !== null && amount > 0 && (count === null || count === 0)) warnings.push('R2.5@art20_9');
  }
  for (const e of equations) if (unequal(total(values, e.left), total(values, e.right))) errors.push(e.id);
  return { errors: errors.sort(), warnings: warnings.sort() };
}

/**
 * The equations a cell of 表三 or 表四 takes part in, from where it sits in the table: its
 * row's R3.3, and by its row the column's R3.1 and R3.2; in 表四 its block's total. A change
 * to one cell, with no blank and no other change in these equations, breaks exactly these.
 */
export function equationsOf(format: FormatId, id: string): string[] {
  const m3 = /^t3\.(\w+)\.(\w+)$/.exec(id);
  if (m3) {
    const [, row, col] = m3 as unknown as [string, string, string];
    const out = [`R3.3@${row}`];
    if (['new_received', 'carried_in', 'results_total', 'carried_out'].includes(row)) out.push(`R3.1@${col}`);
    if (row === 'results_total' || FORMATS[format].resultRows.includes(row)) out.push(`R3.2@${col}`);
    return out.sort();
  }
  const m4 = /^t4\.(\w+)\.\w+$/.exec(id);
  if (m4) return [`R4.${T4_BLOCKS.findIndex((b) => b.key === m4[1]) + 1}@${m4[1]}`];
  return [];
}
