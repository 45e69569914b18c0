/**
 * The pane's file reader, in a web worker so the page stays responsive: a file's bytes go
 * through core's extract() — the same path as the command line — and the text comes back
 * (with the confidences of a scan's numbers), or the reason in Chinese. Progress per page is
 * posted as it goes. pdf.js's worker and CMaps are copied beside the pane by the build.
 */
import { extract, type Extracted } from '../../core/extract/extract.ts';
import type { OcrProgress } from '../../core/extract/ocr.ts';
import { browserOcr } from './ocr-browser.ts';

export interface ExtractRequest {
  bytes: Uint8Array;
  name: string;
}

export type ExtractReply = { type: 'progress'; progress: OcrProgress } | { type: 'done'; result: Extracted };

const base = new URL('./', self.location.href);

self.onmessage = async (e: MessageEvent<ExtractRequest>) => {
  const { bytes, name } = e.data;
  let result: Extracted;
  try {
    result = await extract(bytes, name, {
      pdf: { workerSrc: new URL('pdf.worker.min.mjs', base).href, cMapUrl: new URL('cmaps/', base).href, standardFontDataUrl: new URL('standard_fonts/', base).href },
      ocr: browserOcr(base),
      onProgress: (progress) => self.postMessage({ type: 'progress', progress } satisfies ExtractReply),
    });
  } catch (err) {
    result = { ok: false, code: 'ocr_failed', message: `读取“${name}”时出错：${(err as Error)?.message ?? err}` };
  }
  self.postMessage({ type: 'done', result } satisfies ExtractReply);
};
