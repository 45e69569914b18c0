/**
 * 表二 as `pdftotext` (default mode, no -layout) gives a bordered table: block by block, the
 * caption 第二十条第（X）项, the header words wrapped a few characters a line, then the rows'
 * label pieces with their numbers among them, one a line — numbers centred in a tall row come
 * between the pieces of its label, or before it. Which label a number stood beside is lost;
 * the numbers come in the table's order (row by row, left to right) — except where the page
 * breaks: there a cell of a block's last column may come late, after the next block's caption,
 * or a page number falls among them. So a block is read only where its order is provable:
 * - the block's part of the text (caption to next caption) holds exactly its cells' numbers,
 *   no piece of a wrapped number (`169.` / `67`), each a number its column can hold, and its
 *   rows' labels and no other block's;
 * - no number crossed the borders beside it: a cell that came late leaves the blocks before
 *   the border one short in all (a block that only looks whole, having passed one on and got
 *   one, lies between two such borders) — so the counts before the border, or after it, add up;
 * - no page break falls among its numbers (where pdftotext may hold a cell back).
 * Any other block is flagged, each cell with the numbers it could be. 表二 has no equation that
 * could tell one placement from another, so nothing is guessed. A number wrapped into two
 * lines that both read as numbers (`3794` / `6`) is not told from two cells: a block with a
 * long number right above another is not counted on (a blank cell, no line, would even the count).
 */
import { cellInfo, t2Id, type GridRow } from '../format/cells.ts';
import { cellName } from '../format/names.ts';
import { FORMATS } from '../format/tables.ts';
import type { ColumnDef, CellId, FormatId, RowDef } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Cell, Report } from '../report.ts';
import { MESSAGES } from '../rules/messages.ts';
import { toCell } from './fit.ts';
import { compact } from './normalize.ts';
import { classify, isPageFooter, numToken, type ValueCell } from './tokens.ts';

export interface T2BlockRead {
  /** cells read, with their source */
  values: Map<CellId, ValueCell>;
  /** cells flagged: the numbers they could be */
  unsure: Map<CellId, (number | null)[]>;
}

/**
 * a piece of a number wrapped in a narrow cell (`169.`, `.67`, `00`, `43,9`), or a number on
 * a label's line (`行政 3794`): its other piece is a line of its own that looks like a number
 */
const FRAGMENT = /^(?:[\d,.+\-]+|0\d+(?:\.\d*)?)$|(?:^|\s)[+\-]?[\d,.]+(?:\s|$)/;

/** numbers this long may have filled a narrow cell's line and gone on in the next */
const WRAP_AT = 4;

interface Segment {
  values: ValueCell[];
  /** lines set apart as page numbers: a cell may have had that value */
  pages: ValueCell[];
  /** its text lines joined, whitespace removed */
  text: string;
  /** a piece of a wrapped number: the count of numbers says nothing */
  broken: boolean;
  /** a page break among the numbers (one may have been held back past it) */
  late: boolean;
}

/** a value its column can hold: counts are whole and not negative (本年增/减 may be), amounts any number */
function fits(v: ValueCell, col: ColumnDef): boolean {
  if (v.token.kind !== 'num') return v.token.kind === 'na';
  const x = v.token.value;
  if (col.kind === 'amount') return x >= 0;
  if (!Number.isInteger(x)) return false;
  return col.kind === 'signed' || x >= 0;
}

/**
 * 表二's row labels wrapped a few characters a line, as pdftotext writes a bordered table's
 * narrow cells: most rows' labels whole on no line of the region (compacted lines)
 */
export function labelsWrapped(compactLines: string[], grid: GridRow[]): boolean {
  let whole = 0;
  for (const g of grid) {
    if (g.def && compactLines.some((l) => l.length < 40 && g.def!.match.some((re) => re.test(l)))) whole++;
    // half the rows whole on a line: not wrapped, whatever the other rows say
    if (whole * 2 >= grid.length) return false;
  }
  return whole * 2 < grid.length;
}

/**
 * @param lines the region of 表二 (normalised lines)
 * @param firstLine its first line, 1-based
 * @param pageNumbers 1-based lines that are page numbers (pageNumberLines over the whole text)
 * @returns null where the text is not this shape (the captions not all found, in order)
 */
export function readT2Blocks(format: FormatId, lines: string[], firstLine: number, pageNumbers: Set<number>): T2BlockRead | null {
  const blocks = FORMATS[format].t2;
  // the captions, wrapped too (第二十 / 条第（一）项): found in the text lines joined
  let joined = '';
  const lineAt: number[] = [];
  lines.forEach((l, i) => {
    const c = compact(l.replace(/\f/g, ''));
    if (classify(c).kind !== 'text') return;
    for (let k = 0; k < c.length; k++) lineAt.push(i);
    joined += c;
  });
  const starts: number[] = [];
  let from = 0;
  for (const b of blocks) {
    const at = joined.indexOf(b.caption, from);
    if (at < 0) return null;
    starts.push(lineAt[at]!);
    from = at + b.caption.length;
  }
  const segments: Segment[] = starts.map((s, k) => {
    const end = starts[k + 1] ?? lines.length;
    const values: ValueCell[] = [];
    const pages: ValueCell[] = [];
    let text = '';
    let broken = false;
    let late = false;
    let feed = false;
    for (let i = s; i < end; i++) {
      const raw = lines[i]!;
      if (raw.includes('\f') && values.length) feed = true;
      const t = raw.replace(/\f/g, '').trim();
      if (!t || isPageFooter(t)) continue;
      const tok = classify(t);
      const prev = values[values.length - 1];
      // a number of four characters or more right above another: perhaps one number wrapped
      // (3794 / 6), and a blank cell (no line) in the block would hide it from the count
      if ((tok.kind === 'num' || tok.kind === 'na') && prev && prev.line === firstLine + i - 1 && prev.token.text.replace(/^[+\-]/, '').length >= WRAP_AT) broken = true;
      if (pageNumbers.has(firstLine + i)) {
        if (tok.kind === 'num') pages.push({ token: tok, line: firstLine + i });
        continue;
      }
      if (tok.kind === 'num' || tok.kind === 'na') {
        values.push({ token: tok, line: firstLine + i });
        // a page break between this block's numbers: one may have been held back past it
        if (feed) late = true;
        continue;
      }
      if (FRAGMENT.test(t) || FRAGMENT.test(t.replace(/\s+/g, ''))) broken = true;
      text += t.replace(/\s+/g, '');
    }
    return { values, pages, text, broken, late };
  });
  // how many numbers each block has over (+) or under (−) its cells; unknown where a number wrapped
  const delta = blocks.map((b, k) => (segments[k]!.broken ? null : segments[k]!.values.length - b.rows.length * b.columns.length));
  // a number crossed from one block's part into the next (late) or back (a caption put after
  // the labels below it) leaves the blocks before that border with too few or too many in all:
  // a border is clear where the counts on both sides add up — one side may be unknown (a
  // wrapped number), but neither may be off: a blank cell (no line) on one side and a number
  // come across on the other would leave the other side looking whole
  const sum = (ds: (number | null)[]) => (ds.includes(null) ? null : (ds as number[]).reduce((a, b) => a + b, 0));
  const clear = (j: number) => {
    if (j < 0 || j >= blocks.length - 1) return true;
    const [before, after] = [sum(delta.slice(0, j + 1)), sum(delta.slice(j + 1))];
    return (before === 0 || before === null) && (after === 0 || after === null) && (before !== null || after !== null);
  };
  // the rows a block's text names: a label that went to another block's part (pdftotext may
  // put a caption after the labels below it) takes its numbers' order with it
  const names = (text: string, rows: RowDef[]) => rows.filter((r) => r.match.some((re) => re.test(text)));
  const whole = blocks.map((b, k) => {
    const seg = segments[k]!;
    if (seg.broken || seg.late || seg.values.length !== b.rows.length * b.columns.length) return false;
    if (names(seg.text, b.rows).length !== b.rows.length) return false;
    if (blocks.some((o, j) => j !== k && names(seg.text, o.rows).length > 0)) return false;
    return seg.values.every((v, i) => fits(v, b.columns[i % b.columns.length]!));
  });
  const out: T2BlockRead = { values: new Map(), unsure: new Map() };
  blocks.forEach((b, k) => {
    const ids = b.rows.flatMap((r) => b.columns.map((c) => t2Id(b.key, r.key, c.key)));
    const sure = whole[k] && clear(k - 1) && clear(k);
    if (sure) {
      // 采购总金额 in the unit its header names: the header's words are wrapped and interleaved, but a 万 among them is its 万元
      const wan = segments[k]!.text.includes('万');
      ids.forEach((id, i) => {
        const v = segments[k]!.values[i]!;
        const t = v.token;
        const inYuan = cellInfo(format, id).column.unit === '元';
        out.values.set(id, inYuan && wan && t.kind === 'num' && !t.unit ? { ...v, token: numToken(t.value, t.text, '万元') } : v);
      });
      return;
    }
    // the numbers a cell of this block could be: its own part of the text and its neighbours'
    const near = [k - 1, k, k + 1].flatMap((j) => [...(segments[j]?.values ?? []), ...(segments[j]?.pages ?? [])]);
    const could = [...new Set(near.map((v) => (v.token.kind === 'num' ? v.token.value : null)))];
    for (const id of ids) out.unsure.set(id, could);
  });
  return out;
}

/**
 * The blocks' reading over what the readers before it made of 表二 (values placed by position,
 * then flagged as possibly shifted): a cell read is set with its source, a cell unsure is
 * flagged with its candidates; the blank-cell and short-row findings of those cells go, the
 * reading here being the one that stands.
 */
export function applyT2Blocks(format: FormatId, read: T2BlockRead, cells: Record<CellId, Cell>, ambiguous: Report['ambiguous'], findings: Finding[]): void {
  const done = new Set<string>();
  for (const [id, v] of read.values) {
    cells[id] = toCell(v, 'blank');
    delete ambiguous[id];
    done.add(id);
  }
  for (const [id, could] of read.unsure) {
    const c = cells[id]!;
    cells[id] = { value: null, nullReason: 'ambiguous', ...(c.source ? { source: c.source } : {}) };
    ambiguous[id] = { candidates: could, reason: MESSAGES.pdfT2Unsure(cellName(format, id), could) };
    done.add(id);
  }
  // rows now read or flagged whole: the findings of the position reading about them go
  // (and numbers it took for strays, now read as cells)
  const rows = new Set([...done].map((id) => cellInfo(format, id).row));
  const used = new Set([...read.values.values()].map((v) => v.line));
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i]!;
    const stray = f.rule === 'S2' && f.at === '' && f.lines.length > 0 && f.lines.every((l) => used.has(l));
    if ((f.rule === 'S3' && done.has(f.at)) || (f.rule === 'S2' && rows.has(f.at)) || stray) findings.splice(i, 1);
  }
}
