/**
 * The page's side of the reading worker: one request at a time, answered by id. Terminating
 * the worker (cancel) settles the request in flight with null. In the offline single-file copy
 * the worker's code is in the page itself (a script element of type text/plain), started from
 * a blob: URL; in the built pane it is a file of its own beside the page.
 */
import type { Extracted } from '../../core/extract/extract.ts';
import type { StatusLine } from '../../core/sheet/catalogue-lines.ts';
import type { ConsolidateInput, Unreadable } from '../../core/sheet/consolidate.ts';
import type { BuildSummary, FromWorker, RoundRequest, ToWorker } from './protocol.ts';
import { ocrSetup, type OcrSetup } from './ocr-models.ts';

declare const __OFFLINE__: boolean;

function start(): Worker {
  const inline = document.getElementById('gouji-worker');
  if (inline?.textContent) {
    return new Worker(URL.createObjectURL(new Blob([inline.textContent], { type: 'text/javascript' })), { name: 'gouji' });
  }
  // webpack drops this branch from the offline build, so that no worker file is emitted for it
  if (!__OFFLINE__) return new Worker(new URL('./worker.ts', import.meta.url), { name: 'gouji' });
  throw new Error('离线页面缺少读取程序（#gouji-worker）：请重新生成离线版。');
}

export type Built = { ok: true; bytes: Uint8Array; summary: BuildSummary } | { ok: false; message: string };
export type Notices = { ok: true; bytes: Uint8Array | null; name: string; units: string[]; problems: number } | { ok: false; message: string };

export class ReadingWorker {
  private worker = start();
  private next = 1;
  private ocr: OcrSetup | null = null;
  private pending: { id: number; settle: (m: FromWorker | null) => void; onProgress?: (text: string) => void } | null = null;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const p = this.pending;
      if (!p || e.data.id !== p.id) return;
      if (e.data.type === 'progress') {
        p.onProgress?.(e.data.text);
        return;
      }
      this.pending = null;
      p.settle(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      const p = this.pending;
      this.pending = null;
      p?.settle({ type: 'refused', id: p.id, message: `读取程序出错（${e.message}）。` });
    };
  }

  private ask(m: Exclude<ToWorker, { type: 'ocr' }>, transfer: Transferable[], onProgress?: (text: string) => void): Promise<FromWorker | null> {
    // the offline copy's OCR models, once picked, go to the worker before anything it reads
    const ocr = ocrSetup();
    if (ocr && ocr !== this.ocr) {
      this.worker.postMessage({ type: 'ocr', ...ocr } satisfies ToWorker);
      this.ocr = ocr;
    }
    return new Promise((settle) => {
      this.pending = { id: m.id, settle, ...(onProgress ? { onProgress } : {}) };
      this.worker.postMessage(m, transfer);
    });
  }

  /** one file's text (or why not), or null when cancelled */
  async extract(name: string, bytes: Uint8Array, onProgress: (text: string) => void): Promise<Extracted | null> {
    const got = await this.ask({ type: 'extract', id: this.next++, name, bytes }, [bytes.buffer], onProgress);
    if (!got) return null;
    if (got.type === 'extracted') return got.result;
    if (got.type === 'refused') return { ok: false, code: 'ocr_failed', message: got.message };
    return null;
  }

  /** one file's reports, or null when cancelled */
  async read(name: string, bytes: Uint8Array, onProgress: (text: string) => void = () => undefined): Promise<{ inputs: ConsolidateInput[]; unreadable: Unreadable[] } | null> {
    const got = await this.ask({ type: 'read', id: this.next++, name, bytes }, [bytes.buffer], onProgress);
    if (!got) return null;
    if (got.type === 'read') return { inputs: got.inputs, unreadable: got.unreadable };
    if (got.type === 'refused') return { inputs: [], unreadable: [{ source: name, reason: `“${name}”：${got.message}请把这个文件报告给维护者。` }] };
    return null;
  }

  /** the county workbook, or null when cancelled */
  async build(round: RoundRequest, onProgress: (text: string) => void): Promise<Built | null> {
    const got = await this.ask({ type: 'build', id: this.next++, round }, [], onProgress);
    if (!got) return null;
    if (got.type === 'built') return { ok: true, bytes: got.bytes, summary: got.summary };
    if (got.type === 'refused') return { ok: false, message: got.message };
    return null;
  }

  /** the roster's statuses as 目录 shows them, or null when cancelled */
  async status(round: RoundRequest): Promise<{ ok: true; lines: StatusLine[] } | { ok: false; message: string } | null> {
    const got = await this.ask({ type: 'status', id: this.next++, round }, []);
    if (!got) return null;
    if (got.type === 'status') return { ok: true, lines: got.lines };
    if (got.type === 'refused') return { ok: false, message: got.message };
    return null;
  }

  /** the notices as one .zip (bytes null: nothing to send back), or null when cancelled */
  async notices(round: RoundRequest, deadline: string | undefined, onProgress: (text: string) => void): Promise<Notices | null> {
    const got = await this.ask({ type: 'notices', id: this.next++, round, ...(deadline ? { deadline } : {}) }, [], onProgress);
    if (!got) return null;
    if (got.type === 'notices') return { ok: true, bytes: got.bytes, name: got.name, units: got.units, problems: got.problems };
    if (got.type === 'refused') return { ok: false, message: got.message };
    return null;
  }

  terminate(): void {
    this.worker.terminate();
    const p = this.pending;
    this.pending = null;
    p?.settle(null);
  }
}
