/** 表四: one row of fifteen cells, however the text spreads it (one line, several, or one run of digits). */
import type { GridRow } from '../format/cells.ts';
import { cellName } from '../format/names.ts';
import { T4_BLOCKS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Cell, Report } from '../report.ts';
import { MESSAGES } from '../rules/messages.ts';
import { finding } from './finding.ts';
import { fitRow, flagUnsure, onlyAtEnd, toCell } from './fit.ts';
import type { Placed } from './grid.ts';
import { brokenFindings, resolveRuns } from './resolve.ts';
import { rowTest } from './rowrules.ts';
import type { PhysRow, ValueCell } from './tokens.ts';

/**
 * @param noLine a blank cell leaves no line in this text (pdftotext): a lost cell may be a blank,
 * so where it was matters even among equal numbers
 * @param setApart number lines among 表四's taken for page numbers: a lost cell may be one of them
 */
export function readT4(
  format: FormatId,
  rows: PhysRow[],
  grid: GridRow,
  cells: Record<CellId, Cell>,
  ambiguous: Report['ambiguous'],
  findings: Finding[],
  noLine = false,
  setApart: ValueCell[] = [],
): void {
  const values: ValueCell[] = [];
  const runRow = rows.find((r) => r.run);
  if (runRow?.run) {
    // the fifteen numbers ran together: split by the three block sums
    const placed = new Map<string, Placed>([[grid.key, { values: [], line: runRow.line, how: 'inline', shape: '', run: runRow.run }]]);
    const { unsplittable, broken } = resolveRuns(format, [grid], placed, ambiguous);
    for (const u of unsplittable) findings.push(finding('S2', 'suit_after_review', 'warning', MESSAGES.unsplittable(u.digits, u.line), grid.cells, [u.line]));
    for (const b of broken) findings.push(...brokenFindings(format, b));
    const p = placed.get(grid.key);
    if (p) {
      grid.cells.forEach((id, i) => {
        const v = p.values[i]!;
        cells[id] = v.token.kind === 'num'
          ? { value: v.token.value, source: { line: v.line, text: v.token.text }, decidedBy: '按勾稽规则拆分连写的数字' }
          : { value: null, source: { line: v.line, text: '' }, nullReason: 'ambiguous' };
      });
      return;
    }
  }
  const whole = rows.find((r) => r.values.some((v) => v.token.kind !== 'blank'));
  // cells the whole row cannot place (a blank at one end of a row of equal numbers)
  let unsure: ReadonlyMap<number, (number | null)[]> = new Map();
  if (whole && whole.values.length >= grid.cells.length) {
    // one row holds the whole table: its blank cells are cells (a blank first value stays blank)
    const f = fitRow(whole.values, grid.cells.length, { consistent: rowTest(format, grid.cells).consistent });
    values.push(...f.fitted.filter((v): v is ValueCell => v !== null));
    unsure = f.unsure;
  } else for (const r of rows) {
    if (!r.values.some((v) => v.token.kind !== 'blank')) continue;
    let a = 0;
    let b = r.values.length;
    while (a < b && r.values[a]!.token.kind === 'blank') a++;
    while (b > a && r.values[b - 1]!.token.kind === 'blank') b--;
    for (let i = a; i < b; i++) values.push(r.values[i]!);
    if (values.length >= grid.cells.length) break;
  }
  if (!values.length) {
    for (const b of T4_BLOCKS) findings.push(finding('S2', b.key, 'warning', MESSAGES.S2_absent(`表四“${b.short}”`), grid.cells.filter((c) => c.startsWith(`t4.${b.key}.`))));
    return;
  }
  const { fitted, lost, extra } = fitRow(values, grid.cells.length);
  if (extra > 0) {
    const ids = grid.cells.filter((c) => c.startsWith('t4.suit_after_review.'));
    findings.push(finding('S2', 'suit_after_review', 'warning', MESSAGES.S2_extra('表四', values.length, grid.cells.length), ids, [values[0]!.line]));
  }
  grid.cells.forEach((id, i) => {
    const c = toCell(fitted[i] ?? null, 'lost');
    cells[id] = c;
    if ((c.nullReason === 'blank' && !unsure.has(i)) || c.nullReason === 'not_applicable') {
      const name = cellName(format, id);
      findings.push(finding('S3', id, 'warning', c.nullReason === 'blank' ? MESSAGES.S3_blank(name) : MESSAGES.S3_na(name, c.source!.text), [id], [c.source!.line]));
    }
  });
  flagUnsure(grid.cells, unsure, '表四', cells, ambiguous);
  if (lost > 0) {
    const line = values[0]!.line;
    for (const b of T4_BLOCKS) {
      const ids = grid.cells.filter((c) => c.startsWith(`t4.${b.key}.`));
      const blockLost = ids.filter((id) => cells[id]!.nullReason === 'lost').length;
      if (blockLost) findings.push(finding('S2', b.key, 'warning', MESSAGES.S2_short(`表四“${b.short}”`, 5 - blockLost, 5), ids, [line]));
    }
    const known = fitted.filter((v): v is ValueCell => v !== null).map((v) => (v.token.kind === 'num' ? v.token.value : null));
    // settled when where the cells were lost cannot matter, or the blocks' sums allow only the end (a page that cut off 表四's last column)
    if ((noLine || !known.every((v) => v === known[0])) && (setApart.length > 0 || !onlyAtEnd(known, grid.cells.length, rowTest(format, grid.cells).consistent))) {
      // the lost cell may be any of them, the first included: all flagged and emptied (no rule judges a guess)
      const apart = setApart.map((v) => (v.token.kind === 'num' ? v.token.value : null));
      const could = [...new Set(noLine ? [...known, ...apart, null] : known)];
      for (const id of grid.cells) ambiguous[id] = { candidates: could, reason: MESSAGES.ambiguous('表四') };
      flagUnsure(grid.cells, new Map(grid.cells.map((_, i) => [i, could])), '表四', cells, ambiguous);
    }
  }
}

