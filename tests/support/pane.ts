/**
 * The built task pane in Debian's Chromium (playwright-core), opened as a web page outside
 * Excel: served over http on localhost, office.js from node_modules/@microsoft/office-js/dist
 * in place of Microsoft's CDN, nothing else leaves localhost. Shared by the pane's browser
 * test and the benchmark's paste → preview time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const DIST = join(ROOT, 'dist');
const OFFICE_JS = join(ROOT, 'node_modules/@microsoft/office-js/dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** the newest modification time under a path */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** build the pane with `npm run build`'s webpack, unless dist/ is newer than everything it is made from */
export function build(): void {
  const sources = ['addin', 'core', 'assets', 'manifest.xml', 'webpack.config.js', 'package.json'].map((p) => newest(join(ROOT, p)));
  const html = join(DIST, 'taskpane.html');
  if (existsSync(html) && statSync(html).mtimeMs > Math.max(...sources)) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml' };

export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export interface OpenPane {
  server: Server;
  browser: Browser;
  page: Page;
  /** addresses the page asked for outside localhost (all refused) */
  offsite: string[];
  close(): Promise<void>;
}

/** build, serve and open the pane; resolves when the pane says it is ready */
export async function openPane(): Promise<OpenPane> {
  if (!CHROMIUM) throw new Error('没有找到 Chromium（apt-get install chromium）');
  build();
  const server = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--lang=zh-CN'],
  });
  const offsite: string[] = [];
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    if (url.hostname === 'appsforoffice.microsoft.com' && url.pathname.startsWith('/lib/1/hosted/')) {
      const file = join(OFFICE_JS, url.pathname.slice('/lib/1/hosted/'.length));
      if (file.startsWith(OFFICE_JS) && existsSync(file)) return route.fulfill({ path: file, contentType: 'text/javascript' });
    }
    offsite.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  const port = (server.address() as AddressInfo).port;
  await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
  // Office.onReady resolves with no host over http: the pane says so and goes on as a web page
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const close = async () => {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  };
  return { server, browser, page, offsite, close };
}

/** the browser names the page scripts use: the tests are compiled without the DOM library, which core must not see */
export interface El {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  dataset: Record<string, string>;
  focus(): void;
  dispatchEvent(e: unknown): void;
  querySelectorAll(selector: string): Iterable<El>;
}
export interface PageGlobals {
  document: { getElementById(id: string): El; querySelectorAll(selector: string): Iterable<El> };
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: object) => unknown;
  performance: { now(): number };
  requestAnimationFrame(cb: () => void): void;
}

export async function pasteInto(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate((d) => {
    const { document, DataTransfer, ClipboardEvent } = globalThis as unknown as PageGlobals;
    const area = document.getElementById('paste');
    area.focus();
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(d)) dt.setData(type, value);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

/**
 * Paste into an empty pane and time, inside the page, from the paste event to the second
 * animation frame after it — the preview (unit, findings, three tables) is then painted.
 */
export async function timePaste(page: Page, text: string): Promise<number> {
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    document.getElementById('paste').value = '';
  });
  return page.evaluate(
    (t) =>
      new Promise<number>((done) => {
        const g = globalThis as unknown as PageGlobals;
        const area = g.document.getElementById('paste');
        area.focus();
        const dt = new g.DataTransfer();
        dt.setData('text/plain', t);
        const t0 = g.performance.now();
        area.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => done(g.performance.now() - t0)));
      }),
    text,
  );
}
