/**
 * Scans made here, the way an office makes them: a report page (a real web page or a generated
 * one) printed to PDF by Chromium (as the browser prints it, table rules and all), each page turned into an image
 * at 150 dpi (pdftoppm), some pages with noise and a slight rotation (ImageMagick), and put
 * back into a PDF that holds only images (img2pdf). Then the count that matters: of all the
 * cells of the report, how many OCR read right, how many it flagged for a person to check,
 * and how many it got wrong without saying so. Shared by the OCR test and `npm run bench`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { analyze } from '../../core/analyze.ts';
import { extract } from '../../core/extract/extract.ts';
import type { OcrEngine } from '../../core/extract/ocr.ts';
import { cellIds } from '../../core/format/cells.ts';
import type { FormatId } from '../../core/format/types.ts';
import { CHROMIUM, launch } from './browser.ts';

export { CHROMIUM };

/** web pages → PDFs as Chromium prints them (A4) */
async function printPages(pages: string[], outDir: string): Promise<string[]> {
  if (!CHROMIUM) throw new Error('没有找到 Chromium（apt-get install chromium）');
  mkdirSync(outDir, { recursive: true });
  const browser = await launch();
  try {
    const out: string[] = [];
    for (const p of pages) {
      const page = await browser.newPage();
      // the page's own markup only: nothing is fetched
      await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
      await page.goto(`file://${p}`);
      const pdf = join(outDir, basename(p).replace(/\.html$/, '.pdf'));
      await page.pdf({ path: pdf, format: 'A4', margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
      await page.close();
      out.push(pdf);
    }
    return out;
  } finally {
    await browser.close();
  }
}

const run = promisify(execFile);

/** a top-level block of a generated page: a table (with the paragraphs in its cells), a paragraph or a heading */
const BLOCK = /<table[\s\S]*?<\/table>|<(p|h\d)\b[^>]*>[\s\S]*?<\/\1>/g;
const SECTION = /^([一二三四五六七八])、/;
const plainText = (block: string) => block.replace(/<[^>]+>/g, '').replace(/&#12288;|&nbsp;|&#160;|\s|\u3000/g, '');

/**
 * A generated web page (core/generate's html layout) with only its title and the named sections'
 * headings and tables: the paper a scan needs when its prose proves nothing (OCR reads a page of
 * prose as long as a page of table). Everything else of the page (head, styles, wrappers) stays.
 * `sections` are the headings' numerals: 二 表二, 三 表三, 四 表四; `newPage`: each starts a printed page.
 */
export function tablesOnly(html: string, sections: string[], opts: { newPage?: boolean } = {}): string {
  let section = '';
  let seen = 0;
  const out = html.replace(BLOCK, (block) => {
    const heading = SECTION.exec(plainText(block));
    if (heading) section = heading[1]!;
    const keep = section === '' ? /text-align:center/.test(block.slice(0, block.indexOf('>'))) : sections.includes(section) && (!!heading || block.startsWith('<table'));
    if (keep && block.startsWith('<table')) seen++;
    if (keep && heading && opts.newPage) return `<div style="break-before:page;page-break-before:always"></div>${block}`;
    return keep ? block : '';
  });
  // the page is the generator's: a section missing here is a change there, not a smaller scan
  if (seen !== sections.length) throw new Error(`tablesOnly: ${seen} tables kept of sections ${sections.join('')}`);
  return out;
}

export interface ScanCase {
  name: string;
  /** a web page to scan */
  html: string;
  format: FormatId;
  /** the true value of every cell */
  truth: Record<string, number | null>;
  /** rotate the page images by this many degrees and add noise */
  rough?: number;
}

/** web pages → image-only PDFs, one per case, in `dir` */
export async function makeScans(cases: ScanCase[], dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const pages = cases.map((c) => {
    const p = join(dir, `${c.name}.html`);
    writeFileSync(p, c.html);
    return p;
  });
  const pdfs = await printPages(pages, join(dir, 'pdf'));
  const out: string[] = [];
  for (const [i, pdf] of pdfs.entries()) {
    const c = cases[i]!;
    const img = join(dir, 'img', c.name);
    mkdirSync(img, { recursive: true });
    await run('pdftoppm', ['-r', '150', '-gray', '-png', pdf, join(img, 'p')]);
    const pngs = readdirSync(img).filter((f) => f.endsWith('.png')).sort().map((f) => join(img, f));
    if (c.rough) {
      for (const png of pngs) {
        await run('convert', [png, '-background', 'white', '-rotate', String(c.rough), '-attenuate', '0.25', '+noise', 'Gaussian', '-colorspace', 'Gray', png]);
      }
    }
    const scan = join(dir, `${c.name}.scan.pdf`);
    await run('img2pdf', [...pngs, '-o', scan]);
    out.push(scan);
  }
  return out;
}

export interface ScanScore {
  name: string;
  pages: number;
  cells: number;
  right: number;
  /** flagged ambiguous, with candidates, for a person to check */
  flagged: number;
  /** left empty because the reader did not find the row (said so in a finding naming the cell) */
  unread: number;
  /** cell id: got ≠ truth, not flagged and not said */
  silentlyWrong: string[];
  seconds: number;
  /** why the scan could not be read at all (every cell then counts as unread, not as wrong) */
  failure?: string;
}

/** read a scan through extract() and analyze() and score every cell against the truth */
export async function scoreScan(path: string, c: ScanCase, ocr: OcrEngine): Promise<ScanScore> {
  const t0 = performance.now();
  const x = await extract(new Uint8Array(readFileSync(path)), basename(path), { ocr });
  const seconds = (performance.now() - t0) / 1000;
  const ids = cellIds(c.format);
  const base = { name: c.name, cells: ids.length, seconds };
  if (!x.ok) return { ...base, pages: 0, right: 0, flagged: 0, unread: ids.length, silentlyWrong: [], failure: x.message };
  const a = analyze(x.text, c.name, x);
  const pages = x.ocr?.pages ?? 0;
  if (!a.ok) return { ...base, pages, right: 0, flagged: 0, unread: ids.length, silentlyWrong: [], failure: a.message };
  let right = 0;
  let flagged = 0;
  let unread = 0;
  const silentlyWrong: string[] = [];
  const named = new Set(a.findings.flatMap((f) => f.cells));
  for (const id of ids) {
    const cell = a.report.cells[id];
    const got = cell?.value ?? null;
    if (id in a.report.ambiguous) flagged++;
    else if (got === c.truth[id]) right++;
    else if (got === null && (cell?.nullReason === 'absent' || cell?.nullReason === 'lost') && named.has(id)) unread++;
    else silentlyWrong.push(`${id}: ${got} ≠ ${c.truth[id]}`);
  }
  return { ...base, pages, right, flagged, unread, silentlyWrong };
}

/** all cases together: shares of cells (percent) and seconds a page */
export function totals(scores: ScanScore[]): { rightPct: number; flaggedPct: number; unreadPct: number; silentlyWrongPct: number; sPerPage: number; pages: number; cells: number } {
  const cells = scores.reduce((s, x) => s + x.cells, 0);
  const pages = scores.reduce((s, x) => s + x.pages, 0);
  const pct = (n: number) => Math.round((n / Math.max(cells, 1)) * 1000) / 10;
  return {
    rightPct: pct(scores.reduce((s, x) => s + x.right, 0)),
    flaggedPct: pct(scores.reduce((s, x) => s + x.flagged, 0)),
    unreadPct: pct(scores.reduce((s, x) => s + x.unread, 0)),
    silentlyWrongPct: pct(scores.reduce((s, x) => s + x.silentlyWrong.length, 0)),
    sPerPage: Math.round((scores.reduce((s, x) => s + x.seconds, 0) / Math.max(pages, 1)) * 10) / 10,
    pages,
    cells,
  };
}
