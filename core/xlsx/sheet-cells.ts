/**
 * A worksheet part's cells as the spreadsheet shows them, row by row, for streamXml: a
 * number, text, or the cached result of a formula (what exceljs gives as `cell.result`; a
 * cached 0 is a 0). Booleans, errors and dates written as text (t="d") are null, as the
 * sheet's own formulas (COUNT) take them; so is a cell with nothing cached.
 */
import type { Shown } from '../sheet/readback.ts';
import type { XmlHandler } from './xml-stream.ts';

export interface CellSink {
  /** a row begins (its number); false: read no further */
  row(row: number): boolean;
  /** a cell that shows something (blank cells are not passed on) */
  cell(col: number, row: number, value: Shown): void;
}

/** `AB12` → column 28, row 12; null for what is no plain reference */
export function parseRef(ref: string): { col: number; row: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  const row = Number(ref.slice(i));
  return col > 0 && i < ref.length && Number.isInteger(row) && row > 0 ? { col, row } : null;
}

const numberOf = (s: string): number | null => {
  if (!s.trim()) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

export class SheetCells implements XmlHandler {
  private stopped = false;
  private inData = false;
  private rowNo = 0;
  private col = 0;
  // the open cell
  private type = '';
  private v: string | null = null;
  private inV = false;
  private inline: string | null = null;
  private inT = false;
  private phonetic = 0;
  constructor(
    private readonly strings: readonly string[],
    private readonly sink: CellSink,
  ) {}

  done(): boolean {
    return this.stopped;
  }

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'sheetData':
        this.inData = true;
        return;
      case 'row': {
        if (!this.inData) return;
        const r = Number(a.r);
        // a row without a number follows the last one (the schema allows it; Excel always writes r)
        this.rowNo = Number.isInteger(r) && r > 0 ? r : this.rowNo + 1;
        this.col = 0;
        if (!this.sink.row(this.rowNo)) this.stopped = true;
        return;
      }
      case 'c': {
        if (!this.inData) return;
        const at = a.r ? parseRef(a.r) : null;
        this.col = at ? at.col : this.col + 1;
        if (at) this.rowNo = at.row;
        this.type = a.t ?? 'n';
        this.v = null;
        this.inline = null;
        return;
      }
      case 'v':
        this.inV = true;
        this.v = '';
        return;
      case 'is':
        this.inline = '';
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 't':
        if (this.inline !== null && !this.phonetic) this.inT = true;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.inV = false;
        return;
      case 't':
        this.inT = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'c': {
        if (!this.inData) return;
        const value = this.value();
        if (value !== null) this.sink.cell(this.col, this.rowNo, value);
        return;
      }
      case 'sheetData':
        this.inData = false;
        this.stopped = true;
        return;
    }
  }

  text(t: string): void {
    if (this.inV) this.v += t;
    else if (this.inT) this.inline += t;
  }

  /** the open cell's value: with or without a formula, what <v> holds is what the sheet shows */
  private value(): Shown {
    const v = this.v;
    switch (this.type) {
      case 's': {
        const i = v === null ? null : numberOf(v);
        return i === null ? null : (this.strings[i] ?? null);
      }
      case 'str':
        return v;
      case 'inlineStr':
        return this.inline ?? v;
      case 'b':
      case 'e':
      case 'd':
        return null;
      default:
        return v === null ? null : numberOf(v);
    }
  }
}
