/**
 * A unit sheet's cells as its format's template (shared by every unit, never changed) with
 * the unit's own cells over it: a Map to everyone who reads a SheetModel. A thousand unit
 * sheets then hold their numbers only, not a thousand copies of the template's labels and
 * check formulas; the streamed writer turns a row the unit does not touch into XML once for
 * all units (xlsx/stream.ts). Iteration: the template's cells not set over, then the own.
 */
import { DerivedCells } from './derived-cells.ts';
import type { Address, CellModel } from './model.ts';

export class OverlayCells extends DerivedCells {
  private shadowed = 0;

  constructor(readonly base: ReadonlyMap<Address, CellModel>) {
    super();
  }

  override get size(): number {
    return this.base.size - this.shadowed + super.size;
  }

  override get(a: Address): CellModel | undefined {
    return super.get(a) ?? this.base.get(a);
  }

  override has(a: Address): boolean {
    return super.has(a) || this.base.has(a);
  }

  override set(a: Address, cell: CellModel): this {
    if (!super.has(a) && this.base.has(a)) this.shadowed++;
    return super.set(a, cell);
  }

  override delete(): boolean {
    throw new Error('OverlayCells: cells cannot be deleted');
  }

  override clear(): void {
    throw new Error('OverlayCells: cells cannot be deleted');
  }

  /** the unit's own cells */
  own(): IterableIterator<[Address, CellModel]> {
    return super.entries();
  }

  override *entries(): MapIterator<[Address, CellModel]> {
    for (const [a, c] of this.base) if (!super.has(a)) yield [a, c];
    yield* super.entries();
  }
}
