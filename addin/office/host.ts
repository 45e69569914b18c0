/**
 * The pane's one door to Excel. Office.onReady tells whether the page runs inside Excel; if
 * it does, the jobs below run the writer and reader in Excel.run. The UI calls only these,
 * never the Excel API. Passing the real `Excel.RequestContext` where the writer and reader
 * take `XlContext` is where the compiler checks that api.ts still describes Excel.
 */
import type { Report } from '../../core/report.ts';
import { FONT, reportSheet, sheetNames, STYLES } from '../../core/sheet/workbook.ts';
import { freeSheetName } from '../sheet-name.ts';
import type { Capabilities, XlContext } from './api.ts';
import { consolidateWorkbook, type Consolidated } from './consolidate.ts';
import { readActiveSheet, type SheetRead } from './reader.ts';
import type { Notices } from './notices.ts';
import { findUnitSheet, replaceUnit, type Replaced, type UnitSheet } from './replace.ts';
import type { CountyTables } from './tables.ts';
import { insertSheet, selectCells, type Book, type Inserted } from './writer.ts';

export interface ExcelHost {
  /** 插入为新工作表 */
  insertReport(report: Report): Promise<Inserted>;
  /** 重新校验当前工作表 */
  readActive(): Promise<SheetRead>;
  /** the sheet of the report's unit, when the workbook has one (asked before inserting) */
  unitSheet(report: Report): Promise<UnitSheet | null>;
  /** 替换: the unit's sheet replaced by this version (and 生成汇总 again in a county workbook) */
  replaceReport(report: Report): Promise<Replaced>;
  /** 生成汇总 */
  consolidate(): Promise<Consolidated>;
  /** 下载退回通知: the notices of 问题清单, as one .zip */
  notices(deadline: string): Promise<Notices>;
  /** 生成本级报告表格 (Word) */
  tables(): Promise<CountyTables>;
  /** a finding's cells */
  select(sheet: string, addresses: string[]): Promise<void>;
}

const BOOK: Book = { styles: STYLES, font: FONT };

/** how long to wait for Office to say where the page runs, before going on as a plain web page */
const READY_WAIT_MS = 10_000;

function run<T>(job: (ctx: XlContext) => Promise<T>): Promise<T> {
  return Excel.run((ctx: Excel.RequestContext) => job(ctx));
}

/** Excel inside Office, or null when the page is opened in a plain browser (Office.onReady gives no host) */
export async function connectExcel(): Promise<ExcelHost | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  const info = await Promise.race([
    Office.onReady(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_WAIT_MS)),
  ]);
  if (!info || info.host !== Office.HostType.Excel) return null;
  const supported = (v: string) => Office.context.requirements.isSetSupported('ExcelApi', v);
  const caps: Capabilities = { api18: supported('1.8'), api19: supported('1.9') };
  return {
    insertReport: (report) => {
      const [wanted] = sheetNames([report]);
      return run((ctx) => insertSheet(ctx, (taken) => reportSheet(report, freeSheetName(wanted!, taken)), BOOK, caps));
    },
    unitSheet: (report) => run((ctx) => findUnitSheet(ctx, report)),
    replaceReport: (report) => run((ctx) => replaceUnit(ctx, report, BOOK, caps)),
    readActive: () => run(async (ctx) => (await readActiveSheet(ctx)).read),
    consolidate: () => run((ctx) => consolidateWorkbook(ctx, BOOK, caps)),
    // the docx writer is large: loaded only when asked for
    tables: () => run(async (ctx) => (await import(/* webpackChunkName: "tables" */ './tables.ts')).countyTables(ctx)),
    // the docx writer is large: loaded only when asked for
    notices: (deadline) => run(async (ctx) => (await import(/* webpackChunkName: "tables" */ './notices.ts')).noticesOfWorkbook(ctx, { deadline, date: new Date() })),
    select: (sheet, addresses) => run((ctx) => selectCells(ctx, sheet, addresses, caps)),
  };
}

/** an error from Excel, in words for the user */
export function describeError(e: unknown): string {
  const err = e as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const where = err.debugInfo?.errorLocation ? `，位置：${err.debugInfo.errorLocation}` : '';
  if (err.code) return `Excel 未能完成操作：${err.message ?? err.code}（${err.code}${where}）`;
  return `操作未完成：${err.message ?? String(e)}`;
}
