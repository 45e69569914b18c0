/**
 * A Map of cells whose entries are made, not stored (a template with a unit's cells over it,
 * rows made when written): every way to walk it goes through the subclass's `entries()`, so the
 * two stay one walk.
 */
import type { Address, CellModel } from './model.ts';

/** subclasses override entries(); their own stored cells stay reachable as super.entries() */
export class DerivedCells extends Map<Address, CellModel> {
  override [Symbol.iterator](): MapIterator<[Address, CellModel]> {
    return this.entries();
  }

  override *keys(): MapIterator<Address> {
    for (const [a] of this.entries()) yield a;
  }

  override *values(): MapIterator<CellModel> {
    for (const [, c] of this.entries()) yield c;
  }

  override forEach(fn: (value: CellModel, key: Address, map: Map<Address, CellModel>) => void, thisArg?: unknown): void {
    for (const [a, c] of this.entries()) fn.call(thisArg, c, a, this);
  }
}
