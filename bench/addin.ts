/**
 * The add-in's round trips to Excel, counted on the recording double of the Excel API
 * (tests/support/excel-double.ts), which keeps Excel's batching and 5 MB request rules:
 * context.sync() calls to insert one standard sheet, and to build the county summary of
 * 50 standard sheets (生成汇总).
 */
import { ALL_CAPABILITIES } from '../addin/office/api.ts';
import { consolidateWorkbook } from '../addin/office/consolidate.ts';
import { insertSheet, type Book } from '../addin/office/writer.ts';
import { freeSheetName } from '../addin/sheet-name.ts';
import { generateReport } from '../core/generate/index.ts';
import { analyze } from '../core/analyze.ts';
import { FONT, reportSheet, STYLES } from '../core/sheet/workbook.ts';
import { ExcelDouble } from '../tests/support/excel-double.ts';

const BOOK: Book = { styles: STYLES, font: FONT };

/** a generated report, read as the pane reads a paste, under a unit name of its own */
function report(seed: number) {
  const a = analyze(generateReport(seed, { layout: 'word-tabs' }).text);
  if (!a.ok) throw new Error(`基准用的生成报告 ${seed} 读取失败：${a.message}`);
  return { ...a.report, unit: `青岚县第${seed}单位`, year: 2023 };
}

export interface AddinFigures {
  insertSyncs: number;
  consolidateSyncs: number;
  consolidateMb: number;
  units: number;
}

export async function addinSyncs(units = 50): Promise<AddinFigures> {
  const xl = new ExcelDouble(['Sheet1']);
  let insertSyncs = 0;
  for (let seed = 1; seed <= units; seed++) {
    const r = report(seed);
    const done = await insertSheet(xl, (taken) => reportSheet(r, freeSheetName(r.unit, taken)), BOOK, ALL_CAPABILITIES);
    insertSyncs = Math.max(insertSyncs, done.syncs);
  }
  const before = xl.syncs;
  const got = await consolidateWorkbook(xl, BOOK, ALL_CAPABILITIES);
  if (!got.ok) throw new Error(`生成汇总失败：${got.message}`);
  const bytes = xl.requests.slice(before).reduce((a, b) => a + b, 0);
  return { insertSyncs, consolidateSyncs: xl.syncs - before, consolidateMb: Math.round(bytes / 1e5) / 10, units };
}
