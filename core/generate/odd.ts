/**
 * Shapes of real pages that earlier layouts did not make (issue #12), each a generator
 * layout of its own so the reader is fixed for the class, not for one page:
 *
 * - `bare-cr`: one cell a "line", the only breaks bare carriage returns, a blank cell one
 *   more break (a scraped page's text);
 * - `bare-cr-blanks`, `cells-blanks`: the same and Word's one-cell-a-line paste with whole rows
 *   of 表三 blank and only the 总计 of 表四's blocks filled;
 * - `glued-rows`: a run-together table written a line a row, but some rows glued to the next
 *   (`…30010042.没有现成信息…`) and 表四's values glued to its header word 总计;
 * - `other-2019-row`: a 2021 report whose 表三 carries the 2019 template's single
 *   （六）其他处理 row (its sum) instead of its three sub-rows;
 * - `no-title`: a fragment copied from below the title: unit and year only in the body;
 * - `restyled-headings`: a PDF → Markdown conversion: section headings bold, numbered
 *   otherwise, or glued to the line before;
 * - `split-breaks-rule`: a run-together page with a 表三 cell wrong, so that every split of
 *   that row's digits breaks its row rule;
 * - `html-colspan`: a web page whose header and data rows spread their cells differently —
 *   a colspan on the first value of every data row (the header's grid one column wider), or
 *   on a header cell over the values with the data rows one cell short of its grid;
 * - `pdf-blocks`: pdftotext (default mode) of bordered tables: 表三 page by page, the rows'
 *   labels wrapped a few characters a line, then their numbers one a line, page numbers between,
 *   a blank cell no line at all (pdfblocks.ts); 表二 block by block, numbers among their labels'
 *   pieces, a number held back past the next caption at a page break; 表四 its headers and
 *   numbers interleaved (pdfblocks24.ts).
 */
import { formatCells, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { SECTION_TITLES } from '../format/facts.ts';
import type { Doc } from './model.ts';
import type { Rng } from './random.ts';
import { pdfBlocksWriter } from './pdfblocks.ts';
import { documentLines, numberStyle, render, type Writer } from './render.ts';
import { runTogether } from './runtogether.ts';
import { htmlToText } from '../extract/html.ts';
import type { TCell, TRow, TTable } from './tablemodel.ts';

/** the reader gets a web page as the pane and the CLI give it: through core/extract */
const htmlToTextLike = (html: string) => htmlToText(html);

export const ODD_LAYOUTS = [
  'bare-cr',
  'bare-cr-blanks',
  'cells-blanks',
  'glued-rows',
  'other-2019-row',
  'no-title',
  'restyled-headings',
  'split-breaks-rule',
  'html-colspan',
  'pdf-blocks',
] as const;
export type OddLayout = (typeof ODD_LAYOUTS)[number];

/** which oddities a format can show */
export const oddFits = (kind: OddLayout, format: FormatId) => kind !== 'other-2019-row' || format === 'gov2021';

export interface OddPlan {
  /** finding ids the oddity itself implies (S2, S3, S4 …), besides what the rules give */
  findings: string[];
  /** write the document out */
  render(doc: Doc, rng: Rng): string;
  /** the cells the text cannot settle (a row every split of whose digits breaks a rule) */
  unsettled?: CellId[];
  /** cells whose place the text does not show (pdf-blocks: a wrapped number, one held back), filled as it is written */
  unsure?: Set<CellId>;
}

// ------------------------------------------------------------------ one cell a bare CR line

function bareCr(rng: Rng): Writer {
  // each item is followed by `gap` breaks; a blank cell is an item with nothing in it
  const gap = rng.pick([1, 1, 2]);
  const join = (items: string[]) => items.flatMap((x) => [x, ...new Array<string>(gap - 1).fill('')]);
  return {
    title: (lines) => join(lines),
    heading: (t) => join([t]),
    para: (t) => join([t]),
    table: (t: TTable) =>
      join(t.rows.flatMap((row: TRow) => row.cells.filter((c) => !c.cont && (c.value || c.text)).map((c) => c.text))),
  };
}

function renderBareCr(doc: Doc, rng: Rng): string {
  const style = numberStyle(rng, doc, (s) => s);
  return documentLines(doc, bareCr(rng.fork(11)), rng.fork(12), style).join('\r');
}

/** whole rows of 表三 blank, and of 表四 only each block's 总计 filled */
function blankMany(doc: Doc, rng: Rng): string[] {
  const rows = FORMATS[doc.format].t3Rows.map((r) => r.key);
  const blankRows = rng.shuffle(rows).slice(0, rng.int(2, 5));
  const ids: CellId[] = [];
  for (const r of blankRows) for (const c of T3_COLUMNS) ids.push(t3Id(r, c.key));
  for (const b of T4_BLOCKS) for (const c of T4_COLUMNS) if (c.key !== 'total') ids.push(t4Id(b.key, c.key));
  for (const id of ids) doc.values[id] = null;
  return ids.map((id) => `S3@${id}`);
}

// ------------------------------------------------------------------ run together, rows glued

function gluedRows(pipeText: string, rng: Rng): string {
  // runTogether writes the body on one line; here each row keeps a line, some glued to the next
  const oneLine = pipeText.split('\n').map((l) => runTogether(l, rng.fork(l.length)));
  const out: string[] = [];
  for (const l of oneLine) {
    const prev = out[out.length - 1];
    const heading = SECTION_TITLES.some((t) => l.startsWith(t));
    const glue = prev !== undefined && !heading && /\d$/.test(prev) && /^(?:\d\.|（[一二三四五六七]）|[一二三四]、)/.test(l) && rng.chance(0.6);
    const toTotal = prev !== undefined && /总计$/.test(prev) && /^[\d ]+$/.test(l);
    if (glue || toTotal) out[out.length - 1] = prev + l;
    else out.push(l);
  }
  return out.filter((l) => l !== '').join('\n');
}

// ------------------------------------------------------------------ 2019's single （六） row in 2021

function otherAsOneRow(doc: Doc): { findings: string[]; draw: (t: TTable) => TTable } {
  const others = FORMATS[doc.format].resultRows.filter((k) => k.startsWith('other_'));
  const sums = T3_COLUMNS.map((c) => {
    const vs = others.map((r) => doc.values[t3Id(r, c.key)] ?? null);
    return vs.includes(null) ? null : (vs as number[]).reduce((a, b) => a + b, 0);
  });
  for (const r of others) for (const c of T3_COLUMNS) doc.values[t3Id(r, c.key)] = null;
  const draw = (t: TTable): TTable => {
    const isOther = (row: TRow) => row.cells.some((c) => c.id !== undefined && others.some((r) => c.id!.startsWith(`t3.${r}.`)));
    const first = t.rows.findIndex(isOther);
    const row: TRow = {
      kind: 'data',
      cells: [
        { text: '', span: 1, cont: true, value: false },
        { text: '（六）其他处理', span: 2, cont: false, value: false },
        ...sums.map((v) => ({ text: v === null ? '' : String(v), span: 1, cont: false, value: true })),
      ],
    };
    const rows = t.rows.filter((r) => !isOther(r));
    rows.splice(first, 0, row);
    return { ...t, rows };
  };
  return { findings: others.map((r) => `S2@${r}`), draw };
}

// ------------------------------------------------------------------ headings as converters restyle them

function restyle(markdownText: string, rng: Rng): string {
  const lines = markdownText.split('\n');
  const numbers = ['1', '2', '3', '4', '5', '6'];
  const out: string[] = [];
  for (const line of lines) {
    const bare = line.replace(/^#+\s*/, '');
    const n = SECTION_TITLES.indexOf(bare);
    if (n < 0) {
      out.push(line);
      continue;
    }
    const words = bare.slice(2);
    const style = rng.pick(['bold', 'arabic', 'part', 'paren', 'glued', 'bold-arabic'] as const);
    let h: string;
    if (style === 'bold') h = `**${bare}**`;
    else if (style === 'arabic') h = `${numbers[n]}. ${words}`;
    else if (style === 'part') h = `第${'一二三四五六'[n]}部分 ${words}`;
    else if (style === 'paren') h = `（${'一二三四五六'[n]}）${words}`;
    else if (style === 'bold-arabic') h = `**${numbers[n]}、${words}**`;
    else h = bare;
    // glued: the converter lost the break before the heading
    let at = out.length - 1;
    while (at >= 0 && out[at]!.trim() === '') at--;
    if (style === 'glued' && at >= 0 && /[。；]$/.test(out[at]!)) out[at] = `${out[at]}${h}`;
    else out.push(h);
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ header and data rows on different grids

const widen = (c: TCell, by = 1): TCell => ({ ...c, span: c.span + by });

/** the first value of each data row spans two columns; the header widened over it to match */
function valueColspan(t: TTable): TTable {
  const rows = t.rows.map((row) => {
    const first = row.cells.findIndex((c) => c.value);
    if (row.kind === 'data' && first >= 0) return { ...row, cells: row.cells.map((c, i) => (i === first ? widen(c) : c)) };
    if (row.kind === 'caption') return { ...row, cells: row.cells.map((c, i) => (i === row.cells.length - 1 ? widen(c) : c)) };
    if (row.kind === 'header') {
      // the header cell over the first value column: the one after the label block (表四 has none)
      const at = t.name === 't4' ? 0 : 1;
      return { ...row, cells: row.cells.map((c, i) => (i === at ? widen(c) : c)) };
    }
    return row;
  });
  return { ...t, width: t.width + 1, rows };
}

/** a header cell over the values spans two columns; the data rows stay one cell short of that grid */
function headerColspan(t: TTable): TTable {
  if (t.name !== 't2') return t;
  const rows = t.rows.map((row) => (row.kind === 'header' ? { ...row, cells: row.cells.map((c, i) => (i === row.cells.length - 1 ? widen(c) : c)) } : row));
  return { ...t, rows };
}

/** the plan for one oddity: applied to the document before the truth is taken */
/** `used`: the rows, columns and cells the mistakes already set (violations.ts), which a blank keeps away from */
export function planOddity(kind: OddLayout, doc: Doc, rng: Rng, used: Set<string> = new Set()): OddPlan {
  switch (kind) {
    case 'bare-cr':
      return { findings: [], render: renderBareCr };
    case 'bare-cr-blanks':
      return { findings: blankMany(doc, rng), render: renderBareCr };
    case 'cells-blanks':
      return { findings: blankMany(doc, rng), render: (d, r) => render(d, 'word-cells', r) };
    case 'glued-rows':
      return { findings: [], render: (d, r) => gluedRows(render(d, 'pipe', r), r.fork(3)) };
    case 'other-2019-row': {
      const { findings, draw } = otherAsOneRow(doc);
      doc.drawn = (t) => (t.name === 't3' ? draw(t) : t);
      const layout = rng.pick(['pipe', 'word-tabs', 'markdown', 'word-cells', 'pdf-text'] as const);
      return { findings, render: (d, r) => render(d, layout, r) };
    }
    case 'no-title':
      doc.noTitle = true;
      return { findings: ['S4'], render: (d, r) => render(d, rng.pick(['pipe', 'word-tabs', 'markdown'] as const), r) };
    case 'restyled-headings':
      return { findings: [], render: (d, r) => restyle(render(d, 'markdown', r), r.fork(9)) };
    case 'html-colspan': {
      const way = rng.chance(0.5) ? valueColspan : headerColspan;
      doc.drawn = (t) => (t.name === 't4' && way === valueColspan ? t : way(t));
      return { findings: [], render: (d, r) => htmlToTextLike(render(d, 'html', r)) };
    }
    case 'pdf-blocks': {
      // now and then a blank cell of 表三: pdftotext writes no line for it
      const findings: string[] = [];
      // (away from the equations a changed cell sits in, as the blank mistake keeps: it would leave them undecided)
      const rows = FORMATS[doc.format].t3Rows.filter((r) => !used.has(`row:${r.key}`));
      const cols = T3_COLUMNS.filter((c) => !used.has(`col:${c.key}`));
      if (rows.length && cols.length && rng.chance(0.4)) {
        const id = t3Id(rng.pick(rows).key, rng.pick(cols).key);
        doc.values[id] = null;
        findings.push(`S3@${id}`);
      }
      // and now and then a blank cell of 表四, away from a block a mistake changed (its equation
      // would go undecided) and from the very last cell (a loss there is settled as lost, S2)
      if (!T4_BLOCKS.some((b) => used.has(`block:${b.key}`)) && rng.chance(0.25)) {
        const ids = formatCells(doc.format).t4Row.cells.slice(0, -1);
        const id = rng.pick(ids);
        doc.values[id] = null;
        findings.push(`S3@${id}`);
      }
      // and of 表二, away from the rows a mistake set (R2.2/R2.4)
      const t2Free = formatCells(doc.format).t2Rows.flatMap((g) => g.cells).filter((id) => !used.has(id));
      if (t2Free.length && rng.chance(0.2)) {
        const id = rng.pick(t2Free);
        doc.values[id] = null;
        findings.push(`S3@${id}`);
      }
      const unsure = new Set<CellId>();
      return { findings, unsure, render: (d, r) => documentLines(d, pdfBlocksWriter(r.fork(11), unsure), r.fork(12), numberStyle(r, d, (x) => x)).join('\n') };
    }
    case 'split-breaks-rule': {
      // one 表三 cell off by a few: its row's digits then admit no split that keeps R3.3
      const rows = FORMATS[doc.format].t3Rows.map((r) => r.key);
      const row = rng.pick(rows);
      const col = rng.pick(T3_COLUMNS.filter((c) => c.key !== 'total')).key;
      const id = t3Id(row, col);
      doc.values[id] = (doc.values[id] ?? 0) + rng.int(1, 3);
      return {
        findings: [],
        render: (d, r) => runTogether(render(d, 'pipe', r), r.fork(4)),
        unsettled: T3_COLUMNS.map((c) => t3Id(row, c.key)),
      };
    }
  }
}
