/**
 * A table, its merges already expanded into a grid, → one tab-separated line a row as Word
 * pastes it. The reader knows this shape: merge padding is empty cells, a blank value is an
 * empty cell, a row that lost a cell is one cell short.
 */

/**
 * A slot of the grid: a cell's text; the empty slot below a cell merged downwards (`{text: ''}`)
 * or beside one merged across (`beside`); undefined where no cell covers the slot.
 */
export type GridCell = { text: string; beside?: boolean } | undefined;

const clean = (s: string) => s.replace(/[\t\n\r]+/g, ' ').trim();
/** a cell that holds one value (a number, or a dash for 不适用) */
const VALUE = /^(?:[+\-]?\d[\d,]*(?:\.\d+)?[ ]?(?:万元|元|件|条)?|[—–\-－]{1,2}|\/)$/;

/**
 * One line a row; rows with nothing in them (spacers) are left out. A row that ends short of
 * the table's width lost a cell: it is written without the padding beside merged labels, as
 * converters that lose a cell write it, so its values keep their order from the left.
 */
export function tableLines(grid: GridCell[][]): string[] {
  const ends = grid.map((row) => {
    let last = row.length - 1;
    while (last >= 0 && row[last] === undefined) last--;
    return last + 1;
  });
  const width = ends.reduce((m, e) => Math.max(m, e), 0);
  const out: string[] = [];
  grid.forEach((row, r) => {
    const short = ends[r]! < width;
    const cells: string[] = [];
    let owner = '';
    for (let i = 0; i < ends[r]!; i++) {
      const c = row[i];
      if (c && !c.beside) owner = clean(c.text);
      if (short && c?.beside) continue;
      // a value merged across columns is one value: the row's count of values is what
      // counts, not the grid the header drew (its padding would shift the values after it)
      if (c?.beside && VALUE.test(owner)) continue;
      cells.push(clean(c?.text ?? ''));
    }
    if (cells.some((c) => c !== '')) out.push(cells.join('\t'));
  });
  return out;
}
