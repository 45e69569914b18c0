/**
 * One file a unit sent → what a consolidation takes from it: the reports it holds (one for a
 * document, one per standard sheet for a gouji workbook) or why it cannot be read. The same
 * function serves every door — the command line reads the bytes from disk, the page outside
 * Excel from a dropped file — so the same files give the same units and findings everywhere.
 * Never throws: a failure, even the program's own, becomes that file's reason in Chinese.
 */
import { analyze, checkReport } from './analyze.ts';
import { extract, FILE_KIND_ZH, READABLE_EXTENSIONS, type ExtractOptions } from './extract/extract.ts';
import { sortFindings } from './findings.ts';
import type { ConsolidateInput, Unreadable } from './sheet/consolidate.ts';
import { SUMMARY_SHEET } from './sheet/summary.ts';

export interface UnitFile {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
  /** files passed over, with why (an earlier consolidation found in a folder) */
  notes: string[];
}

export interface IntakeOptions extends ExtractOptions {
  /** found in a folder rather than named on the command line (only `gouji consolidate` sets it):
   *  an earlier consolidation there is passed over, with how to count it anyway */
  inFolder?: boolean;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** a gouji workbook (or any .xlsx): by its name, or a zip holding a workbook part */
export function isWorkbook(bytes: Uint8Array, name: string): boolean {
  if (/\.xlsx$/i.test(name)) return true;
  if (!ZIP.every((x, i) => bytes[i] === x)) return false;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65536));
  return head.includes('xl/workbook.xml') || head.includes('xl/_rels');
}

/** a bug of ours met while reading one file: that file's failure, never the round's */
export const internalReason = (name: string, e: unknown): string => `读取“${name}”时程序出错（${(e as Error)?.message ?? String(e)}）。请把这个文件报告给维护者。`;

async function workbookUnits(bytes: Uint8Array, name: string, inFolder: boolean): Promise<UnitFile> {
  // the workbook reader is large: loaded only when a workbook arrives
  const { readWorkbook } = await import('./xlsx/read.ts');
  const read = await readWorkbook(bytes, name);
  if (!read.ok) return { inputs: [], unreadable: [{ source: name, reason: read.message }], notes: [] };
  // an earlier consolidation lying in the folder: its units are most likely the folder's own reports again
  if (inFolder && read.reports.some((r) => r.sheet === SUMMARY_SHEET)) {
    return { inputs: [], unreadable: [], notes: [`跳过了“${name}”：这是以前生成的汇总工作簿，其中的单位会与文件夹中的年报重复。要把它的各单位计入，请在命令行上单独给出这个文件。`] };
  }
  const inputs: ConsolidateInput[] = [];
  for (const { sheet, report } of read.reports) {
    // the summary of an earlier consolidation is no unit: reading it would count every unit twice
    if (sheet === SUMMARY_SHEET) continue;
    inputs.push({ report, findings: sortFindings(checkReport(report)), source: `${name}（工作表“${sheet}”）`, kind: 'Excel 标准表' });
  }
  return { inputs, unreadable: read.problems.map((p) => ({ source: name, reason: p.message })), notes: [] };
}

/** the reports in one file, or why it cannot be read */
export async function readUnitFile(bytes: Uint8Array, name: string, opts: IntakeOptions = {}): Promise<UnitFile> {
  const failed = (reason: string): UnitFile => ({ inputs: [], unreadable: [{ source: name, reason }], notes: [] });
  try {
    if (isWorkbook(bytes, name)) return await workbookUnits(bytes, name, opts.inFolder === true);
    const got = await extract(bytes, name, opts);
    if (!got.ok) return failed(`“${name}”：${got.message}`);
    // a scan's numbers carry their confidence: the rules flag doubtful digits (core/ocr-review.ts)
    const a = analyze(got.text, name, got.ocr ? { ocr: got.ocr } : {});
    if (!a.ok) return failed(`“${name}”：${a.message}`);
    const kind = got.kind === 'text' && /\.(md|markdown)$/i.test(name) ? 'Markdown' : FILE_KIND_ZH[got.kind];
    return { inputs: [{ report: a.report, findings: a.findings, source: name, kind }], unreadable: [], notes: [] };
  } catch (e) {
    return failed(internalReason(name, e));
  }
}

/** what a folder may hold that gouji reads: every kind extract() reads, and gouji's workbooks */
export function readInFolder(name: string): boolean {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return ext === 'xlsx' || (READABLE_EXTENSIONS as readonly string[]).includes(ext);
}

/**
 * Passed over in a folder: hidden files, Office's lock files (~$名称.docx), Windows' and
 * macOS's own files, and the folder's notes (README.md, 说明.txt): none is a report, and
 * each would only be listed as unreadable.
 */
export function skippedInFolder(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    /^(thumbs\.db|desktop\.ini)$/i.test(name) ||
    /^(readme|license|changelog)(\.|$)/i.test(name) ||
    /^(说明|使用说明|readme)\./i.test(name)
  );
}
