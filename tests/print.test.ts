/**
 * The sample county's workbook on paper and in words: LibreOffice's PDF export of it has at
 * most 40 pages, 校验 prints as its broken rules with the suggested fix, and no cell, no line
 * of the command's output carries an internal key (t3.…, R3.2@…).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { cellValue } from '../core/xlsx/exceljs-read.ts';
import { CACHE_SHEET } from '../core/round/cache.ts';
import { PROBLEM_COL, PROBLEMS_SHEET } from '../core/sheet/problems.ts';
import { VERIFY_COL, VERIFY_SHEET } from '../core/sheet/verify.ts';
import { convert, libreOfficeSkip } from './support/libreoffice.ts';
import { INTERNAL_KEY } from './support/keys.ts';
import { inProcess } from './support/in-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = join(ROOT, 'samples');
const MAX_PAGES = 40;

/** `gouji …` in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command) */
const gouji = inProcess;

const run = (file: string, args: string[]) =>
  new Promise<string>((resolve, reject) => execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (e, out) => (e ? reject(e) : resolve(out))));

describe('the sample county', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-print-'));
  const xlsx = join(dir, '青岚县.xlsx');

  it('check: every line of the output is free of internal keys, and the market supervision report gets one cause', async () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLES, f));
    const r = await gouji(['check', ...files]);
    assert.equal(r.code, 1, r.stderr);
    for (const line of r.stdout.split('\n')) {
      // the original text quoted with its line number is the report's own words
      if (/^\s+第 \d+ 行：/.test(line)) continue;
      assert.doesNotMatch(line, INTERNAL_KEY, line);
    }
    assert.match(r.stdout, /很可能是 表三（二）部分公开 的总计填成了 5，应为 0（改后 R3\.2、R3\.3 均成立）/);
  });

  it('consolidate: no internal key in any sentence of any sheet (the 规则 id column, 明细’s id row, 问题清单’s hidden 键 column and the hidden _gouji cache are ids by design)', async () => {
    const r = await gouji(['consolidate', SAMPLES, '-o', xlsx, '--force']);
    assert.ok(r.code === 1, r.stderr);
    assert.doesNotMatch(r.stdout, INTERNAL_KEY);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    let n = 0;
    wb.eachSheet((ws) => {
      // the hidden cache of what was read (the next update's memory) is data for the program, not sentences
      if (ws.name === CACHE_SHEET) {
        assert.notEqual(ws.state, 'visible', `${ws.name} is hidden`);
        return;
      }
      ws.eachRow((row, r) => {
        row.eachCell((cell, c) => {
          if (ws.name === VERIFY_SHEET && c === VERIFY_COL.规则) return;
          if (ws.name === '明细' && r === 2) return;
          // each problem's key, in a hidden column of its own, finds the user's 整改状态 again on the next update
          if (ws.name === PROBLEMS_SHEET && c === PROBLEM_COL.键) {
            assert.equal(ws.getColumn(c).hidden, true, `${ws.name}!${cell.address} is hidden`);
            return;
          }
          const v = cellValue(cell);
          if (typeof v !== 'string') return;
          // the original text quoted in 原文 is the report's own words
          if (ws.name === '原文' && c === 3) return;
          assert.doesNotMatch(v, INTERNAL_KEY, `${ws.name}!${cell.address}: ${v.slice(0, 300)}`);
          n++;
        });
      });
    });
    assert.ok(n > 1000, `only ${n} text cells looked at`);
  });

  it(`prints on at most ${MAX_PAGES} A4 pages, 校验 as its broken rules with the suggested fix`, { skip: libreOfficeSkip() }, async () => {
    const [pdf] = await convert([xlsx], 'pdf', join(dir, 'pdf'));
    const info = await run('pdfinfo', [pdf!]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    assert.ok(pages <= MAX_PAGES, `${pages} pages`);
    const text = await run('pdftotext', ['-layout', pdf!, '-']);
    const byPage = text.split('\f');
    const verify = byPage.filter((p) => /^\s*工作表\s+规则\s+级别\s+说明/m.test(p));
    assert.equal(verify.length, 1, '校验 prints on one page');
    assert.match(verify[0]!, /很可能是 表三（二）部分公开 的总计填成了 5，应为 0/);
    assert.doesNotMatch(verify[0]!, /通过/, 'rules that hold are filtered out of the print');
    // 明细 repeats the sheet column on every page: each of its pages names the first unit
    const detail = byPage.filter((p) => /表三“/.test(p) && /青岚县北谷街道办事处/.test(p) && !/规则/.test(p));
    assert.ok(detail.length >= 2, `明细 pages with the unit column: ${detail.length}`);
  });
});
