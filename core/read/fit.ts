/**
 * One row's values → its cells: merge artefacts trimmed, a short row filled from the left,
 * each blank cell S3, each lost cell S2 and, where the row rule cannot settle where the
 * lost cell was, the rest flagged ambiguous — never shifted silently.
 */
import type { GridRow } from '../format/cells.ts';
import { cellName } from '../format/names.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Cell, Report } from '../report.ts';
import { MESSAGES } from '../rules/messages.ts';
import { finding } from './finding.ts';
import type { GridResult, Placed } from './grid.ts';
import { rowTest } from './rowrules.ts';
import type { ValueCell } from './tokens.ts';

/**
 * Cells of the row were lost (up to three): does the row rule allow them only at the end? Every
 * other place for the missing cells must make the row provably false.
 */
export function onlyAtEnd(known: (number | null)[], width: number, consistent: (v: (number | null)[]) => boolean): boolean {
  const lost = width - known.length;
  if (lost < 1 || lost > 3 || known.some((v) => v === null)) return false;
  // every choice of `lost` places among `width`, the one at the end excepted
  const places = (from: number, left: number): number[][] =>
    left === 0 ? [[]] : Array.from({ length: width - from - left + 1 }, (_, i) => from + i).flatMap((p) => places(p + 1, left - 1).map((rest) => [p, ...rest]));
  for (const at of places(0, lost)) {
    if (at[0] === width - lost) continue;
    const trial: (number | null)[] = [];
    let k = 0;
    for (let i = 0; i < width; i++) trial.push(at.includes(i) ? null : known[k++]!);
    if (consistent(trial)) return false;
  }
  return true;
}

export function toCell(v: ValueCell | null, reason: Cell['nullReason']): Cell {
  if (!v) return { value: null, nullReason: reason };
  const source = { line: v.line, text: v.token.text };
  if (v.token.kind === 'num') {
    return v.token.unit ? { value: v.token.value, source, unitWritten: v.token.unit } : { value: v.token.value, source };
  }
  return { value: null, source, nullReason: v.token.kind === 'na' ? 'not_applicable' : 'blank' };
}

export interface FitHints {
  /** how many blank cells after the label are merge artefacts, as the table's complete rows show */
  lead?: number;
  /** the row's own rule (R3.3, R4.x): true unless the values prove it false */
  consistent?: (values: (number | null)[]) => boolean;
}

/**
 * Fit a row's values to its width: merge artefacts and padding trimmed, a short row filled
 * from the left. When blank cells on both ends leave a choice of where the values start,
 * the row's rule decides, then the learned lead, then the left (as Word pastes).
 */
export interface Fitted {
  fitted: (ValueCell | null)[];
  lost: number;
  extra: number;
  /** cells on which the starts the row allows disagree, when nothing settles the start: each with what it could hold */
  unsure: ReadonlyMap<number, (number | null)[]>;
}

/** the unsure cells of a row that allows one start: none (shared, so never written to) */
const NOTHING_UNSURE: ReadonlyMap<number, (number | null)[]> = new Map();

/** (a function of the module, not a closure made for each row) */
const isBlankCell = (v: ValueCell) => v.token.kind === 'blank';

export function fitRow(values: ValueCell[], width: number, hints: FitHints = {}): Fitted {
  let n = values.length;
  // the learned merge artefacts after the label go first, even when the row is short; once
  // gone, the values start where the lead said: a blank left in front is the row's first cell
  let lead = hints.lead;
  if (lead !== undefined && lead > 0) {
    let k = 0;
    while (k < lead && k < n && isBlankCell(values[k]!)) k++;
    if (k === lead) {
      values = values.slice(k);
      n = values.length;
      lead = 0;
    }
  }
  // as many values as cells (most rows): nothing to trim, one start
  if (n === width) return { fitted: values.slice(), lost: 0, extra: 0, unsure: NOTHING_UNSURE };
  let maxLead = 0;
  while (maxLead < n - width && isBlankCell(values[maxLead]!)) maxLead++;
  let maxTrail = 0;
  while (maxTrail < n - width && isBlankCell(values[n - 1 - maxTrail]!)) maxTrail++;
  // starts a such that values[a, a + width) drops only blank cells on both sides
  const starts: number[] = [];
  for (let a = maxLead; a >= 0; a--) if (n - a - width <= maxTrail) starts.push(a);
  let a = starts[0] ?? maxLead;
  // most rows allow one start: they share one empty map, never written
  let unsure = NOTHING_UNSURE;
  if (starts.length > 1) {
    unsure = new Map();
    const num = (v: ValueCell | undefined) => (v?.token.kind === 'num' ? v.token.value : null);
    const fits = hints.consistent ? starts.filter((s) => hints.consistent!(values.slice(s, s + width).map(num))) : starts;
    const pool = fits.length ? fits : starts;
    const decided = lead !== undefined && pool.includes(lead);
    a = decided ? lead! : pool[0]!;
    // no complete row of this shape says where the values start and the row's rule allows
    // several starts (a row of zeros with a blank at one end): where they disagree, flag
    if (!decided && pool.length > 1) {
      for (let i = 0; i < width; i++) {
        const could = [...new Set(pool.map((s) => num(values[s + i])))];
        if (could.length > 1) (unsure as Map<number, (number | null)[]>).set(i, could);
      }
    }
  }
  let b = n;
  while (b - a > width && isBlankCell(values[b - 1]!)) b--;
  const extra = Math.max(0, b - a - width);
  const fitted: (ValueCell | null)[] = values.slice(a, Math.min(b, a + width));
  const lost = width - fitted.length;
  while (fitted.length < width) fitted.push(null);
  return { fitted, lost, extra, unsure };
}

/** no blank cell among values[from, to] */
function noBlankIn(values: ValueCell[], from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (values[i]!.token.kind === 'blank') return false;
  return true;
}

/**
 * How many blank cells follow the label as merge artefacts, by row shape: read off the rows
 * whose values are all there, so that a row with a blank first value is not shifted left.
 * Only where every complete row of the shape agrees.
 */
export function learnLeads(result: GridResult, grid: GridRow[]): Map<string, number> {
  const seen = new Map<string, Set<number>>();
  for (const g of grid) {
    const p = result.placed.get(g.key);
    if (!p || p.how !== 'inline') continue;
    // the first and last cells that are not blank, with no blank between them, as many as the row's cells
    const vs = p.values;
    let first = 0;
    while (first < vs.length && vs[first]!.token.kind === 'blank') first++;
    if (first === vs.length) continue;
    let last = vs.length - 1;
    while (vs[last]!.token.kind === 'blank') last--;
    if (last - first + 1 !== g.cells.length || !noBlankIn(vs, first, last)) continue;
    if (!seen.has(p.shape)) seen.set(p.shape, new Set());
    seen.get(p.shape)!.add(first);
  }
  const leads = new Map<string, number>();
  for (const [n, set] of seen) if (set.size === 1) leads.set(n, [...set][0]!);
  return leads;
}

export function fillRow(
  format: FormatId,
  ids: CellId[],
  p: Placed,
  /** the row as the report names it: asked for only when a finding or a flag needs it */
  nameOf: () => string,
  key: string,
  isT3: boolean,
  lead: number | undefined,
  cells: Record<CellId, Cell>,
  ambiguous: Report['ambiguous'],
  findings: Finding[],
): void {
  const test = rowTest(format, ids);
  const { fitted, lost, extra, unsure } = fitRow(p.values, ids.length, isT3 ? { lead, consistent: test.consistent } : { lead });
  const lines = [p.line];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const c = toCell(fitted[i] ?? null, 'lost');
    if (p.how !== 'inline') c.decidedBy = p.how === 'stream' ? '按数列位置' : '按表格行序';
    if (p.split) {
      c.decidedBy = '按勾稽规则拆分连写的数字';
      if (ambiguous[id]) c.nullReason = 'ambiguous';
    }
    cells[id] = c;
    if (c.nullReason === 'blank' && !unsure.has(i)) findings.push(finding('S3', id, 'warning', MESSAGES.S3_blank(cellName(format, id)), [id], lines));
    if (c.nullReason === 'not_applicable')
      findings.push(finding('S3', id, 'warning', MESSAGES.S3_na(cellName(format, id), c.source!.text), [id], lines));
  }
  if (lost === 0 && extra === 0 && unsure.size === 0 && !p.ambiguous) return;
  const name = nameOf();
  if (lost > 0) {
    findings.push(finding('S2', key, 'warning', MESSAGES.S2_short(name, ids.length - lost, ids.length), ids, lines));
    const known = fitted.filter((v): v is ValueCell => v !== null).map((v) => (v.token.kind === 'num' ? v.token.value : null));
    const allEqual = known.every((v) => v === known[0]);
    // the row's rule may allow the lost cell only where the reading put it (at the end)
    const settled = allEqual || (isT3 && lost === 1 && onlyAtEnd(known, ids.length, test.consistent));
    if (!settled) {
      // the lost cell may be any of them, the first included: every cell flagged and emptied,
      // so that no rule judges a value that may belong to the next column (a false 错误)
      const could = [...new Set(known)];
      for (const id of ids) ambiguous[id] = { candidates: could, reason: MESSAGES.ambiguous(name) };
      flagUnsure(ids, new Map(ids.map((_, i) => [i, could])), name, cells, ambiguous);
    }
  }
  if (extra > 0) findings.push(finding('S2', key, 'warning', MESSAGES.S2_extra(name, ids.length + extra, ids.length), ids, lines));
  flagUnsure(ids, unsure, name, cells, ambiguous);
  if (p.ambiguous) {
    // placed by a guess the rules could not settle: flagged and left empty, so that no rule
    // judges a guess (a guessed row that breaks a rule would be a false 错误)
    for (const id of ids) {
      const c = cells[id]!;
      const guess = c.value === null ? '' : `（按位置推断为 ${c.value}）`;
      ambiguous[id] ??= { candidates: [], reason: `${name}的数字是按位置推断的${guess}，原文无法确认。` };
      if (c.value !== null) cells[id] = { value: null, nullReason: 'ambiguous', ...(c.source ? { source: c.source } : {}) };
    }
  }
}


/** cells whose column the row cannot settle: flagged with what they could hold, and emptied so no rule judges a guess */
export function flagUnsure(ids: CellId[], unsure: ReadonlyMap<number, (number | null)[]>, name: string, cells: Record<CellId, Cell>, ambiguous: Report['ambiguous']): void {
  for (const [i, could] of unsure) {
    const id = ids[i]!;
    ambiguous[id] ??= { candidates: could.filter((v): v is number => v !== null), reason: MESSAGES.unplaced(name) };
    const c = cells[id]!;
    if (c.value !== null || c.nullReason === 'blank') cells[id] = { value: null, nullReason: 'ambiguous', ...(c.source ? { source: c.source } : {}) };
  }
}

/**
 * A row whose values may be one row off (see Placed.shift): its cells and its empty
 * neighbour's are flagged with what they could hold — this row's reading or the unlabelled
 * line's — and emptied, so that no rule judges a value that may be the next row's.
 */
export function flagShift(
  row: { ids: CellId[]; name: string; key: string },
  neighbour: { ids: CellId[]; name: string },
  shift: NonNullable<Placed['shift']>,
  lead: number | undefined,
  cells: Record<CellId, Cell>,
  ambiguous: Report['ambiguous'],
  findings: Finding[],
): void {
  const num = (v: ValueCell | null | undefined) => (v?.token.kind === 'num' ? v.token.value : null);
  const own = row.ids.map((id) => cells[id]?.value ?? ambiguous[id]?.candidates[0] ?? null);
  const other = fitRow(shift.values, row.ids.length, { lead }).fitted.map(num);
  const reason = MESSAGES.rowShift(row.name, neighbour.name, shift.line);
  row.ids.forEach((id, i) => {
    const could = [...new Set([own[i], other[i]])].filter((v): v is number => v !== null);
    ambiguous[id] = { candidates: could, reason };
    const c = cells[id]!;
    cells[id] = { value: null, nullReason: 'ambiguous', ...(c?.source ? { source: c.source } : {}) };
  });
  neighbour.ids.forEach((id, i) => {
    ambiguous[id] ??= { candidates: own[i] === null ? [] : [own[i]!], reason };
  });
  findings.push(finding('S2', row.key, 'warning', reason, [...row.ids, ...neighbour.ids], shift.line ? [shift.line] : []));
}
