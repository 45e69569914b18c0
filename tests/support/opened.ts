/**
 * A workbook on disk as the Excel double holds it once opened: each sheet's cells, a formula
 * as a formula (the double shows it as empty, not computed), anything else as its value.
 */
import { readFileSync } from 'node:fs';
import { readLight } from '../../core/xlsx/cells.ts';
import type { Stored } from './excel-double.ts';

export type OpenedBook = { name: string; cells: [string, Stored][] }[];

export function opened(path: string): OpenedBook {
  const wb = readLight(new Uint8Array(readFileSync(path)));
  if (!wb) throw new Error(`${path} is no workbook`);
  return wb.names.map((name) => ({
    name,
    cells: [...wb.sheet(name)!.cells].flatMap(([a, c]): [string, Stored][] =>
      c.formula ? [[a, { formula: c.formula }]] : c.value === null || c.value === undefined ? [] : [[a, { value: c.value }]],
    ),
  }));
}
