/**
 * .docx bytes → the plain text the reader already reads, with no conversion service: the
 * body of word/document.xml in order, each paragraph a line (w:tab a tab, w:br a line
 * break), each table row one line of tab-separated cells as Word pastes them (w:gridSpan
 * followed by empty cells, a w:vMerge continuation an empty cell).
 */
import { strFromU8 } from 'fflate';
import { unpackedMessage, unzipLimited } from '../xlsx/unzip.ts';
import { tableLines, type GridCell } from './grid.ts';
import { LineSink } from './lines.ts';
import { elements, holding, MarkupRefused, parseTree, type El, type Node } from './tree.ts';

export type DocxFailureCode = 'docx_damaged' | 'docx_no_document' | 'docx_too_large' | 'docx_too_complex';

export type DocxResult = { ok: true; text: string } | { ok: false; code: DocxFailureCode; message: string };

const MAIN_NS = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const DOCUMENT = 'word/document.xml';
/**
 * The body of a report is well below a megabyte, a long one with its pictures elsewhere a few;
 * a larger document.xml is a zip bomb or not a report, and its element tree would not fit in
 * the memory one file may take.
 */
export const MAX_DOCUMENT_XML = 32 * 1024 * 1024;

export const DOCX_MESSAGES: Record<DocxFailureCode, string> = {
  docx_damaged: '这个 Word 文档（.docx）已损坏或不完整，无法打开。请用 Word 或 WPS 打开它，“另存为” .docx 后再检查；也可以全选复制正文，保存为 .txt 文本文件。',
  docx_too_large: `${unpackedMessage(MAX_DOCUMENT_XML)}（Word 正文 word/document.xml），不像一份年度报告，可能已损坏或是特意构造的压缩包。请确认选对了文件。`,
  docx_too_complex: '文件异常：Word 正文的结构嵌套过深或过于复杂，不像一份年度报告，无法读取。',
  docx_no_document: '这个文件是 zip 压缩包，但里面没有 Word 正文（word/document.xml），不是有效的 .docx 文档。请确认选对了文件，或用 Word 打开后“另存为” .docx。',
};

const fail = (code: DocxFailureCode): DocxResult => ({ ok: false, code, message: DOCX_MESSAGES[code] });

/** Walks the body with the document's own prefix for the WordprocessingML namespace (nearly always w:). */
class Body {
  constructor(
    private p: string,
    private sink: LineSink,
    /** the elements with a table inside, found once */
    private withTables: Set<El>,
  ) {}

  private is(el: El, local: string): boolean {
    return el.tag === `${this.p}:${local}`;
  }

  private child(el: El, local: string): El | undefined {
    return elements(el).find((c) => this.is(c, local));
  }

  private val(el: El | undefined): string | undefined {
    return el?.attrs[`${this.p}:val`];
  }

  /**
   * the runs of a paragraph: text, tabs and line breaks; field codes and deleted text are not
   * text. An explicit stack (a node, or a line break owed after a text box's paragraph): a
   * document may nest its elements deeper than any call stack.
   */
  private runs(el: El, out: string[]): void {
    const stack: (Node | null)[] = el.children.slice().reverse();
    while (stack.length) {
      const n = stack.pop()!;
      if (n === null) {
        out.push('\n');
        continue;
      }
      if (typeof n === 'string') continue;
      if (this.is(n, 't')) out.push(n.children.filter((c): c is string => typeof c === 'string').join(''));
      else if (this.is(n, 'tab')) out.push('\t');
      else if (this.is(n, 'br') || this.is(n, 'cr')) out.push('\n');
      else if (this.is(n, 'noBreakHyphen')) out.push('-');
      else if (this.is(n, 'p')) {
        // a paragraph inside a text box: its own line
        out.push('\n');
        stack.push(null);
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
      } else if (this.is(n, 'instrText') || this.is(n, 'delText') || this.is(n, 'tcPr') || this.is(n, 'pPr') || this.is(n, 'rPr')) continue;
      // the same text box twice: once for Word 2010 on (mc:Choice), once for older readers
      else if (n.tag === 'mc:Fallback') continue;
      else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  private paragraph(el: El): void {
    const out: string[] = [];
    this.runs(el, out);
    for (const line of out.join('').split('\n')) {
      this.sink.text(line);
      this.sink.flush();
    }
  }

  private wrapper(el: El): boolean {
    return this.is(el, 'sdt') || this.is(el, 'sdtContent') || this.is(el, 'customXml');
  }
  /** the `local` children of el, through the wrappers that may sit between (content controls, custom XML) */
  private through(el: El, local: string): El[] {
    const out: El[] = [];
    const stack = elements(el).reverse();
    while (stack.length) {
      const c = stack.pop()!;
      if (this.is(c, local)) out.push(c);
      else if (this.wrapper(c)) pushAll(stack, elements(c).reverse());
    }
    return out;
  }
  private rows(tbl: El): El[] {
    return this.through(tbl, 'tr');
  }
  private cells(tr: El): El[] {
    return this.through(tr, 'tc');
  }
  /** a cell on one line: its paragraphs (and any table nested in it) joined by spaces */
  private cellText(tc: El): string {
    const out: string[] = [];
    this.runs(tc, out);
    return out.join('').replace(/\s+/g, ' ').trim();
  }

  private hasTable(el: El): boolean {
    return this.withTables.has(el);
  }

  /** a data table is written out; a layout table gives its cells, whose content are blocks */
  private table(tbl: El): El[] | null {
    const rows = this.rows(tbl);
    // a table whose cells hold tables lays out the page: its cells are blocks, not data
    if (rows.some((tr) => this.cells(tr).some((tc) => this.hasTable(tc)))) return rows.flatMap((tr) => this.cells(tr));
    // each row as cells on the table's grid: where a cell starts, how many grid columns it spans
    const placed = rows.map((tr) => {
      const row: { at: number; span: number; cell: GridCell }[] = [];
      let at = 0;
      const before = Number(this.val(this.child(this.child(tr, 'trPr') ?? tr, 'gridBefore')) ?? 0);
      for (let i = 0; i < Math.min(before, 100); i++) row.push({ at: at++, span: 1, cell: undefined });
      for (const tc of this.cells(tr)) {
        const pr = this.child(tc, 'tcPr');
        const n = Number(this.val(pr && this.child(pr, 'gridSpan')) ?? 1);
        const span = Math.max(1, Math.min(Number.isFinite(n) ? n : 1, 100));
        const vMerge = pr && this.child(pr, 'vMerge');
        const hMerge = pr && this.child(pr, 'hMerge');
        // a vMerge without val="restart" continues the cell above: Word pastes it empty
        const continued = (vMerge && this.val(vMerge) !== 'restart') || (hMerge && this.val(hMerge) !== 'restart');
        row.push({ at, span, cell: { text: continued ? '' : this.cellText(tc) } });
        at += span;
      }
      return row;
    });
    // A grid column that is no cell's alone is a seam of the layout, not a column of the table:
    // writers (LibreOffice, Word after edits) add a column a few twips wide where the borders
    // of two rows do not line up, and every cell over it spans it and a neighbour. Dropped,
    // so that a merged cell is no wider than the table's own columns.
    const own = new Set<number>();
    for (const row of placed) for (const c of row) if (c.span === 1) own.add(c.at);
    const width = placed.reduce((w, row) => row.reduce((m, c) => Math.max(m, c.at + c.span), w), 0);
    const kept = (c: { at: number; span: number }) => {
      let n = 0;
      for (let j = c.at; j < c.at + c.span; j++) if (own.has(j) || j >= width) n++;
      return Math.max(1, n);
    };
    const grid = placed.map((row) => {
      const out: GridCell[] = [];
      for (const c of row) {
        out.push(c.cell);
        for (let i = 1; i < kept(c); i++) out.push({ text: '', beside: true });
      }
      return out;
    });
    this.sink.blank();
    for (const line of tableLines(grid)) this.sink.line(line);
    this.sink.blank();
    return null;
  }

  /** block content in order: paragraphs, tables, and the wrappers around them; an explicit stack, as in runs() */
  blocks(el: El): void {
    const stack = elements(el).reverse();
    while (stack.length) {
      const c = stack.pop()!;
      if (this.is(c, 'p')) this.paragraph(c);
      else if (this.is(c, 'tbl')) {
        const cells = this.table(c);
        if (cells) for (let i = cells.length - 1; i >= 0; i--) pushAll(stack, elements(cells[i]!).reverse());
      } else if (this.wrapper(c) || this.is(c, 'ins') || this.is(c, 'smartTag')) pushAll(stack, elements(c).reverse());
    }
  }
}

/** push without spreading: a spread of a hundred thousand children overflows the call stack too */
function pushAll<T>(stack: T[], items: T[]): void {
  for (const x of items) stack.push(x);
}

/** the prefix the document binds to the WordprocessingML namespace */
function mainPrefix(root: El): string {
  for (const [k, v] of Object.entries(root.attrs)) if (k.startsWith('xmlns:') && MAIN_NS.includes(v)) return k.slice(6);
  return 'w';
}

/** The text of word/document.xml (already unzipped). */
export function documentXmlToText(xml: string): string {
  const tree = parseTree(xml, true);
  const root = elements(tree).find((e) => e.tag.endsWith(':document') || e.tag === 'document');
  if (!root) return '';
  const p = mainPrefix(root);
  const body = elements(root).find((e) => e.tag === `${p}:body`);
  const sink = new LineSink();
  if (body) new Body(p, sink, holding(body, (e) => e.tag === `${p}:tbl`)).blocks(body);
  return sink.toString();
}

/** .docx bytes → text, or why they are not a Word document we can open (in Chinese). */
export function docxToText(bytes: Uint8Array): DocxResult {
  const z = unzipLimited(bytes, (name) => name === DOCUMENT, { part: MAX_DOCUMENT_XML, total: MAX_DOCUMENT_XML });
  if (!z.ok) return fail(z.code === 'too_large' ? 'docx_too_large' : 'docx_damaged');
  const doc = z.files.get(DOCUMENT);
  if (!doc) return fail('docx_no_document');
  let xml: string;
  try {
    xml = strFromU8(doc);
  } catch {
    return fail('docx_damaged');
  }
  try {
    return { ok: true, text: documentXmlToText(xml) };
  } catch (e) {
    if (e instanceof MarkupRefused) return { ok: false, code: 'docx_too_complex', message: e.message };
    throw e;
  }
}
