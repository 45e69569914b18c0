/**
 * The county desk outside Excel, as a clerk uses it: the offline copy (dist-offline/gouji.html,
 * one file) opened from disk in Chromium with the network off, a folder of a generated county
 * picked (reports in every layout, a lock file, a note, two unreadable files). The units
 * listed, one unit shown, and the county workbook downloaded — which must equal, cell for cell
 * (values and formulas), the workbook `gouji consolidate` writes for the same folder, validate
 * against the OOXML schemas, and recompute in LibreOffice to the counts the TypeScript check
 * gives. Every request the page makes is recorded: none may leave the machine.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { readUnitFile } from '../core/intake.ts';
import { consolidate, type ConsolidateInput, type Unreadable } from '../core/sheet/consolidate.ts';
import { CATALOGUE_SHEET } from '../core/sheet/catalogue.ts';
import { CSP, OFFLINE_HTML } from '../scripts/build-offline.ts';
import { built, cells, chromiumSkip, ROOT, sameCells, openOffline } from './support/offline-page.ts';
import { writeCountyFolder, type CountyFolder } from './support/county-folder.ts';
import { inProcess } from './support/in-process.ts';
import { libreOfficeSkip, recalcValues, type ComputedBook } from './support/libreoffice.ts';
import { ooxmlSkip, validateOoxml } from './support/ooxml.ts';

const RESULTS = join(ROOT, 'test-results');
/** units in the folder: each of county-folder's eight layouts and each of its planted mistakes once */
const UNITS = 8;
const skip = chromiumSkip();
/** the LibreOffice test's skip, known before: its recalculation starts as soon as the workbook is downloaded */
const recalcSkip = libreOfficeSkip() || ooxmlSkip();

interface DomNode {
  textContent: string | null;
}
interface PageGlobals {
  document: { querySelectorAll(s: string): Iterable<DomNode> };
}

describe('the offline desk: a folder in, the county workbook out, nothing on the network', { skip }, () => {
  let browser: Browser;
  let page: Page;
  let folder: CountyFolder;
  let cliBytes: Uint8Array;
  let deskBytes: Uint8Array;
  /** LibreOffice's recomputed copy of the downloaded workbook, made while the next steps run */
  let recalculated: Promise<ComputedBook[]> | undefined;
  const requests: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'gouji-desk-'));

  before(async () => {
    const html = built();
    folder = writeCountyFolder(join(work, '青岚县2024'), UNITS, { hostile: true });
    // the page loads while the command line (main(), in this process) works on the same folder named the same way
    const opening = openOffline(html, requests);
    try {
      const cli = await inProcess(['consolidate', '青岚县2024', '-o', 'cli.xlsx'], { cwd: work });
      assert.equal(cli.code, 2, cli.stderr); // two files cannot be read: said, and the workbook still written
      cliBytes = readFileSync(join(work, 'cli.xlsx'));
    } finally {
      ({ browser, page } = await opening);
    }
  });

  after(async () => {
    await browser?.close();
  });

  it('carries a policy that forbids the network, and has no remote address in its markup', () => {
    const text = readFileSync(OFFLINE_HTML, 'utf8');
    assert.ok(text.includes(`content="${CSP}"`));
    assert.match(CSP, /connect-src 'none'/);
    assert.doesNotMatch(CSP, /https?:/);
    assert.doesNotMatch(text, /<script[^>]+src=/);
  });

  it('lists every unit, the unreadable files with their reasons, and what it passed over', async () => {
    await page.setInputFiles('#folder', folder.dir);
    await page.waitForFunction(() => /读完/.test((globalThis as unknown as { document: { getElementById(id: string): DomNode } }).document.getElementById('status').textContent ?? ''), null, {
      timeout: 120_000,
    });
    const status = (await page.textContent('#status')) ?? '';
    assert.match(status, new RegExp(`读完 ${UNITS + 2} 个文件。已跳过1 个 Office 临时文件.*、1 个隐藏文件或说明文件。`));
    const units = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('#desk-units tr.unit td:first-child')].map((n) => n.textContent),
    );
    assert.deepEqual([...units].sort(), folder.units.map((u) => u.unit).sort());
    const bad = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('#desk-units tr.unreadable td.src')].map((n) => n.textContent),
    );
    assert.deepEqual([...bad].sort(), folder.unreadable.map((f) => `青岚县2024/${f}`).sort());
    assert.match((await page.textContent('#desk-units .desk-count')) ?? '', new RegExp(`^已读 ${UNITS} 个单位：有错误 \\d+ 个，有警告 \\d+ 个；无法读取 2 个文件。$`));
  });

  it('shows a clicked unit with the findings the core gives for its file', async () => {
    const u = folder.units[1]!;
    const got = await readUnitFile(readFileSync(join(folder.dir, u.file)), u.file);
    const want = (got.inputs[0]!.findings ?? []).map((f) => f.id);
    assert.ok(want.length > 0, '这个单位应有问题，才能比较');
    await page.click(`#desk-units tr.unit:has(td:text-is("${u.unit}"))`);
    await page.waitForSelector('#findings');
    const shown = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('#findings button.finding')].map((b) => (b as unknown as { dataset: { id: string } }).dataset.id),
    );
    assert.deepEqual([...shown].sort(), [...want].sort());
    assert.match((await page.textContent('#preview')) ?? '', new RegExp(u.unit));
  });

  it('downloads the same workbook as `gouji consolidate`, cell for cell', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('#desk-build')]);
    assert.match(download.suggestedFilename(), /^青岚县2024年政府信息公开年报汇总\.xlsx$/);
    const path = join(work, 'desk.xlsx');
    await download.saveAs(path);
    deskBytes = readFileSync(path);
    if (!recalcSkip) {
      recalculated = recalcValues([path], join(work, 'recalc'));
      recalculated.catch(() => undefined); // awaited by the LibreOffice test, whose failure it then is
    }
    // the work is done: the progress row and its cancel button are gone
    await page.waitForSelector('#desk-progress', { state: 'hidden' });
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'desk.png'), fullPage: true });
    const compared = sameCells(await cells(cliBytes), await cells(deskBytes), (x, y, what) => assert.deepEqual(x, y, what));
    assert.ok(compared > 5000, `只比较了 ${compared} 个格子`);
  });

  it('is a valid workbook that LibreOffice recomputes to the counts of the TypeScript check', { skip: recalcSkip }, async () => {
    // LibreOffice has been recomputing since the download, while the cells were compared, and still is while the schemas are checked (in a JVM) and the folder is read here
    assert.ok(recalculated, 'the workbook was downloaded');
    assert.deepEqual((await validateOoxml(deskBytes)).problems, []);
    const inputs: ConsolidateInput[] = [];
    const unreadable: Unreadable[] = [];
    for (const name of readdirSync(folder.dir).sort()) {
      if (folder.skipped.includes(name)) continue;
      const got = await readUnitFile(readFileSync(join(folder.dir, name)), `青岚县2024/${name}`);
      inputs.push(...got.inputs);
      unreadable.push(...got.unreadable);
    }
    const c = consolidate(inputs, { unreadable });
    assert.ok(c.ok);
    const [done] = await recalculated!;
    // 目录 as LibreOffice computed it
    const ws = done!.sheet(CATALOGUE_SHEET)!.cells;
    const byRow = new Map<number, Map<string, number | string | null>>();
    for (const [address, cell] of ws) {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(address)!;
      if (!byRow.has(Number(row))) byRow.set(Number(row), new Map());
      byRow.get(Number(row))!.set(col!, cell.value);
    }
    // the columns by their headers, wherever 目录 puts them
    let head = 0;
    const col: Record<string, string> = {};
    for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
      for (const [c, v] of byRow.get(r)!) if (v === '单位' || v === '错误' || v === '警告') col[String(v)] = c;
      if (col['单位'] && col['错误'] && col['警告']) {
        head = r;
        break;
      }
    }
    assert.ok(head > 0, '目录中没有“单位”“错误”“警告”列');
    const shown = new Map<string, [unknown, unknown]>();
    for (const [r, row] of byRow) {
      if (r <= head) continue;
      const unit = row.get(col['单位']!);
      if (typeof unit === 'string' && unit) shown.set(unit, [row.get(col['错误']!) ?? null, row.get(col['警告']!) ?? null]);
    }
    assert.equal(c.units.length, UNITS);
    for (const u of c.units) assert.deepEqual(shown.get(u.unit), [u.counts.errors, u.counts.warnings], u.unit);
  });

  it('made no request that could leave the machine', () => {
    assert.ok(requests.length >= 1, '至少应记录到页面本身');
    const away = requests.filter((u) => !/^(file|blob|data):/.test(u));
    assert.deepEqual(away, []);
  });
});
