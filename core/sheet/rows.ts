/**
 * The cells of a very long sheet (校验 and 原文 of a county workbook: millions of cells),
 * made row by row when they are read instead of held. A Map to everyone who reads a
 * SheetModel — get, has, size, iteration in row order — so writers need not know; the rows
 * are kept as a template row and the sheet name to put in, a few bytes each. Cells may be
 * set over the generated ones; deleting is not supported.
 *
 * Why: in a Map, 2.4 million cells of a thousand units cost seconds to insert and several
 * hundred MB to hold, and the garbage collector's work grows with the heap.
 */
import { DerivedCells } from './derived-cells.ts';
import { addr, parseAddress, type Address, type CellModel } from './model.ts';

/** a row: its cells by column, made on demand */
export interface RowSource {
  cells(): readonly (readonly [number, CellModel])[];
}

/** a row whose cells are at hand already */
export const fixedRow = (cells: (readonly [number, CellModel])[]): RowSource => ({ cells: () => cells });

export class RowCells extends DerivedCells {
  private readonly rows: RowSource[] = [];
  private count = 0;
  private shadowed = 0;

  /** rows are appended from `first` on, one after the other */
  constructor(readonly first: number) {
    super();
  }

  /** the next row number to be appended */
  get next(): number {
    return this.first + this.rows.length;
  }

  /** append a row; `width` is the number of cells it makes */
  push(row: RowSource, width: number): void {
    this.rows.push(row);
    this.count += width;
  }

  private generated(row: number): readonly (readonly [number, CellModel])[] | undefined {
    return this.rows[row - this.first]?.cells();
  }

  private generatedGet(a: Address): CellModel | undefined {
    const { row, col } = parseAddress(a);
    return this.generated(row)?.find(([c]) => c === col)?.[1];
  }

  override get size(): number {
    return super.size + this.count - this.shadowed;
  }

  override get(a: Address): CellModel | undefined {
    return super.get(a) ?? this.generatedGet(a);
  }

  override has(a: Address): boolean {
    return super.has(a) || this.generatedGet(a) !== undefined;
  }

  override set(a: Address, cell: CellModel): this {
    if (!super.has(a) && this.generatedGet(a) !== undefined) this.shadowed++;
    return super.set(a, cell);
  }

  override delete(): boolean {
    throw new Error('RowCells: cells cannot be deleted');
  }

  override clear(): void {
    throw new Error('RowCells: cells cannot be deleted');
  }

  /**
   * Every row in order: a generated row as its source (a writer may know how to write it
   * whole), a row with cells set over it as its cells in column order.
   */
  *sourcesInOrder(): Generator<[number, RowSource | (readonly [number, CellModel])[]]> {
    const own = new Map<number, [number, CellModel][]>();
    for (const [a, cell] of super.entries()) {
      const { row, col } = parseAddress(a);
      let r = own.get(row);
      if (!r) own.set(row, (r = []));
      r.push([col, cell]);
    }
    const last = Math.max(this.next - 1, ...own.keys());
    for (let row = 1; row <= last; row++) {
      const mine = own.get(row);
      const source = this.rows[row - this.first];
      if (!mine) {
        if (source) yield [row, source];
        continue;
      }
      const cols = new Set(mine.map(([c]) => c));
      const merged = [...(source?.cells() ?? []).filter(([c]) => !cols.has(c)), ...mine].sort((x, y) => x[0] - y[0]);
      yield [row, merged];
    }
  }

  /** every row with its cells in column order, rows in order */
  *rowsInOrder(): Generator<[number, (readonly [number, CellModel])[]]> {
    for (const [row, r] of this.sourcesInOrder()) yield [row, Array.isArray(r) ? r : [...r.cells()]];
  }

  override *entries(): MapIterator<[Address, CellModel]> {
    for (const [row, cells] of this.rowsInOrder()) for (const [col, cell] of cells) yield [addr(col, row), cell];
  }
}
