/**
 * One read of a workbook in a process of its own, for the benchmark: `readWorkbook` as
 * `gouji check x.xlsx` and consolidation call it (or, with --exceljs, the exceljs reader it
 * replaced, for comparison), then the seconds it took and this process's peak resident memory
 * as the last line of stdout (JSON).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { readLoaded } from '../core/xlsx/exceljs-read.ts';
import { readWorkbook, type WorkbookRead } from '../core/xlsx/read.ts';

const [path, how] = process.argv.slice(2);
if (!path) throw new Error('usage: readback-run.ts FILE [--exceljs]');
const data = new Uint8Array(readFileSync(path));
const t0 = performance.now();
let read: WorkbookRead;
if (how === '--exceljs') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data.buffer as ArrayBuffer);
  read = readLoaded(wb, path);
} else {
  read = await readWorkbook(data, path);
}
const seconds = (performance.now() - t0) / 1000;
const reports = read.ok ? read.reports.length : 0;
const cells = read.ok ? read.reports.reduce((n, r) => n + Object.values(r.report.cells).filter((c) => c.value !== null).length, 0) : 0;
const message = read.ok ? '' : read.message;
process.stdout.write(`\n${JSON.stringify({ seconds, reports, cells, message, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
