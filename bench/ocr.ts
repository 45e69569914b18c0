/**
 * OCR of scanned reports: the real corpus web page (when ../shared/corpus is there) and a
 * generated report, printed by Chromium, rasterised at 150 dpi and put back as image-only
 * PDFs — the generated one also with noise and a 0.6° rotation — read through the CLI's
 * engine. Shares of all cells: right, flagged for a person, unread (row not found, said so),
 * silently wrong; and seconds a page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeOcr } from '../cli/ocr-engine.ts';
import { generateReport } from '../core/generate/index.ts';
import { answers, CORPUS, corpusPresent } from '../tests/support/corpus.ts';
import { makeScans, scoreScan, totals, type ScanCase, type ScanScore } from '../tests/support/scans.ts';

export async function measureOcr(): Promise<{ t: ReturnType<typeof totals>; scores: ScanScore[] }> {
  const g = generateReport(15002, { layout: 'html', format: 'gov2021', violations: [] });
  // Chromium hides the page's display:none breadcrumb by itself; dropped for the same page everywhere
  const html = g.text.replace(/<div[^>]*display:none[^>]*>.*?<\/div>/gs, '');
  const cases: ScanCase[] = [
    { name: '生成的年报', html, format: g.truth.format, truth: g.truth.values },
    { name: '生成的年报（噪点、旋转 0.6°）', html, format: g.truth.format, truth: g.truth.values, rough: 0.6 },
  ];
  if (corpusPresent) {
    const a = answers().find((x) => x.source === 'pingtan-2019.html')!;
    cases.push({ name: '真实网页 pingtan-2019', html: readFileSync(join(CORPUS, 'reports', a.source), 'utf8'), format: a.format, truth: a.cells });
  }
  const dir = mkdtempSync(join(tmpdir(), 'gouji-bench-ocr-'));
  const ocr = nodeOcr();
  try {
    const scans = await makeScans(cases, dir);
    const scores: ScanScore[] = [];
    for (const [i, s] of scans.entries()) scores.push(await scoreScan(s, cases[i]!, ocr));
    return { t: totals(scores), scores };
  } finally {
    await ocr.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
