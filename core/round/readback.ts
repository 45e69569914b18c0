/**
 * What a county workbook made by gouji holds for the next round, read back: its units (sheet,
 * name, source file, what the file was), the roster (名单), the problem list with the
 * 整改状态 and 备注 the user set, the change log, each unit's original lines and its sheet
 * as it stands now. A workbook that is not gouji's is said to be so, never half-read.
 */
import type { Report } from '../report.ts';
import { CATALOGUE_COL, CATALOGUE_HEAD, CATALOGUE_HEADERS, CATALOGUE_SHEET } from '../sheet/catalogue.ts';
import { CHANGES_SHEET } from '../sheet/changes.ts';
import { PROBLEM_COL, PROBLEM_HEAD, PROBLEMS_SHEET } from '../sheet/problems.ts';
import { sourceLines, type Shown } from '../sheet/readback.ts';
import { ROSTER_SHEET } from '../sheet/roster.ts';
import { SOURCE_SHEET } from '../sheet/source.ts';
import { DETAIL_SHEET } from '../sheet/summary.ts';
import { addr, parseAddress } from '../sheet/model.ts';
import type { LightWorkbook, SheetCells } from '../xlsx/cells.ts';
import { changeFromRow, type ChangeEntry } from './changes.ts';
import { isStatus, PRESENCE, type Problem } from './problems.ts';
import { parseRoster, type Roster } from './roster.ts';
import { SEVERITY_ZH, type Finding, type Severity } from '../findings.ts';
import { CACHE_SHEET, readCache } from './cache.ts';

export interface KeptUnit {
  sheet: string;
  unit: string;
  source: string;
  kind: string;
  /** the original lines, from 原文 (read on first use) */
  lines: () => string[];
  /** a cell of the unit's sheet as it stands (numbers perhaps edited in Excel) */
  get: (a: string) => Shown;
  /** the workbook is as gouji wrote it (no spreadsheet program has saved it): no number can have changed */
  untouched: boolean;
  /** what the report was read as when the workbook was made, if kept there */
  cached?: { report: Report; findings: Finding[] };
}

export interface RoundState {
  units: KeptUnit[];
  roster: Roster | null;
  problems: Problem[];
  changes: ChangeEntry[];
  /** the county and year of the workbook, from 目录's 汇总 row */
  county: string;
  year: number | null;
  /** files that could not be read, as 目录 lists them */
  unreadable: { source: string; reason: string }[];
}

const raw = (s: SheetCells | null, a: string): string => {
  const v = s?.cells.get(a)?.value;
  return v === null || v === undefined ? '' : String(v);
};
const text = (s: SheetCells | null, a: string): string => raw(s, a).trim();

/** the rows of a sheet as text, from `from` on, `width` columns; `exact` keeps the spaces (原文) */
function rows(s: SheetCells, from: number, width: number, exact = false): string[][] {
  let last = 0;
  for (const a of s.cells.keys()) last = Math.max(last, parseAddress(a).row);
  const out: string[][] = [];
  const get = exact ? raw : text;
  for (let r = from; r <= last; r++) out.push(Array.from({ length: width }, (_, c) => get(s, addr(c + 1, r))));
  return out;
}

/** the sheet a HYPERLINK("#'name'!A1", …) points at */
const linkTarget = (f: string | undefined): string | null => {
  const m = /"#'((?:[^']|'')*)'!/.exec(f ?? '');
  return m ? m[1]!.replace(/''/g, "'") : null;
};

const SEVERITY_OF = Object.fromEntries(Object.entries(SEVERITY_ZH).map(([k, v]) => [v, k])) as Record<string, Severity>;

export function isGoujiWorkbook(wb: LightWorkbook): boolean {
  const cat = wb.sheet(CATALOGUE_SHEET);
  if (!cat || !wb.names.includes(DETAIL_SHEET)) return false;
  return ['序号', '工作表', '单位'].every((h, i) => text(cat, addr(i + 1, CATALOGUE_HEAD)) === h) && CATALOGUE_HEADERS.length > 0;
}

/** 问题清单 as the user left it: every row with its key, status and note */
export function readProblems(s: SheetCells | null): Problem[] {
  if (!s) return [];
  const C = PROBLEM_COL;
  const out: Problem[] = [];
  for (const [k, r] of rows(s, PROBLEM_HEAD + 1, C.键).entries()) {
    const key = r[C.键 - 1]!;
    if (!key) continue;
    const typed = r[C.整改状态 - 1]!;
    const note = r[C.备注 - 1]!;
    const line = Number(r[C.原文行 - 1]);
    out.push({
      key,
      unit: r[C.单位 - 1]!,
      sheet: linkTarget(s.cells.get(addr(C.工作表, PROBLEM_HEAD + 1 + k))?.formula) ?? r[C.工作表 - 1]!,
      rule: r[C.规则 - 1]!,
      severity: SEVERITY_OF[r[C.级别 - 1]!] ?? 'warning',
      table: r[C.表格 - 1]!,
      place: r[C.位置 - 1]!,
      address: r[C.单元格 - 1]!,
      line: Number.isInteger(line) && line > 0 ? line : null,
      quote: r[C.原文 - 1]!,
      what: r[C.问题 - 1]!,
      fix: r[C.如何改正 - 1]!,
      // a status typed past the list is kept in the note, never dropped
      status: isStatus(typed) ? typed : '待整改',
      note: isStatus(typed) || !typed ? note : [note, `（原整改状态：${typed}）`].filter(Boolean).join(''),
      current: r[C.当前 - 1] !== PRESENCE.gone,
    });
  }
  return out;
}

/** 名单 as the user left it */
export function readRoster(s: SheetCells | null): Roster | null {
  return s ? parseRoster(rows(s, 1, 3).map((r) => [r[1], r[2]]), `“${ROSTER_SHEET}”表`) : null;
}

/** 变更记录 so far */
export function readChanges(s: SheetCells | null): ChangeEntry[] {
  return s ? rows(s, 2, 8).map(changeFromRow).filter((e): e is ChangeEntry => e !== null) : [];
}

/** a grid of values (Office.js), its top-left cell at zero-based row/column → cells as the readers here take them */
export function gridCells(name: string, values: unknown[][], rowIndex = 0, columnIndex = 0): SheetCells {
  const cells: SheetCells['cells'] = new Map();
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      cells.set(addr(columnIndex + c + 1, rowIndex + r + 1), { value: typeof v === 'number' ? v : String(v) });
    }),
  );
  return { name, cells };
}

/** the county and year of the workbook, from 目录's first row (汇总's own: 青岚县（12 个单位汇总）) */
export function countyOf(cat: SheetCells | null): { county: string; year: number | null } {
  const head = CATALOGUE_HEAD + 1;
  const year = Number(text(cat, addr(CATALOGUE_COL.年度, head)));
  return { county: text(cat, addr(CATALOGUE_COL.单位, head)).replace(/（.*$/, ''), year: Number.isInteger(year) && year > 0 ? year : null };
}

export function readRoundState(wb: LightWorkbook): RoundState {
  const cat = wb.sheet(CATALOGUE_SHEET)!;
  let linesBySheet: Map<string, [Shown, Shown, Shown][]> | null = null;
  const linesOf = (sheet: string) => {
    if (!linesBySheet) {
      linesBySheet = new Map();
      const src = wb.sheet(SOURCE_SHEET);
      for (const r of src ? rows(src, 2, 3, true) : []) {
        const list = linesBySheet.get(r[0]!) ?? [];
        list.push([r[0]!, r[1] === '' ? null : Number(r[1]), r[2]!]);
        linesBySheet.set(r[0]!, list);
      }
    }
    return sourceLines(linesBySheet.get(sheet) ?? [], sheet);
  };
  const cache = readCache(wb.sheet(CACHE_SHEET));
  // Excel, WPS and LibreOffice all write docProps/app.xml when they save; gouji's writer does not
  const untouched = !wb.parts.includes('docProps/app.xml');
  const C = CATALOGUE_COL;
  const units: KeptUnit[] = [];
  const seen = new Set<string>();
  for (const [k] of rows(cat, CATALOGUE_HEAD + 1, C.说明).entries()) {
    const row = CATALOGUE_HEAD + 1 + k;
    const sheet = linkTarget(cat.cells.get(addr(C.工作表, row))?.formula);
    // the first linked row is 汇总's own
    if (!sheet || seen.has(sheet) || !wb.names.includes(sheet) || text(cat, addr(C.文件类型, row)) === '汇总') continue;
    seen.add(sheet);
    const cached = cache.get(sheet);
    let ws: SheetCells | null = null;
    units.push({
      sheet,
      unit: text(cat, addr(C.单位, row)),
      source: text(cat, addr(C.来源文件, row)),
      kind: text(cat, addr(C.文件类型, row)),
      lines: () => linesOf(sheet),
      // parsed only when asked: an untouched workbook's unit sheets need not be read at all
      get: (a: string): Shown => (ws ??= wb.sheet(sheet, 'values')!).cells.get(a)?.value ?? null,
      untouched,
      ...(cached ? { cached } : {}),
    });
  }
  const roster = readRoster(wb.sheet(ROSTER_SHEET));
  const changes = readChanges(wb.sheet(CHANGES_SHEET));
  const head = CATALOGUE_HEAD + 1;
  const unreadable = rows(cat, head, C.说明)
    .filter((r) => r[C.工作表 - 1] === '（未读入）')
    .map((r) => ({ source: r[C.来源文件 - 1]!, reason: r[C.说明 - 1]! }));
  return {
    units,
    roster,
    problems: readProblems(wb.sheet(PROBLEMS_SHEET)),
    changes,
    ...countyOf(cat),
    unreadable,
  };
}
