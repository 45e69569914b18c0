/**
 * Deliberate mistakes, each with the finding ids it causes. Value mistakes are judged by the
 * generator's own reading of the rules (oracle.ts, from the tables' structure — never
 * core/rules), on the values a correct reader gets; a changed cell also names the equations
 * it sits in (equationsOf), which it must break.
 */
import { cellIds, formatCells, t2Id, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { brokenInstances, equationsOf } from './oracle.ts';
import { truthValues, type AnyLayout, type Doc, type LostCell } from './model.ts';
import type { Values } from './numbers.ts';
import type { Rng } from './random.ts';

export const VIOLATION_KINDS = [
  't3-cell',
  't4-cell',
  'r2.2',
  'r2.4',
  'r2.5',
  'blank',
  'missing-section',
  'title-no-year',
  'lost-t3',
  'lost-t4',
  'prose-figure',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface Applied {
  kind: ViolationKind;
  /** what was done, for messages when a test fails */
  detail: string;
  /** finding ids (errors and warnings) this mistake adds */
  findings: string[];
  /** the cell it changed or blanked, if one */
  cell?: CellId;
  /** the cell's true value before the mistake (t3-cell, t4-cell) */
  was?: number;
  /** for a changed cell: the equations it sits in, by the table's structure — each must now fail */
  breaks?: string[];
}

/** the cells of the row a lost cell belongs to, in the order the text writes them */
export function lostRowCells(format: FormatId, lost: LostCell): CellId[] {
  return lost.table === 't4' ? formatCells(format).t4Row.cells : T3_COLUMNS.map((c) => t3Id(lost.row, c.key));
}

/** error and warning ids the cell rules must report for these values (the generator's own judge) */
export function ruleFindingIds(format: FormatId, values: Values): { errors: string[]; warnings: string[] } {
  return brokenInstances(format, values);
}

const allIds = (format: FormatId, values: Values) => {
  const r = ruleFindingIds(format, values);
  return new Set([...r.errors, ...r.warnings]);
};

/** which mistakes a layout can show: PDF text has no blank cells, Word and streams lose none */
export function fits(kind: ViolationKind, layout: AnyLayout, format: FormatId): boolean {
  if (kind === 'blank') return !layout.startsWith('pdf-');
  if (kind === 'lost-t3' || kind === 'lost-t4') return layout !== 'word-cells' && !layout.startsWith('pdf-stream');
  if (kind === 'r2.2') return format === 'gov2021';
  if (kind === 'r2.4' || kind === 'r2.5') return format === 'gov2019';
  return true;
}

/** cells no mistake has touched yet, so that two mistakes never fall on one cell */
function freeCell(used: Set<string>, candidates: CellId[], rng: Rng): CellId {
  const free = candidates.filter((id) => !used.has(id));
  return rng.pick(free.length ? free : candidates);
}

/** a change d ≠ 0 that keeps the value non-negative */
function delta(rng: Rng, v: number): number {
  const d = rng.int(1, 5);
  return v >= d && rng.chance(0.5) ? -d : d;
}

/**
 * Apply one mistake to the document. `used` collects the rows, columns and cells already
 * touched, so that mistakes are spread over different equations.
 */
export function applyViolation(doc: Doc, kind: ViolationKind, rng: Rng, used: Set<string>): Applied {
  const before = allIds(doc.format, truthValues(doc, (l) => lostRowCells(doc.format, l)));
  const changed = (detail: string, extra: string[] = [], cell?: CellId, was?: number): Applied => {
    const after = allIds(doc.format, truthValues(doc, (l) => lostRowCells(doc.format, l)));
    const findings = [...extra, ...[...after].filter((id) => !before.has(id))];
    return { kind, detail, findings, ...(cell ? { cell } : {}), ...(was !== undefined ? { was } : {}) };
  };
  const v = doc.values;
  const def = FORMATS[doc.format];
  switch (kind) {
    case 't3-cell': {
      const rows = def.t3Rows.map((r) => r.key).filter((r) => !used.has(`row:${r}`));
      const cols = T3_COLUMNS.map((c) => c.key).filter((c) => !used.has(`col:${c}`));
      const row = rng.pick(rows.length ? rows : def.t3Rows.map((r) => r.key));
      const col = rng.pick(cols.length ? cols : T3_COLUMNS.map((c) => c.key));
      used.add(`row:${row}`).add(`col:${col}`);
      const id = t3Id(row, col);
      used.add(id);
      const was = v[id] ?? 0;
      const d = delta(rng, was);
      v[id] = was + d;
      return { ...changed(`${id} ${d > 0 ? '+' : ''}${d}`, [], id, was), breaks: equationsOf(doc.format, id) };
    }
    case 't4-cell': {
      const blocks = T4_BLOCKS.map((b) => b.key).filter((b) => !used.has(`block:${b}`));
      const block = rng.pick(blocks.length ? blocks : T4_BLOCKS.map((b) => b.key));
      used.add(`block:${block}`);
      const id = t4Id(block, rng.pick(T4_COLUMNS).key);
      used.add(id);
      const was = v[id] ?? 0;
      const d = delta(rng, was);
      v[id] = was + d;
      return { ...changed(`${id} ${d > 0 ? '+' : ''}${d}`, [], id, was), breaks: equationsOf(doc.format, id) };
    }
    case 'r2.2': {
      const row = rng.pick(['regulation', 'normative_doc']);
      const id = (c: string) => t2Id('art20_1', row, c);
      const made = rng.int(2, 9);
      v[id('made')] = made;
      v[id('repealed')] = rng.int(0, 1);
      v[id('in_force')] = rng.int(0, made - (v[id('repealed')] ?? 0) - 1);
      used.add(id('made')).add(id('repealed')).add(id('in_force'));
      return changed(`表二 ${row} 现行有效件数少于制发减废止`);
    }
    case 'r2.4': {
      const row = rng.pick(['regulation', 'normative_doc']);
      const id = (c: string) => t2Id('art20_1', row, c);
      const published = rng.int(2, 9);
      v[id('new_made')] = published + rng.int(0, 2);
      v[id('new_published')] = published;
      v[id('total_published')] = rng.int(0, published - 1);
      used.add(id('new_made')).add(id('new_published')).add(id('total_published'));
      return changed(`表二 ${row} 对外公开总数量少于本年新公开数量`);
    }
    case 'r2.5': {
      const count = t2Id('art20_9', 'procurement', 'projects');
      const amount = t2Id('art20_9', 'procurement', 'amount_yuan');
      v[count] = 0;
      if (!v[amount]) v[amount] = rng.int(1, 900) * 100;
      used.add(count).add(amount);
      return changed('采购项目数量为 0 而有采购总金额');
    }
    case 'blank': {
      // the lost row, if any, keeps its cells: a blank beside a lost cell would be read as lost
      const lostRow = doc.lost ? new Set(lostRowCells(doc.format, doc.lost)) : new Set<string>();
      // nor into an equation a changed cell sits in: it would leave that equation undecided
      const apart = (c: string) => {
        const m3 = /^t3\.(\w+)\.(\w+)$/.exec(c);
        const m4 = /^t4\.(\w+)\./.exec(c);
        return m3 ? !used.has(`row:${m3[1]}`) && !used.has(`col:${m3[2]}`) : m4 ? !used.has(`block:${m4[1]}`) : true;
      };
      const candidates = cellIds(doc.format).filter((c) => !lostRow.has(c));
      const id = freeCell(used, candidates.some(apart) ? candidates.filter(apart) : candidates, rng);
      used.add(id);
      v[id] = null;
      return changed(`${id} 空格`, [`S3@${id}`], id);
    }
    case 'missing-section': {
      const n = doc.omitSection ?? rng.pick([1, 5, 6]);
      doc.omitSection = n;
      return changed(`缺第${n}部分`, [`S1@${n}`]);
    }
    case 'title-no-year': {
      doc.titleHasYear = false;
      return changed('标题没有年度', ['S4']);
    }
    case 'lost-t3': {
      if (doc.lost) return { kind, detail: '已有丢格的行', findings: [] };
      const blanks = new Set(Object.entries(v).filter(([, x]) => x === null).map(([id]) => id));
      const rows = def.t3Rows.map((r) => r.key).filter((r) => !T3_COLUMNS.some((c) => blanks.has(t3Id(r, c.key))));
      const row = rng.pick(rows);
      used.add(`row:${row}`);
      doc.lost = { table: 't3', row, index: rng.chance(0.4) ? 6 : rng.int(0, 6) };
      return changed(`表三 ${row} 丢失第 ${doc.lost.index + 1} 格`, [`S2@${row}`]);
    }
    case 'prose-figure': {
      // which figure is decided when the prose is written (index.ts fills in the finding)
      doc.proseChange = { pick: rng.next(), delta: (rng.chance(0.5) ? 1 : -1) * rng.int(2, 5) };
      return { kind, detail: '正文一处数字与表格不符', findings: [] };
    }
    case 'lost-t4': {
      if (doc.lost) return { kind, detail: '已有丢格的行', findings: [] };
      if (T4_BLOCKS.some((b) => T4_COLUMNS.some((c) => v[t4Id(b.key, c.key)] === null))) {
        return { kind, detail: '表四有空格，不再丢格', findings: [] };
      }
      doc.lost = { table: 't4', index: rng.int(0, 14) };
      return changed(`表四丢失第 ${doc.lost.index + 1} 格`, ['S2@suit_after_review']);
    }
  }
}
