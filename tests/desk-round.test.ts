/**
 * The desk's collection round, as a clerk works it outside Excel: the offline copy opened from
 * disk with the network off; the roster (名单.csv) picked, last year's county workbook picked,
 * this year's folder picked. The page lists each roster unit's status; the workbook it
 * downloads equals, cell for cell, `gouji consolidate … --roster … --last-year …` of the same
 * files; the notices .zip holds exactly the files `gouji notices` writes for that workbook, with
 * the same text. Expected statuses from the generator's account, not from the code under test.
 * No request may leave the machine. Small on purpose: six units.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { docxToText } from '../core/extract/docx.ts';
import { generateReport, generateYears } from '../core/generate/index.ts';
import { manyUnits } from './support/county.ts';
import { inProcess } from './support/in-process.ts';
import { built, cells, chromiumSkip, ROOT, sameCells, openOffline } from './support/offline-page.ts';

const units = manyUnits('青岚县', 6, 7);
const g = generateYears(13, { units: units.slice(0, 5), year: 2024 });
// one more unit, new this year, with a mistake: an error to send back
const wrong = units[5]!;
const wrongReport = generateReport(4242, { year: 2024, unit: wrong, layout: 'markdown', violations: ['t3-cell'] });
const MISSING = '青岚县未报镇';
// the roster as typed: some names short, one unit that never reports
const short = (name: string) => name.replace(/^青岚县(?=.)/, '').replace(/人民政府$/, '') || name;
const rosterRows = [...units.map((u, i) => ({ name: i % 2 ? u.name : short(u.name), category: u.kind === 'street' ? '街道' : '乡镇' })), { name: MISSING, category: '乡镇' }];

/** each roster row's status, from what the generator planted */
function expectedStatuses(): Map<string, string> {
  return new Map(
    rosterRows.map((r, i) => {
      const unit = units[i]?.name;
      if (!unit || unit === g.goneUnit) return [r.name, '未报送'];
      if (unit === wrong.name) return [r.name, '有错误'];
      return [r.name, (g.expected.get(unit) ?? []).length ? '有警告' : '已报送'];
    }),
  );
}

interface Doc {
  getElementById(id: string): { textContent: string | null } | null;
  querySelectorAll(s: string): Iterable<{ querySelectorAll(s: string): Iterable<{ textContent: string | null }> }>;
}
const statusText = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: Doc }).document.getElementById('status')?.textContent ?? '');

describe('the offline desk with a roster and last year: workbook and notices as the CLI writes them', { skip: chromiumSkip() }, () => {
  const work = mkdtempSync(join(tmpdir(), 'gouji-desk-round-'));
  const requests: string[] = [];
  let browser: Browser;
  let page: Page;
  let cliBytes: Uint8Array;
  // the command line: main() in this process, in the folder as a user's shell
  const gouji = (...args: string[]) => inProcess(args, { cwd: work });

  before(async () => {
    const html = built();
    for (const [year, list] of [[2023, g.previous], [2024, [...g.current, wrongReport]]] as const) {
      mkdirSync(join(work, `青岚县${year}`));
      for (const r of list) writeFileSync(join(work, `青岚县${year}`, `${r.truth.unit}.md`), r.text);
    }
    writeFileSync(join(work, '名单.csv'), ['单位,类别', ...rosterRows.map((r) => `${r.name},${r.category}`)].join('\n'));
    // the page loads meanwhile
    const opening = openOffline(html, requests);
    try {
      const last = await gouji('consolidate', '青岚县2023', '-o', '全县2023.xlsx');
      assert.ok([0, 1].includes(last.code ?? -1), last.stderr);
      const cli = await gouji('consolidate', '青岚县2024', '--roster', '名单.csv', '--last-year', '全县2023.xlsx', '-o', 'cli.xlsx');
      assert.equal(cli.code, 1, cli.stderr); // a unit has an error
      cliBytes = readFileSync(join(work, 'cli.xlsx'));
      const notices = await gouji('notices', 'cli.xlsx', '-o', '通知', '--deadline', '2025-03-15');
      assert.equal(notices.code, 0, notices.stderr);
    } finally {
      ({ browser, page } = await opening);
    }
  });

  after(async () => {
    await browser?.close();
  });

  it('takes the roster, last year\'s workbook and this year\'s folder, and lists each roster unit\'s status', async () => {
    await page.setInputFiles('#desk-roster', join(work, '名单.csv'));
    await page.waitForFunction(() => /已读入名单/.test((globalThis as unknown as { document: Doc }).document.getElementById('status')?.textContent ?? ''));
    assert.match(await statusText(page), /已读入名单“名单.csv”：7 个单位。/);
    await page.setInputFiles('#desk-last-year', join(work, '全县2023.xlsx'));
    await page.waitForFunction(() => /已读入上年/.test((globalThis as unknown as { document: Doc }).document.getElementById('status')?.textContent ?? ''), null, { timeout: 120_000 });
    assert.match(await statusText(page), new RegExp(`全县2023.xlsx：2023 年 ${g.previous.length} 份`));
    await page.setInputFiles('#folder', join(work, '青岚县2024'));
    await page.waitForFunction(() => /读完/.test((globalThis as unknown as { document: Doc }).document.getElementById('status')?.textContent ?? ''), null, { timeout: 120_000 });
    const rows = (which: string) =>
      page.evaluate(
        (sel) => [...(globalThis as unknown as { document: Doc }).document.querySelectorAll(sel)].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        `#desk-units table.roster tr.roster-unit.${which}`,
      );
    const shown = new Map((await rows('listed')).map((r) => [r[0]!, r[2]!]));
    assert.deepEqual(shown, expectedStatuses());
    assert.ok([...shown.values()].includes('有警告'), '应有单位带跨年警告');
    // last year's reports are apart, without a status
    const apart = await rows('apart');
    assert.deepEqual(apart.map((r) => r[2]), g.previous.map(() => '—'));
    assert.match((await page.textContent('#desk-units .roster-count')) ?? '', /^名单 7 个单位：已报送 \d 个，有错误 1 个，有警告 \d 个，未报送 2 个，无法读取 0 个。$/);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results/desk-round.png'), fullPage: true });
  });

  it('downloads the workbook `gouji consolidate --roster --last-year` writes, cell for cell', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('#desk-build')]);
    assert.equal(download.suggestedFilename(), '青岚县2024年政府信息公开年报汇总.xlsx');
    const path = join(work, 'desk.xlsx');
    await download.saveAs(path);
    const [a, b] = [await cells(cliBytes), await cells(readFileSync(path))];
    assert.ok(a.has('同比') && a.has('名单'), '应有“同比”和“名单”表');
    const compared = sameCells(a, b, (x, y, what) => assert.deepEqual(x, y, what));
    assert.ok(compared > 3000, `只比较了 ${compared} 个格子`);
  });

  it('downloads the notices .zip: the files `gouji notices` writes, with the same text', async () => {
    await page.fill('#desk-deadline', '2025-03-15');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('#desk-notices')]);
    assert.equal(download.suggestedFilename(), '青岚县2024年退回修改通知.zip');
    const path = join(work, 'notices.zip');
    await download.saveAs(path);
    const zip = unzipSync(new Uint8Array(readFileSync(path)));
    const written = readdirSync(join(work, '通知')).sort();
    assert.ok(written.length >= 2, `应有几份通知，只有 ${written.length} 份`);
    assert.deepEqual(Object.keys(zip).sort(), written);
    for (const name of written) {
      const want = docxToText(new Uint8Array(readFileSync(join(work, '通知', name))));
      const got = docxToText(zip[name]!);
      assert.ok(want.ok && got.ok, name);
      assert.equal(got.text, want.text, name);
    }
    assert.match(await statusText(page), new RegExp(`已下载“青岚县2024年退回修改通知.zip”：${written.length} 份退回修改通知`));
  });

  it('made no request that could leave the machine', () => {
    assert.ok(requests.length >= 1, '至少应记录到页面本身');
    assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), []);
  });
});
