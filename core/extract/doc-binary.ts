/**
 * The parts of a Word 97–2003 binary document (.doc; WPS writes the same in .wps) that the
 * text needs, after cfb has opened the OLE container: the FIB's flags and offsets, the piece
 * table (which bytes of the WordDocument stream hold which characters) and the paragraph
 * properties that tell a cell's end from a row's end ([MS-DOC] 2.5.1, 2.8.35, 2.9.177).
 * Every read is bounds-checked by DataView: a truncated file throws RangeError, which the
 * caller turns into a Chinese message.
 */

export class DocFormatError extends Error {}

export interface Fib {
  encrypted: boolean;
  /** the 1Table stream holds the tables (else 0Table) */
  table1: boolean;
  /** characters of the main text (the rest is footnotes, headers …) */
  ccpText: number;
  fcClx: number;
  lcbClx: number;
  fcPlcfBtePapx: number;
  lcbPlcfBtePapx: number;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export function readFib(word: Uint8Array): Fib {
  const v = view(word);
  if (v.getUint16(0, true) !== 0xa5ec) throw new DocFormatError('not a Word binary document');
  const flags = v.getUint16(0x0a, true);
  return {
    // fEncrypted, or fObfuscated (XOR "protection"): either way the text is not readable as is
    encrypted: (flags & 0x0100) !== 0 || (flags & 0x8000) !== 0,
    table1: (flags & 0x0200) !== 0,
    ccpText: v.getInt32(0x4c, true),
    fcPlcfBtePapx: v.getUint32(0x102, true),
    lcbPlcfBtePapx: v.getUint32(0x106, true),
    fcClx: v.getUint32(0x1a2, true),
    lcbClx: v.getUint32(0x1a6, true),
  };
}

/** a run of characters [cpStart, cpEnd) stored from byte `fc`, one byte (cp1252) or two (UTF-16) each */
export interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

/** the Clx's piece table (skipping any Prc property blocks before it) */
export function readPieces(table: Uint8Array, fib: Fib): Piece[] {
  const clx = table.subarray(fib.fcClx, fib.fcClx + fib.lcbClx);
  if (clx.length < fib.lcbClx || fib.lcbClx === 0) throw new RangeError('Clx beyond the table stream');
  const v = view(clx);
  let at = 0;
  while (clx[at] === 0x01) at += 3 + v.getInt16(at + 1, true);
  if (clx[at] !== 0x02) throw new DocFormatError('no piece table');
  const lcb = v.getUint32(at + 1, true);
  const start = at + 5;
  const n = (lcb - 4) / 12;
  if (!Number.isInteger(n) || n < 1 || start + lcb > clx.length) throw new RangeError('piece table size');
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const raw = v.getUint32(start + 4 * (n + 1) + 8 * i + 2, true);
    const compressed = (raw & 0x40000000) !== 0;
    const fc = raw & 0x3fffffff;
    pieces.push({ cpStart: v.getUint32(start + 4 * i, true), cpEnd: v.getUint32(start + 4 * (i + 1), true), fc: compressed ? fc / 2 : fc, compressed });
  }
  return pieces;
}

/** Windows-1252's characters at 0x80–0x9f; the rest of a one-byte piece is Latin-1 */
const CP1252 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** the characters of the main text, each with the stream offset it is stored at */
export function readChars(word: Uint8Array, pieces: Piece[], ccpText: number): { text: string; fcs: number[] } {
  const v = view(word);
  let text = '';
  const fcs: number[] = [];
  for (const p of pieces) {
    const end = Math.min(p.cpEnd, ccpText);
    for (let cp = p.cpStart; cp < end; cp++) {
      const k = cp - p.cpStart;
      if (p.compressed) {
        const b = v.getUint8(p.fc + k);
        text += b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80] : String.fromCharCode(b);
        fcs.push(p.fc + k);
      } else {
        text += String.fromCharCode(v.getUint16(p.fc + 2 * k, true));
        fcs.push(p.fc + 2 * k);
      }
    }
  }
  return { text, fcs };
}

/** what a paragraph's properties say about tables */
export interface ParaProps {
  inTable: boolean;
  /** this paragraph mark ends a table row (the row-end \x07) */
  rowEnd: boolean;
  /** table depth: 1 for a table in the body, more for a table in a cell */
  depth: number;
  /** in a nested table, a cell's or row's end */
  innerEnd: boolean;
  /** the row's cell boundaries in twips, from sprmTDefTable on the row-end mark */
  bounds?: number[];
  /** per cell: merged into the cell to its left (TC80 horzMerge = 2) */
  mergedLeft?: boolean[];
}

/** operand size of a sprm by its spra bits; -1 for variable */
const SPRA_SIZE = [1, 1, 2, 4, 2, 2, -1, 3];

function readSprms(v: DataView, start: number, end: number, props: ParaProps, data?: DataView): void {
  let at = start;
  while (at + 2 <= end) {
    const sprm = v.getUint16(at, true);
    at += 2;
    let size = SPRA_SIZE[sprm >> 13]!;
    let op = at;
    if (sprm === 0xd608) {
      // sprmTDefTable: a two-byte count, one more than the bytes after it
      size = v.getUint16(at, true) - 1;
      op = at + 2;
      tDefTable(v, op, Math.min(op + size, end), props);
    } else if (sprm === 0xc615) {
      size = v.getUint8(at);
      op = at + 1;
      if (size === 255) throw new DocFormatError('sprmPChgTabs with long operand');
    } else if (size < 0) {
      size = v.getUint8(at);
      op = at + 1;
    }
    if (sprm === 0x2416) props.inTable = v.getUint8(op) !== 0;
    else if (sprm === 0x2417) props.rowEnd = v.getUint8(op) !== 0;
    else if (sprm === 0x6649) props.depth = v.getInt32(op, true);
    else if (sprm === 0x244b || sprm === 0x244c) props.innerEnd ||= v.getUint8(op) !== 0;
    else if (sprm === 0x6646 && data && v !== data) {
      // sprmPHugePapx: properties too large for the page (a wide table's TDefTable) sit in the Data stream
      const off = v.getUint32(op, true);
      readSprms(data, off + 2, off + 2 + data.getUint16(off, true), props);
    }
    at = op + size;
  }
}

/** TDefTableOperand: column count, n+1 boundaries, then TC80s of 20 bytes (maybe fewer than n) */
function tDefTable(v: DataView, at: number, end: number, props: ParaProps): void {
  const n = v.getUint8(at);
  const bounds: number[] = [];
  for (let i = 0; i <= n; i++) bounds.push(v.getInt16(at + 1 + 2 * i, true));
  const tcs = at + 1 + 2 * (n + 1);
  const mergedLeft: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const o = tcs + 20 * i;
    mergedLeft.push(o + 2 <= end && (v.getUint16(o, true) & 0x3) === 2);
  }
  props.bounds = bounds;
  props.mergedLeft = mergedLeft;
}

/** paragraph runs: [fcStart, fcEnd) with their properties, sorted by fcStart */
export interface ParaRun {
  fcStart: number;
  fcEnd: number;
  props: ParaProps;
}

/** every paragraph run of the document, from the PlcBtePapx's formatted disk pages (FKPs) */
export function readParaRuns(word: Uint8Array, table: Uint8Array, fib: Fib, data?: Uint8Array): ParaRun[] {
  const dv = data ? view(data) : undefined;
  const plc = table.subarray(fib.fcPlcfBtePapx, fib.fcPlcfBtePapx + fib.lcbPlcfBtePapx);
  if (plc.length < fib.lcbPlcfBtePapx) throw new RangeError('PlcBtePapx beyond the table stream');
  const pv = view(plc);
  const n = (fib.lcbPlcfBtePapx - 4) / 8;
  const runs: ParaRun[] = [];
  const wv = view(word);
  for (let i = 0; i < n; i++) {
    const pn = pv.getUint32(4 * (n + 1) + 4 * i, true) & 0x3fffff;
    const page = pn * 512;
    const crun = wv.getUint8(page + 511);
    for (let r = 0; r < crun; r++) {
      const fcStart = wv.getUint32(page + 4 * r, true);
      const fcEnd = wv.getUint32(page + 4 * (r + 1), true);
      const bOffset = wv.getUint8(page + 4 * (crun + 1) + 13 * r);
      const props: ParaProps = { inTable: false, rowEnd: false, depth: 0, innerEnd: false };
      if (bOffset) {
        const at = page + 2 * bOffset;
        const cb = wv.getUint8(at);
        // cb 0: the real count is in the next byte, in words; else 2cb−1 bytes
        const len = cb ? 2 * cb - 1 : 2 * wv.getUint8(at + 1);
        const body = cb ? at + 1 : at + 2;
        // the first two bytes are the style (istd); sprms follow
        readSprms(wv, body + 2, Math.min(body + len, page + 511), props, dv);
      }
      if (props.inTable && props.depth === 0) props.depth = 1;
      runs.push({ fcStart, fcEnd, props });
    }
  }
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}

/** the properties of the paragraph whose mark is stored at `fc` */
export function propsAt(runs: ParaRun[], fc: number): ParaProps | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid]!;
    if (fc < r.fcStart) hi = mid - 1;
    else if (fc >= r.fcEnd) lo = mid + 1;
    else return r.props;
  }
  return undefined;
}
