/**
 * The folder rules of `gouji consolidate`, each with the exact units read and the exit code:
 * hidden and Office lock files, README/说明, an earlier consolidation lying in the folder, the
 * output file inside the input folder, a folder with no report, a refusal that writes nothing.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strFromU8 } from 'fflate';
import { generateReport } from '../core/generate/index.ts';
import { unzipLimited } from '../core/xlsx/unzip.ts';
import { manyUnits } from './support/county.ts';
import { inProcess } from './support/in-process.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gouji-folders-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const UNITS = manyUnits('云岭县', 4, 3);
const report = (i: number, seed = 50 + i) => generateReport(seed, { format: 'gov2021', year: 2024, unit: UNITS[i]!, layout: 'word-tabs' }).text;

/** the workbook's sheet names in order, from xl/workbook.xml */
function sheets(path: string): string[] {
  const z = unzipLimited(readFileSync(path), (n) => n === 'xl/workbook.xml', { part: 1 << 20, total: 1 << 20 });
  assert.ok(z.ok);
  return [...strFromU8(z.files.get('xl/workbook.xml')!).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!);
}

/** the sheets in front of the units: the five index sheets and the collection round's 问题清单 */
const FRONT = ['目录', '汇总', '校验总览', '校验', '明细', '问题清单'];
/** the unit sheets: between the sheets in front and 原文 (the hidden _gouji after it) */
function unitSheets(path: string): string[] {
  const all = sheets(path);
  assert.deepEqual(all.slice(0, FRONT.length), FRONT);
  const end = all.indexOf('原文');
  assert.ok(end >= FRONT.length, all.join(' '));
  return all.slice(FRONT.length, end);
}

function folder(name: string, files: Record<string, string>): string {
  const f = join(dir, name);
  mkdirSync(f, { recursive: true });
  for (const [n, c] of Object.entries(files)) writeFileSync(join(f, n), c);
  return f;
}

describe('gouji consolidate: which files of a folder are read', () => {
  it('hidden files, Office lock files, README and 说明 are passed over; only a lock file beside a report is mentioned', async () => {
    const f = folder('skips', {
      '甲.txt': report(0),
      '乙.txt': report(1),
      '.隐藏.txt': report(2),
      '~$甲.docx': 'lock',
      'README.md': '# 各单位年报',
      '说明.txt': '请把年报放在这里。',
      'Thumbs.db': 'x',
    });
    const out = join(dir, 'skips.xlsx');
    const r = await inProcess(['consolidate', f, '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `跳过了“${join(f, '~$甲.docx')}”：这是 Office 打开文档时留下的临时文件（锁定文件），不是年报。\n`);
    assert.deepEqual(unitSheets(out), [UNITS[0]!.name, UNITS[1]!.name].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((n) => n.slice(0, 31)));
  });

  it('an earlier consolidation in the folder is passed over with a note; named on the command line it is read', async () => {
    const f = folder('earlier', { '甲.txt': report(0), '乙.txt': report(1) });
    const first = join(dir, 'first.xlsx');
    assert.equal((await inProcess(['consolidate', f, '-o', first])).code, 0);
    copyFileSync(first, join(f, '去年汇总.xlsx'));
    const out = join(dir, 'earlier.xlsx');
    const r = await inProcess(['consolidate', f, '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      `跳过了“${join(f, '去年汇总.xlsx')}”：这是以前生成的汇总工作簿，其中的单位会与文件夹中的年报重复。要把它的各单位计入，请在命令行上单独给出这个文件。\n`,
    );
    assert.deepEqual(unitSheets(out), unitSheets(first));
    // named on the command line beside a third unit: its two units and the third
    const third = join(dir, '丙.txt');
    writeFileSync(third, report(2));
    const both = join(dir, 'both.xlsx');
    const b = await inProcess(['consolidate', first, third, '-o', both]);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(unitSheets(both).length, 3);
  });

  it('the output file inside the input folder is never read as input, also when it is replaced', async () => {
    const f = folder('inside', { '甲.txt': report(0), '乙.txt': report(1) });
    const out = join(f, '汇总.xlsx');
    assert.equal((await inProcess(['consolidate', f, '-o', out])).code, 0);
    const again = await inProcess(['consolidate', f, '-o', out, '--force']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, '');
    assert.equal(unitSheets(out).length, 2);
  });

  it('a folder with no report in it: said so, exit 2, nothing written', async () => {
    const f = folder('empty', { 'README.md': '# 空', '~$甲.docx': 'lock', '图片.png': 'x' });
    const out = join(dir, 'empty.xlsx');
    const r = await inProcess(['consolidate', f, '-o', out]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `跳过了“${join(f, '~$甲.docx')}”：这是 Office 打开文档时留下的临时文件（锁定文件），不是年报。\n` +
        `gouji：在 ${f} 中没有找到年报文件（.txt .md .html .docx .doc .wps .pdf .xlsx）。\n`,
    );
    assert.equal(existsSync(out), false);
  });

  it('a refusal (the same unit twice) writes nothing and leaves an existing workbook alone', async () => {
    const f = folder('twice', { '甲.txt': report(0), '甲补交.txt': report(0, 99), '乙.txt': report(1) });
    const out = join(dir, 'twice.xlsx');
    writeFileSync(out, 'the old workbook');
    const r = await inProcess(['consolidate', f, '-o', out, '--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^gouji：无法汇总。.*${UNITS[0]!.name}.*出现了 2 次`, 's'));
    assert.equal(readFileSync(out, 'utf8'), 'the old workbook');
  });

  it('one unreadable file among the reports: the others are the workbook, exit 2 and the count in the summary', async () => {
    const f = folder('one-bad', { '甲.txt': report(0), '乙.txt': report(1), '坏.docx': 'PK\u0003\u0004 not a zip' });
    const out = join(dir, 'one-bad.xlsx');
    const r = await inProcess(['consolidate', f, '-o', out]);
    assert.equal(r.code, 2);
    assert.equal(unitSheets(out).length, 2);
    assert.equal(r.stdout.split('\n')[1], '错误 0 处（0 个单位），警告 0 处（0 个单位）；1 个文件未能读取，已列在“目录”末尾。');
    assert.match(r.stderr, /^无法读取：“.*坏\.docx”：这个 Word 文档（\.docx）已损坏或不完整/);
  });
});
