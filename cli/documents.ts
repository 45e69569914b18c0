/**
 * What only node can hand core's extract(): where pdf.js's files lie in its package, and the
 * OCR engine for scanned PDFs (cli/ocr-engine.ts). Reading the bytes is core's job.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfOptions } from '../core/extract/pdf.ts';

/** pdf.js's files in its package: the minified worker, and the CMaps that fonts not embedded need */
export function pdfjsFiles(): PdfOptions {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return {
      workerSrc: pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.min.mjs')).href,
      cMapUrl: join(root, 'cmaps') + '/',
      standardFontDataUrl: join(root, 'standard_fonts') + '/',
    };
  } catch {
    return {};
  }
}
