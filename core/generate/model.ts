/** The generated report before it is written out: what every renderer reads. */
import { T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Values } from './numbers.ts';
import type { ProseChange } from './prose.ts';
import type { TTable } from './tablemodel.ts';
import type { Unit } from './units.ts';

export const LAYOUTS = [
  'word-cells',
  'word-tabs',
  'pipe',
  'markdown',
  'pdf-text',
  'pdf-stream-rows',
  'pdf-stream-columns',
  'traditional',
  'typos',
] as const;
export type Layout = (typeof LAYOUTS)[number];

/** layouts that are markup, not pasted text: a web page (or its clipboard HTML) and a Word document's XML */
export const MARKUP_LAYOUTS = ['html', 'docx'] as const;
export type MarkupLayout = (typeof MARKUP_LAYOUTS)[number];
export type AnyLayout = Layout | MarkupLayout;

/** a cell the source lost: the row is written one cell short */
export type LostCell = { table: 't3'; row: string; index: number } | { table: 't4'; index: number };

export interface Prose {
  /** paragraphs of 一、总体情况, with sub-headings as their own paragraphs */
  general: string[];
  problems: string[];
  other: string[];
}

export interface Doc {
  unit: Unit;
  year: number;
  format: FormatId;
  /** the values as the tables print them; null = a blank cell */
  values: Values;
  titleHasYear: boolean;
  /** a section left out (its heading and text) */
  omitSection: number | null;
  lost: LostCell | null;
  /** one figure of the prose made to disagree with the tables (N1–N6), if any */
  proseChange?: ProseChange;
  prose: Prose;
  /** the page lost its title (a fragment copied from below it) */
  noTitle?: boolean;
  /** how a table is drawn, when a layout draws it otherwise than the template (see odd.ts) */
  drawn?: (t: TTable) => TTable;
}

/** the sum of counts, a blank counted as nothing */
const sum = (vs: (number | null)[]) => vs.reduce<number>((n, v) => n + (v ?? 0), 0);

/** 表三's row short by one: anywhere but 总计, the last value read would be 总计 below the sum of the counts before it */
function t3OnlyLast(kept: number[]): boolean {
  const counts = T3_COLUMNS.length - 1;
  return sum(kept.slice(0, counts - 1)) > kept[counts - 1]!;
}

/** 表四's row short by one: can its blocks (counts, then their 总计) hold with a blank anywhere but the last cell? */
function t4OnlyLast(kept: number[]): boolean {
  const width = T4_COLUMNS.length;
  for (let k = 0; k < kept.length; k++) {
    const row: (number | null)[] = [...kept.slice(0, k), null, ...kept.slice(k)];
    const holds = T4_BLOCKS.every((_, b) => {
      const parts = row.slice(b * width, (b + 1) * width - 1);
      const total = row[(b + 1) * width - 1] ?? null;
      if (total === null) return true;
      return parts.includes(null) ? sum(parts) <= total : sum(parts) === total;
    });
    if (holds) return false;
  }
  return true;
}

/**
 * The value of every cell as a correct reader reports it. A row that lost a cell cannot say
 * which: its cells are flagged and left empty (null) — unless where the cell was lost does not
 * matter (every value the same: the row reads shifted left) or only the last place is possible
 * (表三: with the cell lost anywhere but 总计, the sixth value would stand as 总计 below the sum
 * of the five before it, which no count can be; 表四: a blank anywhere else breaks a block's sum).
 */
export function truthValues(doc: Doc, rowCells: (lost: LostCell) => CellId[]): Values {
  const out: Values = { ...doc.values };
  if (doc.lost) {
    const ids = rowCells(doc.lost);
    const kept = ids.filter((_, i) => i !== doc.lost!.index).map((id) => doc.values[id] ?? null);
    const same = kept.every((v) => v === kept[0]);
    const onlyLast = !kept.includes(null) && (doc.lost.table === 't3' ? t3OnlyLast : t4OnlyLast)(kept as number[]);
    ids.forEach((id, i) => (out[id] = (same || onlyLast) && i < kept.length ? kept[i]! : null));
  }
  return out;
}
