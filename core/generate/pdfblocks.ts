/**
 * `pdftotext` (default mode, no -layout) of a bordered 表三 — what LibreOffice Writer's PDF
 * of a Word report gives, and what many PDF viewers copy. As the real output shows it:
 * - page by page: the labels of the rows on the page, each wrapped a few characters a line
 *   in its narrow column (a group label's pieces beside its first row's pieces, on the same
 *   line or a line of their own), then the numbers of those rows one a line, a blank line
 *   after each, row by row;
 * - on the table's first page the note comes first and the column headers, wrapped too,
 *   after the row labels;
 * - a row that does not fit splits over the break: its numbers stay on the first page, the
 *   rest of its label goes on after the break (`\f`), before the next page's labels;
 * - a page number at a page's foot (a bare number line), now and then before the page's last
 *   number, where the document has page numbers (docxPackage's `pageNumbers`).
 * A blank cell leaves no line at all (that case is made by LibreOffice in tests/pdftotext).
 * 表二 and 表四 as pdfblocks24.ts writes them, flowing over the pages too.
 */
import { T3_NOTE } from '../format/tables.ts';
import type { CellId } from '../format/types.ts';
import { pieces, t2Lines, t4Lines } from './pdfblocks24.ts';
import type { Rng } from './random.ts';
import { pdfText, type Writer } from './render.ts';
import type { TCell, TTable } from './tablemodel.ts';

/** the header words of 表三 as its narrow header cells wrap them */
const HEADER_WORDS = ['自然人', '商业企业', '申请人情况', '法人或其他组织', '社会公益组织', '法律服务机构', '科研机构', '其他', '总计'];

interface Row {
  lines: string[];
  values: string[];
}

/** one data row of 表三: its label lines as the columns wrap them, and its numbers */
function rowOf(cells: TCell[], rng: Rng, widths: { label: number; group: number; wide: number }): Row {
  const labels = cells.filter((c) => !c.cont && !c.value && c.text);
  const values = cells.filter((c) => c.value && c.text !== '').map((c) => c.text);
  const own = labels[labels.length - 1];
  if (!own) return { lines: [], values };
  const wide = own.span >= 3;
  const mine = pieces(own.text, wide ? widths.wide : widths.label);
  const groups = labels.slice(0, -1).map((g) => pieces(g.text, widths.group));
  const lines: string[] = [];
  const sideBySide = rng.chance(0.5);
  for (let i = 0; i < Math.max(mine.length, ...groups.map((g) => g.length)); i++) {
    const parts = [...groups.map((g) => g[i]), mine[i]].filter((p): p is string => !!p);
    if (sideBySide) lines.push(parts.join(' '));
    else lines.push(...parts);
  }
  return { lines, values };
}

/** the pages of the whole document: every page ends in its number (if any) and a form feed */
interface Pages {
  lines: number;
  used: number;
  page: number;
  numbers: boolean;
  /** the next line starts a page: pdftotext's form feed goes at its start */
  feed: boolean;
}

/** lines outside 表三 (prose, 表二, 表四) flow over the pages a line at a time */
function flow(p: Pages, lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (p.used >= p.lines) {
      if (p.numbers) out.push(String(p.page), '');
      p.page++;
      p.used = 0;
      p.feed = true;
    }
    out.push(p.feed ? `\f${l}` : l);
    p.feed = false;
    if (l.trim()) p.used++;
  }
  return out;
}

/** lines that stay on one page: the page break, if one falls inside, comes after them */
function whole(p: Pages, lines: string[]): string[] {
  const out = lines.map((l, i) => (i === 0 && p.feed ? `\f${l}` : l));
  if (lines.length) p.feed = false;
  p.used += lines.filter((l) => l.trim()).length;
  return out;
}

function t3Blocks(t: TTable, rng: Rng, p: Pages): string[] {
  const widths = { label: rng.int(2, 6), group: rng.int(2, 3), wide: rng.int(10, 12) };
  const rows = t.rows.filter((r) => r.kind === 'data').map((r) => rowOf(r.cells, rng, widths));
  const head = pieces(T3_NOTE, rng.int(9, 11));
  const headers = HEADER_WORDS.flatMap((w) => (w.length > 4 && rng.chance(0.5) ? [w] : pieces(w, 2)));
  const out: string[] = flow(p, head);
  let labels: string[] = [];
  let values: string[] = [];
  let first = true;
  const put = (lines: string[]) => {
    for (const l of lines) {
      out.push(p.feed ? `\f${l}` : l);
      p.feed = false;
    }
  };
  const flush = () => {
    put(labels);
    if (first) put(headers);
    first = false;
    put(values.flatMap((v) => [v, '']));
    labels = [];
    values = [];
  };
  const endPage = () => {
    const nums = values.flatMap((v) => [v, '']);
    // the page number at the foot; now and then pdftotext puts the page's last cell after it
    if (p.numbers) nums.splice(nums.length >= 2 && rng.chance(0.3) ? nums.length - 2 : nums.length, 0, String(p.page), '');
    values = [];
    flush();
    put(nums);
    p.page++;
    p.used = 0;
    p.feed = true;
  };
  for (const row of rows) {
    let lines = row.lines;
    let nums = row.values;
    if (p.used + lines.length > p.lines) {
      const room = p.lines - p.used;
      if (room > 0) {
        // the row splits over the break: its numbers on the first part
        labels.push(...lines.slice(0, room));
        values.push(...nums);
        lines = lines.slice(room);
        nums = [];
      }
      endPage();
    }
    labels.push(...lines);
    values.push(...nums);
    p.used += lines.length;
  }
  flush();
  return out;
}

/** @param unsure filled with the cells whose place the text cannot show (pdfblocks24.ts) */
export function pdfBlocksWriter(rng: Rng, unsure: Set<CellId>): Writer {
  const base = pdfText(rng.fork(1));
  const r = rng.fork(2);
  const p: Pages = { lines: r.int(28, 60), used: 0, page: 1, numbers: r.chance(0.6), feed: false };
  return {
    title: (lines) => flow(p, base.title(lines)),
    heading: (t, level) => flow(p, base.heading(t, level)),
    para: (t) => flow(p, base.para(t)),
    table: (t) => (t.name === 't3' ? t3Blocks(t, r, p) : t.name === 't2' ? t2Lines(t, r, p, (l) => flow(p, l), unsure) : flow(p, t4Lines(t, r))),
  };
}
