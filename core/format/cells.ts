/** Cell ids of a format, and what each one is: the vocabulary the rules, reader and sheets share. */
import { cellName } from './names.ts';
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from './tables.ts';
import type { CellId, ColumnDef, FormatDef, FormatId, RowDef } from './types.ts';

export interface CellInfo {
  id: CellId;
  table: 't2' | 't3' | 't4';
  /** t2: block key; t4: block key; t3: undefined */
  block?: string;
  /** row key (t2, t3); for t4 the block key */
  row: string;
  col: string;
  column: ColumnDef;
  /** the cell as the report names it (names.ts), e.g. 表三 “（一）予以公开” 行 “自然人” 列 */
  name: string;
}

/**
 * A row of the source tables as the reader fills it: the row that is matched by a label,
 * and the cells its values go into, left to right. 表四 is one row of 15 cells.
 */
export interface GridRow {
  table: 't2' | 't3' | 't4';
  /** locus for S2: the row key (t2, t3) or, for t4, decided per lost cell */
  key: string;
  def: RowDef | null;
  cells: CellId[];
}

export const t3Id = (row: string, col: string): CellId => `t3.${row}.${col}`;
export const t4Id = (block: string, col: string): CellId => `t4.${block}.${col}`;
export const t2Id = (block: string, row: string, col: string): CellId => `t2.${block}.${row}.${col}`;

interface FormatCells {
  list: CellInfo[];
  byId: Map<CellId, CellInfo>;
  t2Rows: GridRow[];
  t3Rows: GridRow[];
  t4Row: GridRow;
}

const cache = new Map<FormatId, FormatCells>();

function build(format: FormatDef): FormatCells {
  const list: CellInfo[] = [];
  const t2Rows: GridRow[] = [];
  for (const block of format.t2) {
    for (const r of block.rows) {
      const ids: CellId[] = [];
      for (const c of block.columns) {
        const id = t2Id(block.key, r.key, c.key);
        ids.push(id);
        list.push({ id, table: 't2', block: block.key, row: r.key, col: c.key, column: c, name: cellName(format.id, id) });
      }
      t2Rows.push({ table: 't2', key: r.key, def: r, cells: ids });
    }
  }
  const t3Rows: GridRow[] = [];
  for (const r of format.t3Rows) {
    const ids: CellId[] = [];
    for (const c of T3_COLUMNS) {
      const id = t3Id(r.key, c.key);
      ids.push(id);
      list.push({ id, table: 't3', row: r.key, col: c.key, column: c, name: cellName(format.id, id) });
    }
    t3Rows.push({ table: 't3', key: r.key, def: r, cells: ids });
  }
  const t4Cells: CellId[] = [];
  for (const b of T4_BLOCKS) {
    for (const c of T4_COLUMNS) {
      const id = t4Id(b.key, c.key);
      t4Cells.push(id);
      list.push({ id, table: 't4', block: b.key, row: b.key, col: c.key, column: c, name: cellName(format.id, id) });
    }
  }
  return {
    list,
    byId: new Map(list.map((c) => [c.id, c])),
    t2Rows,
    t3Rows,
    t4Row: { table: 't4', key: 't4', def: null, cells: t4Cells },
  };
}

export function formatCells(id: FormatId): FormatCells {
  let fc = cache.get(id);
  if (!fc) {
    fc = build(FORMATS[id]);
    cache.set(id, fc);
  }
  return fc;
}

/** every cell id of the format, in table order */
export function cellIds(id: FormatId): CellId[] {
  return formatCells(id).list.map((c) => c.id);
}

export function cellInfo(format: FormatId, id: CellId): CellInfo {
  const info = formatCells(format).byId.get(id);
  if (!info) throw new Error(`unknown cell id ${id} in ${format}`);
  return info;
}

/** the t3 row definition by key, in either format */
export function t3RowDef(format: FormatId, key: string): RowDef | undefined {
  return FORMATS[format].t3Rows.find((r) => r.key === key);
}
