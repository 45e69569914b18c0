/**
 * A table region's lines → physical rows. Three shapes are told apart here:
 * - one cell a line (Word pasted as text): cells start with a tab, rows end at a blank line;
 * - a separator per cell (tab-separated Word, pipes, Markdown);
 * - free text (PDF text): a label, then numbers separated by spaces; or one cell a line;
 * - one cell a bare line (a scraped page whose only breaks are carriage returns), where the
 *   number of breaks between two cells carries the blank cells between them.
 */
import { splitGlued } from './runs.ts';
import { classify, isBlank, isPageFooter, lineRow, noRow, splitCells, toRow, wordToken, type PhysRow, type ValueCell } from './tokens.ts';

/** /^\t[^\t]*$/: a tab, then one cell */
const isSingleTabCell = (l: string) => l.charCodeAt(0) === 9 && l.indexOf('\t', 1) < 0;

/**
 * Word's one-cell-a-line paste: most non-empty lines are a tab and one cell. `single` gets
 * isSingleTabCell of each line looked at (of every line, when the answer is yes).
 */
function isCellPerLine(lines: string[], single: boolean[]): boolean {
  let cells = 0;
  let other = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const one = isSingleTabCell(l);
    single.push(one);
    if (one) cells++;
    else if (!isBlank(l) || l.includes('\t')) other++;
    // the lines left cannot make it so any more (most tables: a few lines say so)
    else continue;
    const left = lines.length - 1 - i;
    if (cells + left < 8 || cells + left < other * 2) return false;
  }
  return cells >= 8 && cells >= other * 2;
}

/**
 * @param lines the region's normalised lines
 * @param firstLine 1-based number of lines[0] in the whole text
 * @param runs the table's cells are run together: a free-text row's numbers are one run,
 *   unless spaces already give exactly `width` numbers
 */
export function regionRows(lines: string[], firstLine: number, runs?: { width: number }, bare?: { base: number }): PhysRow[] {
  if (bare) return bareRows(lines, firstLine, bare.base);
  const rows: PhysRow[] = [];
  if (runs) {
    lines.forEach((l, i) => {
      const line = firstLine + i;
      if (l.includes('\t') || l.includes('|')) return addLine(rows, l, line);
      const g = splitGlued(l.trim());
      if (!g) return addLine(rows, l, line);
      const row = toRow(splitCells(l).cells, line, false);
      const spaced = row.values.length === runs.width && row.values.every((v) => v.token.kind === 'num');
      if (spaced && row.label) return rows.push(row);
      rows.push({ line, label: g.label.replace(/[ \t]+/g, ''), shape: '0/1', values: [], delimited: false, run: { digits: g.run, ...(g.unit ? { unit: g.unit } : {}), line } });
    });
    return rows;
  }
  const single: boolean[] = [];
  if (isCellPerLine(lines, single)) {
    let cells: string[] = [];
    let cellLines: number[] = [];
    const flush = () => {
      // the row's line is its first cell that holds something (the first is often a merged blank)
      const first = cells.findIndex((c) => c.trim() !== '');
      if (cells.length) rows.push(toRow(cells, cellLines[Math.max(first, 0)]!, true, cellLines));
      cells = [];
      cellLines = [];
    };
    lines.forEach((l, i) => {
      if (single[i]) {
        cellLines.push(firstLine + i);
        cells.push(l.slice(1));
      } else if (l.trim() === '') {
        flush();
      } else if (cells.length && !/\d/.test(l)) {
        // a label broken over two lines inside one cell (本年新 / 制作数量)
        cells[cells.length - 1] += l.trim();
      } else {
        flush();
        addLine(rows, l, firstLine + i);
      }
    });
    flush();
    return rows;
  }
  lines.forEach((l, i) => addLine(rows, l, firstLine + i));
  return rows;
}

function addLine(rows: PhysRow[], l: string, line: number): void {
  const t = l.trim();
  if (!noRow(l, t)) rows.push(lineRow(l, t, line));
}

/**
 * One cell a bare line: how many empty lines set two cells apart — the commonest distance
 * between two value lines over the whole text (a table of few values cannot tell it alone).
 */
export function bareGap(lines: string[]): number {
  const seen = new Map<number, number>();
  let last = -1;
  let lastValue = false;
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    const value = classify(l).kind !== 'text';
    if (value && lastValue) seen.set(i - last - 1, (seen.get(i - last - 1) ?? 0) + 1);
    last = i;
    lastValue = value;
  });
  let base = 0;
  let most = 0;
  for (const [e, n] of seen) if (n > most || (n === most && e < base)) [base, most] = [e, n];
  return base;
}

/**
 * One cell a line, no tabs: a label line starts a row, the value lines after it are its
 * cells. Cells are `base` empty lines apart; every further `base + 1` breaks is a blank
 * cell — kept blank, never closed up.
 */
function bareRows(lines: string[], firstLine: number, base: number): PhysRow[] {
  const tokens = lines.map((l) => (l.trim() === '' || isPageFooter(l) ? null : classify(l)));
  const gap = base + 1;
  const blanks = (empties: number) => Math.max(0, Math.round((empties - base) / gap));
  const rows: PhysRow[] = [];
  let row: PhysRow | null = null;
  let prev = -1;
  const pad = (r: PhysRow, n: number, line: number) => {
    for (let k = 0; k < n; k++) r.values.push({ token: wordToken('blank', ''), line } satisfies ValueCell);
  };
  tokens.forEach((t, i) => {
    if (!t) return;
    const empties = i - prev - 1;
    prev = i;
    const line = firstLine + i;
    if (t.kind === 'text') {
      if (row) pad(row, blanks(empties), line - 1);
      row = { line, label: t.text.replace(/[ \t]+/g, ''), shape: '0/1', values: [], delimited: true };
      rows.push(row);
      return;
    }
    if (!row) rows.push((row = { line, label: '', shape: '0/0', values: [], delimited: true }));
    else pad(row, blanks(empties), line);
    row.values.push({ token: t, line });
  });
  if (row) pad(row, blanks(lines.length - prev - 1), firstLine + lines.length - 1);
  return rows;
}
