/**
 * Every cell-level 勾稽 rule, written once as data. The TypeScript check (evaluate.ts), the
 * Chinese message (messages.ts) and — in the sheet — the Excel formula and the conditional
 * format are all produced from these instances, so they cannot drift apart.
 */
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import { formatCells, t2Id, t3Id, t4Id } from '../format/cells.ts';
import type { CellId, FormatId, ValueKind } from '../format/types.ts';
import type { Severity } from '../findings.ts';

interface Base {
  /** rule id of the spec: R3.1 … */
  rule: string;
  /** locus: column key, row key, block key or cell id */
  at: string;
  severity: Severity;
}

/**
 * Σ left (relation) Σ right, every cell a non-negative number. `=` or `>=`.
 * With `explains`, the instance is an explanation (R3.5): it is reported when the named
 * instance fails and this equation holds.
 */
export interface EquationRule extends Base {
  kind: 'equation';
  left: CellId[];
  right: CellId[];
  relation: '=' | '>=';
  explains?: string;
}

/** the value of one cell has the kind its column needs (integer ≥ 0, signed integer, amount ≥ 0) */
export interface ValueRule extends Base {
  kind: 'value';
  cell: CellId;
  valueKind: ValueKind;
}

/** R2.5: a purchase amount with no purchases (count 0), or with the count left blank */
export interface AmountWithoutCountRule extends Base {
  kind: 'amount_without_count';
  count: CellId;
  amount: CellId;
}

/**
 * Y1 (across years): the figure Σ current × currentFactor of this year against Σ previous ×
 * previousFactor of last year (cells marked prevId, rules/crossyear.ts): with both known, the
 * larger ≥ floor and one ≥ ratio × the other. No cells on a side: the format has no such figure.
 */
export interface JumpRule extends Base {
  kind: 'jump';
  current: CellId[];
  previous: CellId[];
  currentFactor: number;
  previousFactor: number;
  ratio: number;
  floor: number;
}

export type RuleInstance = EquationRule | ValueRule | AmountWithoutCountRule | JumpRule;

const ids = new WeakMap<object, string>();
/**
 * `R3.1@natural`. Kept per instance: a fresh template string is hashed anew by every Map it
 * is looked up in, which made the per-report verdict maps a tenth of the reading's time.
 */
export function instanceId(r: { rule: string; at: string }): string {
  let id = ids.get(r);
  if (id === undefined) ids.set(r, (id = `${r.rule}@${r.at}`));
  return id;
}

function t3Rules(format: FormatId): RuleInstance[] {
  const def = FORMATS[format];
  const out: RuleInstance[] = [];
  for (const c of T3_COLUMNS) {
    const id = (row: string) => t3Id(row, c.key);
    const flowsIn = [id('new_received'), id('carried_in')];
    out.push({
      kind: 'equation', rule: 'R3.1', at: c.key, severity: 'error', relation: '=',
      left: flowsIn, right: [id('results_total'), id('carried_out')],
    });
    out.push({
      kind: 'equation', rule: 'R3.2', at: c.key, severity: 'error', relation: '=',
      left: [id('results_total')], right: def.resultRows.map(id),
    });
    out.push({
      kind: 'equation', rule: 'R3.5', at: c.key, severity: 'info', relation: '=',
      left: flowsIn, right: [...def.resultRows.map(id), id('carried_out')], explains: `R3.1@${c.key}`,
    });
  }
  const parts = T3_COLUMNS.filter((c) => c.key !== 'total');
  for (const r of def.t3Rows) {
    out.push({
      kind: 'equation', rule: 'R3.3', at: r.key, severity: 'error', relation: '=',
      left: [t3Id(r.key, 'total')], right: parts.map((c) => t3Id(r.key, c.key)),
    });
  }
  for (const r of formatCells(format).t3Rows) {
    for (const cell of r.cells) out.push({ kind: 'value', rule: 'R3.4', at: cell, severity: 'error', cell, valueKind: 'count' });
  }
  return out;
}

function t4Rules(): RuleInstance[] {
  const out: RuleInstance[] = [];
  const parts = T4_COLUMNS.filter((c) => c.key !== 'total');
  T4_BLOCKS.forEach((b, i) => {
    out.push({
      kind: 'equation', rule: `R4.${i + 1}`, at: b.key, severity: 'error', relation: '=',
      left: [t4Id(b.key, 'total')], right: parts.map((c) => t4Id(b.key, c.key)),
    });
  });
  for (const b of T4_BLOCKS) {
    for (const c of T4_COLUMNS) {
      const cell = t4Id(b.key, c.key);
      out.push({ kind: 'value', rule: 'R4.4', at: cell, severity: 'error', cell, valueKind: 'count' });
    }
  }
  return out;
}

function t2Rules(format: FormatId): RuleInstance[] {
  const out: RuleInstance[] = [];
  for (const b of FORMATS[format].t2) {
    for (const r of b.rows) {
      for (const c of b.columns) {
        const cell = t2Id(b.key, r.key, c.key);
        out.push({ kind: 'value', rule: 'R2.1', at: cell, severity: 'error', cell, valueKind: c.kind });
      }
    }
  }
  for (const r of ['regulation', 'normative_doc']) {
    const id = (col: string) => t2Id('art20_1', r, col);
    if (format === 'gov2021') {
      // in_force ≥ made − repealed, written without a minus so that it stays a sum of non-negatives
      out.push({
        kind: 'equation', rule: 'R2.2', at: r, severity: 'warning', relation: '>=',
        left: [id('in_force'), id('repealed')], right: [id('made')],
      });
    } else {
      out.push({
        kind: 'equation', rule: 'R2.4', at: r, severity: 'warning', relation: '>=',
        left: [id('total_published')], right: [id('new_published')],
      });
    }
  }
  if (format === 'gov2019') {
    out.push({
      kind: 'amount_without_count', rule: 'R2.5', at: 'art20_9', severity: 'warning',
      count: t2Id('art20_9', 'procurement', 'projects'), amount: t2Id('art20_9', 'procurement', 'amount_yuan'),
    });
  }
  return out;
}

const cache = new Map<FormatId, RuleInstance[]>();

/** every rule instance of a format, in a stable order: 表二, 表三, 表四 */
export function ruleInstances(format: FormatId): RuleInstance[] {
  let list = cache.get(format);
  if (!list) {
    list = [...t2Rules(format), ...t3Rules(format), ...t4Rules()];
    cache.set(format, list);
  }
  return list;
}

/** the cells an instance reads */
export function instanceCells(r: RuleInstance): CellId[] {
  switch (r.kind) {
    case 'equation':
      return [...r.left, ...r.right];
    case 'value':
      return [r.cell];
    case 'amount_without_count':
      return [r.count, r.amount];
    case 'jump':
      return [...r.current, ...r.previous];
  }
}
