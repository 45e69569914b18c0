/**
 * The offline copy for the browser tests: rebuilt when anything it is made from is newer, opened
 * from disk in Chromium with the network off; and a workbook's cells to compare two workbooks.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launch } from './browser.ts';
import { readLight } from '../../core/xlsx/cells.ts';
import { builtOffline } from './build.ts';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const chromiumSkip = (): string | false =>
  CHROMIUM ? false : process.env.CI === 'true' ? false : '没有找到 Chromium：跳过离线版的浏览器测试。安装：apt-get install chromium';

/** the offline copy, rebuilt when anything it is made from is newer (one build at a time: ./build.ts) */
export const built = builtOffline;

/**
 * The offline copy opened from disk in Chromium with the network off, downloads accepted; every
 * request the page makes is pushed to `requests`, and an error on the page fails the test.
 */
export async function openOffline(html: string, requests: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await launch();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
  await context.setOffline(true);
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => assert.fail(`页面出错：${e.message}`));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('body[data-ready="true"]');
  return { browser, page };
}

/**
 * every sheet's cells — the formula where there is one, else the value — and its merged ranges
 * (`merge A1:D1`), as the project's light reader reads them (exceljs took four times as long,
 * and repeats a merged range's value in each of its cells)
 */
export async function cells(bytes: Uint8Array): Promise<Map<string, Map<string, string>>> {
  const wb = readLight(bytes);
  assert.ok(wb, '不是 xlsx 文件');
  const xml = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  const out = new Map<string, Map<string, string>>();
  for (const name of wb.names) {
    const m = new Map<string, string>();
    for (const [address, c] of wb.sheet(name)!.cells) m.set(address, c.formula ? `=${c.formula}` : JSON.stringify(c.value));
    out.set(name, m);
  }
  // merges by part (both workbooks' writers number their sheets in order)
  for (const [part, data] of Object.entries(xml).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const refs = [...strFromU8(data).matchAll(/<mergeCell ref="([^"]+)"/g)].map((x) => x[1]);
    out.set(`${part} 的合并单元格`, new Map(refs.map((r) => [`merge ${r}`, ''])));
  }
  return out;
}

/** two workbooks equal cell for cell (formulas and values); how many cells were compared */
export function sameCells(a: Map<string, Map<string, string>>, b: Map<string, Map<string, string>>, equal: (x: unknown, y: unknown, what: string) => void): number {
  equal([...b.keys()], [...a.keys()], '工作表');
  let compared = 0;
  for (const [sheet, m] of a) {
    const n = b.get(sheet)!;
    equal(n.size, m.size, `工作表“${sheet}”的格子数不同`);
    for (const [address, v] of m) {
      equal(n.get(address), v, `工作表“${sheet}”${address}`);
      compared++;
    }
  }
  return compared;
}
