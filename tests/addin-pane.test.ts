/**
 * The built task pane in a real browser (Debian's Chromium, driven by playwright-core), opened
 * as a web page outside Excel: served over http on localhost, office.js served from
 * node_modules/@microsoft/office-js/dist in place of Microsoft's CDN, no other network. A
 * corpus report is pasted; the pane must show what analyze() finds, locate a finding in the
 * text, and download a workbook whose 校验 sheet, recomputed by LibreOffice, breaks the same
 * rules. A screenshot of the pane is left in test-results/pane.png.
 *
 * Skips with a message when Chromium is missing locally; in CI (CI=true) it must run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../core/analyze.ts';
import { htmlToText } from '../core/extract/html.ts';
import { FORMATS } from '../core/format/tables.ts';
import { VERIFY_SHEET } from '../core/sheet/verify.ts';
import { CORPUS, corpusPresent } from './support/corpus.ts';
import { findSoffice, libreOfficeSkip, recalcValues, type ComputedBook } from './support/libreoffice.ts';
import { verifyRows } from './support/verify-rows.ts';
import { INTERNAL_KEY } from './support/keys.ts';
import { buildPane, CHROMIUM, DIST, launch, localOnly, paneOffsite, port, RESULTS, ROOT, serve } from './support/pane.ts';

const OFFICE_JS = join(ROOT, 'node_modules/@microsoft/office-js/dist');
const REPORT = '000_848866cf5501e336.txt';
const HTML_REPORT = 'pingtan-2019.html';

function skipReason(): string | false {
  if (CHROMIUM && corpusPresent) return false;
  if (process.env.CI === 'true') return false;
  if (!CHROMIUM) return '没有找到 Chromium：跳过任务窗格的浏览器测试。安装：apt-get install chromium';
  return '没有语料（../shared/corpus）：跳过任务窗格的浏览器测试。';
}

/** the browser names the page scripts use: the tests are compiled without the DOM library, which core must not see */
interface El {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  dataset: Record<string, string>;
  focus(): void;
  dispatchEvent(e: unknown): void;
  querySelectorAll(selector: string): Iterable<El>;
}
interface PageGlobals {
  document: { getElementById(id: string): El; querySelectorAll(selector: string): Iterable<El> };
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: object) => unknown;
}

async function pasteInto(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate((d) => {
    const { document, DataTransfer, ClipboardEvent } = globalThis as unknown as PageGlobals;
    const area = document.getElementById('paste');
    area.focus();
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(d)) dt.setData(type, value);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

/** finding ids as the pane lists them, per severity group */
async function shownFindings(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const out: Record<string, string[]> = {};
    for (const g of document.querySelectorAll('#findings .group')) {
      out[g.dataset.severity!] = [...g.querySelectorAll('button.finding')].map((b) => b.dataset.id!);
    }
    return out;
  });
}

const bySeverity = (findings: { id: string; severity: string }[]) => {
  const out: Record<string, string[]> = {};
  for (const f of findings) (out[f.severity] ??= []).push(f.id);
  return out;
};

describe('the task pane in Chromium, outside Excel', { skip: skipReason() }, () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const offsite: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'gouji-pane-'));

  before(async () => {
    if (!CHROMIUM) throw new Error('CI 中必须有 Chromium（apt-get install chromium）');
    buildPane();
    server = await serve(DIST);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
    // office.js from the local copy; nothing else leaves localhost
    await localOnly(
      context,
      (name) => {
        const file = join(OFFICE_JS, name);
        return file.startsWith(OFFICE_JS) && existsSync(file) ? { path: file } : null;
      },
      offsite,
    );
    page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port(server)}/taskpane.html`);
    // Office.onReady resolves with no host over http: the pane says so and goes on as a web page
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(null)));
    rmSync(work, { recursive: true, force: true });
  });

  it('the production manifest points at the production URL, never at localhost', () => {
    const manifest = readFileSync(join(DIST, 'manifest.xml'), 'utf8');
    assert.doesNotMatch(manifest, /localhost/);
    assert.match(manifest, /<SourceLocation DefaultValue="https:\/\/[^"]+\/taskpane\.html"\/>/);
  });

  it('knows it is outside Excel: Excel buttons hidden, download offered', async () => {
    assert.equal(await page.getAttribute('body', 'data-host'), 'browser');
    assert.match((await page.textContent('#mode')) ?? '', /未在 Excel 中打开/);
    for (const id of ['insert', 'recheck', 'consolidate']) assert.equal(await page.isVisible(`#${id}`), false, id);
    assert.equal(await page.isVisible('#download'), true);
    assert.equal(await page.textContent('label[for="paste"]'), '粘贴年报文本');
  });

  it('shows what was read and every finding of analyze(), grouped by severity, as soon as a report is pasted', async () => {
    const text = readFileSync(join(CORPUS, 'reports', REPORT), 'utf8');
    const want = analyze(text, '粘贴的文本');
    assert.ok(want.ok);
    await pasteInto(page, { 'text/plain': text });
    await page.waitForSelector('#findings');
    assert.equal(await page.textContent('#meta-unit'), want.report.unit);
    assert.equal(await page.textContent('#meta-year'), String(want.report.year));
    assert.match((await page.textContent('#meta-format')) ?? '', /2019 年版/);
    // every finding, by severity (a cause's equations stand together, so compare as sets)
    const sorted = (g: Record<string, string[]>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, [...v].sort()]));
    assert.deepEqual(sorted(await shownFindings(page)), sorted(bySeverity(want.findings)));
    // each finding shows its rule id and its Chinese message
    const first = want.findings[0]!;
    const item = page.locator(`button.finding[data-id="${first.id}"]`).first();
    assert.equal(await item.locator('.rule').textContent(), first.rule);
    assert.equal(await item.locator('.message').textContent(), first.message);
    // what the pane says is the report's words: no cell or instance key anywhere in the list
    assert.doesNotMatch((await page.textContent('#findings')) ?? '', INTERNAL_KEY);
    // the answer's errors are there
    const answer = JSON.parse(readFileSync(join(CORPUS, 'expected', REPORT.replace('.txt', '.json')), 'utf8'));
    for (const id of answer.errors) assert.ok((await shownFindings(page)).error?.includes(id), id);
    // the three tables, broken cells marked
    // every cell an error names is marked, and no other
    const errorCells = new Set(want.findings.filter((f) => f.severity === 'error').flatMap((f) => f.cells));
    assert.ok(errorCells.size > 0, 'the report has errors with cells');
    const marked = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('td.cell-error')].map((td) => td.dataset.cell!).sort(),
    );
    assert.deepEqual(marked, [...errorCells].sort());
    assert.equal(await page.locator('table.grid-t3 tr').count(), 1 + FORMATS[want.report.format].t3Rows.length);
  });

  it('a click on a finding selects its line of the pasted text', async () => {
    const pasted = await page.inputValue('#paste');
    const f = (analyze(pasted) as { findings: { id: string; lines: number[] }[] }).findings.find((x) => x.lines.length)!;
    await page.locator(`button.finding[data-id="${f.id}"]`).first().click();
    const selected = await page.evaluate(() => {
      const a = (globalThis as unknown as PageGlobals).document.getElementById('paste');
      return { line: a.value.slice(0, a.selectionStart).split('\n').length, text: a.value.slice(a.selectionStart, a.selectionEnd) };
    });
    assert.equal(selected.line, f.lines[0]);
    // the whole line, and only it
    assert.equal(selected.text, pasted.split('\n')[f.lines[0]! - 1]);
    assert.notEqual(selected.text, '');
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'pane.png'), fullPage: true });
  });

  it('downloads the workbook, and LibreOffice recomputes the same broken rules', { skip: libreOfficeSkip() }, async () => {
    const text = await page.inputValue('#paste');
    const want = analyze(text, '粘贴的文本');
    assert.ok(want.ok);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.match(download.suggestedFilename(), new RegExp(`^${want.report.unit}${want.report.year}年.*\\.xlsx$`));
    const file = join(work, 'pane.xlsx');
    await download.saveAs(file);
    await page.waitForSelector('#status[data-kind="ok"]');
    assert.ok(findSoffice());
    const [computed] = (await recalcValues([file], join(work, 'out'))) as [ComputedBook];
    assert.deepEqual(computed.names, [want.report.unit, VERIFY_SHEET, '原文']);
    const broken = verifyRows(computed.sheet(VERIFY_SHEET)!.cells)
      .filter((r) => r.level === '错误' && r.result === '不符')
      .map((r) => r.rule);
    assert.deepEqual(broken.sort(), want.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort());
  });

  it('a table pasted as HTML is read from its HTML', async () => {
    await page.click('#clear');
    const html = readFileSync(join(CORPUS, 'reports', HTML_REPORT), 'utf8');
    const want = analyze(htmlToText(html), '粘贴的文本');
    assert.ok(want.ok);
    // the plain text a browser would give has lost the table's merged cells: the pane must not use it
    await pasteInto(page, { 'text/html': html, 'text/plain': '（浏览器给出的纯文本）' });
    await page.waitForSelector('#findings');
    assert.equal(await page.textContent('#meta-unit'), want.report.unit);
    assert.match((await page.textContent('.meta-origin')) ?? '', /粘贴的表格/);
    // every finding, by severity (a cause's equations stand together, so compare as sets)
    const sorted = (g: Record<string, string[]>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, [...v].sort()]));
    assert.deepEqual(sorted(await shownFindings(page)), sorted(bySeverity(want.findings)));
  });

  it('went nowhere but localhost (office.js asks for its telemetry frame; it was refused, and nothing else was asked)', () => {
    assert.deepEqual(paneOffsite(offsite), []);
  });
});
