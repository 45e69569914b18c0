/**
 * The Office and Excel globals of a task pane inside Excel, backed by the Excel double: the
 * browser test bundles this file (esbuild, in node_modules through tsx) and serves it where
 * the page asks for office.js from Microsoft's CDN. Host Excel; the ExcelApi level is read
 * from `globalThis.__GOUJI_EXCEL_API` ('1.7' … '1.9'), set by the test before the page loads.
 *
 * `globalThis.__excel` lets the test act as the person at the keyboard (type into a cell) and
 * look at the workbook (sheet names, a sheet's view, the selection), all as JSON.
 */
import { ExcelDouble, type Stored } from './excel-double.ts';
import { sheetView } from './excel-view.ts';

const g = globalThis as Record<string, unknown>;
const level = Number(g.__GOUJI_EXCEL_API ?? '1.9');
const xl = new ExcelDouble(['Sheet1']);
const supported = (set: string, version?: string) => set === 'ExcelApi' && Number(version ?? '1.1') <= level;

g.Office = {
  HostType: { Excel: 'Excel', Word: 'Word' },
  PlatformType: { PC: 'PC' },
  onReady: () => Promise.resolve({ host: 'Excel', platform: 'PC' }),
  context: { requirements: { isSetSupported: supported } },
};
g.Excel = {
  run: async <T>(job: (ctx: ExcelDouble) => Promise<T>): Promise<T> => job(xl),
};
g.__excel = {
  level,
  names: () => xl.sheets.map((s) => s.name),
  active: () => xl.sheets[xl.active]?.name ?? null,
  selection: () => xl.selection,
  view: (sheet: string) => sheetView(xl.sheet(sheet)),
  validations: (sheet: string) => xl.sheet(sheet).validations,
  type: (sheet: string, address: string, input: unknown) => xl.type(sheet, address, input),
  syncs: () => xl.syncs,
  /** the user opens a workbook (its sheets' cells, as tests/support/opened.ts gives them) */
  open: (book: { name: string; cells: [string, Stored][] }[]) => {
    xl.sheets = book.map((s) => Object.assign(new ExcelDouble([s.name]).sheets[0]!, { cells: new Map(s.cells) }));
    xl.active = 0;
  },
};
