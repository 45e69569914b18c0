/**
 * The built task pane inside a simulated Excel, in a real browser (Debian's Chromium through
 * playwright-core). The page's request for office.js is answered with Office and Excel
 * globals backed by the Excel double (tests/support/office-shim.ts, bundled here by esbuild):
 * host Excel at ExcelApi 1.7 (Excel 2019) and at 1.9. The test drives the pane as a user:
 * paste → 插入为新工作表 → click a finding → exactly its cells are selected → a number is
 * changed in the workbook → 重新校验当前工作表 lists exactly the new findings → a second
 * report → 生成汇总 writes the five sheets. Each sheet the pane leaves is compared with the
 * one the same job leaves when run in Node on a double in the same state.
 *
 * Skips with a message when Chromium is missing locally; in CI (CI=true) it must run.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Capabilities } from '../addin/office/api.ts';
import { consolidateWorkbook } from '../addin/office/consolidate.ts';
import { insertSheet, type Book } from '../addin/office/writer.ts';
import { freeSheetName } from '../addin/sheet-name.ts';
import { findingAddresses } from '../addin/ui/locate.ts';
import { analyze, checkReport } from '../core/analyze.ts';
import type { Finding } from '../core/findings.ts';
import { generateReport } from '../core/generate/index.ts';
import { Report } from '../core/report.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { FONT, reportSheet, sheetNames, STYLES } from '../core/sheet/workbook.ts';
import { manyUnits } from './support/county.ts';
import { ExcelDouble } from './support/excel-double.ts';
import { sheetView, type SheetView } from './support/excel-view.ts';
import { buildPane, CHROMIUM, DIST, launch, localOnly, port, RESULTS, serve } from './support/pane.ts';
import { officeShim } from '../scripts/test-bundle.ts';

const BOOK: Book = { styles: STYLES, font: FONT };
/** 生成汇总 writes the index sheets and, after 明细, the collection round's 问题清单 */
const INDEX = ['目录', '汇总', '校验总览', '校验', '明细', '问题清单'];
const CHANGED = 't3.new_received.total';

function skipReason(): string | false {
  if (CHROMIUM || process.env.CI === 'true') return false;
  return '没有找到 Chromium：跳过 Excel 中任务窗格的浏览器测试。安装：apt-get install chromium';
}

/** two units of one county and year: the first with a mistake in 表三, the second clean */
const [unitA, unitB] = manyUnits('青岚县', 2, 5);
const textA = generateReport(4242, { format: 'gov2021', year: 2023, unit: unitA!, layout: 'word-tabs', violations: ['t3-cell', 'blank'] }).text;
const textB = generateReport(4243, { format: 'gov2021', year: 2023, unit: unitB!, layout: 'word-tabs', violations: [] }).text;

/** the browser names the page scripts use (the tests are compiled without the DOM library) */
interface El {
  dataset: Record<string, string>;
  focus(): void;
  dispatchEvent(e: unknown): void;
  querySelectorAll(selector: string): Iterable<El>;
}
interface ExcelHandle {
  level: number;
  names(): string[];
  active(): string | null;
  selection(): { sheet: string; address: string } | null;
  view(sheet: string): SheetView;
  validations(sheet: string): unknown[];
  type(sheet: string, address: string, input: unknown): void;
}
interface PageGlobals {
  document: { getElementById(id: string): El; querySelectorAll(selector: string): Iterable<El> };
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: object) => unknown;
  getComputedStyle(e: El): { backgroundColor: string };
  __excel: ExcelHandle;
}

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const { document, DataTransfer, ClipboardEvent } = globalThis as unknown as PageGlobals;
    const area = document.getElementById('paste');
    area.focus();
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

async function shownFindings(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const out: Record<string, string[]> = {};
    for (const g of document.querySelectorAll('#findings .group')) out[g.dataset.severity!] = [...g.querySelectorAll('button.finding')].map((b) => b.dataset.id!);
    return out;
  });
}

const bySeverity = (findings: { id: string; severity: string }[]) => {
  const out: Record<string, string[]> = {};
  for (const f of findings) (out[f.severity] ??= []).push(f.id);
  return out;
};
/** the same findings in each severity, whatever their order (the pane groups them by cause) */
const sorted = (g: Record<string, string[]>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, [...v].sort()]));

const excel = <T>(page: Page, f: (x: ExcelHandle, arg: never) => T, arg?: unknown): Promise<T> =>
  page.evaluate(({ src, a }) => new Function('x', 'a', `return (${src})(x, a)`)((globalThis as unknown as PageGlobals).__excel, a), { src: f.toString(), a: arg as never }) as Promise<T>;

/**
 * A sheet of the page's double, sent over as JSON text: Playwright's own transfer of a view of a
 * few hundred KB takes a second. What JSON cannot carry (undefined, NaN, ±Infinity, -0) is sent
 * as a mark, so that it fails the comparison with the Node view as it failed before.
 */
const viewOf = async (page: Page, sheet: string): Promise<unknown> =>
  JSON.parse(
    await excel(page, (x, n: string) => JSON.stringify(x.view(n), (_k, v: unknown) => (v === undefined || (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) ? `不是 JSON：${String(v)}` : v)), sheet),
  ) as unknown;

/** click a button and wait until the pane has said how it went */
async function press(page: Page, id: string): Promise<{ kind: string; text: string }> {
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).document.getElementById('status').dataset.kind = 'pending'));
  await page.click(`#${id}`);
  await page.waitForFunction(() => {
    const k = (globalThis as unknown as PageGlobals).document.getElementById('status').dataset.kind;
    return k === 'ok' || k === 'error';
  });
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).document.getElementById('status') as unknown as { dataset: { kind: string }; textContent: string };
    return { kind: s.dataset.kind, text: s.textContent };
  });
}

/** the one rectangle around a set of addresses (what Range.select can show without RangeAreas) */
function boundingBox(addresses: string[]): string {
  const ps = addresses.flatMap((a) => a.split(':')).map((a) => {
    const m = /^([A-Z])(\d+)$/.exec(a)!;
    return { c: m[1]!, r: Number(m[2]) };
  });
  const cs = ps.map((p) => p.c).sort();
  const rs = ps.map((p) => p.r).sort((x, y) => x - y);
  return `${cs[0]}${rs[0]}:${cs[cs.length - 1]}${rs[rs.length - 1]}`;
}

let shim = '';
const LEVELS: { name: string; api: string; caps: Capabilities }[] = [
  { name: 'ExcelApi 1.7 (Excel 2019)', api: '1.7', caps: { api18: false, api19: false } },
  { name: 'ExcelApi 1.9', api: '1.9', caps: { api18: true, api19: true } },
];

describe('the task pane inside Excel (the Excel double), in Chromium', { skip: skipReason() }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    buildPane();
    shim = await officeShim();
    server = await serve(DIST);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(null)));
  });

  for (const { name, api, caps } of LEVELS) {
    describe(name, () => {
      let context: BrowserContext;
      let page: Page;
      const offsite: string[] = [];
      /** the same workbook, the same jobs, run in Node */
      const node = new ExcelDouble(['Sheet1']);
      const a = analyze(textA, '粘贴的文本');
      assert.ok(a.ok);
      let sheetA = '';

      before(async () => {
        context = await browser.newContext({ viewport: { width: 320, height: 1400 }, locale: 'zh-CN' });
        await localOnly(context, () => ({ body: shim }), offsite);
        await context.addInitScript(`globalThis.__GOUJI_EXCEL_API = '${api}';`);
        page = await context.newPage();
        await page.goto(`http://127.0.0.1:${port(server)}/taskpane.html`);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      });
      after(() => context?.close());

      it('knows it is in Excel: the Excel buttons shown, no download', async () => {
        assert.equal(await excel(page, (x) => x.level), Number(api));
        assert.equal(await page.getAttribute('body', 'data-host'), 'excel');
        for (const id of ['insert', 'recheck', 'consolidate', 'notices', 'deadline']) assert.equal(await page.isVisible(`#${id}`), true, id);
        assert.equal(await page.isVisible('#download'), false);
      });

      it('paste → the findings of the report, its broken cells red, a blank one yellow, a correct one white', async () => {
        await paste(page, textA);
        await page.waitForSelector('#findings');
        assert.deepEqual(await shownFindings(page), bySeverity(a.findings));
        const errorCells = new Set(a.findings.filter((f) => f.severity === 'error').flatMap((f) => f.cells));
        const anyCells = new Set(a.findings.flatMap((f) => f.cells));
        const broken = [...errorCells][0]!;
        const blank = Object.keys(a.report.cells).find((id) => a.report.cells[id]!.value === null && !errorCells.has(id))!;
        assert.ok(blank, 'the planted blank cell');
        const warned = a.findings.some((f) => f.severity === 'warning' && f.cells.includes(blank));
        const fine = Object.keys(a.report.cells).find((id) => a.report.cells[id]!.value !== null && !anyCells.has(id) && /^t3\./.test(id))!;
        const bg = (id: string) =>
          page.evaluate((cell) => {
            const g = globalThis as unknown as PageGlobals;
            const td = [...g.document.querySelectorAll(`td[data-cell="${cell}"]`)][0]!;
            return g.getComputedStyle(td).backgroundColor;
          }, id);
        assert.equal(await bg(broken), 'rgb(253, 216, 219)', broken);
        // a blank cell is yellow; a warning about it deepens the yellow to orange-yellow
        assert.equal(await bg(blank), warned ? 'rgb(253, 231, 200)' : 'rgb(255, 244, 206)', blank);
        assert.match(await bg(fine), /^rgba\(0, 0, 0, 0\)$|^rgb\(255, 255, 255\)$/, fine);
      });

      it('插入为新工作表 → the standard sheet, as the writer leaves it when run in Node', async () => {
        const status = await press(page, 'insert');
        assert.equal(status.kind, 'ok', status.text);
        const [wanted] = sheetNames([a.report]);
        sheetA = (await insertSheet(node, (taken) => reportSheet(a.report, freeSheetName(wanted!, taken)), BOOK, caps)).sheet;
        assert.equal(sheetA, unitA!.name);
        assert.deepEqual(await excel(page, (x) => x.names()), ['Sheet1', sheetA]);
        assert.deepEqual(await viewOf(page, sheetA), JSON.parse(JSON.stringify(sheetView(node.sheet(sheetA)))));
        assert.match(status.text, new RegExp(`已插入为新工作表“${sheetA}”`));
      });

      it('a click on a finding selects exactly its cells (1.7: the rectangle around them)', async () => {
        const f = a.findings.find((x) => x.severity === 'error' && findingAddresses(x, a.report.format).length > 1) as Finding;
        assert.ok(f, 'an error with several cells');
        const layout = standardLayout(a.report.format);
        const want = [...new Set([...f.cells.map((id) => layout.addresses[id]!), ...(layout.checkSlots.has(f.id) ? [layout.checkSlots.get(f.id)!] : [])])];
        await page.locator(`button.finding[data-id="${f.id}"]`).first().click();
        await page.waitForSelector('#status:has-text("已在工作表")');
        const sel = await excel(page, (x) => x.selection());
        assert.deepEqual(sel, { sheet: sheetA, address: caps.api19 ? want.join(',') : boundingBox(want) });
      });

      it('a number changed in the workbook → 重新校验当前工作表 lists exactly the new findings', async () => {
        const address = standardLayout(a.report.format).addresses[CHANGED]!;
        const old = a.report.cells[CHANGED]!.value!;
        await excel(page, (x, arg: [string, string, string]) => x.type(...arg), [sheetA, address, String(old + 7)]);
        node.type(sheetA, address, String(old + 7));
        const status = await press(page, 'recheck');
        // the oracle: the report the sheet was written from, with the same change
        const edited = Report.parse({ ...a.report, cells: { ...a.report.cells, [CHANGED]: { value: old + 7 } } });
        const want = checkReport(edited);
        assert.deepEqual(sorted(await shownFindings(page)), sorted(bySeverity(want)));
        const errors = want.filter((f) => f.severity === 'error');
        assert.ok(errors.some((f) => f.cells.includes(CHANGED)), 'the change breaks a rule');
        assert.equal(status.kind, 'error');
        assert.equal(status.text, `工作表“${sheetA}”有 ${errors.length} 处错误。`);
        assert.equal(await page.textContent(`td[data-cell="${CHANGED}"]`), String(old + 7));
        mkdirSync(RESULTS, { recursive: true });
        await page.screenshot({ path: join(RESULTS, `pane-excel-${api}.png`), fullPage: true });
      });

      it('a second report, then 生成汇总 → 目录, 汇总, 校验总览, 校验, 明细, 问题清单 in front, as in Node', async () => {
        await page.click('#clear');
        await paste(page, textB);
        await page.waitForSelector('#findings');
        const b = analyze(textB, '粘贴的文本');
        assert.ok(b.ok);
        assert.equal((await press(page, 'insert')).kind, 'ok');
        const [wanted] = sheetNames([b.report]);
        const sheetB = (await insertSheet(node, (taken) => reportSheet(b.report, freeSheetName(wanted!, taken)), BOOK, caps)).sheet;

        const status = await press(page, 'consolidate');
        assert.equal(status.kind, 'ok', status.text);
        assert.equal(status.text, `已汇总 2 个单位 2023 年的年报：${INDEX.map((s) => `“${s}”`).join('、')}。`);
        const got = await consolidateWorkbook(node, BOOK, caps);
        assert.ok(got.ok);
        assert.deepEqual(await excel(page, (x) => x.names()), [...INDEX, 'Sheet1', sheetA, sheetB]);
        assert.equal(await excel(page, (x) => x.active()), '目录');
        for (const s of [...INDEX, sheetA, sheetB]) {
          assert.deepEqual(await viewOf(page, s), JSON.parse(JSON.stringify(sheetView(node.sheet(s)))), s);
        }
        // 整改状态's drop-down from ExcelApi 1.8 on: exactly the three statuses; Excel 2019 (1.7 here) keeps plain cells
        const rules = (await excel(page, (x) => x.validations('问题清单'))) as { rule: unknown }[];
        assert.deepEqual(rules, JSON.parse(JSON.stringify(node.sheet('问题清单').validations)));
        assert.deepEqual(rules.map((v) => v.rule), caps.api18 ? [{ list: { inCellDropDown: true, source: '待整改,已整改,无需整改' } }] : []);
      });

      it('went nowhere but localhost', () => assert.deepEqual(offsite, []));
    });
  }
});
