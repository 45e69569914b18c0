/**
 * pdf.js inside the reading worker: its own worker code runs in this thread (pdf.js uses
 * `globalThis.pdfjsWorker` when it is set), so no second worker and no script file to load —
 * which the offline copy's Content-Security-Policy would not allow anyway.
 */
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
import type { PdfOptions } from '../../core/extract/pdf.ts';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

export const pdfOptions = (): PdfOptions => ({});
