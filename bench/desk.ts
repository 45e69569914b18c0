/**
 * The offline desk in Chromium: a folder of n generated units picked, read in the page's
 * worker, and the county workbook downloaded — the time a clerk waits from picking the folder
 * to holding the file, and the most JavaScript heap the page and its worker held meanwhile
 * (sampled every 100 ms through the DevTools protocol, the worker's too: bench/heap.ts).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOffline, OFFLINE_HTML } from '../scripts/build-offline.ts';
import { CHROMIUM, launch } from '../tests/support/browser.ts';
import { writeCountyFolder } from '../tests/support/county-folder.ts';
import { HeapSampler } from './heap.ts';

export interface DeskFigures {
  seconds: number;
  readSeconds: number;
  /** page and workers together, at the sample where they were highest */
  peakHeapMb: number;
  /** of which the page's, and the reading worker's */
  peakPageMb: number;
  peakWorkerMb: number;
  fileMb: number;
}

export async function measureDesk(n: number): Promise<DeskFigures | null> {
  if (!CHROMIUM) return null;
  if (!existsSync(OFFLINE_HTML)) buildOffline();
  const work = mkdtempSync(join(tmpdir(), 'gouji-bench-desk-'));
  const browser = await launch(['--enable-precise-memory-info']);
  try {
    const folder = writeCountyFolder(join(work, '松溪县2024'), n, { county: '松溪县' });
    const context = await browser.newContext({ acceptDownloads: true });
    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(pathToFileURL(OFFLINE_HTML).href);
    await page.waitForSelector('body[data-ready="true"]');
    const heap = new HeapSampler(browser, page);
    await heap.start();
    let sampling = false;
    const sample = async () => {
      if (sampling) return;
      sampling = true;
      await heap.sample().catch(() => undefined);
      sampling = false;
    };
    const timer = setInterval(() => void sample(), 100);
    const t0 = performance.now();
    await page.setInputFiles('#folder', folder.dir);
    await page.waitForFunction(() => /读完/.test((globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } } }).document.getElementById('status').textContent ?? ''), null, { timeout: 600_000 });
    const t1 = performance.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.click('#desk-build')]);
    const path = join(work, 'out.xlsx');
    await download.saveAs(path);
    const t2 = performance.now();
    clearInterval(timer);
    await sample();
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    return {
      seconds: (t2 - t0) / 1000,
      readSeconds: (t1 - t0) / 1000,
      peakHeapMb: mb(heap.peak.total),
      peakPageMb: mb(heap.peak.page),
      peakWorkerMb: mb(heap.peak.workers),
      fileMb: statSync(path).size / 1024 / 1024,
    };
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}
