/**
 * A standard sheet read back, whatever holds it (exceljs for a file, Office.js for the open
 * workbook): the writers' reverse path in one place. A sheet is known by its marker; its
 * cells are found with the layout's map; a sheet whose labels moved (rows or columns
 * inserted or deleted) is reported, not misread.
 */
import { FORMAT_IDS, type CellId, type FormatId } from '../format/types.ts';
import { Report, type Cell } from '../report.ts';
import { LAYOUT_LABEL_STYLES, MARKER_COL, MARKER_PREFIX, standardLayout } from './layout.ts';
import { addr, type Address } from './model.ts';

/** a cell as the spreadsheet shows it: a number, text, or nothing */
export type Shown = number | string | null;

export type SheetRead =
  | { kind: 'report'; sheet: string; report: Report }
  | { kind: 'moved'; sheet: string; message: string }
  | { kind: 'other'; sheet: string };

const numberOf = (v: Shown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const textOf = (v: Shown): string | null => (v === null ? null : String(v).trim() || null);

/** the format a sheet's marker names, or null for a sheet that is no standard sheet */
export function markedFormat(get: (a: Address) => Shown): FormatId | null {
  const v = get(addr(MARKER_COL, 1));
  if (typeof v !== 'string' || !v.startsWith(MARKER_PREFIX)) return null;
  const f = v.slice(MARKER_PREFIX.length).trim();
  return (FORMAT_IDS as readonly string[]).includes(f) ? (f as FormatId) : null;
}

/** the first template label that is not where the layout put it */
function moved(get: (a: Address) => Shown, format: FormatId): string | null {
  for (const [a, cell] of standardLayout(format).template.cells) {
    if (cell.content.kind !== 'text' || !cell.style || !LAYOUT_LABEL_STYLES.has(cell.style)) continue;
    const got = textOf(get(a));
    if (got !== cell.content.text.trim()) return `${a} 应为“${cell.content.text}”，现为“${got ?? ''}”`;
  }
  return null;
}

/**
 * One sheet → what it is. `get` gives a cell's number (or its formula's cached result) or
 * text; anything else (blank, an error) is null — as the sheet's own formulas (COUNT) take it.
 * `lines` are the sheet's original lines from the 原文 sheet; `fallbackSource` names it when
 * the sheet does not say where it came from.
 */
export function readStandardSheet(sheet: string, get: (a: Address) => Shown, lines: string[], fallbackSource: string): SheetRead {
  const format = markedFormat(get);
  if (!format) return { kind: 'other', sheet };
  const change = moved(get, format);
  if (change) {
    return {
      kind: 'moved',
      sheet,
      message: `工作表“${sheet}”的表格结构已被改动（${change}），无法按标准表读取：请不要在标准表中插入或删除行列。`,
    };
  }
  const layout = standardLayout(format);
  const cells: Record<CellId, Cell> = {};
  for (const [id, a] of Object.entries(layout.addresses)) {
    const v = numberOf(get(a));
    cells[id] = v === null ? { value: null, nullReason: 'blank' } : { value: v };
  }
  const year = numberOf(get(layout.meta.year));
  const report = Report.parse({
    source: textOf(get(layout.meta.source)) ?? fallbackSource,
    format,
    title: textOf(get(layout.meta.title)),
    titleLine: null,
    unit: textOf(get(layout.meta.unit)),
    year: year !== null && Number.isInteger(year) ? year : null,
    titleYear: null,
    cells,
    sections: [],
    ambiguous: {},
    lines,
  });
  return { kind: 'report', sheet, report };
}

/** a sheet's original lines from the 原文 sheet's rows (工作表 | 行 | 原文; a long line continues on the next row) */
export function sourceLines(rows: Iterable<[Shown, Shown, Shown]>, sheet: string): string[] {
  const lines: string[] = [];
  for (const [name, n, text] of rows) {
    if (textOf(name) !== sheet) continue;
    const line = numberOf(n);
    if (line === null || line < 1 || !Number.isInteger(line)) continue;
    lines[line - 1] = (lines[line - 1] ?? '') + (text === null ? '' : String(text));
  }
  return Array.from(lines, (l) => l ?? '');
}
