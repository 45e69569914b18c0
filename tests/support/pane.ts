/**
 * The built task pane for the browser tests: webpack's production build (./build.ts), a
 * plain http server on localhost, and Debian's Chromium through
 * playwright-core with every request off localhost answered here or refused.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launch } from './browser.ts';
import { buildPane } from './build.ts';

export { buildPane, CHROMIUM, launch };

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const DIST = join(ROOT, 'dist');
export const RESULTS = join(ROOT, 'test-results');
/** where taskpane.html asks for office.js */
export const OFFICE_JS_URL = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\//;

/**
 * What office.js itself asks for outside Office (its script loader's hosts and its telemetry
 * frame, when the page lives long enough): refused like everything off localhost, but not the
 * pane's doing.
 */
const OFFICE_JS_OWN = /^https:\/\/([a-z.]+\.microsoft\.com|telemetryservice\.firstpartyapps\.oaspapps\.com)\//;

/** the refused requests the pane itself made */
export const paneOffsite = (offsite: string[]) => offsite.filter((u) => !OFFICE_JS_OWN.test(u));

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml' };

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

export const port = (server: Server) => (server.address() as AddressInfo).port;

/**
 * Requests off localhost: office.js is answered with `officeJs` (a file path or a script's
 * text), everything else is refused and noted in `offsite`.
 */
export async function localOnly(context: BrowserContext, officeJs: (path: string) => { path: string } | { body: string } | null, offsite: string[]): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    if (OFFICE_JS_URL.test(url.href)) {
      const got = officeJs(url.pathname.slice('/lib/1/hosted/'.length));
      if (got) return route.fulfill({ ...got, contentType: 'text/javascript' });
    }
    offsite.push(url.href);
    return route.abort();
  });
}

/** office.js served from the local copy in node_modules, in place of Microsoft's CDN */
const OFFICE_JS_DIR = join(ROOT, 'node_modules/@microsoft/office-js/dist');

/**
 * The built pane opened as a web page outside Excel, ready to paste into (the benchmark's
 * paste → preview time). Close it when done.
 */
export async function openPane(): Promise<{ page: Page; close(): Promise<void> }> {
  buildPane();
  const server = await serve(DIST);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'zh-CN' });
  await localOnly(context, (path) => {
    const file = join(OFFICE_JS_DIR, path);
    return file.startsWith(OFFICE_JS_DIR) && existsSync(file) ? { path: file } : null;
  }, []);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port(server)}/taskpane.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return {
    page,
    close: async () => {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** the page's own names, for code run inside it (the tests are compiled without the DOM library) */
interface PasteGlobals {
  document: { getElementById(id: string): { value: string; focus(): void; dispatchEvent(e: unknown): void } };
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: object) => unknown;
  performance: { now(): number };
  requestAnimationFrame(cb: () => void): void;
}

/**
 * Paste into an empty pane and time, inside the page, from the paste event to the second
 * animation frame after it — the preview (unit, findings, three tables) is then painted.
 */
export async function timePaste(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (t) =>
      new Promise<number>((done) => {
        const g = globalThis as unknown as PasteGlobals;
        const area = g.document.getElementById('paste');
        area.value = '';
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
