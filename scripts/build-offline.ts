/**
 * The offline copy: one .html file with everything in it — the page, its stylesheet, its
 * icon, the reading worker and the OCR program (not its models: the clerk picks those) — that works opened from disk, a USB stick or an intranet share,
 * with no server and no network. Its Content-Security-Policy forbids every network access
 * (connect-src 'none', no remote script), so nothing can leave the machine even by mistake.
 *
 *   npm run build:offline   (part of npm run build) → dist-offline/gouji.html
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = join(ROOT, 'dist/offline-parts');
export const OFFLINE_DIR = join(ROOT, 'dist-offline');
export const OFFLINE_HTML = join(OFFLINE_DIR, 'gouji.html');

/**
 * What the page may do. Scripts and styles are inline (the file has no others); the worker
 * starts from a blob: URL made of its inline code; images are data: URLs; downloads are blob:
 * links. No fetch, no XHR, no WebSocket, no remote anything.
 */
export const CSP = [
  "default-src 'none'",
  // WebAssembly (the OCR core) may be compiled; nothing else is evaluated
  "script-src 'unsafe-inline' 'wasm-unsafe-eval'",
  'worker-src blob:',
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** inline script text must not close its own element */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/**
 * tesseract.js 7, given a model as bytes ({ code, data }), names the language to initialise by
 * its data instead of its code: the message is put right before its worker script sees it.
 */
const TESSERACT_FIX = `(() => {
  const add = self.addEventListener.bind(self);
  self.addEventListener = (type, fn, o) => add(type, type !== 'message' ? fn : (e) => {
    const d = e.data;
    if (d && d.action === 'initialize' && d.payload && Array.isArray(d.payload.langs)) d.payload.langs = d.payload.langs.map((l) => (typeof l === 'string' ? l : l.code));
    fn(e);
  }, o);
})();`;

/**
 * OCR for the offline copy, one script for the nested worker tesseract.js starts: its core
 * (WebAssembly inside; the build without SIMD, which every browser of the last years runs),
 * the fix above, its worker script. The models are not in it: the clerk picks them.
 */
export function ocrScript(): string {
  const core = readFileSync(join(ROOT, 'node_modules/tesseract.js-core/tesseract-core-lstm.wasm.js'), 'utf8');
  const worker = readFileSync(join(ROOT, 'node_modules/tesseract.js/dist/worker.min.js'), 'utf8');
  return `${core}\n;${TESSERACT_FIX}\n;${worker}`;
}

export function assemble(template: string, css: string, icon: Uint8Array, pageJs: string, workerJs: string, ocrJs = ''): string {
  let html = template;
  // office.js is for Excel; offline there is no Excel, and the policy would refuse it anyway
  html = html.replace(/\s*<!--[^>]*Office\.js[^>]*-->\s*<script src="https:\/\/[^"]+office\.js"><\/script>/, '');
  if (/https?:\/\//.test(html.replace(/<!--[\s\S]*?-->/g, ''))) throw new Error('离线页面中仍有网络地址');
  html = html.replace(
    '<meta charset="UTF-8" />',
    `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
  );
  // replacements by function: a string replacement would read the `$$` and `$'` in the code as patterns
  html = html.replace('<link href="taskpane.css" rel="stylesheet" />', () => `<style>\n${css}\n</style>`);
  html = html.replace('src="assets/icon-32.png"', `src="data:image/png;base64,${Buffer.from(icon).toString('base64')}"`);
  html = html.replace('<title>政府信息公开年报勾稽校验</title>', '<title>政府信息公开年报勾稽校验（离线版）</title>');
  const scripts =
    `    <script type="text/plain" id="gouji-worker">${scriptSafe(workerJs)}</script>\n` +
    (ocrJs ? `    <script type="text/plain" id="gouji-ocr">${scriptSafe(ocrJs)}</script>\n` : '') +
    `    <script>${scriptSafe(pageJs)}</script>\n`;
  return html.replace('</body>', () => `${scripts}  </body>`);
}

export function buildOffline(): string {
  rmSync(PARTS, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--env', 'offline'], { cwd: ROOT, stdio: 'pipe', timeout: 600_000 });
  const html = assemble(
    readFileSync(join(ROOT, 'addin/taskpane.html'), 'utf8'),
    readFileSync(join(ROOT, 'addin/taskpane.css'), 'utf8'),
    readFileSync(join(ROOT, 'assets/icon-32.png')),
    readFileSync(join(PARTS, 'page.js'), 'utf8'),
    readFileSync(join(PARTS, 'worker.js'), 'utf8'),
    ocrScript(),
  );
  mkdirSync(OFFLINE_DIR, { recursive: true });
  // whole or not at all: a half-written page on a USB stick would only confuse
  const tmp = `${OFFLINE_HTML}.${process.pid}.tmp`;
  writeFileSync(tmp, html);
  renameSync(tmp, OFFLINE_HTML);
  rmSync(PARTS, { recursive: true, force: true });
  return OFFLINE_HTML;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = buildOffline();
  console.log(`已生成离线版：${out}（${(readFileSync(out).length / 1024 / 1024).toFixed(1)} MB）`);
}
