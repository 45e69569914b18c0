/**
 * The pane's one reading worker: files are read and the county workbook is built here, off
 * the page's thread, so the page stays responsive and a cancel can stop it at once (the page
 * terminates the worker). The same core functions as the command line: extract() for a file
 * picked beside the paste box, readUnitFile for each file of the desk, consolidate() and the
 * streamed writer for the workbook. Scans are recognised by tesseract.js with the models the
 * build puts beside the pane (tessdata/); the offline single-file copy has no files beside
 * it, so there a scan is refused with the usual reason.
 */
import { extract, type ExtractOptions } from '../../core/extract/extract.ts';
import { readUnitFile } from '../../core/intake.ts';
import { browserOcr } from '../ui/ocr-browser.ts';
import { consolidate } from '../../core/sheet/consolidate.ts';
import { xlsxBytes } from '../../core/xlsx/stream.ts';
import { pdfOptions } from './pdf-in-worker.ts';

declare const __OFFLINE__: boolean;
import type { FromWorker, ToWorker } from './protocol.ts';

// the worker's global, typed as far as it is used (the pane's types are the DOM's)
const scope = self as unknown as { postMessage(m: FromWorker, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** what reading needs beyond the bytes: pdf.js's CMaps and the OCR models beside the pane, where there are such files */
function options(id: number): ExtractOptions {
  if (__OFFLINE__) return { pdf: pdfOptions() };
  const base = new URL('./', (self as unknown as { location: { href: string } }).location.href);
  return {
    pdf: { ...pdfOptions(), cMapUrl: new URL('cmaps/', base).href, standardFontDataUrl: new URL('standard_fonts/', base).href },
    ocr: browserOcr(base),
    onProgress: (p) => post({ type: 'progress', id, text: `正在识别扫描件：第 ${Math.min(p.page + 1, p.pages)}/${p.pages} 页……` }),
  };
}

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
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
    const c = consolidate(m.inputs, { unreadable: m.unreadable, ...(m.name ? { name: m.name } : {}) });
    if (!c.ok) {
      post({ type: 'refused', id: m.id, message: c.message });
      return;
    }
    post({ type: 'progress', id: m.id, text: `正在写出工作簿（${c.units.length} 个单位）……` });
    const bytes = await xlsxBytes(c.workbook);
    const sum = (k: 'errors' | 'warnings') => c.units.reduce((n, u) => n + u.counts[k], 0);
    post(
      { type: 'built', id: m.id, bytes, summary: { county: c.name, year: c.year, units: c.units.length, errors: sum('errors'), warnings: sum('warnings'), unreadable: c.unreadable.length } },
      [bytes.buffer],
    );
  } catch (err) {
    post({ type: 'refused', id: m.id, message: `生成工作簿时程序出错（${(err as Error).message}），请把这批文件报告给维护者。` });
  }
};
