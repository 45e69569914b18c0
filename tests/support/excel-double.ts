/**
 * A thin recording double of the Excel JavaScript API, as much of it as addin/office/api.ts
 * names. It keeps Excel's batching rules, so that a writer that breaks them fails here:
 * calls are queued and run at sync(); a loaded property can be read only after a sync; a
 * request over 5 MB, a duplicate or malformed sheet name, a matrix of the wrong size, or a
 * value written into the hidden part of a merge fails the sync. Text typed into a cell is
 * parsed as Excel parses it (a number, a date, a formula), unless it starts with an apostrophe.
 *
 * The state it records (cells, formats, merges, conditional formats, page setup) is what a
 * test compares with the sheet model.
 */
import type {
  BorderEdge,
  XlConditionalFormat,
  XlContext,
  XlRange,
  XlRangeAreas,
  XlRangeFormat,
  XlWorksheet,
  XlWorksheets,
} from '../../addin/office/api.ts';
import { jsonBytes } from '../../addin/office/grid.ts';
import { addr, parseAddress } from '../../core/sheet/model.ts';

export const REQUEST_LIMIT = 5 * 1024 * 1024;

/** a stored cell: a formula, or a value (number, text, boolean); absent when empty */
export type Stored = { formula: string } | { value: number | string | boolean; date?: true };

export interface CellFormat {
  font?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  fill?: string;
  h?: string;
  v?: string;
  wrap?: boolean;
  numberFormat?: string;
  borders?: Partial<Record<'top' | 'bottom' | 'left' | 'right', string>>;
}

export interface RecordedFormat {
  /** the areas it applies to, as given */
  ranges: string[];
  formula: string;
  fill?: string;
  font?: string;
}

export interface SheetState {
  name: string;
  cells: Map<string, Stored>;
  formats: Map<string, CellFormat>;
  merges: string[];
  /** index 0 is the top priority */
  conditionalFormats: RecordedFormat[];
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  rowHeights: Map<number, number>;
  freeze?: { rows: number; columns: number };
  autoFilter?: string;
  /** the live filter applied with the autoFilter: zero-based column in its range, values shown */
  filter?: { column: number; values: string[] };
  page: Record<string, unknown>;
  breaks: string[];
  /** data validation rules (ExcelApi 1.8) as set, per range */
  validations: RecordedValidation[];
}

export interface RecordedValidation {
  range: string;
  rule?: unknown;
  errorAlert?: unknown;
}

interface Box {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const boxes = new Map<string, Readonly<Box>>();

/** `A1`, `A1:C3`, `A:C`, `5:7` → a box (columns and rows run to the sheet's end); the same few addresses come again and again */
function boxOf(address: string): Readonly<Box> {
  let box = boxes.get(address);
  if (!box) boxes.set(address, (box = Object.freeze(parseBox(address))));
  return box;
}

function parseBox(address: string): Box {
  const [a, b = a] = address.replace(/\$/g, '').split(':') as [string, string?];
  if (/^[A-Z]+$/.test(a)) {
    return { c1: parseAddress(`${a}1`).col, c2: parseAddress(`${b}1`).col, r1: 1, r2: MAX_ROW };
  }
  if (/^\d+$/.test(a)) return { c1: 1, c2: MAX_COL, r1: Number(a), r2: Number(b) };
  const p = parseAddress(a);
  const q = parseAddress(b!);
  return { c1: Math.min(p.col, q.col), r1: Math.min(p.row, q.row), c2: Math.max(p.col, q.col), r2: Math.max(p.row, q.row) };
}

function* cellsOf(box: Box): Generator<string> {
  for (let r = box.r1; r <= box.r2; r++) for (let c = box.c1; c <= box.c2; c++) yield addr(c, r);
}

const overlaps = (a: Box, b: Box) => a.c1 <= b.c2 && b.c1 <= a.c2 && a.r1 <= b.r2 && b.r1 <= a.r2;

/** what Excel stores when this is typed into a cell */
export function typed(input: unknown): Stored | undefined {
  if (input === '' || input === null || input === undefined) return undefined;
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') throw new Error(`InvalidArgument: ${typeof input}`);
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith('=')) return { formula: input.slice(1) };
  const t = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) return { value: Number(t.replace('%', '')) / (t.endsWith('%') ? 100 : 1) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  if (/^\d{4}[-/年]\d{1,2}([-/月](\d{1,2}日?)?)?$/.test(t)) return { value: t, date: true };
  return { value: input };
}

class NotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} (load it and sync first)`);
  }
}

export class ExcelDouble implements XlContext {
  syncs = 0;
  /** bytes of each request sent */
  requests: number[] = [];
  /** per sync: whether calculation was suspended for it */
  suspended: boolean[] = [];
  calculations = 0;
  sheets: SheetState[] = [];
  active = 0;
  selection: { sheet: string; address: string } | null = null;
  private queue: (() => void)[] = [];
  private bytes = 0;
  private suspendNext = false;
  readonly workbook: XlContext['workbook'];

  constructor(names: string[] = ['Sheet1']) {
    for (const n of names) this.sheets.push(newSheet(n));
    const double = this;
    this.workbook = {
      worksheets: new Worksheets(this),
      application: {
        suspendApiCalculationUntilNextSync() {
          double.enqueue(24, () => (double.suspendNext = true));
        },
        calculate(type: 'Recalculate') {
          double.enqueue(jsonBytes(type), () => double.calculations++);
        },
      },
    };
  }

  /** queue an action with the bytes its arguments add to the request */
  enqueue(argBytes: number, run: () => void): void {
    this.bytes += 120 + argBytes;
    this.queue.push(run);
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const bytes = this.bytes;
    this.queue = [];
    this.bytes = 0;
    this.syncs++;
    this.requests.push(bytes);
    if (bytes > REQUEST_LIMIT) throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes`);
    this.suspendNext = false;
    for (const run of queue) run();
    this.suspended.push(this.suspendNext);
  }

  sheet(name: string): SheetState {
    const s = this.find(name);
    if (!s) throw new Error(`ItemNotFound: worksheet “${name}”`);
    return s;
  }

  find(name: string): SheetState | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  /** a person typing into a cell (outside any batch) */
  type(sheet: string, address: string, input: unknown): void {
    const s = this.sheet(sheet);
    const v = typed(input);
    if (v) s.cells.set(address, v);
    else s.cells.delete(address);
  }

  /** the value a cell shows: formulas are not computed here, they read as '' */
  valueAt(s: SheetState, a: string): number | string | boolean {
    const c = s.cells.get(a);
    if (!c || 'formula' in c) return '';
    return c.value;
  }
}

function newSheet(name: string): SheetState {
  return {
    name,
    cells: new Map(),
    formats: new Map(),
    merges: [],
    conditionalFormats: [],
    columnWidths: new Map(),
    hiddenColumns: new Set(),
    rowHeights: new Map(),
    page: {},
    breaks: [],
    validations: [],
  };
}

const FORBIDDEN = /[*?:\\/[\]]/;

class Worksheets implements XlWorksheets {
  private loaded: XlWorksheet[] | null = null;
  constructor(private d: ExcelDouble) {}

  get items(): XlWorksheet[] {
    if (!this.loaded) throw new NotLoaded('worksheets.items');
    return this.loaded;
  }

  load(): unknown {
    this.d.enqueue(20, () => (this.loaded = this.d.sheets.map((s) => Object.assign(new Worksheet(this.d, () => s), { loadedName: s.name }))));
    return this;
  }

  add(name?: string): XlWorksheet {
    const n = name ?? `Sheet${this.d.sheets.length + 1}`;
    let state: SheetState | undefined;
    this.d.enqueue(jsonBytes(n), () => {
      if (n.length > 31 || FORBIDDEN.test(n) || !n.trim() || n.startsWith("'") || n.endsWith("'")) throw new Error(`InvalidArgument: sheet name “${n}”`);
      if (this.d.find(n)) throw new Error(`ItemAlreadyExists: sheet “${n}”`);
      state = newSheet(n);
      this.d.sheets.push(state);
    });
    return new Worksheet(this.d, () => {
      if (!state) throw new Error('the added sheet is not there');
      return state;
    });
  }

  getItem(key: string): XlWorksheet {
    return new Worksheet(this.d, () => this.d.sheet(key));
  }

  getItemOrNullObject(key: string): XlWorksheet {
    return new Worksheet(this.d, () => this.d.sheet(key), () => !this.d.find(key));
  }

  getActiveWorksheet(): XlWorksheet {
    return new Worksheet(this.d, () => this.d.sheets[this.d.active]!);
  }
}

class Worksheet implements XlWorksheet {
  private loadedName?: string;
  private loadedNull?: boolean;

  constructor(
    private d: ExcelDouble,
    readonly state: () => SheetState,
    private missing: () => boolean = () => false,
  ) {}

  /** run against the sheet, unless it is a null object */
  private act(bytes: number, run: (s: SheetState) => void): void {
    this.d.enqueue(bytes, () => {
      if (this.missing()) return;
      run(this.state());
    });
  }

  get name(): string {
    if (this.loadedName === undefined) throw new NotLoaded('worksheet.name');
    return this.loadedName;
  }

  set name(v: string) {
    this.act(jsonBytes(v), (s) => (s.name = v));
  }

  get position(): number {
    throw new NotLoaded('worksheet.position');
  }

  set position(v: number) {
    this.act(8, (s) => {
      const list = this.d.sheets;
      const activeSheet = list[this.d.active];
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(v, list.length), 0, s);
      this.d.active = Math.max(0, list.indexOf(activeSheet!));
    });
  }

  get isNullObject(): boolean {
    if (this.loadedNull === undefined) throw new NotLoaded('worksheet.isNullObject');
    return this.loadedNull;
  }

  load(): unknown {
    this.d.enqueue(20, () => {
      this.loadedNull = this.missing();
      if (!this.loadedNull) this.loadedName = this.state().name;
    });
    return this;
  }

  activate(): void {
    this.act(0, (s) => (this.d.active = this.d.sheets.indexOf(s)));
  }

  delete(): void {
    this.act(0, (s) => {
      const i = this.d.sheets.indexOf(s);
      this.d.sheets.splice(i, 1);
      if (this.d.active >= this.d.sheets.length) this.d.active = Math.max(0, this.d.sheets.length - 1);
    });
  }

  getRange(address?: string): XlRange {
    return new Range(this.d, this, address ? [address] : null);
  }

  getRanges(address?: string): XlRangeAreas {
    const areas = (address ?? '').split(/[,;]/).map((a) => a.trim()).filter(Boolean);
    return new Range(this.d, this, areas);
  }

  getUsedRangeOrNullObject(): XlRange {
    return new Range(this.d, this, null, true);
  }

  readonly freezePanes = {
    freezeRows: (count = 1) => this.act(8, (s) => (s.freeze = { rows: count, columns: 0 })),
    freezeColumns: (count = 1) => this.act(8, (s) => (s.freeze = { rows: 0, columns: count })),
    freezeAt: (range: string) =>
      this.act(jsonBytes(range), (s) => {
        const b = boxOf(range);
        s.freeze = { rows: b.r2, columns: b.c2 };
      }),
  };

  readonly horizontalPageBreaks = { add: (r: string) => this.act(jsonBytes(r), (s) => s.breaks.push(r)) };
  readonly autoFilter = {
    apply: (r: string, column?: number, criteria?: { values: string[] }) =>
      this.act(jsonBytes(r), (s) => {
        s.autoFilter = r;
        if (criteria) s.filter = { column: column!, values: criteria.values };
      }),
  };

  readonly pageLayout = (() => {
    const set = (key: string, v: unknown) => this.act(jsonBytes(v), (s) => (s.page[key] = v));
    return {
      set orientation(v: string) {
        set('orientation', v);
      },
      set paperSize(v: string) {
        set('paperSize', v);
      },
      set centerHorizontally(v: boolean) {
        set('centerHorizontally', v);
      },
      set zoom(v: object) {
        set('zoom', v);
      },
      setPrintArea: (v: string) => set('printArea', v),
      setPrintTitleRows: (v: string) => set('printTitleRows', v),
      setPrintTitleColumns: (v: string) => set('printTitleColumns', v),
      setPrintMargins: (unit: string, m: object) => set('margins', { unit, ...m }),
    } as unknown as XlWorksheet['pageLayout'];
  })();
}

const EDGE_SIDES: Record<BorderEdge, (b: Box, c: number, r: number) => ('top' | 'bottom' | 'left' | 'right')[]> = {
  EdgeTop: (b, _c, r) => (r === b.r1 ? ['top'] : []),
  EdgeBottom: (b, _c, r) => (r === b.r2 ? ['bottom'] : []),
  EdgeLeft: (b, c) => (c === b.c1 ? ['left'] : []),
  EdgeRight: (b, c) => (c === b.c2 ? ['right'] : []),
  InsideVertical: (b, c) => [...(c > b.c1 ? ['left' as const] : []), ...(c < b.c2 ? ['right' as const] : [])],
  InsideHorizontal: (b, _c, r) => [...(r > b.r1 ? ['top' as const] : []), ...(r < b.r2 ? ['bottom' as const] : [])],
};

class Range implements XlRange, XlRangeAreas {
  private loaded: { values?: unknown[][]; isNull?: boolean } = {};
  private loadedIndex: { row: number; column: number } | null = null;

  constructor(
    private d: ExcelDouble,
    private ws: Worksheet,
    /** null: the whole sheet (or its used range) */
    private areas: string[] | null,
    private used = false,
  ) {}

  private boxes(s: SheetState): Box[] {
    if (this.used) {
      let c2 = 0;
      let r2 = 0;
      for (const a of s.cells.keys()) {
        const p = parseAddress(a);
        c2 = Math.max(c2, p.col);
        r2 = Math.max(r2, p.row);
      }
      return r2 ? [{ c1: 1, r1: 1, c2, r2 }] : [];
    }
    return this.areas ? this.areas.map(boxOf) : [{ c1: 1, r1: 1, c2: MAX_COL, r2: MAX_ROW }];
  }

  private one(s: SheetState, what: string): Box {
    const b = this.boxes(s);
    if (b.length !== 1) throw new Error(`InvalidArgument: ${what} needs one rectangle`);
    return b[0]!;
  }

  private act(bytes: number, run: (s: SheetState) => void): void {
    this.d.enqueue(bytes, () => run(this.ws.state()));
  }

  /** a cell format property set over the range: whole sheet, columns, rows or cells */
  private formatCells(bytes: number, apply: (f: CellFormat, c: number, r: number, b: Box) => void): void {
    this.act(bytes, (s) => {
      for (const b of this.boxes(s)) {
        if (b.r2 - b.r1 > 100_000 || b.c2 - b.c1 > 1000) throw new Error('the double formats cells, not whole columns or rows: give a cell range');
        for (let r = b.r1; r <= b.r2; r++) {
          for (let c = b.c1; c <= b.c2; c++) {
            const a = addr(c, r);
            const f = s.formats.get(a) ?? {};
            apply(f, c, r, b);
            s.formats.set(a, f);
          }
        }
      }
    });
  }

  private writeMatrix(kind: 'formulas' | 'values' | 'numberFormat', m: unknown[][]): void {
    this.act(jsonBytes(m), (s) => {
      const b = this.one(s, kind);
      const rows = b.r2 - b.r1 + 1;
      const cols = b.c2 - b.c1 + 1;
      if (m.length !== rows || m.some((row) => row.length !== cols)) throw new Error(`InvalidArgument: ${kind} is ${m.length}×${m[0]?.length}, range ${rows}×${cols}`);
      // only the merges over the range can hide a cell of it; sheets are neither added nor removed while the action runs
      const merges = s.merges.map(boxOf).filter((g) => overlaps(g, b));
      const there = new Map<string, boolean>();
      const isThere = (name: string): boolean => {
        let known = there.get(name);
        if (known === undefined) there.set(name, (known = this.d.find(name) !== undefined));
        return known;
      };
      m.forEach((row, i) =>
        row.forEach((v, j) => {
          const a = addr(b.c1 + j, b.r1 + i);
          if (kind === 'numberFormat') {
            const f = s.formats.get(a) ?? {};
            f.numberFormat = String(v);
            s.formats.set(a, f);
            return;
          }
          const stored = typed(v);
          if (stored && 'formula' in stored) {
            // Excel takes a sheet it does not have for another file's: the writer must add sheets first
            for (const m of stored.formula.matchAll(/'((?:[^']|'')+)'!/g)) {
              if (!isThere(m[1]!.replace(/''/g, "'"))) throw new Error(`InvalidReference: ${a} names sheet “${m[1]}”, which is not there`);
            }
          }
          const hidden = merges.some((g) => g.c1 <= b.c1 + j && b.c1 + j <= g.c2 && g.r1 <= b.r1 + i && b.r1 + i <= g.r2 && !(g.c1 === b.c1 + j && g.r1 === b.r1 + i));
          if (stored && hidden) throw new Error(`InvalidOperation: ${a} is inside a merged area`);
          if (stored) s.cells.set(a, stored);
          else s.cells.delete(a);
        }),
      );
    });
  }

  set formulas(m: unknown[][]) {
    this.writeMatrix('formulas', m);
  }
  set values(m: unknown[][]) {
    this.writeMatrix('values', m);
  }
  get values(): unknown[][] {
    if (!this.loaded.values) throw new NotLoaded('range.values');
    return this.loaded.values;
  }
  get formulas(): unknown[][] {
    throw new NotLoaded('range.formulas');
  }
  set numberFormat(m: unknown[][]) {
    this.writeMatrix('numberFormat', m);
  }
  get numberFormat(): unknown[][] {
    throw new NotLoaded('range.numberFormat');
  }

  get rowIndex(): number {
    if (!this.loadedIndex) throw new NotLoaded('range.rowIndex');
    return this.loadedIndex.row;
  }
  get columnIndex(): number {
    if (!this.loadedIndex) throw new NotLoaded('range.columnIndex');
    return this.loadedIndex.column;
  }

  set columnHidden(v: boolean) {
    this.act(8, (s) => {
      const b = this.one(s, 'columnHidden');
      for (let c = b.c1; c <= b.c2; c++) if (v) s.hiddenColumns.add(c);
    });
  }
  get columnHidden(): boolean {
    throw new NotLoaded('range.columnHidden');
  }

  get isNullObject(): boolean {
    if (this.loaded.isNull === undefined) throw new NotLoaded('range.isNullObject');
    return this.loaded.isNull;
  }

  load(): unknown {
    this.d.enqueue(20, () => {
      let s: SheetState;
      try {
        s = this.ws.state();
      } catch (e) {
        if (this.used) {
          this.loaded = { isNull: true };
          return;
        }
        throw e;
      }
      const boxes = this.boxes(s);
      if (!boxes.length) {
        this.loaded = { isNull: true };
        return;
      }
      const b = boxes[0]!;
      const values: unknown[][] = [];
      for (let r = b.r1; r <= b.r2; r++) {
        const row: unknown[] = [];
        for (let c = b.c1; c <= b.c2; c++) row.push(this.d.valueAt(s, addr(c, r)));
        values.push(row);
      }
      this.loaded = { values, isNull: false };
      this.loadedIndex = { row: b.r1 - 1, column: b.c1 - 1 };
    });
    return this;
  }

  merge(across = false): void {
    this.act(16, (s) => {
      const b = this.one(s, 'merge');
      if (across) throw new Error('the writer merges whole blocks');
      if (s.merges.some((m) => overlaps(boxOf(m), b))) throw new Error(`InvalidOperation: ${this.areas} overlaps a merge`);
      s.merges.push(this.areas![0]!);
    });
  }

  select(): void {
    this.act(0, (s) => {
      this.d.active = this.d.sheets.indexOf(s);
      this.d.selection = { sheet: s.name, address: (this.areas ?? []).join(',') };
    });
  }

  get format(): XlRangeFormat {
    const range = this;
    const cell = (key: keyof CellFormat) => (v: unknown) => range.formatCells(jsonBytes(v), (f) => ((f as Record<string, unknown>)[key] = v));
    const setFont = { name: cell('font'), size: cell('size'), bold: cell('bold'), italic: cell('italic'), color: cell('color') };
    return {
      set columnWidth(v: number) {
        range.act(8, (s) => {
          const b = range.one(s, 'columnWidth');
          for (let c = b.c1; c <= b.c2; c++) s.columnWidths.set(c, v);
        });
      },
      set rowHeight(v: number) {
        range.act(8, (s) => {
          const b = range.one(s, 'rowHeight');
          for (let r = b.r1; r <= b.r2; r++) s.rowHeights.set(r, v);
        });
      },
      set horizontalAlignment(v: string) {
        cell('h')(v);
      },
      set verticalAlignment(v: string) {
        cell('v')(v);
      },
      set wrapText(v: boolean) {
        cell('wrap')(v);
      },
      fill: {
        set color(v: string) {
          cell('fill')(v);
        },
      },
      font: {
        set name(v: string) {
          setFont.name(v);
        },
        set size(v: number) {
          setFont.size(v);
        },
        set bold(v: boolean) {
          setFont.bold(v);
        },
        set italic(v: boolean) {
          setFont.italic(v);
        },
        set color(v: string) {
          setFont.color(v);
        },
      },
      borders: {
        getItem(edge: BorderEdge) {
          return {
            set style(v: string) {
              range.formatCells(16, (f, c, r, b) => {
                if ((edge === 'InsideVertical' && b.c1 === b.c2) || (edge === 'InsideHorizontal' && b.r1 === b.r2)) {
                  throw new Error(`InvalidArgument: ${edge} on a range without inside edges`);
                }
                for (const side of EDGE_SIDES[edge](b, c, r)) f.borders = { ...f.borders, [side]: v };
              });
            },
            set color(_v: string) {
              range.act(16, () => {});
            },
          };
        },
      },
    } as unknown as XlRangeFormat;
  }

  /** only recorded: the double does not refuse values off the list */
  get dataValidation(): XlRange['dataValidation'] {
    const range = this;
    const set = (key: 'rule' | 'errorAlert') => (v: unknown) =>
      range.act(jsonBytes(v), (s) => {
        range.one(s, 'dataValidation');
        const address = (range.areas ?? [])[0]!;
        let rec = s.validations.find((x) => x.range === address);
        if (!rec) s.validations.push((rec = { range: address }));
        rec[key] = JSON.parse(JSON.stringify(v));
      });
    return {
      set rule(v: unknown) {
        set('rule')(v);
      },
      set errorAlert(v: unknown) {
        set('errorAlert')(v);
      },
    } as unknown as XlRange['dataValidation'];
  }

  get conditionalFormats(): XlRange['conditionalFormats'] {
    const range = this;
    return {
      add(type: 'Custom'): XlConditionalFormat {
        const rec: RecordedFormat = { ranges: [], formula: '' };
        range.act(jsonBytes(type), (s) => {
          if (type !== 'Custom') throw new Error('only custom formats are expected');
          rec.ranges = range.areas ?? [];
          range.boxes(s);
          s.conditionalFormats.unshift(rec);
        });
        const set = (run: () => void) => range.act(40, run);
        return {
          custom: {
            rule: {
              set formula(v: string) {
                if (!v.startsWith('=')) throw new Error(`a rule formula starts with =: ${v}`);
                set(() => (rec.formula = v.slice(1)));
              },
            },
            format: {
              fill: {
                set color(v: string) {
                  set(() => (rec.fill = v));
                },
              },
              font: {
                set color(v: string) {
                  set(() => (rec.font = v));
                },
              },
            },
          },
        } as unknown as XlConditionalFormat;
      },
    };
  }
}
