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
 * - a page number at a page's foot (a bare number line) where the document has one — real
 *   Word reports often do; the generator's own .docx has none.
 * A blank cell leaves no line at all (that case is made by LibreOffice in tests/pdftotext).
 * 表二 and 表四 are written as `pdf-text` writes them.
 */
import { T3_NOTE } from '../format/tables.ts';
import type { Rng } from './random.ts';
import { pdfText, type Writer } from './render.ts';
import type { TCell, TTable } from './tablemodel.ts';

/** a text cut into pieces of `width` characters (a narrow table column) */
const pieces = (text: string, width: number): string[] => {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
};

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

function t3Blocks(t: TTable, rng: Rng): string[] {
  const widths = { label: rng.int(2, 6), group: rng.int(2, 3), wide: rng.int(10, 12) };
  const rows = t.rows.filter((r) => r.kind === 'data').map((r) => rowOf(r.cells, rng, widths));
  const pageLines = rng.int(28, 60);
  const pageNumbers = rng.chance(0.5);
  let page = rng.int(2, 3);
  const head = pieces(T3_NOTE, rng.int(9, 11));
  const headers = HEADER_WORDS.flatMap((w) => (w.length > 4 && rng.chance(0.5) ? [w] : pieces(w, 2)));
  // the table starts somewhere down its first page
  let used = rng.int(0, pageLines - 8) + head.length;
  const out: string[] = [...head];
  let labels: string[] = [];
  let values: string[] = [];
  let first = true;
  const endPage = () => {
    out.push(...labels);
    if (first) out.push(...headers);
    first = false;
    for (const v of values) out.push(v, '');
    if (pageNumbers) out.push(String(page++), '');
    labels = [];
    values = [];
    used = 0;
    out.push('\f');
  };
  for (const row of rows) {
    let lines = row.lines.length ? row.lines : [''];
    if (used + lines.length > pageLines) {
      const room = pageLines - used;
      if (room > 0) {
        // the row splits over the break: its numbers on the first part
        labels.push(...lines.slice(0, room));
        values.push(...row.values);
        lines = lines.slice(room);
        endPage();
        labels.push(...lines);
        used = lines.length;
        continue;
      }
      endPage();
    }
    labels.push(...lines);
    values.push(...row.values);
    used += lines.length;
  }
  out.push(...labels);
  if (first) out.push(...headers);
  for (const v of values) out.push(v, '');
  // the page break is pdftotext's form feed at the start of the next page's first line
  return out.join('\n').replace(/\f\n/g, '\f').split('\n');
}

export function pdfBlocksWriter(rng: Rng): Writer {
  const base = pdfText(rng.fork(1));
  const r = rng.fork(2);
  return { ...base, table: (t) => (t.name === 't3' ? t3Blocks(t, r) : base.table(t)) };
}
