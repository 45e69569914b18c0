/**
 * Word 97–2003 .doc and WPS .wps bytes → the plain text the reader reads: paragraphs a line
 * each, each table row one line of tab-separated cells, cells merged across padded with empty
 * cells as Word pastes them, the paragraphs inside a cell joined by spaces.
 *
 * The OLE container is opened by cfb (SheetJS; no node APIs, so it runs in the pane too);
 * the Word structures inside are read by doc-binary.ts. word-extractor was tried first: it
 * needs node's fs/stream/Buffer (no browser bundle) and writes every cell mark as a tab, so a
 * row's end and a cell's line breaks are lost — in 表三 rows ran together. Here a row ends
 * where the paragraph properties say it does (sprmPFTtp), never by guessing.
 */
import * as CFB from 'cfb';
import { DocFormatError, propsAt, readChars, readFib, readParaRuns, readPieces, type ParaProps } from './doc-binary.ts';
import { tableLines, type GridCell } from './grid.ts';
import { LineSink } from './lines.ts';

export type DocFailureCode = 'doc_encrypted' | 'doc_damaged' | 'doc_not_word';

export type DocResult = { ok: true; text: string } | { ok: false; code: DocFailureCode; message: string };

export const DOC_MESSAGES: Record<DocFailureCode, string> = {
  doc_encrypted:
    '这个 Word 文档（.doc/.wps）设置了打开密码（已加密），无法读取。请用 Word 或 WPS 输入密码打开后，“另存为”不加密的 .docx 文档，再检查。',
  doc_damaged:
    '这个 Word 文档（.doc/.wps）已损坏或不完整（可能没有下载完），无法读取。请重新下载或向报送单位重新索取；也可以用 Word 或 WPS 打开后“另存为” .docx 再检查。',
  doc_not_word:
    '这是旧版 Office 文件（OLE 复合文档），但里面没有 Word 正文：可能是 .xls 表格或 .ppt 演示文稿，不是年报文档。请确认选对了文件。',
};

const fail = (code: DocFailureCode): DocResult => ({ ok: false, code, message: DOC_MESSAGES[code] });

/** boundaries closer than this (twips: 1/20 pt) are the same column edge */
const EDGE_TOLERANCE = 30;

interface Row {
  cells: string[];
  props: ParaProps;
}

/** a table's rows → its grid: a cell spanning several column edges is followed by `beside` slots */
function grid(rows: Row[]): GridCell[][] {
  const edges: number[] = [];
  for (const r of rows) for (const b of r.props.bounds ?? []) if (!edges.some((e) => Math.abs(e - b) <= EDGE_TOLERANCE)) edges.push(b);
  edges.sort((a, b) => a - b);
  const col = (x: number) => edges.findIndex((e) => Math.abs(e - x) <= EDGE_TOLERANCE);
  return rows.map((r) => {
    const b = r.props.bounds;
    const out: GridCell[] = [];
    r.cells.forEach((text, i) => {
      const merged = r.props.mergedLeft?.[i];
      if (merged) return void out.push({ text: '', beside: true });
      out.push({ text });
      const span = b && b.length > i + 1 ? col(b[i + 1]!) - col(b[i]!) : 1;
      for (let k = 1; k < Math.min(span, 64); k++) out.push({ text: '', beside: true });
    });
    return out;
  });
}

/** The document's characters → lines, tables rebuilt row by row. */
function layout(text: string, fcs: number[], propsFor: (fc: number) => ParaProps | undefined): string {
  const sink = new LineSink();
  let rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let para = '';
  // fields: the code (between 0x13 and 0x14) is skipped, the result (0x14 to 0x15) is text
  const fields: boolean[] = [];
  const flushTable = () => {
    if (cell.trim() || cells.length) rows.push({ cells: [...cells, cell], props: {} as ParaProps });
    cells = [];
    cell = '';
    if (!rows.length) return;
    sink.blank();
    for (const line of tableLines(grid(rows))) sink.line(line);
    sink.blank();
    rows = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x13) fields.push(false);
    else if (c === 0x14) {
      if (fields.length) fields[fields.length - 1] = true;
    } else if (c === 0x15) fields.pop();
    else if (c === 0x0d || c === 0x07) {
      // a paragraph's mark decides where its text goes
      const p = propsFor(fcs[i]!);
      if (c === 0x07 && p?.rowEnd) {
        rows.push({ cells, props: p });
        cells = [];
        cell = '';
      } else if (c === 0x07) {
        cells.push((cell + ' ' + para).trim());
        cell = '';
      } else if (p?.inTable) {
        // one of several paragraphs in a cell (or a cell of a table nested in it)
        cell += ' ' + para;
      } else {
        flushTable();
        for (const line of para.split('\n')) {
          sink.text(line);
          sink.flush();
        }
      }
      para = '';
    } else if (fields.length && !fields[fields.length - 1]) continue;
    else if (c === 0x0b || c === 0x0c) para += '\n';
    else if (c === 0x09) para += '\t';
    else if (c === 0x1e) para += '-';
    else if (c >= 0x20) para += text[i];
  }
  if (para) cell += ' ' + para;
  flushTable();
  return sink.toString();
}

/** .doc/.wps bytes (an OLE compound file) → text, or why they cannot be read (in Chinese). */
export function docToText(bytes: Uint8Array): DocResult {
  let word: Uint8Array;
  let table: Uint8Array;
  let fib;
  let data: Uint8Array | undefined;
  try {
    const cfb = CFB.read(bytes, { type: 'array' });
    const entry = CFB.find(cfb, 'WordDocument');
    if (!entry?.content) return fail(cfb.FileIndex.some((e) => /Workbook|PowerPoint|Book/i.test(e.name)) ? 'doc_not_word' : cfb.FileIndex.some((e) => /EncryptedPackage|EncryptionInfo/.test(e.name)) ? 'doc_encrypted' : 'doc_not_word');
    word = Uint8Array.from(entry.content as ArrayLike<number>);
    fib = readFib(word);
    if (fib.encrypted) return fail('doc_encrypted');
    const t = CFB.find(cfb, fib.table1 ? '1Table' : '0Table');
    if (!t?.content) return fail('doc_damaged');
    table = Uint8Array.from(t.content as ArrayLike<number>);
    const d = CFB.find(cfb, 'Data');
    if (d?.content) data = Uint8Array.from(d.content as ArrayLike<number>);
  } catch {
    return fail('doc_damaged');
  }
  try {
    const pieces = readPieces(table, fib);
    const { text, fcs } = readChars(word, pieces, fib.ccpText);
    const runs = readParaRuns(word, table, fib, data);
    return { ok: true, text: layout(text, fcs, (fc) => propsAt(runs, fc)) };
  } catch (e) {
    if (e instanceof RangeError || e instanceof DocFormatError) return fail('doc_damaged');
    throw e;
  }
}
