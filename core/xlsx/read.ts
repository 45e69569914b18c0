/**
 * The reverse path: a workbook with standard sheets (perhaps edited in Excel since) → one
 * Report per standard sheet, so that it can be checked again or consolidated. A cell is read
 * as its number, or the cached result of its formula; anything else (blank, text, an error) is
 * null, as the sheet's own formulas take it (COUNT).
 *
 * Streamed, part by part, never holding a part whole: a county workbook of a thousand units
 * unpacks to some 300 MB, nearly all of it 校验 and 明细, which are not read past their first
 * row. What is read: the sheet list, the shared strings, 原文, and each standard sheet down to
 * its layout's last row. Browser-safe (fflate and a small XML scanner).
 */
import { FORMAT_IDS, type FormatId } from '../format/types.ts';
import { MARKER_COL, standardLayout } from '../sheet/layout.ts';
import { addr, parseAddress } from '../sheet/model.ts';
import { markedFormat, sourceLines, type Shown } from '../sheet/readback.ts';
import { SOURCE_SHEET } from '../sheet/source.ts';
import { DETAIL_SHEET } from '../sheet/summary.ts';
import { SheetCells, type CellSink } from './sheet-cells.ts';
import { Relationships, relsOf, resolvePart, SharedStrings, SheetList } from './package.ts';
import { StandardSheets, type WorkbookRead } from './read-result.ts';
import { unpackedMessage, zipEntries, type Streamed, type ZipEntry } from './unzip.ts';
import { streamXml, XmlRefused, type XmlHandler } from './xml-stream.ts';

export type { SheetProblem, SheetReport, WorkbookRead } from './read-result.ts';

const MB = 1024 * 1024;

/**
 * What reading a workbook may unpack. A county workbook of 1 000 units unpacks to some 300 MB
 * but only about 100 MB of it is read (its standard sheets, 原文, the shared strings).
 */
export const XLSX_LIMITS = {
  /** all the parts read, together: bounds the time (some 10 times a 1 000-unit county's reading) */
  total: 1024 * MB,
  /** a part kept in memory as it is read (shared strings, 原文, the sheet list): bounds the memory */
  held: 256 * MB,
  /** past this, no part may unpack to more than `ratio` times the packed bytes read (XML packs 10 to 40 times, a bomb 1 000) */
  floor: 16 * MB,
  ratio: 200,
};

class Refusal extends Error {
  constructor(readonly result: WorkbookRead) {
    super(result.ok ? '' : result.message);
  }
}

const notXlsx = (source: string, why = ''): Refusal =>
  new Refusal({ ok: false, code: 'not_xlsx', message: `“${source}”不是可以读取的 Excel 工作簿（.xlsx）${why ? `：${why}` : '。'}`, problems: [] });

/** the zip's parts, streamed within XLSX_LIMITS, all of them together counted against `total` */
class Parts {
  private readonly byName = new Map<string, ZipEntry>();
  private used = 0;
  constructor(
    private readonly bytes: Uint8Array,
    entries: ZipEntry[],
    private readonly source: string,
  ) {
    // part names are case-insensitive (OPC)
    for (const e of entries) if (!this.byName.has(e.name.toLowerCase())) this.byName.set(e.name.toLowerCase(), e);
  }

  has(path: string): boolean {
    return this.byName.has(path.toLowerCase());
  }

  /** the part through `handler`; `held` for a part whose content is kept */
  read<H extends XmlHandler>(path: string, handler: H, held: boolean): H {
    const e = this.byName.get(path.toLowerCase());
    if (!e) throw notXlsx(this.source, `缺少 ${path}。`);
    const remaining = XLSX_LIMITS.total - this.used;
    const max = held ? Math.min(XLSX_LIMITS.held, remaining) : remaining;
    const got = streamXml(this.bytes, e, { max, floor: XLSX_LIMITS.floor, ratio: XLSX_LIMITS.ratio }, handler);
    if (!got.ok) throw this.refusal(got, max === remaining && remaining < (held ? XLSX_LIMITS.held : Infinity));
    this.used += got.size;
    return handler;
  }

  private refusal(got: Exclude<Streamed, { ok: true }>, byTotal: boolean): Refusal {
    if (got.code === 'damaged') return notXlsx(this.source, `其中的 ${'part' in got ? got.part : '部件'}已损坏。`);
    const limit = byTotal && !got.ratio ? XLSX_LIMITS.total : got.limit;
    const message = got.ratio
      ? `“${this.source}”：${unpackedMessage(limit)}（其中的 ${got.part} 压缩比超过 ${got.ratio} 倍，不像表格的内容），可能已损坏或是特意构造的压缩包。`
      : `“${this.source}”：${unpackedMessage(limit)}（${byTotal ? '读到' : '其中的'} ${got.part}），远超过上千个单位的汇总工作簿，可能已损坏或是特意构造的压缩包。`;
    return new Refusal({ ok: false, code: 'too_large', message, problems: [] });
  }
}

/** the last row of a standard sheet's layout: reading stops there */
const lastRows = new Map<FormatId, number>();
function lastRowOf(format: FormatId): number {
  let last = lastRows.get(format);
  if (last === undefined) {
    const layout = standardLayout(format);
    const rows = [...layout.template.cells.keys(), ...Object.values(layout.addresses), ...Object.values(layout.meta)].map((a) => parseAddress(a).row);
    last = Math.max(layout.lastRow, ...rows);
    lastRows.set(format, last);
  }
  return last;
}
// drawn once up front, so that the first sheet read is not the one that pays for it
const lastRowAny = () => Math.max(...FORMAT_IDS.map(lastRowOf));

/**
 * A sheet's cells, if it is a standard sheet: row 1 is read first, and unless its hidden
 * marker names a format, nothing further (校验 of a thousand units has 200 000 rows).
 */
function standardCells(parts: Parts, path: string, strings: readonly string[]): ((a: string) => Shown) | null {
  const cells = new Map<string, Shown>();
  const get = (a: string) => cells.get(a) ?? null;
  let format: FormatId | null | undefined;
  let last = 0;
  const decide = () => {
    format = markedFormat(get);
    if (format) last = lastRowOf(format);
  };
  const sink: CellSink = {
    row(r) {
      if (format === undefined && r > 1) decide();
      return format === undefined || (format !== null && r <= last);
    },
    cell(col, r, v) {
      if (col <= MARKER_COL) cells.set(addr(col, r), v);
    },
  };
  parts.read(path, new SheetCells(strings, sink), false);
  if (format === undefined) decide();
  return format ? get : null;
}

/** 原文's rows (工作表 | 行 | 原文), by the sheet they belong to */
function sourceRows(parts: Parts, path: string, strings: readonly string[]): Map<string, [Shown, Shown, Shown][]> {
  const by = new Map<string, [Shown, Shown, Shown][]>();
  let cur: [Shown, Shown, Shown] | null = null;
  const flush = () => {
    const name = cur?.[0];
    if (cur && name !== null && name !== undefined) {
      const key = String(name).trim();
      let rows = by.get(key);
      if (!rows) by.set(key, (rows = []));
      rows.push(cur);
    }
    cur = null;
  };
  const sink: CellSink = {
    row(r) {
      flush();
      if (r > 1) cur = [null, null, null];
      return true;
    },
    cell(col, _r, v) {
      if (cur && col <= 3) cur[col - 1] = v;
    },
  };
  parts.read(path, new SheetCells(strings, sink), true);
  flush();
  return by;
}

/** 明细's unit column (B, from row 3): the units 汇总 sums */
function detailUnits(parts: Parts, path: string, strings: readonly string[]): string[] {
  const out: string[] = [];
  const sink: CellSink = {
    row: () => true,
    cell(col, r, v) {
      if (col === 2 && r >= 3 && typeof v === 'string' && v.trim()) out.push(v.trim());
    },
  };
  parts.read(path, new SheetCells(strings, sink), false);
  return out;
}

function readStreamed(bytes: Uint8Array, source: string): WorkbookRead {
  const entries = zipEntries(bytes);
  if (!entries) throw notXlsx(source);
  const parts = new Parts(bytes, entries, source);
  // the workbook part: where the package's relationships say, or where every writer puts it
  const root = parts.has('_rels/.rels') ? parts.read('_rels/.rels', new Relationships(), true) : null;
  const book = resolvePart('', root?.ofType('officeDocument') ?? 'xl/workbook.xml');
  if (!parts.has(book)) throw notXlsx(source);
  const list = parts.read(book, new SheetList(), true);
  // without its relationships a workbook finds no sheet; its shared strings are still read where writers put them
  const rels = parts.has(relsOf(book)) ? parts.read(relsOf(book), new Relationships(), true) : new Relationships();
  const sstPath = resolvePart(book, rels.ofType('sharedStrings') ?? 'sharedStrings.xml');
  const strings = parts.has(sstPath) ? parts.read(sstPath, new SharedStrings(), true).strings : [];
  const sheets = list.sheets.flatMap(({ name, rel }) => {
    const r = rels.byId.get(rel);
    const path = r && r.type === 'worksheet' ? resolvePart(book, r.target) : null;
    return path && parts.has(path) ? [{ name, path }] : [];
  });
  // 原文 first: the standard sheets' lines are there
  const original = sheets.find((s) => s.name === SOURCE_SHEET);
  const lines = original ? sourceRows(parts, original.path, strings) : new Map<string, [Shown, Shown, Shown][]>();
  lastRowAny();
  const out = new StandardSheets(source);
  for (const s of sheets) {
    if (s === original) continue;
    const get = standardCells(parts, s.path, strings);
    if (get) out.add(s.name, get, sourceLines(lines.get(s.name) ?? [], s.name));
  }
  const detail = sheets.find((s) => s.name === DETAIL_SHEET);
  return out.result(detail ? detailUnits(parts, detail.path, strings) : undefined);
}

/** every standard sheet of the workbook, in sheet order; other sheets are passed over */
export async function readWorkbook(data: ArrayBuffer | Uint8Array, source: string): Promise<WorkbookRead> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  try {
    return readStreamed(bytes, source);
  } catch (x) {
    if (x instanceof Refusal) return x.result;
    if (x instanceof XmlRefused) return notXlsx(source, x.message).result;
    throw x;
  }
}
