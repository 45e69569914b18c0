/**
 * What each unit's report was read as — the report and its findings — kept in the county
 * workbook in a hidden sheet, so that an update reads the units it keeps back in a moment
 * instead of reading their text again. The unit sheets stay the truth for numbers: an update
 * compares them with this and keeps what the user changed. A cache written by another
 * version of the format, or damaged, is passed over (the text is read again from 原文).
 */
import type { Finding } from '../findings.ts';
import type { Report } from '../report.ts';
import { CELL_MAX } from '../sheet/source.ts';
import { emptySheet, SheetBuilder, type SheetModel } from '../sheet/model.ts';
import type { SheetCells } from '../xlsx/cells.ts';

export const CACHE_SHEET = '_gouji';
/** bump when what is kept changes shape, or the reader reads differently enough to matter */
export const CACHE_VERSION = 'gouji-analysis/1';

export interface CachedUnit {
  sheet: string;
  report: Report;
  findings: Finding[];
}

export function cacheSheet(units: CachedUnit[]): SheetModel {
  const sheet = emptySheet(CACHE_SHEET, 'index');
  sheet.hidden = true;
  const b = new SheetBuilder(sheet);
  b.text(1, 1, CACHE_VERSION);
  b.text(2, 1, 'gouji 用来加快更新的数据，请勿修改。');
  let row = 2;
  for (const u of units) {
    const json = JSON.stringify({ report: u.report, findings: u.findings });
    for (let at = 0, k = 1; at < json.length || k === 1; at += CELL_MAX, k++) {
      b.text(1, row, u.sheet);
      b.set(2, row, { kind: 'number', value: k });
      b.text(3, row, json.slice(at, at + CELL_MAX));
      row++;
    }
  }
  return sheet;
}

/** sheet name → what its unit was read as; empty when the cache is missing, old or damaged */
export function readCache(s: SheetCells | null): Map<string, { report: Report; findings: Finding[] }> {
  const out = new Map<string, { report: Report; findings: Finding[] }>();
  if (!s || s.cells.get('A1')?.value !== CACHE_VERSION) return out;
  const parts = new Map<string, string[]>();
  for (let row = 2; ; row++) {
    const name = s.cells.get(`A${row}`)?.value;
    if (name === undefined || name === null) break;
    const k = Number(s.cells.get(`B${row}`)?.value);
    const list = parts.get(String(name)) ?? [];
    list[k - 1] = String(s.cells.get(`C${row}`)?.value ?? '');
    parts.set(String(name), list);
  }
  for (const [name, list] of parts) {
    try {
      // gouji's own data: a shape check, not a schema parse (a hundred of those would cost seconds)
      const j = JSON.parse(list.join('')) as { report: Report; findings: Finding[] };
      if (j.report && typeof j.report.cells === 'object' && Array.isArray(j.report.lines) && Array.isArray(j.findings)) out.set(name, j);
    } catch {
      // damaged: this unit's text is read again
    }
  }
  return out;
}
