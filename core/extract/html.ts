/**
 * HTML → the plain text the reader already reads. Clipboard HTML (a table copied from a
 * browser or Word) and saved web pages become lines: each paragraph or heading a line, each
 * table row one line of tab-separated cells with merged cells expanded into the grid the way
 * Word pastes them (a rowspan cell's text in its first row and an empty cell below it, a
 * colspan cell followed by empty cells). A slot no cell covers is left out at the row's end,
 * so a row that lost a cell stays one cell short, as the source shows it.
 */
import { tableLines, type GridCell } from './grid.ts';
import { LineSink } from './lines.ts';
import { holding, parseTree, type El, type Node } from './tree.ts';

/** never text of the report: code, styles, the page's <head> (its <title> repeats the heading with a site name) */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'select', 'button']);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul',
]);

const hidden = (el: El) => 'hidden' in el.attrs || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attrs.style ?? '');

/** HTML whitespace: runs of ASCII whitespace are one space; &nbsp; is a space too */
const collapse = (s: string) => s.replace(/\u00a0/g, ' ').replace(/[ \t\n\r\f]+/g, ' ');

/** all the text inside an element on one line: inside a table cell <br> and paragraphs are spaces */
function inlineText(el: El): string {
  let out = '';
  // an explicit stack (a node, or a space owed after a block's end): markup of any depth
  const stack: (Node | null)[] = el.children.slice().reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n === null) {
      out += ' ';
      continue;
    }
    if (typeof n === 'string') {
      out += collapse(n);
      continue;
    }
    if (SKIP.has(n.tag) || hidden(n)) continue;
    if (n.tag === 'br' || BLOCK.has(n.tag) || n.tag === 'td' || n.tag === 'th' || n.tag === 'tr' || n.tag === 'table') out += ' ';
    if (BLOCK.has(n.tag) || n.tag === 'td' || n.tag === 'th') stack.push(null);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out.replace(/ +/g, ' ').trim();
}

/** the rows of this table, not of a table nested in it */
function tableRows(table: El): El[] {
  const rows: El[] = [];
  const stack: Node[] = table.children.slice().reverse();
  while (stack.length) {
    const c = stack.pop()!;
    if (typeof c === 'string' || c.tag === 'table' || hidden(c)) continue;
    if (c.tag === 'tr') rows.push(c);
    else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]!);
  }
  return rows;
}

const rowCells = (tr: El): El[] => tr.children.filter((c): c is El => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th') && !hidden(c));

/** no report's table spans more rows than this; more would only fill memory with empty slots */
const MAX_ROWSPAN = 200;

function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** a data table: one line a row, merges expanded */
function dataTable(table: El, sink: LineSink): void {
  const rows = tableRows(table);
  const grid: GridCell[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of rowCells(tr)) {
      while (grid[r]![c] !== undefined) c++;
      // rowspan="0" runs to the end of the table
      const rs = Math.min(td.attrs.rowspan?.trim() === '0' ? rows.length - r : span(td.attrs.rowspan, rows.length - r), MAX_ROWSPAN);
      const cs = span(td.attrs.colspan, 100);
      const text = inlineText(td);
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? { text } : dc > 0 ? { text: '', beside: true } : { text: '' };
      }
      c += cs;
    }
  });
  sink.blank();
  for (const cap of table.children) if (typeof cap !== 'string' && cap.tag === 'caption') sink.line(inlineText(cap));
  for (const line of tableLines(grid)) sink.line(line);
  sink.blank();
}

/** what is left to do in the walk over blocks: a node, or the end of a block (flush) */
type Step = Node | typeof FLUSH;
const FLUSH = Symbol('flush');

/**
 * The blocks of an element: paragraphs and headings are lines, tables are rows. An explicit
 * stack, not recursion: web editors nest elements ten thousand deep.
 */
function blocks(el: El, sink: LineSink): void {
  const withTables = holding(el, (e) => e.tag === 'table');
  const stack: Step[] = [];
  const push = (nodes: Node[]) => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  };
  push(el.children);
  while (stack.length) {
    const n = stack.pop()!;
    if (n === FLUSH) {
      sink.flush();
      continue;
    }
    if (typeof n === 'string') {
      sink.text(collapse(n));
      continue;
    }
    if (SKIP.has(n.tag) || hidden(n)) continue;
    if (n.tag === 'br') sink.flush();
    else if (n.tag === 'table') {
      sink.flush();
      // a table holding tables lays out a page: its cells are blocks, not data
      if (withTables.has(n)) {
        const cells = tableRows(n).flatMap(rowCells);
        for (let i = cells.length - 1; i >= 0; i--) stack.push(FLUSH, cells[i]!.children.length ? { ...cells[i]!, tag: 'div' } : FLUSH);
      } else dataTable(n, sink);
    } else if (BLOCK.has(n.tag)) {
      sink.flush();
      stack.push(FLUSH);
      push(n.children);
    } else push(n.children);
  }
}

/** the Windows clipboard's CF_HTML header (Version:0.9 StartHTML:…) before the markup */
const CF_HTML_HEADER = /^Version:\d[^<]*?(?=<)/;

/** HTML (a page, a fragment, clipboard HTML) → lines of text the reader reads. */
export function htmlToText(html: string): string {
  const sink = new LineSink();
  blocks(parseTree(html.replace(CF_HTML_HEADER, '')), sink);
  sink.flush();
  return sink.toString();
}

/** does this text look like HTML rather than a text report that mentions a tag? */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<html|version:\d)/.test(head)) return true;
  // a fragment: markup from the start and block tags in it
  return head.startsWith('<') && /<(?:p|div|table|tr|td|span|br|body|meta)\b/.test(text.slice(0, 65536).toLowerCase());
}
