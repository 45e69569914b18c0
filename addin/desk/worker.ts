/**
 * The desk's reading worker: files are read and the county workbook is built here, off the
 * page's thread, so the page stays responsive and a cancel can stop it at once (the page
 * terminates the worker). The same core functions as `gouji consolidate`: readUnitFile for
 * each file, consolidate() and the streamed writer for the workbook.
 */
import { readUnitFile } from '../../core/intake.ts';
import { consolidate } from '../../core/sheet/consolidate.ts';
import { xlsxBytes } from '../../core/xlsx/stream.ts';
import { pdfOptions } from './pdf-in-worker.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

// the worker's global, typed as far as it is used (the pane's types are the DOM's)
const scope = self as unknown as { postMessage(m: FromWorker, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === 'read') {
    const got = await readUnitFile(m.bytes, m.name, { pdf: pdfOptions() });
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
