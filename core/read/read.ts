/**
 * Text → Report, with the structural findings the reading itself can see (S1–S5, R2.6,
 * rows that lost cells, blank cells). Never throws on bad input: a text that holds no
 * report gives a `ReadFailure` with a Chinese reason.
 */
import { formatCells, type GridRow } from '../format/cells.ts';
import { t3RowName } from '../format/names.ts';
import { T3_COLUMNS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Cell, Report } from '../report.ts';
import { MESSAGES } from '../rules/messages.ts';
import { detectFormat } from './detect.ts';
import { finding } from './finding.ts';
import { fillRow, fitRow, flagShift, learnLeads } from './fit.ts';
import { amounts, structure } from './frame.ts';
import { pageNumberLines, readBlocks, type BlockRead } from './blocks.ts';
import { assemble, type GridResult, type Orientation } from './grid.ts';
import { CompactLines, normalizeText } from './normalize.ts';
import { bareGap, regionRows } from './rows.ts';
import { brokenFindings, resolveRuns } from './resolve.ts';
import { looksRunTogether, segmentLongLines } from './runs.ts';
import { failures, gridFailures, rowTest } from './rowrules.ts';
import { findRegions, findSections, findTitle, findYear, unitFromBody, type Regions } from './structure.ts';
import { readT4 } from './table4.ts';
import { applyT2Blocks, labelsWrapped, readT2Blocks } from './table2blocks.ts';
import type { PhysRow } from './tokens.ts';

export { fitRow } from './fit.ts';

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

/** 2019's one row for （六）其他处理, as a whole label (2021's group label comes with a sub-row's words) */
const ONE_OTHER_ROW = /^(?:三、?本年度办理结果)?[（(]六[）)]其他处理$/;

/** a text this long is not one annual report; reading stops here rather than run for minutes */
export const MAX_CHARS = 20_000_000;
const MAX_LINE = 200_000;

/** what controlChars counts: below 32, but tab, newline, vertical tab, form feed, carriage return */
const CONTROL = /[\x00-\x08\x0e-\x1f]/;

/** how much of a text controlChars looks at */
const HEAD = 4096;

/** control characters (not tab, newline, carriage return) in the first 4 KB: a binary file has many */
function controlChars(s: string): number {
  // nearly every text has none: one native scan says so
  if (!CONTROL.test(s.length > HEAD ? s.slice(0, HEAD) : s)) return 0;
  let n = 0;
  for (let i = 0, end = Math.min(s.length, HEAD); i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12) n++;
  }
  return n;
}

export function readText(input: string, source = '（粘贴的文本）'): ReadResult {
  // nothing but whitespace (as trim() sees it), without copying the text
  if (!/\S/.test(input)) return { ok: false, code: 'empty', message: '文件是空的，没有可读的内容。' };
  const controls = controlChars(input);
  if (controls > 8) return { ok: false, code: 'binary', message: '这不是文本文件（含有大量控制字符），请提供年报的文字内容。' };
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  const cr = text.includes('\r');
  const originalLines = (cr ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  // absurdly long lines (a million digits) are cut for reading; the original stays as it was
  const long = text.length > MAX_LINE && originalLines.some((l) => l.length > MAX_LINE);
  // originalLines joined, unless long lines were cut
  const unix = long ? originalLines.map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l)).join('\n') : cr ? originalLines.join('\n') : text;
  // (a text controlChars saw whole, without one, holds no NUL: not searched again)
  const body = (controls > 0 || input.length > HEAD) && unix.includes('\u0000') ? unix.replace(/\u0000/g, '') : unix;
  const norm = normalizeText(body);
  // a page whose tables ran into one line is cut back into rows at the labels; a text the
  // normalising left as it was is not split again
  const seg = segmentLongLines(norm, !long && norm === unix ? originalLines : undefined);
  const lines = seg.lines;
  const compacts = new CompactLines(lines);

  // the lines are the normalised text's, unless the text was cut: then it is not theirs
  const linesText = seg.cut ? undefined : norm;
  const sections = findSections(compacts, lines, linesText);
  const regions = findRegions(compacts, sections, lines, linesText);
  const tables = [regions.t2, regions.t3, regions.t4].filter((r): r is [number, number] => !!r);
  const format = detectFormat(tablesText(norm, lines, seg.cut, tables), () => tables.map(([a, b]) => compacts.join(a, b)).join(''));
  if (!format || (!regions.t3 && !regions.t2)) {
    return {
      ok: false,
      code: 'no_tables',
      message: '没有找到年报的统计表（表二“主动公开政府信息情况”、表三“收到和处理政府信息公开申请情况”）：请确认粘贴的是政府信息公开工作年度报告的全文。',
    };
  }

  const findings: Finding[] = [];
  const fc = formatCells(format);
  // some 200 cells: an object that starts as a hash table (a property made and deleted) takes
  // them faster than one that grows through a hidden class a property at a time first
  const cells: Record<CellId, Cell> = { '': { value: null } };
  delete cells[''];
  for (const c of fc.list) cells[c.id] = { value: null, nullReason: 'absent' };
  const ambiguous: Report['ambiguous'] = {};
  // cells run together: the page was cut, or 表三's rows carry long glued runs of digits
  const runTogether = seg.long || (regions.t3 !== null && looksRunTogether(lines.slice(...regions.t3), 7));
  // a page whose only breaks are carriage returns: one cell a line, blank cells as extra breaks
  const bare = !text.includes('\n') && text.includes('\r') ? { base: bareGap(lines) } : undefined;
  const rowsOf = (r: [number, number] | null, width: number): PhysRow[] =>
    r ? regionRows(lines.slice(r[0], r[1]), r[0] + 1, runTogether ? { width } : undefined, bare) : [];

  // 表三 first: its row rule tells whether value streams run by row or by column
  const t3Rows = rowsOf(regions.t3, 7);
  if (format === 'gov2021') {
    // the 2019 template's single （六）其他处理 row in a 2021 table: its sum is not spread over three rows
    // (a label that does not end in 理 is not tried: the pattern would run on every row)
    const at = t3Rows.findIndex(
      (r) => r.label.charCodeAt(r.label.length - 1) === 0x7406 && ONE_OTHER_ROW.test(r.label) && (r.run !== undefined || r.values.some((v) => v.token.kind === 'num')),
    );
    if (at >= 0) findings.push(finding('S2', 'other_handling', 'info', MESSAGES.otherAsOneRow(t3Rows[at]!.line), [], [t3Rows[at]!.line]));
    if (at >= 0) t3Rows.splice(at, 1);
  }
  const r33 = rowTest(format, fc.t3Rows[0]!.cells).holds;
  let t3 = assemble(t3Rows, fc.t3Rows, { rowHolds: r33, headers: T3_HEADER_WORDS });
  if (t3.undecided) t3 = decideByColumns(format, t3Rows, fc.t3Rows, r33) ?? t3;
  // most rows still unread: the table may be pdftotext's blocks of labels, then numbers
  let blocks: BlockRead | null = null;
  // page numbers are looked for at page breaks (form feeds): a text with none has none
  const pageBreaks = norm.includes('\f');
  let pages = new Set<number>();
  const settled = regions.t3 && !runTogether && !bare ? settledRows(format, t3, fc.t3Rows) : fc.t3Rows.length;
  if (settled < fc.t3Rows.length) {
    pages = pageBreaks ? pageNumberLines(lines) : pages;
    blocks = readBlocks(format, lines.slice(...regions.t3!), regions.t3![0] + 1, fc.t3Rows, T3_HEADER_WORDS, pages);
    // the shape found (runs of whole rows, named in order): its cells are proven or flagged,
    // where the readers before it placed values by position and may have shifted them
    if (blocks) t3 = blocks.result;
  }
  const t2 = assemble(rowsOf(regions.t2, 3), fc.t2Rows, t3.orientation ? { orientation: t3.orientation } : {});
  const fill = (result: GridResult, grid: GridRow[]) => {
    const runs = resolveRuns(format, grid, result.placed, ambiguous);
    for (const u of runs.unsplittable) {
      findings.push(finding('S2', u.key, 'warning', MESSAGES.unsplittable(u.digits, u.line), grid.find((g) => g.key === u.key)!.cells, [u.line]));
    }
    for (const b of runs.broken) findings.push(...brokenFindings(format, b));
    const leads = learnLeads(result, grid);
    const rowName = (g: GridRow) => (g.table === 't3' ? `表三“${t3RowName(format, g.key)}”行` : `表二“${g.def!.label}”行`);
    for (const g of grid) {
      const p = result.placed.get(g.key);
      if (!p) {
        if (!findings.some((f) => f.id === `S2@${g.key}`)) findings.push(finding('S2', g.key, 'warning', MESSAGES.S2_absent(rowName(g)), g.cells));
        continue;
      }
      fillRow(format, g.cells, p, () => rowName(g), g.key, g.table === 't3', leads.get(p.shape), cells, ambiguous, findings);
    }
    for (const g of grid) {
      const p = result.placed.get(g.key);
      const n = p?.shift && grid.find((x) => x.key === p.shift!.neighbour);
      if (p?.shift && n) flagShift({ ids: g.cells, name: rowName(g), key: g.key }, { ids: n.cells, name: rowName(n) }, p.shift, leads.get(p.shape), cells, ambiguous, findings);
    }
    // stray numbers: a few by line, the rest counted (a pasted file of junk must not make a million findings)
    for (const line of result.strays.slice(0, MAX_STRAYS)) findings.push(finding('S2', '', 'info', MESSAGES.strayNumbers(line), [], [line]));
    if (result.strays.length > MAX_STRAYS) {
      const rest = result.strays.slice(MAX_STRAYS);
      findings.push(finding('S2', '', 'info', MESSAGES.moreStrays(rest.length, rest[0]!), [], [rest[0]!]));
    }
  };
  fill(t3, fc.t3Rows);
  if (blocks) flagCells(blocks.flags, cells, ambiguous, findings);
  const misread = unshift(format, t3, fc.t3Rows, cells, ambiguous);
  fill(t2, fc.t2Rows);
  // 表二 has no equation to tell: its values placed by position are trusted no more than 表三's
  // nor where 表三 itself was placed by count and order alone (pdftotext's blocks)
  if (misread || blocks) unshift(format, t2, fc.t2Rows, cells, ambiguous, true);
  // 表三 in pdftotext's blocks, most of 表二's rows not found beside their labels, or its labels
  // wrapped a few characters a line: 表二 may be pdftotext's blocks, read block by block where
  // its order is provable (not where every row stood beside its label: that table is read)
  // (from the section's heading: a caption wrapped over two lines is no anchor of the region)
  const s2 = sections.find((s) => s.n === 2)?.line ?? Infinity;
  const t2From = Math.min(s2, regions.t2?.[0] ?? 0);
  const inline = t2.placed.size === fc.t2Rows.length && [...t2.placed.values()].every((p) => p.how === 'inline');
  const t2Shape = !!regions.t2 && !runTogether && !bare && !inline &&
    (!!blocks || t2.placed.size * 2 <= fc.t2Rows.length || labelsWrapped(compacts.slice(t2From, regions.t2[1]), fc.t2Rows));
  if (t2Shape && !blocks && pageBreaks) pages = pageNumberLines(lines);
  const t2Blocks = t2Shape ? readT2Blocks(format, lines.slice(t2From, regions.t2![1]), t2From + 1, pages) : null;
  if (t2Blocks) applyT2Blocks(format, t2Blocks, cells, ambiguous, findings);
  else if (t2Shape && !misread && !blocks) unshift(format, t2, fc.t2Rows, cells, ambiguous, true);
  // and 表四's numbers come one a line: no page number among them (a cell of that value may
  // have been taken for it), and a blank cell no line at all
  const pdfShape = !!blocks || t2Shape;
  const t4Rows = rowsOf(regions.t4, 15);
  const setApart = pdfShape ? t4Rows.flatMap((r) => r.values.filter((v) => pages.has(v.line))) : [];
  if (pdfShape) for (const r of t4Rows) r.values = r.values.filter((v) => !pages.has(v.line));
  readT4(format, t4Rows, fc.t4Row, cells, ambiguous, findings, pdfShape, setApart);

  const title = findTitle(lines, compacts, sections[0]?.line ?? 0);
  const years = findYear(norm);
  const year = title.titleYear ?? years.period ?? years.mode;
  let unit = title.unit;
  if (!title.title) {
    // no title in the text: the unit from the body (signature), else the file name — said so
    const found = unitFromBody(compacts, source);
    if (found) {
      unit = found.unit;
      findings.push(finding('S4', 'unit', 'info', MESSAGES.S4_unitFrom(found.where, found.unit), [], found.line ? [found.line] : []));
    }
  }
  amounts(format, () => tablesText(norm, lines, seg.cut, regions.t2 ? [regions.t2] : []), unit, cells, ambiguous, findings);
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
  const meta: ReadSuccess['meta'] = { regions, lines };
  if (t3.orientation) meta.orientation = t3.orientation;
  if (seg.cut) meta.origin = seg.origin;
  return { ok: true, report, findings, meta };
}

/**
 * The tables' lines as they are, joined by line breaks: one slice of the normalised text where
 * they follow each other in it (the lines are its lines, none cut), else joined.
 */
function tablesText(norm: string, lines: string[], cut: boolean, tables: [number, number][]): string {
  const follow = tables.every((r, i) => i === 0 || r[0] === tables[i - 1]![1]);
  if (cut || !follow || !tables.length) return tables.map(([a, b]) => lines.slice(a, b).join('\n')).join('\n');
  let start = 0;
  for (let i = 0; i < tables[0]![0]; i++) start += lines[i]!.length + 1;
  let end = start;
  for (let i = tables[0]![0]; i < tables[tables.length - 1]![1]; i++) end += lines[i]!.length + 1;
  return norm.slice(start, end - 1);
}

/**
 * A value stream the row rule could not orient: read the table both ways and keep the
 * way under which fewer of 表三's equations fail (R3.1, R3.2 by column). A tie stays undecided.
 */
function decideByColumns(format: FormatId, rows: PhysRow[], grid: GridRow[], r33: (v: (number | null)[]) => boolean): GridResult | null {
  const tries = (['row', 'column'] as const).map((orientation) => {
    const result = assemble(rows, grid, { rowHolds: r33, headers: T3_HEADER_WORDS, orientation, force: true });
    const fails = gridFailures(format, grid, placedValues(result, grid, true), 'R3.');
    return { result: { ...result, orientation, undecided: false } as GridResult, fails };
  });
  const [byRow, byCol] = tries as [(typeof tries)[0], (typeof tries)[0]];
  if (byRow.fails === byCol.fails) return null;
  return byRow.fails < byCol.fails ? byRow.result : byCol.result;
}

/**
 * Rows a reading settles: placed with no guess, and — for rows placed by position — not
 * thrown out by unshift below (more of 表三's equations broken than one wrong cell could).
 */
function settledRows(format: FormatId, r: GridResult, grid: GridRow[]): number {
  // every row placed inline with no guess (the common case): settled whatever the equations say
  let inline = 0;
  for (const p of r.placed.values()) if (!p.ambiguous && p.how === 'inline') inline++;
  if (inline === r.placed.size) return inline;
  const trusted = gridFailures(format, grid, placedValues(r, grid, false), 'R3.') <= ONE_CELL_BREAKS;
  return [...r.placed.values()].filter((p) => !p.ambiguous && (trusted || p.how === 'inline')).length;
}

/**
 * The numbers a reading puts in the cells, by place in the grid's cells (see gridFailures),
 * each row fitted to its width (rows placed by a guess left out unless `guesses`); null
 * where a cell gets no number.
 */
function placedValues(r: GridResult, grid: GridRow[], guesses: boolean): (number | null)[] {
  const values: (number | null)[] = [];
  for (const g of grid) {
    const p = r.placed.get(g.key);
    const fitted = p && (guesses || !p.ambiguous) ? fitRow(p.values, g.cells.length).fitted : null;
    for (let i = 0; i < g.cells.length; i++) {
      const v = fitted?.[i];
      values.push(v && v.token.kind === 'num' ? v.token.value : null);
    }
  }
  return values;
}

/** cells the block reading could not settle: flagged with their candidates, not blank (no S3) */
function flagCells(flags: BlockRead['flags'], cells: Record<CellId, Cell>, ambiguous: Report['ambiguous'], findings: Finding[]): void {
  for (const [id, f] of flags) {
    ambiguous[id] = f;
    const c = cells[id]!;
    cells[id] = { value: null, nullReason: 'ambiguous', ...(c.source ? { source: c.source } : {}) };
  }
  for (let i = findings.length - 1; i >= 0; i--) if (findings[i]!.rule === 'S3' && flags.has(findings[i]!.at)) findings.splice(i, 1);
}

/** one wrong cell of 表三 breaks at most its row (R3.3) and its column (R3.1 or R3.2 and R3.2) */
const ONE_CELL_BREAKS = 3;

/**
 * Flag, never shift: values placed by their position in a stream (no label beside them)
 * that break more of 表三's equations than one wrong cell could are a misreading, not the
 * report's mistake — those rows are flagged and left empty, so no rule judges them.
 */
function unshift(format: FormatId, result: GridResult, grid: GridRow[], cells: Record<CellId, Cell>, ambiguous: Report['ambiguous'], known = false): boolean {
  const byPlace = grid.filter((g) => {
    const how = result.placed.get(g.key)?.how;
    return how === 'stream' || how === 'order';
  });
  if (!byPlace.length || (!known && failures(format, (id) => cells[id]?.value ?? null, 'R3.') <= ONE_CELL_BREAKS)) return false;
  for (const g of byPlace) {
    for (const id of g.cells) {
      const c = cells[id]!;
      if (c.value === null) continue;
      ambiguous[id] = { candidates: [], reason: `${g.table === 't3' ? '表三' : '表二'}的数字是按位置读入的（读作 ${c.value}），但这样读使表三的多条勾稽关系不成立，可能错位：请核对原文。` };
      cells[id] = { value: null, nullReason: 'ambiguous', ...(c.source ? { source: c.source } : {}) };
    }
  }
  return true;
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

