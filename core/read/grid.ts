/**
 * Physical rows → the format's rows. Three ways a row gets its values, tried in this order:
 * 1. inline: the label and the values are one row of the text;
 * 2. stream: labels first, then their values one a line (PDF text), row by row or column by
 *    column — the rules (R3.3) tell which;
 * 3. order: value rows that lost their labels fill the rows still empty between the rows
 *    already placed, in the table's order (PDF converters move labels out of tables).
 */
import type { GridRow } from '../format/cells.ts';
import { matchLabel } from './labels.ts';
import type { PhysRow, Run, ValueCell } from './tokens.ts';

export type Orientation = 'row' | 'column';

export interface Placed {
  values: ValueCell[];
  line: number;
  how: 'inline' | 'stream' | 'order';
  /** the shape of the row the values came from (see PhysRow); '' when they came without a label */
  shape: string;
  /** the values are still one run of digits (cells run together) */
  run?: Run;
  /** the values were split out of a run by the rules: settled, or some cells left ambiguous */
  split?: 'settled' | 'ambiguous';
  /** the row was placed by a guess that the rules could not settle */
  ambiguous?: boolean;
  /**
   * the row's values may be one row off: a neighbouring row of the grid got no values, and a
   * line of numbers without a label stands beside this row (`values`, at `line`) or the
   * neighbour's label stands alone on the line before (a label lost or garbled by OCR)
   */
  shift?: { neighbour: string; values: ValueCell[]; line?: number };
}

export interface GridOptions {
  /** true when a row's values satisfy the table's row rule (R3.3 for 表三) */
  rowHolds?: (values: (number | null)[]) => boolean;
  /** the orientation the document showed elsewhere (表三 decides it for 表二) */
  orientation?: Orientation;
  /** column headers (总计, 其他): standing alone on a line they name a column, not a row */
  headers?: Set<string>;
  /** use `orientation` for every stream, whatever the row rule says (to compare the two) */
  force?: boolean;
}

export interface GridResult {
  placed: Map<string, Placed>;
  /** lines whose numbers found no row */
  strays: number[];
  /** orientation decided by the rules for value streams, if any */
  orientation?: Orientation;
  /** a value stream whose orientation the row rule could not decide */
  undecided?: boolean;
}

function hasNumber(r: PhysRow): boolean {
  if (r.run !== undefined) return true;
  for (const v of r.values) if (v.token.kind === 'num' || v.token.kind === 'na') return true;
  return false;
}
const numOf = (v: ValueCell | undefined) => (v && v.token.kind === 'num' ? v.token.value : null);

/** each grid's row positions by key (the format's grids are the same arrays on every read) */
const indexes = new WeakMap<GridRow[], Map<string, number>>();
function indexOf(grid: GridRow[]): Map<string, number> {
  let index = indexes.get(grid);
  if (!index) indexes.set(grid, (index = new Map(grid.map((g, i) => [g.key, i]))));
  return index;
}

export function assemble(rows: PhysRow[], grid: GridRow[], opts: GridOptions = {}): GridResult {
  const index = indexOf(grid);
  const width = (g: GridRow) => g.cells.length;
  const placed = new Map<string, Placed>();
  const strays: number[] = [];
  let orientation: Orientation | undefined;
  let undecided = false;

  // whether each row holds a number, asked many times below
  const num = rows.map(hasNumber);
  // labels → rows of the format; a label broken over two lines is matched joined
  // (a row with no label — a PDF's value streams: hundreds of lines — names none)
  const keys: (GridRow | null)[] = rows.map((r, i) =>
    !r.label || (!num[i] && opts.headers?.has(r.label)) ? null : matchLabel(r.label, grid),
  );
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    if (!keys[i] && r.label && !num[i] && next && next.label && !num[i + 1] && !keys[i + 1]) {
      keys[i] = matchLabel(r.label + next.label, grid);
    }
  });

  const place = (g: GridRow, p: Placed) => {
    if (placed.has(g.key)) return false;
    placed.set(g.key, p);
    return true;
  };

  // 1. inline
  const valueRow = (i: number, g: GridRow | null) =>
    num[i] || (g !== null && rows[i]!.delimited && rows[i]!.values.length >= width(g));
  rows.forEach((r, i) => {
    const g = keys[i];
    if (g && valueRow(i, g) && !place(g, { values: r.values, line: r.line, how: 'inline', shape: r.shape, ...(r.run ? { run: r.run } : {}) })) strays.push(r.line);
  });

  // 2. streams, and rows whose one pending label is unambiguous
  const orphans: { line: number; values: ValueCell[] }[] = [];
  let pending: GridRow[] = [];
  let loose = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const g = keys[i];
    if (g) {
      if (valueRow(i, g)) pending = [];
      else if (!placed.has(g.key) && !pending.includes(g)) pending.push(g);
      continue;
    }
    if (!num[i]) continue;
    const single = !r.label && r.values.length === 1;
    if (!single) {
      if (pending.length === 1 && r.values.length <= width(pending[0]!) + 2) {
        place(pending[0]!, { values: r.values, line: r.line, how: 'order', shape: r.shape });
      } else {
        orphans.push({ line: r.line, values: r.values });
      }
      pending = [];
      continue;
    }
    let j = i;
    const run: ValueCell[] = [];
    while (j < rows.length && !rows[j]!.label && rows[j]!.values.length === 1 && num[j]) run.push(rows[j++]!.values[0]!);
    i = j - 1;
    let k = 0;
    let sum = 0;
    while (k < pending.length && sum < run.length) sum += width(pending[k++]!);
    // values standing before any label (pdftotext puts a row's numbers before its wrapped
    // label): which label a later run belongs to is no longer known from the order
    if (k === 0) loose = true;
    if (k > 0 && sum === run.length) {
      const block = pending.slice(0, k).sort((a, b) => index.get(a.key)! - index.get(b.key)!);
      pending = pending.slice(k);
      const o = orient(block.map(width), run, opts);
      if (o.decided) orientation ??= o.orientation;
      if (o.ambiguous) undecided = true;
      block.forEach((b, n) => place(b, { values: o.rows[n]!, line: o.rows[n]![0]!.line, how: 'stream', shape: '', ambiguous: o.ambiguous || loose || undefined }));
      continue;
    }
    const w = grid[0] ? width(grid[0]) : 0;
    if (w > 1 && grid.every((x) => width(x) === w) && run.length % w === 0) {
      const o = orient(new Array(run.length / w).fill(w), run, opts);
      if (o.decided) orientation ??= o.orientation;
      if (o.ambiguous) undecided = true;
      for (const vals of o.rows) orphans.push({ line: vals[0]!.line, values: vals });
    } else {
      for (const line of new Set(run.map((v) => v.line))) strays.push(line);
    }
  }

  // 3. orphans fill the empty rows between placed rows, in the table's order
  const anchors = () =>
    [...placed.entries()].map(([key, p]) => ({ idx: index.get(key)!, line: p.line })).sort((a, b) => a.line - b.line);
  const groups = new Map<string, { prev: number; next: number; members: typeof orphans }>();
  const fixed = orphans.length ? anchors() : [];
  const left: typeof orphans = [];
  for (const o of orphans.sort((a, b) => a.line - b.line)) {
    let prev = -1;
    for (const a of fixed) if (a.line < o.line && a.idx > prev) prev = a.idx;
    let next = grid.length;
    for (const a of fixed) if (a.line > o.line && a.idx > prev && a.idx < next) next = a.idx;
    const id = `${prev}:${next}`;
    if (!groups.has(id)) groups.set(id, { prev, next, members: [] });
    groups.get(id)!.members.push(o);
  }
  // the rows some label names (asked only where lines of numbers lost theirs)
  const seen = orphans.length ? new Set(keys.filter((k): k is GridRow => !!k).map((k) => k.key)) : new Set<string>();
  for (const { prev, next, members } of groups.values()) {
    const open = grid.slice(prev + 1, next).filter((g) => !placed.has(g.key));
    const labelled = open.filter((g) => seen.has(g.key));
    let targets: GridRow[];
    let guess = false;
    if (members.length === open.length) targets = open;
    else if (members.length === labelled.length) targets = labelled;
    else {
      targets = open.slice(0, members.length);
      guess = true;
    }
    members.forEach((m, n) => {
      const t = targets[n];
      if (t) place(t, { values: m.values, line: m.line, how: 'order', shape: '', ambiguous: guess || undefined });
      else {
        strays.push(m.line);
        left.push(m);
      }
    });
  }
  if (left.length) markShifts(left, placed, grid, index, rows.filter((_, i) => keys[i]).map((r) => r.line));
  // a row's label alone on its line, the next row's label with numbers on the very next line:
  // OCR may have put the numbers of the row above on the next row's label line (and lost the
  // rest). Not where the label ends in letters or digits: OCR read the row's own numbers as
  // letters there (“oooo o on”), so the next row's numbers are its own.
  rows.forEach((r, i) => {
    const g = keys[i];
    const h = keys[i + 1];
    const p = h && placed.get(h.key);
    if (!g || num[i] || /[A-Za-z0-9]$/.test(r.label) || placed.has(g.key) || !p || p.how !== 'inline' || p.line !== rows[i + 1]!.line) return;
    if (index.get(h.key) === index.get(g.key)! + 1) p.shift ??= { neighbour: g.key, values: [] };
  });
  const result: GridResult = { placed, strays };
  if (orientation) result.orientation = orientation;
  if (undecided) result.undecided = true;
  return result;
}

/**
 * Flag, never shift: a line of numbers that found no row, standing next to a placed row with
 * no label between them, while the grid row on the far side of that placed row got nothing —
 * the labels and the lines of numbers are out of step by one (OCR lost or garbled a label,
 * or put a row's numbers on the next row's label line). Which line is whose is not known: the
 * placed row is marked, its neighbour named. A row placed inline whose neighbour is filled is
 * left alone (a stray line of junk beside a complete table moves nothing).
 */
function markShifts(
  left: { line: number; values: ValueCell[] }[],
  placed: Map<string, Placed>,
  grid: GridRow[],
  index: Map<string, number>,
  labelLines: number[],
): void {
  const entries = [...placed.entries()];
  for (const o of left) {
    if (o.values.filter((v) => v.token.kind === 'num').length < 2) continue;
    // the placed rows nearest the line on each side, no labelled line between
    const before = entries.filter(([, p]) => p.line < o.line).sort((a, b) => b[1].line - a[1].line)[0];
    const after = entries.filter(([, p]) => p.line > o.line).sort((a, b) => a[1].line - b[1].line)[0];
    const clear = (from: number, to: number) => !labelLines.some((l) => l > from && l < to);
    const sides: [[string, Placed] | undefined, number][] = [
      [before && clear(before[1].line, o.line) ? before : undefined, -1],
      [after && clear(o.line, after[1].line) ? after : undefined, 1],
    ];
    for (const [near, step] of sides) {
      if (!near) continue;
      const g = grid[index.get(near[0])! + step];
      if (!g || placed.has(g.key)) continue;
      near[1].shift ??= { neighbour: g.key, line: o.line, values: o.values };
    }
  }
}

/** split a run of single values into rows, row by row or column by column */
function orient(
  widths: number[],
  run: ValueCell[],
  opts: GridOptions,
): { rows: ValueCell[][]; orientation: Orientation; decided: boolean; ambiguous?: boolean } {
  const byRow: ValueCell[][] = [];
  let at = 0;
  for (const w of widths) {
    byRow.push(run.slice(at, at + w));
    at += w;
  }
  const k = widths.length;
  const w = widths[0]!;
  if (k < 2 || widths.some((x) => x !== w)) return { rows: byRow, orientation: 'row', decided: false };
  // column by column: row r's c-th value is the run's (c * k + r)-th
  const byCol: ValueCell[][] = [];
  let same = true;
  for (let r = 0; r < k; r++) {
    const vals: ValueCell[] = [];
    for (let c = 0; c < w; c++) {
      const v = run[c * k + r]!;
      vals.push(v);
      if (numOf(v) !== numOf(byRow[r]![c])) same = false;
    }
    byCol.push(vals);
  }
  if (same) return { rows: byRow, orientation: 'row', decided: false };
  if (opts.force && opts.orientation) return { rows: opts.orientation === 'row' ? byRow : byCol, orientation: opts.orientation, decided: false };
  if (opts.rowHolds) {
    const score = (rows: ValueCell[][]) => rows.filter((vals) => opts.rowHolds!(vals.map(numOf))).length;
    const sr = score(byRow);
    const sc = score(byCol);
    if (sr !== sc) return sr > sc ? { rows: byRow, orientation: 'row', decided: true } : { rows: byCol, orientation: 'column', decided: true };
  }
  if (opts.orientation) return { rows: opts.orientation === 'row' ? byRow : byCol, orientation: opts.orientation, decided: false };
  return { rows: byRow, orientation: 'row', decided: false, ambiguous: true };
}
