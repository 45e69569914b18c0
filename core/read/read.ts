/**
 * Text → Report, with the structural findings the reading itself can see (S1–S5, R2.6,
 * rows that lost cells, blank cells). Never throws on bad input: a text that holds no
 * report gives a `ReadFailure` with a Chinese reason.
 */
import { formatCells, type GridRow } from '../format/cells.ts';
import { FINGERPRINTS, FORMATS, T3_COLUMNS, T4_BLOCKS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { findingId, type Finding, type Severity } from '../findings.ts';
import type { Cell, Report } from '../report.ts';
import { MESSAGES } from '../rules/messages.ts';
import { cellName, t3RowName } from '../format/names.ts';
import { checkCells } from '../rules/check.ts';
import { decide, type SideValue } from '../rules/evaluate.ts';
import { assemble, type GridResult, type Orientation, type Placed } from './grid.ts';
import { compact, normalizeText } from './normalize.ts';
import { regionRows } from './rows.ts';
import { resolveRuns } from './resolve.ts';
import { looksRunTogether, segmentLongLines } from './runs.ts';
import { findRegions, findSections, findTitle, findYear, type Regions } from './structure.ts';
import type { PhysRow, ValueCell } from './tokens.ts';

export interface ReadSuccess {
  ok: true;
  report: Report;
  /** findings of the reading (structure); the rules add theirs in analyze() */
  findings: Finding[];
  meta: {
    /** 0-based [start, end) ranges of the parsed lines */
    regions: Regions;
    orientation?: Orientation;
    /** the normalised lines the reader parsed (a run-together page cut at its labels) */
    lines: string[];
    /** the 0-based original line of each parsed line, when the text was cut */
    origin?: number[];
  };
}

export interface ReadFailure {
  ok: false;
  code: 'empty' | 'binary' | 'no_tables';
  message: string;
}

export type ReadResult = ReadSuccess | ReadFailure;

/** stray-number lines reported one by one; more are counted in one finding */
const MAX_STRAYS = 10;

const T3_HEADER_WORDS = new Set([...T3_COLUMNS.map((c) => c.label), '法人或其他组织', '申请人情况']);

/** a text this long is not one annual report; reading stops here rather than run for minutes */
export const MAX_CHARS = 20_000_000;
const MAX_LINE = 200_000;

function finding(rule: string, at: string, severity: Severity, message: string, cells: CellId[] = [], lines: number[] = []): Finding {
  return { id: findingId(rule, at), rule, at, severity, message, cells, lines };
}

/** control characters (not tab, newline, carriage return) in the first 4 KB: a binary file has many */
function controlChars(s: string): number {
  let n = 0;
  for (let i = 0, end = Math.min(s.length, 4096); i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12) n++;
  }
  return n;
}

function detectFormat(regionText: string): FormatId | null {
  const score = (id: FormatId) => FINGERPRINTS[id].filter((re) => re.test(regionText)).length;
  const a = score('gov2019');
  const b = score('gov2021');
  if (a === 0 && b === 0) return null;
  return b > a ? 'gov2021' : 'gov2019';
}

export function readText(input: string, source = '（粘贴的文本）'): ReadResult {
  if (!input.trim()) return { ok: false, code: 'empty', message: '文件是空的，没有可读的内容。' };
  if (controlChars(input) > 8) return { ok: false, code: 'binary', message: '这不是文本文件（含有大量控制字符），请提供年报的文字内容。' };
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  const originalLines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  // absurdly long lines (a million digits) are cut for reading; the original stays as it was
  let body = originalLines.some((l) => l.length > MAX_LINE)
    ? originalLines.map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l)).join('\n')
    : text.includes('\r') ? originalLines.join('\n') : text;
  if (body.includes('\u0000')) body = body.replace(/\u0000/g, '');
  const norm = normalizeText(body);
  // a page whose tables ran into one line is cut back into rows at the labels
  const seg = segmentLongLines(norm.split('\n'));
  const lines = seg.lines;
  const compacts = lines.map(compact);

  const sections = findSections(compacts);
  const regions = findRegions(compacts, sections);
  const tableText = [regions.t2, regions.t3, regions.t4]
    .filter((r): r is [number, number] => !!r)
    .map(([a, b]) => compacts.slice(a, b).join(''))
    .join('');
  const format = detectFormat(tableText);
  if (!format || (!regions.t3 && !regions.t2)) {
    return {
      ok: false,
      code: 'no_tables',
      message: '没有找到年报的统计表（表二“主动公开政府信息情况”、表三“收到和处理政府信息公开申请情况”）：请确认粘贴的是政府信息公开工作年度报告的全文。',
    };
  }

  const findings: Finding[] = [];
  const def = FORMATS[format];
  const fc = formatCells(format);
  const cells: Record<CellId, Cell> = {};
  for (const c of fc.list) cells[c.id] = { value: null, nullReason: 'absent' };
  const ambiguous: Report['ambiguous'] = {};
  // cells run together: the page was cut, or 表三's rows carry long glued runs of digits
  const runTogether = seg.cut || (regions.t3 !== null && looksRunTogether(lines.slice(...regions.t3), 7));
  const rowsOf = (r: [number, number] | null, width: number): PhysRow[] =>
    r ? regionRows(lines.slice(r[0], r[1]), r[0] + 1, runTogether ? { width } : undefined) : [];

  // 表三 first: its row rule tells whether value streams run by row or by column
  const t3Rows = rowsOf(regions.t3, 7);
  let t3 = assemble(t3Rows, fc.t3Rows, { rowHolds: r33, headers: T3_HEADER_WORDS });
  if (t3.undecided) t3 = decideByColumns(format, t3Rows, fc.t3Rows) ?? t3;
  const t2 = assemble(rowsOf(regions.t2, 3), fc.t2Rows, t3.orientation ? { orientation: t3.orientation } : {});
  const fill = (result: GridResult, grid: GridRow[]) => {
    for (const u of resolveRuns(format, grid, result.placed, ambiguous).unsplittable) {
      findings.push(finding('S2', u.key, 'warning', MESSAGES.unsplittable(u.digits, u.line), grid.find((g) => g.key === u.key)!.cells, [u.line]));
    }
    const leads = learnLeads(result, grid);
    for (const g of grid) {
      const p = result.placed.get(g.key);
      const name = g.table === 't3' ? `表三“${t3RowName(format, g.key)}”行` : `表二“${g.def!.label}”行`;
      if (!p) {
        if (!findings.some((f) => f.id === `S2@${g.key}`)) findings.push(finding('S2', g.key, 'warning', MESSAGES.S2_absent(name), g.cells));
        continue;
      }
      fillRow(g.cells, p, name, g.key, g.table === 't3', leads.get(p.shape), cells, ambiguous, findings, format);
    }
    // stray numbers: a few by line, the rest counted (a pasted file of junk must not make a million findings)
    for (const line of result.strays.slice(0, MAX_STRAYS)) findings.push(finding('S2', '', 'info', MESSAGES.strayNumbers(line), [], [line]));
    if (result.strays.length > MAX_STRAYS) {
      const rest = result.strays.slice(MAX_STRAYS);
      findings.push(finding('S2', '', 'info', MESSAGES.moreStrays(rest.length, rest[0]!), [], [rest[0]!]));
    }
  };
  fill(t3, fc.t3Rows);
  fill(t2, fc.t2Rows);
  readT4(format, rowsOf(regions.t4, 15), fc.t4Row, cells, ambiguous, findings);

  const title = findTitle(lines, compacts, sections[0]?.line ?? 0);
  const years = findYear(norm);
  const year = title.titleYear ?? years.period ?? years.mode;
  const unit = title.unit;
  amounts(format, compacts.slice(...(regions.t2 ?? [0, 0])).join(''), unit, cells, ambiguous, findings);
  structure(format, sections, title, years, year, findings);

  if (seg.cut) remapLines(seg.origin, cells, findings, sections, title);

  const report: Report = {
    source,
    format,
    title: title.title,
    titleLine: title.line,
    unit,
    year,
    titleYear: title.titleYear,
    cells,
    sections,
    ambiguous,
    lines: originalLines,
  };
  void def;
  const meta: ReadSuccess['meta'] = { regions, lines };
  if (t3.orientation) meta.orientation = t3.orientation;
  if (seg.cut) meta.origin = seg.origin;
  return { ok: true, report, findings, meta };
}

const sideOf = (vals: (number | null)[]): SideValue => ({
  known: vals.reduce<number>((a, v) => a + (v ?? 0), 0),
  partial: vals.includes(null),
});
/** R3.3 not proven false: the total against its six parts */
const r33Consistent = (v: (number | null)[]) => decide('=', sideOf(v.slice(6)), sideOf(v.slice(0, 6))) !== 'fail';
/** R4.1–R4.3 not proven false on a row of fifteen */
const r4Consistent = (v: (number | null)[]) =>
  [0, 5, 10].every((k) => decide('=', sideOf(v.slice(k + 4, k + 5)), sideOf(v.slice(k, k + 4))) !== 'fail');

/**
 * A value stream the row rule could not orient: read the table both ways and keep the
 * way under which fewer of 表三's equations fail (R3.1, R3.2 by column). A tie stays undecided.
 */
function decideByColumns(format: FormatId, rows: PhysRow[], grid: GridRow[]): GridResult | null {
  const tries = (['row', 'column'] as const).map((orientation) => {
    const result = assemble(rows, grid, { rowHolds: r33, headers: T3_HEADER_WORDS, orientation, force: true });
    const values = new Map<CellId, number | null>();
    for (const g of grid) {
      const p = result.placed.get(g.key);
      const fitted = p ? fitRow(p.values, g.cells.length).fitted : [];
      g.cells.forEach((id, i) => {
        const v = fitted[i];
        values.set(id, v && v.token.kind === 'num' ? v.token.value : null);
      });
    }
    const fails = checkCells(format, (id) => values.get(id) ?? null, () => undefined).filter(
      (f) => f.severity === 'error' && f.rule.startsWith('R3.'),
    ).length;
    return { result: { ...result, orientation, undecided: false } as GridResult, fails };
  });
  const [byRow, byCol] = tries as [(typeof tries)[0], (typeof tries)[0]];
  if (byRow.fails === byCol.fails) return null;
  return byRow.fails < byCol.fails ? byRow.result : byCol.result;
}

/** the reader worked on a text cut at its labels: give every line number of the original */
function remapLines(
  origin: number[],
  cells: Record<CellId, Cell>,
  findings: Finding[],
  sections: Report['sections'],
  title: { line: number | null },
): void {
  const orig = (line: number) => origin[line - 1]! + 1;
  for (const c of Object.values(cells)) if (c.source) c.source = { ...c.source, line: orig(c.source.line) };
  for (const f of findings) f.lines = [...new Set(f.lines.map(orig))];
  for (const s of sections) s.line = orig(s.line);
  if (title.line) title.line = orig(title.line);
}

/** R3.3 on one row of seven values */
function r33(v: (number | null)[]): boolean {
  if (v.length !== 7 || v.some((x) => x === null)) return false;
  const parts = (v as number[]).slice(0, 6).reduce((a, b) => a + b, 0);
  return parts === v[6];
}

function toCell(v: ValueCell | null, reason: Cell['nullReason']): Cell {
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
export function fitRow(values: ValueCell[], width: number, hints: FitHints = {}): { fitted: (ValueCell | null)[]; lost: number; extra: number } {
  let n = values.length;
  const blank = (i: number) => values[i]!.token.kind === 'blank';
  // the learned merge artefacts after the label go first, even when the row is short
  if (hints.lead !== undefined && hints.lead > 0 && n <= width) {
    let k = 0;
    while (k < hints.lead && k < n && blank(k)) k++;
    if (k === hints.lead) {
      values = values.slice(k);
      n = values.length;
    }
  }
  let maxLead = 0;
  while (maxLead < n - width && blank(maxLead)) maxLead++;
  let maxTrail = 0;
  while (maxTrail < n - width && blank(n - 1 - maxTrail)) maxTrail++;
  // starts a such that values[a, a + width) drops only blank cells on both sides
  const starts: number[] = [];
  for (let a = maxLead; a >= 0; a--) if (n - a - width <= maxTrail) starts.push(a);
  let a = starts[0] ?? maxLead;
  if (starts.length > 1) {
    const num = (v: ValueCell) => (v.token.kind === 'num' ? v.token.value : null);
    const fits = hints.consistent ? starts.filter((s) => hints.consistent!(values.slice(s, s + width).map(num))) : starts;
    const pool = fits.length ? fits : starts;
    a = hints.lead !== undefined && pool.includes(hints.lead) ? hints.lead : pool[0]!;
  }
  let b = n;
  while (b - a > width && blank(b - 1)) b--;
  const extra = Math.max(0, b - a - width);
  const fitted: (ValueCell | null)[] = values.slice(a, Math.min(b, a + width));
  const lost = width - fitted.length;
  while (fitted.length < width) fitted.push(null);
  return { fitted, lost, extra };
}

/**
 * How many blank cells follow the label as merge artefacts, by row shape: read off the rows
 * whose values are all there, so that a row with a blank first value is not shifted left.
 * Only where every complete row of the shape agrees.
 */
function learnLeads(result: GridResult, grid: GridRow[]): Map<string, number> {
  const seen = new Map<string, Set<number>>();
  for (const g of grid) {
    const p = result.placed.get(g.key);
    if (!p || p.how !== 'inline') continue;
    const kinds = p.values.map((v) => v.token.kind !== 'blank');
    const first = kinds.indexOf(true);
    const last = kinds.lastIndexOf(true);
    if (first < 0 || last - first + 1 !== g.cells.length || kinds.slice(first, last + 1).includes(false)) continue;
    if (!seen.has(p.shape)) seen.set(p.shape, new Set());
    seen.get(p.shape)!.add(first);
  }
  const leads = new Map<string, number>();
  for (const [n, set] of seen) if (set.size === 1) leads.set(n, [...set][0]!);
  return leads;
}

function fillRow(
  ids: CellId[],
  p: Placed,
  name: string,
  key: string,
  isT3: boolean,
  lead: number | undefined,
  cells: Record<CellId, Cell>,
  ambiguous: Report['ambiguous'],
  findings: Finding[],
  format: FormatId,
): void {
  const { fitted, lost, extra } = fitRow(p.values, ids.length, { lead, ...(isT3 ? { consistent: r33Consistent } : {}) });
  const lines = [p.line];
  ids.forEach((id, i) => {
    const c = toCell(fitted[i] ?? null, 'lost');
    if (p.how !== 'inline') c.decidedBy = p.how === 'stream' ? '按数列位置' : '按表格行序';
    if (p.split) {
      c.decidedBy = '按勾稽规则拆分连写的数字';
      if (ambiguous[id]) c.nullReason = 'ambiguous';
    }
    cells[id] = c;
    if (c.nullReason === 'blank') findings.push(finding('S3', id, 'warning', MESSAGES.S3_blank(cellName(format, id)), [id], lines));
    if (c.nullReason === 'not_applicable')
      findings.push(finding('S3', id, 'warning', MESSAGES.S3_na(cellName(format, id), c.source!.text), [id], lines));
  });
  if (lost > 0) {
    findings.push(finding('S2', key, 'warning', MESSAGES.S2_short(name, ids.length - lost, ids.length), ids, lines));
    const known = fitted.filter((v): v is ValueCell => v !== null).map((v) => (v.token.kind === 'num' ? v.token.value : null));
    const allEqual = known.every((v) => v === known[0]);
    // with R3.3, when the last known value is below the sum of the others only the lost total fits
    const settled = allEqual || (isT3 && lost === 1 && known.every((v) => v !== null) && known[5]! < known.slice(0, 5).reduce((a, b) => a! + b!, 0)!);
    if (!settled) {
      for (const id of ids.slice(1)) {
        ambiguous[id] = { candidates: [...new Set(known)], reason: MESSAGES.ambiguous(name) };
      }
    }
  }
  if (extra > 0) findings.push(finding('S2', key, 'warning', MESSAGES.S2_extra(name, ids.length + extra, ids.length), ids, lines));
  if (p.ambiguous) {
    for (const id of ids) ambiguous[id] ??= { candidates: [], reason: `${name}的数字是按位置推断的，原文无法确认。` };
  }
}

function readT4(format: FormatId, rows: PhysRow[], grid: GridRow, cells: Record<CellId, Cell>, ambiguous: Report['ambiguous'], findings: Finding[]): void {
  const values: ValueCell[] = [];
  const runRow = rows.find((r) => r.run);
  if (runRow?.run) {
    // the fifteen numbers ran together: split by the three block sums
    const placed = new Map<string, Placed>([[grid.key, { values: [], line: runRow.line, how: 'inline', shape: '', run: runRow.run }]]);
    const { unsplittable } = resolveRuns(format, [grid], placed, ambiguous);
    for (const u of unsplittable) findings.push(finding('S2', 'suit_after_review', 'warning', MESSAGES.unsplittable(u.digits, u.line), grid.cells, [u.line]));
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
  if (whole && whole.values.length >= grid.cells.length) {
    // one row holds the whole table: its blank cells are cells (a blank first value stays blank)
    values.push(...fitRow(whole.values, grid.cells.length, { consistent: r4Consistent }).fitted.filter((v): v is ValueCell => v !== null));
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
    if (c.nullReason === 'blank' || c.nullReason === 'not_applicable') {
      const name = cellName(format, id);
      findings.push(finding('S3', id, 'warning', c.nullReason === 'blank' ? MESSAGES.S3_blank(name) : MESSAGES.S3_na(name, c.source!.text), [id], [c.source!.line]));
    }
  });
  if (lost > 0) {
    const line = values[0]!.line;
    for (const b of T4_BLOCKS) {
      const ids = grid.cells.filter((c) => c.startsWith(`t4.${b.key}.`));
      const blockLost = ids.filter((id) => cells[id]!.nullReason === 'lost').length;
      if (blockLost) findings.push(finding('S2', b.key, 'warning', MESSAGES.S2_short(`表四“${b.short}”`, 5 - blockLost, 5), ids, [line]));
    }
    const known = fitted.filter((v): v is ValueCell => v !== null).map((v) => (v.token.kind === 'num' ? v.token.value : null));
    if (!known.every((v) => v === known[0])) {
      for (const id of grid.cells.slice(1)) ambiguous[id] = { candidates: [...new Set(known)], reason: MESSAGES.ambiguous('表四') };
    }
  }
}

/** amounts: stored in the column's unit; a unit that does not fit its header is R2.6 */
function amounts(
  format: FormatId,
  t2Text: string,
  unit: string | null,
  cells: Record<CellId, Cell>,
  ambiguous: Report['ambiguous'],
  findings: Finding[],
): void {
  if (format === 'gov2019') {
    const id = 't2.art20_9.procurement.amount_yuan';
    const c = cells[id]!;
    const headerWan = /采购总金额（?单位[：:]?万元|采购总金额（万元）/.test(t2Text);
    const a = ambiguous[id];
    if (a && headerWan) a.candidates = a.candidates.map((v) => (v === null ? v : Math.round(v * 10000 * 100) / 100));
    if (c.value === null) return;
    const written = c.unitWritten ?? (headerWan ? '万元' : undefined);
    if (written === '万元') c.value = Math.round(c.value * 10000 * 100) / 100;
    if (c.unitWritten === '元' && headerWan)
      findings.push(finding('R2.6', id, 'warning', MESSAGES.R2_6_yuanUnderWan('表二“政府集中采购”采购总金额', c.source?.text ?? ''), [id], c.source ? [c.source.line] : []));
    if (written && !c.unitWritten) c.unitWritten = written;
  } else {
    const id = 't2.art20_8.fee.amount_wan';
    const c = cells[id]!;
    if (c.value === null) return;
    if (c.unitWritten === '元') {
      findings.push(finding('R2.6', id, 'warning', MESSAGES.R2_6_yuanUnderWan('表二“行政事业性收费”本年收费金额', c.source?.text ?? ''), [id], c.source ? [c.source.line] : []));
      c.value = c.value / 10000;
    } else if (unit && /[乡镇]|街道|办事处/.test(unit) && c.value >= 10000) {
      findings.push(finding('R2.6', id, 'warning', MESSAGES.R2_6_tooLarge('表二“行政事业性收费”本年收费金额', c.value), [id], c.source ? [c.source.line] : []));
    }
  }
}

function structure(
  format: FormatId,
  sections: Report['sections'],
  title: ReturnType<typeof findTitle>,
  years: ReturnType<typeof findYear>,
  year: number | null,
  findings: Finding[],
): void {
  for (let n = 1; n <= 6; n++) {
    if (!sections.some((s) => s.n === n)) findings.push(finding('S1', String(n), 'warning', MESSAGES.S1_missing(n)));
  }
  let last = 0;
  for (const s of sections) {
    if (s.line < last) findings.push(finding('S1', String(s.n), 'warning', MESSAGES.S1_order(s.n), [], [s.line]));
    last = Math.max(last, s.line);
  }
  const tl = title.line ? [title.line] : [];
  if (title.titleYear === null) findings.push(finding('S4', '', 'warning', MESSAGES.S4_noYear(), [], tl));
  else if (years.period !== null && years.period !== title.titleYear)
    findings.push(finding('S4', '', 'warning', MESSAGES.S4_mismatch(title.titleYear, years.period), [], tl));
  if (year !== null && (year <= 2020 ? 'gov2019' : 'gov2021') !== format) findings.push(finding('S5', '', 'warning', MESSAGES.S5(format, year)));
}
