/**
 * The collection round in the task pane inside Excel (the Excel double, in Chromium), against
 * the CLI on the same workbook. The county workbook `gouji consolidate` wrote, with the
 * 整改状态 and 备注 a user set, is opened in the double; then, as a user:
 *
 * - 下载退回通知 with a deadline gives one .zip whose files are named and read exactly as
 *   the ones `gouji notices` writes for that workbook;
 * - inserting the corrected report of a unit the workbook has asks first (取消 leaves all as
 *   it was), and on 替换 leaves the same 问题清单 statuses and notes and the same 变更记录
 *   entries (but the time) as `gouji consolidate --into` with that file;
 * - 问题清单's 整改状态 gets the drop-down of exactly 待整改/已整改/无需整改 (ExcelApi 1.9);
 * - with nothing left 待整改, 下载退回通知 says so and downloads nothing.
 *
 * Expected answers come from the CLI's files and the generator, never from the pane's code.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { analyze, checkReport } from '../core/analyze.ts';
import { docxToText } from '../core/extract/docx.ts';
import { generateReport, type ViolationKind } from '../core/generate/index.ts';
import { readLight } from '../core/xlsx/cells.ts';
import { manyUnits } from './support/county.ts';
import type { Stored } from './support/excel-double.ts';
import { inProcess } from './support/in-process.ts';
import { opened } from './support/opened.ts';
import { buildPane, CHROMIUM, DIST, launch, localOnly, port, RESULTS, serve } from './support/pane.ts';
import { officeShim } from '../scripts/test-bundle.ts';

function skipReason(): string | false {
  if (CHROMIUM || process.env.CI === 'true') return false;
  return '没有找到 Chromium：跳过任务窗格的收报轮次测试。安装：apt-get install chromium';
}

const dir = mkdtempSync(join(tmpdir(), 'gouji-pane-round-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// three units; 0 and 2 with a mistake in 表三, 1 with one in 表四; 0 hands in a corrected version
const UNITS = manyUnits('青岚县', 3, 31);
const MISTAKES: ViolationKind[][] = [['t3-cell'], ['t4-cell'], ['t3-cell']];
const gen = (i: number, violations: ViolationKind[]) => generateReport(8100 + i, { format: 'gov2021', year: 2024, unit: UNITS[i]!, layout: i % 2 ? 'word-tabs' : 'pipe', violations }).text;
const r1 = UNITS.map((_, i) => gen(i, MISTAKES[i]!));
const CORRECTED = 'u0-修改稿.txt';
const corrected = gen(0, []);
const name = (i: number) => UNITS[i]!.name;

const p = {
  wb: join(dir, '全县2024.xlsx'),
  updated: join(dir, '更新.xlsx'),
  notices: join(dir, '通知'),
};

/** the command line: main() in this process (a spawn adds only node's start-up), in the folder as a user's shell */
const gouji = (args: string[]) => inProcess(args, { cwd: dir });

/** a sheet's rows under its header row, by header */
function records(get: (a: string) => string, headRow: number, lastRow: number, width = 16): Record<string, string>[] {
  const col = (c: number) => String.fromCharCode(64 + c);
  const heads = Array.from({ length: width }, (_, c) => get(`${col(c + 1)}${headRow}`));
  const out: Record<string, string>[] = [];
  for (let r = headRow + 1; r <= lastRow; r++) {
    const row: Record<string, string> = {};
    heads.forEach((h, c) => h && (row[h] = get(`${col(c + 1)}${r}`)));
    if (Object.values(row).some(Boolean)) out.push(row);
  }
  return out;
}
const lastRow = (addresses: Iterable<string>) => Math.max(0, ...[...addresses].map((a) => Number(/\d+$/.exec(a)![0])));

/** 问题清单 (key → 整改状态, 备注, 当前) and 变更记录 (without 时间) of a workbook on disk */
function fromDisk(path: string) {
  const wb = readLight(new Uint8Array(readFileSync(path)))!;
  const sheet = (n: string) => {
    const s = wb.sheet(n)!;
    return { get: (a: string) => String(s.cells.get(a)?.value ?? ''), last: lastRow(s.cells.keys()) };
  };
  return shape(sheet('问题清单'), wb.names.includes('变更记录') ? sheet('变更记录') : null);
}

function shape(problems: { get: (a: string) => string; last: number }, changes: { get: (a: string) => string; last: number } | null) {
  const list = Object.fromEntries(records(problems.get, 3, problems.last).map((r) => [r['键']!, { 单位: r['单位'], 整改状态: r['整改状态'], 备注: r['备注'], 当前: r['当前'] }]));
  const log = changes ? records(changes.get, 1, changes.last, 8).map(({ 时间, ...rest }) => (assert.match(时间!, /^\d{4}-\d\d-\d\d \d\d:\d\d$/), rest)) : [];
  return { list, log };
}

interface PageGlobals {
  __excel: {
    names(): string[];
    view(sheet: string): { cells: [string, Stored][] };
    validations(sheet: string): { range: string; rule?: unknown }[];
    type(sheet: string, address: string, input: unknown): void;
    open(book: unknown): void;
  };
  document: { getElementById(id: string): { dataset: Record<string, string>; textContent: string } };
}
type Excel = PageGlobals['__excel'];
const excel = <T>(page: Page, f: (x: Excel, arg: never) => T, arg?: unknown): Promise<T> =>
  page.evaluate(({ src, a }) => new Function('x', 'a', `return (${src})(x, a)`)((globalThis as unknown as PageGlobals).__excel, a), { src: f.toString(), a: arg as never }) as Promise<T>;

/** the status line once it says how the job went (ok or error) */
async function settled(page: Page): Promise<{ kind: string; text: string }> {
  await page.waitForFunction(() => ['ok', 'error'].includes((globalThis as unknown as PageGlobals).document.getElementById('status').dataset.kind!));
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).document.getElementById('status');
    return { kind: s.dataset.kind!, text: s.textContent };
  });
}
const pending = (page: Page) => page.evaluate(() => ((globalThis as unknown as PageGlobals).document.getElementById('status').dataset.kind = 'pending'));

/** the double's sheet as rows, as fromDisk reads a file */
async function fromPane(page: Page) {
  const sheet = async (n: string) => {
    const cells = new Map((await excel(page, (x, s: string) => x.view(s), n)).cells);
    return { get: (a: string) => { const c = cells.get(a); return c && 'value' in c ? String(c.value) : ''; }, last: lastRow(cells.keys()) };
  };
  const names = await excel(page, (x) => x.names());
  return shape(await sheet('问题清单'), names.includes('变更记录') ? await sheet('变更记录') : null);
}

describe('the collection round in the pane inside Excel, against the CLI', { skip: skipReason() }, () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const offsite: string[] = [];

  before(async () => {
    // what the pane checks on a sheet (the cell rules) is all the CLI found in the text
    for (const t of [...r1, corrected]) {
      const a = analyze(t, 'x.txt');
      assert.ok(a.ok);
      assert.deepEqual(a.findings.map((f) => f.id).sort(), checkReport(a.report).map((f) => f.id).sort());
    }
    mkdirSync(join(dir, 'r1'));
    r1.forEach((t, i) => writeFileSync(join(dir, 'r1', `u${i}.txt`), t));
    writeFileSync(join(dir, CORRECTED), corrected);
    assert.equal((await gouji(['consolidate', 'r1', '-o', p.wb])).code, 1);
    // the user, in Excel: unit 1's finding needs no fix; a note on unit 0's
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p.wb);
    let set = 0;
    wb.getWorksheet('问题清单')!.eachRow((row, n) => {
      if (n <= 3) return;
      const unit = String(row.getCell(2).value ?? '');
      if (unit === name(1)) (row.getCell(13).value = '无需整改'), (row.getCell(14).value = '已电话核实，口径不同'), set++;
      if (unit === name(0)) (row.getCell(14).value = '已发通知'), set++;
    });
    assert.ok(set >= 3, `${set}`);
    await wb.xlsx.writeFile(p.wb);
    copyFileSync(p.wb, p.updated);
    const n = await gouji(['notices', p.wb, '-o', p.notices, '--deadline', '2025-03-15']);
    assert.equal(n.code, 0, n.stderr);
    const u = await gouji(['consolidate', '--into', p.updated, CORRECTED]);
    assert.ok(u.code === 0 || u.code === 1, u.stderr);

    buildPane();
    const shim = await officeShim();
    server = await serve(DIST);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 320, height: 1400 }, locale: 'zh-CN', acceptDownloads: true });
    await localOnly(context, () => ({ body: shim }), offsite);
    await context.addInitScript(`globalThis.__GOUJI_EXCEL_API = '1.9';`);
    page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port(server)}/taskpane.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    // the user opens the county workbook in Excel
    await excel(page, (x, book) => x.open(book), opened(p.wb));
  });

  after(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(null)));
  });

  it('下载退回通知: one .zip, its files named and worded as `gouji notices` writes them', async () => {
    assert.equal(await page.isVisible('#notices'), true);
    await page.fill('#deadline', '2025-03-15');
    await pending(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#notices')]);
    const status = await settled(page);
    assert.equal(status.kind, 'ok', status.text);
    assert.equal(download.suggestedFilename(), '青岚县2024年退回修改通知.zip');
    // saved as a user saves it (a browser the run shares has no local path to hand out)
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const zip = unzipSync(new Uint8Array(readFileSync(saved)));
    const cli = readdirSync(p.notices).sort();
    // unit 1's only finding needs no fix: notices for units 0 and 2
    assert.deepEqual(cli, [name(0), name(2)].map((u) => `${u}-退回修改通知.docx`).sort());
    assert.deepEqual(Object.keys(zip).sort(), cli);
    for (const f of cli) {
      const mine = docxToText(zip[f]!);
      const theirs = docxToText(new Uint8Array(readFileSync(join(p.notices, f))));
      assert.ok(mine.ok && theirs.ok);
      assert.equal(mine.text, theirs.text, f);
      assert.match(mine.text, /于2025年3月15日前/);
    }
    assert.match(status.text, new RegExp(`2 个单位的退回修改通知.*${name(0)}`));
  });

  it('插入 a unit the workbook has: asked first; 取消 leaves every sheet as it was', async () => {
    await page.setInputFiles('#file', { name: CORRECTED, mimeType: 'text/plain', buffer: Buffer.from(corrected) });
    await page.waitForSelector('#findings');
    const names = await excel(page, (x) => x.names());
    const before = await fromPane(page);
    await page.click('#insert');
    await page.waitForSelector('#ask:not([hidden])');
    assert.equal(await page.textContent('#ask-text'), `工作簿中已有“${name(0)}”的工作表（来自 r1/u0.txt）。替换为新版本？`);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'pane-replace-question.png') });
    await page.click('#ask-no');
    await page.waitForSelector('#ask', { state: 'hidden' });
    assert.match((await page.textContent('#status'))!, new RegExp(`未插入：“${name(0)}”的工作表“${name(0)}”保持原样`));
    assert.deepEqual(await excel(page, (x) => x.names()), names);
    assert.deepEqual(await fromPane(page), before);
  });

  it('替换: the same 问题清单 statuses and notes and the same 变更记录 entries as `gouji consolidate --into`', async () => {
    const names = await excel(page, (x) => x.names());
    await pending(page);
    await page.click('#insert');
    await page.waitForSelector('#ask:not([hidden])');
    await page.click('#ask-yes');
    const status = await settled(page);
    assert.equal(status.kind, 'ok', status.text);
    assert.match(status.text, new RegExp(`已用新版本替换工作表“${name(0)}”（原来自 r1/u0.txt，现来自 ${CORRECTED}`));
    // the unit's sheet replaced in its place, 变更记录 added after 问题清单; no second sheet
    const now = await excel(page, (x) => x.names());
    assert.deepEqual(now.filter((n) => n !== '变更记录'), names);
    assert.equal(now.indexOf('变更记录'), now.indexOf('问题清单') + 1);

    const cli = fromDisk(p.updated);
    const pane = await fromPane(page);
    assert.deepEqual(pane.list, cli.list);
    assert.deepEqual(pane.log, cli.log);
    await page.screenshot({ path: join(RESULTS, 'pane-replaced.png') });
    // the facts behind them, from the generator and the user's edits
    const of = (i: number) => Object.values(cli.list).filter((r) => r.单位 === name(i));
    assert.ok(of(0).length > 0 && of(0).every((r) => r.整改状态 === '已整改' && r.当前 === '已消失' && r.备注 === '已发通知'));
    assert.ok(of(1).length > 0 && of(1).every((r) => r.整改状态 === '无需整改' && r.备注 === '已电话核实，口径不同' && r.当前 === '存在'));
    assert.ok(of(2).length > 0 && of(2).every((r) => r.整改状态 === '待整改'));
    assert.deepEqual(cli.log.filter((e) => e['变更'] === '替换').map((e) => [e['单位'], e['原来'], e['现在']]), [[name(0), 'r1/u0.txt', CORRECTED]]);
    assert.ok(cli.log.some((e) => e['变更'] === '格子') && cli.log.filter((e) => e['变更'] === '问题消失').length === of(0).length);
  });

  it('问题清单’s 整改状态 is a drop-down of exactly 待整改, 已整改, 无需整改 (ExcelApi 1.8 and later)', async () => {
    const rows = Object.keys((await fromPane(page)).list).length;
    const v = await excel(page, (x) => x.validations('问题清单'));
    assert.deepEqual(v.map((x) => [x.range, x.rule]), [[`M4:M${3 + rows}`, { list: { inCellDropDown: true, source: '待整改,已整改,无需整改' } }]]);
  });

  it('with nothing left 待整改, 下载退回通知 says so and downloads nothing', async () => {
    const list = new Map((await excel(page, (x) => x.view('问题清单'))).cells);
    const open = [...list].filter(([a, c]) => /^M\d+$/.test(a) && 'value' in c && c.value === '待整改').map(([a]) => a);
    assert.ok(open.length > 0);
    for (const a of open) await excel(page, (x, arg: [string, string]) => x.type('问题清单', arg[0], arg[1]), [a, '已整改']);
    const downloads: unknown[] = [];
    page.on('download', (d) => downloads.push(d));
    await pending(page);
    await page.click('#notices');
    const status = await settled(page);
    assert.deepEqual(status, { kind: 'ok', text: '“问题清单”中没有待整改的问题，没有需要退回的单位，未下载通知。' });
    // a download starts before the pane says how it went (round.ts), so it would be here by now
    assert.equal(downloads.length, 0);
  });

  it('went nowhere but localhost', () => assert.deepEqual(offsite, []));
});
