/**
 * The reading entry points the fuzzer drives, each with its seeds from the generator's
 * layouts. A target must never throw: a refusal is a result (`ok: false`), and MarkupRefused
 * is the extractors' refusal of markup too deep or tangled to read.
 */
import { analyze } from '../../core/analyze.ts';
import { docxToText } from '../../core/extract/docx.ts';
import { htmlToText } from '../../core/extract/html.ts';
import { pdfToText } from '../../core/extract/pdf.ts';
import { MarkupRefused } from '../../core/extract/tree.ts';
import { docxPackage, generateReport, LAYOUTS } from '../../core/generate/index.ts';
import { makePdf, type TextRun } from '../../tests/support/pdf.ts';

export interface Target {
  name: 'text' | 'html' | 'docx' | 'pdf';
  /** the extension of its fixtures */
  ext: string;
  seeds(): Uint8Array[];
  /** read the input as gouji reads a file of this kind; throws only on a bug */
  run(input: Uint8Array): Promise<void> | void;
  /**
   * what the fixture file holds for an input: the input itself, except for docx, whose inputs
   * are word/document.xml (mutated as text) and whose fixtures are whole .docx files
   */
  file(input: Uint8Array): Uint8Array;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const SEEDS = 6;

function read(text: string): void {
  analyze(text, 'fuzz');
}

function refusedMarkup(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof MarkupRefused)) throw e;
  }
}

/** a report as a PDF page by page, one run a line with cells spaced apart */
function pdfOf(text: string): Uint8Array {
  const lines = text.split('\n');
  const pages = [];
  for (let i = 0; i < lines.length; i += 40) {
    const runs: TextRun[] = [];
    lines.slice(i, i + 40).forEach((line, k) => {
      let x = 40;
      for (const cell of line.split('\t')) {
        if (cell) runs.push({ text: cell, x, y: 40 + k * 18, size: 10 });
        x += Math.max(40, cell.length * 11);
      }
    });
    pages.push({ runs });
  }
  return makePdf(pages);
}

export const TARGETS: Target[] = [
  {
    name: 'text',
    ext: 'txt',
    seeds: () => LAYOUTS.slice(0, SEEDS).map((layout, i) => enc.encode(generateReport(100 + i, { layout, violations: i % 2 ? ['t3-cell'] : [] }).text)),
    run: (b) => read(dec.decode(b)),
    file: (b) => b,
  },
  {
    name: 'html',
    ext: 'html',
    seeds: () => [0, 1, 2].map((i) => enc.encode(generateReport(200 + i, { layout: 'html' }).text)),
    run: (b) => refusedMarkup(() => read(htmlToText(dec.decode(b)))),
    file: (b) => b,
  },
  {
    name: 'docx',
    ext: 'docx',
    seeds: () => [0, 1, 2].map((i) => enc.encode(generateReport(300 + i, { layout: 'docx' }).text)),
    run: (b) => {
      const r = docxToText(docxPackage(dec.decode(b)));
      if (r.ok) read(r.text);
    },
    file: (b) => docxPackage(dec.decode(b)),
  },
  {
    name: 'pdf',
    ext: 'pdf',
    seeds: () => [0, 1].map((i) => pdfOf(generateReport(400 + i, { layout: 'word-tabs' }).text)),
    run: async (b) => {
      const r = await pdfToText(b);
      if (r.ok) read(r.text);
    },
    file: (b) => b,
  },
];

/** a fixture file back through its target (the docx fixture is a whole .docx) */
export async function replay(ext: string, bytes: Uint8Array): Promise<void> {
  if (ext === 'docx') {
    const r = docxToText(bytes);
    if (r.ok) read(r.text);
    return;
  }
  const t = TARGETS.find((x) => x.ext === ext);
  if (!t) throw new Error(`no fuzz target for .${ext}`);
  await t.run(bytes);
}
