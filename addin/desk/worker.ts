/**
 * The pane's one reading worker: files are read and the county workbook is built here, off
 * the page's thread, so the page stays responsive and a cancel can stop it at once (the page
 * terminates the worker). The same core functions as the command line: extract() for a file
 * picked beside the paste box, readUnitFile for each file of the desk, consolidate() (with the
 * roster and last year's reports, as the CLI's --roster and --last-year) and the streamed
 * writer for the workbook, noticeFiles for the 退回修改通知. Scans are recognised by
 * tesseract.js: in the pane with the models the build puts beside it (tessdata/); in the
 * offline single-file copy with the program the page carries and the models the clerk picked
 * (ocr-offline.ts), which the page hands over before reading.
 */
import { extract, type ExtractOptions } from '../../core/extract/extract.ts';
import { readUnitFile } from '../../core/intake.ts';
import { browserOcr } from '../ui/ocr-browser.ts';
import { consolidate, type Consolidation } from '../../core/sheet/consolidate.ts';
import { noticeFiles, noticesZip, noticesZipName } from '../../core/docx/notice-set.ts';
import { lastYearOf } from '../../core/last-year.ts';
import { xlsxBytes } from '../../core/xlsx/stream.ts';
import { pdfOptions } from './pdf-in-worker.ts';
import type { OcrEngine } from '../../core/extract/ocr.ts';
import type { OcrSetup } from './ocr-models.ts';
import { offlineParts } from './ocr-offline.ts';

declare const __OFFLINE__: boolean;
import type { FromWorker, RoundRequest, ToWorker } from './protocol.ts';

// the worker's global, typed as far as it is used (the pane's types are the DOM's)
const scope = self as unknown as { postMessage(m: FromWorker, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let offline: OcrSetup | null = null;
/** one OCR engine for the worker's life (its tesseract workers are started once, on the first scan) */
let engine: { for: OcrSetup | null; ocr: OcrEngine } | null = null;

function ocrEngine(): OcrEngine {
  if (__OFFLINE__) {
    if (engine?.for !== offline) engine = { for: offline, ocr: browserOcr(offlineParts(offline)) };
    return engine.ocr;
  }
  engine ??= { for: null, ocr: browserOcr(new URL('./', (self as unknown as { location: { href: string } }).location.href)) };
  return engine.ocr;
}

/** what reading needs beyond the bytes: pdf.js's CMaps (beside the pane) and the OCR engine */
function options(id: number): ExtractOptions {
  const onProgress: ExtractOptions['onProgress'] = (p) => post({ type: 'progress', id, text: `正在识别扫描件：第 ${Math.min(p.page + 1, p.pages)}/${p.pages} 页……` });
  if (__OFFLINE__) return { pdf: pdfOptions(), ocr: ocrEngine(), onProgress };
  const base = new URL('./', (self as unknown as { location: { href: string } }).location.href);
  return { pdf: { ...pdfOptions(), cMapUrl: new URL('cmaps/', base).href, standardFontDataUrl: new URL('standard_fonts/', base).href }, ocr: ocrEngine(), onProgress };
}

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === 'ocr') {
    offline = { code: m.code, chi: m.chi, eng: m.eng };
    return;
  }
  if (m.type === 'extract') {
    try {
      post({ type: 'extracted', id: m.id, result: await extract(m.bytes, m.name, options(m.id)) });
    } catch (err) {
      post({ type: 'refused', id: m.id, message: `读取“${m.name}”时程序出错（${(err as Error)?.message ?? err}）。请把这个文件报告给维护者。` });
    }
    return;
  }
  if (m.type === 'read') {
    const got = await readUnitFile(m.bytes, m.name, options(m.id));
    post({ type: 'read', id: m.id, inputs: got.inputs, unreadable: got.unreadable });
    return;
  }
  try {
    const { c, notes } = consolidateRound(m.round);
    if (!c.ok) {
      post({ type: 'refused', id: m.id, message: c.message });
      return;
    }
    if (m.type === 'status') {
      post({ type: 'status', id: m.id, lines: c.roster ?? [] });
      return;
    }
    if (m.type === 'notices') {
      post({ type: 'progress', id: m.id, text: '正在写出退回修改通知……' });
      const files = await noticeFiles(c.round.problems, { county: c.name, year: c.year, date: new Date(), ...(m.deadline ? { deadline: m.deadline } : {}) });
      const bytes = files.length ? noticesZip(files) : null;
      const units = files.map((f) => f.unit);
      const problems = files.reduce((n, f) => n + f.problems, 0);
      post({ type: 'notices', id: m.id, bytes, name: noticesZipName(c.name, c.year), units, problems }, bytes ? [bytes.buffer] : []);
      return;
    }
    post({ type: 'progress', id: m.id, text: `正在写出工作簿（${c.units.length} 个单位）……` });
    const bytes = await xlsxBytes(c.workbook);
    const sum = (k: 'errors' | 'warnings') => c.units.reduce((n, u) => n + u.counts[k], 0);
    post(
      {
        type: 'built',
        id: m.id,
        bytes,
        summary: { county: c.name, year: c.year, units: c.units.filter((u) => u.year === c.year).length, errors: sum('errors'), warnings: sum('warnings'), unreadable: c.unreadable.length, notes },
      },
      [bytes.buffer],
    );
  } catch (err) {
    const what = m.type === 'notices' ? '生成退回修改通知' : m.type === 'status' ? '核对名单' : '生成工作簿';
    post({ type: 'refused', id: m.id, message: `${what}时程序出错（${(err as Error).message}），请把这批文件报告给维护者。` });
  }
};

/** the consolidation `gouji consolidate … --roster … --last-year …` makes of the same files */
function consolidateRound(r: RoundRequest): { c: Consolidation; notes: string[] } {
  const last = r.last ? lastYearOf(r.inputs, r.last, r.last.where) : null;
  const c = consolidate([...r.inputs, ...(last?.inputs ?? [])], {
    unreadable: [...r.unreadable, ...(last?.unreadable ?? [])],
    ...(r.name ? { name: r.name } : {}),
    acrossYears: last !== null,
    ...(r.roster ? { round: { roster: r.roster } } : {}),
  });
  return { c, notes: last?.notes ?? [] };
}
