/**
 * The pane's file picker in real Chromium: a .doc saved by LibreOffice Writer and a damaged
 * one, chosen with the file input, read in the web worker through core's extract() — the
 * report shown as from a paste, the damaged file's reason in Chinese — and nothing fetched
 * from off localhost. (Scans in the pane: too slow for a test on shared cores; the CLI's OCR
 * is tested in ocr.test.ts.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateReport } from '../core/generate/index.ts';
import { convertDocuments, libreOfficeSkip } from './support/libreoffice.ts';
import { buildPane, CHROMIUM, DIST, launch, localOnly, paneOffsite, port, serve } from './support/pane.ts';

const OFFICE_JS = join(DIST, '..', 'node_modules/@microsoft/office-js/dist');
const skip = !CHROMIUM ? '没有找到 Chromium：跳过任务窗格的浏览器测试。' : libreOfficeSkip();

describe('pane: choose a file', { skip: process.env.CI === 'true' ? false : skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-pane-files-'));
  let server: Server;
  let browser: Browser;
  let doc: string | undefined;
  const g = generateReport(15004, { layout: 'html', format: 'gov2021', violations: ['t3-cell'] });
  before(async () => {
    buildPane();
    const page = join(dir, '单位.html');
    writeFileSync(page, g.text.replace(/<div[^>]*display:none[^>]*>.*?<\/div>/gs, ''));
    // Chromium starts while LibreOffice writes the .doc
    const launching = launch();
    try {
      [doc] = await convertDocuments([page], 'doc', dir, true);
      server = await serve(DIST);
    } finally {
      browser = await launching;
    }
  });
  after(async () => {
    await browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a .doc is read in the worker and shown with its findings; a damaged one is refused in words', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const offsite: string[] = [];
    await localOnly(context, (p) => ({ path: join(OFFICE_JS, p) }), offsite);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port(server)}/taskpane.html`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getAttribute('#file', 'accept'), '.txt,.text,.md,.markdown,.html,.htm,.docx,.doc,.wps,.pdf');

    await page.setInputFiles('#file', doc!);
    await page.waitForFunction(`/已读取/.test(document.querySelector('#status')?.textContent ?? '')`);
    const preview = (await page.textContent('#preview')) ?? '';
    assert.ok(preview.includes(g.truth.unit!), preview.slice(0, 200));
    assert.match(preview, /Word 97-2003\/WPS/);
    for (const id of g.expected.errors) assert.ok(preview.includes(id.split('@')[0]!), `${id} shown`);
    assert.ok(((await page.inputValue('#paste')) ?? '').includes(g.truth.unit!), 'the text is in the box');

    const cut = join(dir, '截断.doc');
    writeFileSync(cut, readFileSync(doc!).subarray(0, 20_000));
    await page.setInputFiles('#file', cut);
    // the status first says 正在读取“截断.doc”……, then the outcome
    await page.waitForFunction(`((t) => /截断\\.doc/.test(t) && !/正在读取/.test(t))(document.querySelector('#status')?.textContent ?? '')`);
    assert.match((await page.textContent('#status')) ?? '', /截断\.doc.*损坏或不完整/);
    assert.deepEqual(paneOffsite(offsite), []);
    await context.close();
  });
});
