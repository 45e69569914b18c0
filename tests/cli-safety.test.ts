/**
 * Nothing lost, nothing crashes (#11): real `gouji consolidate` processes killed in the middle
 * of a write to a slow disk, a disk that fills up, and a folder of hostile files of our own making. The
 * processes run the command line bundled into one module (scripts/test-bundle.ts: main() as
 * cli/gouji.js runs it, without tsx's second of loading each time); cli.test.ts spawns the bin. The
 * workbooks they are measured against (the old one, the complete new one), a folder that is
 * not there and the hostile folder are run by main() in this process: a spawn adds only node's
 * start-up.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { docxPackage, generateReport } from '../core/generate/index.ts';
import { zipEntries } from '../core/xlsx/unzip.ts';
import { countyTexts, manyUnits } from './support/county.ts';
import { inProcess } from './support/in-process.ts';
import { howMany, THOROUGH } from './support/thorough.ts';
import { deepHtml, deepTablesXml, docxBomb, xlsxBomb } from './support/hostile.ts';
import { goujiBundle } from '../scripts/test-bundle.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** a full or a slow disk for a real gouji process (`node --import`) */
const DISK = join(ROOT, 'tests', 'support', 'disk.mjs');
/**
 * how long each write of the interrupted processes waits (disk.mjs): a few units' workbook is
 * then written over some hundred writes and half a second, long enough for a signal to land at any
 * share of it; thirty units made a write as long out of CPU (1.2 against 0.6 CPU-seconds a process)
 */
const WRITE_WAIT_MS = '3';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function gouji(args: string[], opts: { preload?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const node = opts.preload ? ['--import', opts.preload] : [];
  const bin = await goujiBundle();
  return new Promise((resolve) =>
    execFile(process.execPath, [...node, bin, ...args], { cwd: ROOT, timeout: 180_000, maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', ...opts.env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    ),
  );
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gouji-safe-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const temps = (folder: string) => readdirSync(folder).filter((f) => f.includes('.gouji-'));

/** a folder of n generated reports of one county */
function county(name: string, n: number, seed: number): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  countyTexts(n, { county: name, seed }).forEach((t, i) => writeFileSync(join(folder, `${String(i).padStart(3, '0')}.txt`), t.text));
  return folder;
}

/** a complete workbook: a zip whose central directory lists every part the reference has */
function complete(bytes: Uint8Array, reference: Uint8Array): boolean {
  const got = zipEntries(bytes)?.map((e) => e.name);
  return !!got && JSON.stringify(got) === JSON.stringify(zipEntries(reference)!.map((e) => e.name));
}

describe('a killed or failing write leaves the old workbook whole', () => {
  let small: string;
  let large: string;
  let old: Uint8Array;
  let reference: Uint8Array;
  before(async () => {
    small = county('小县', 3, 5);
    // a county larger than the old one, written slowly (WRITE_WAIT_MS) so that the kill lands mid-write
    large = county('大县', howMany(4, 60), 6);
    const o = join(dir, 'old.xlsx');
    assert.equal((await inProcess(['consolidate', small, '-o', o])).code, 0);
    old = readFileSync(o);
    const ref = join(dir, 'reference.xlsx');
    assert.ok([0, 1].includes((await inProcess(['consolidate', large, '-o', ref])).code!));
    reference = readFileSync(ref);
    assert.ok(complete(reference, reference) && reference.length > old.length);
  });

  /** start `consolidate large -o target --force` over the old workbook; `signal` once its temporary file has `share` of the final size */
  async function interrupt(name: string, share: number, signal: NodeJS.Signals): Promise<{ folder: string; target: string; exit: number | null; signalled: NodeJS.Signals | null; sawTemp: boolean }> {
    const folder = join(dir, name);
    mkdirSync(folder);
    const target = join(folder, '全县.xlsx');
    writeFileSync(target, old);
    const child = spawn(process.execPath, ['--import', DISK, await goujiBundle(), 'consolidate', large, '-o', target, '--force'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, GOUJI_TEST_DISK_WAIT_MS: WRITE_WAIT_MS },
    });
    let sawTemp = false;
    const done = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      const t = temps(folder)[0];
      const size = t ? statSync(join(folder, t), { throwIfNoEntry: false })?.size ?? 0 : 0;
      if (t && size >= share * reference.length) {
        sawTemp = true;
        child.kill(signal);
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const [exit, signalled] = await done;
    return { folder, target, exit, signalled, sawTemp };
  }

  // the first byte, most of it, the last moments (GOUJI_THOROUGH=1: a third too)
  for (const share of THOROUGH ? [0, 0.3, 0.7, 0.95] : [0, 0.7, 0.95]) {
    it(`SIGKILL with ${share * 100}% written: the old workbook byte for byte, or the new one complete`, async () => {
      const r = await interrupt(`kill-${share}`, share, 'SIGKILL');
      const now = readFileSync(r.target);
      // the county takes long enough to write that the kill lands mid-write, up to the last moments
      if (share < 0.9) assert.ok(r.sawTemp, 'the kill came while the workbook was being written');
      if (r.sawTemp) {
        assert.equal(r.signalled, 'SIGKILL');
        assert.ok(Buffer.compare(now, old) === 0, 'killed while writing: the old workbook is untouched');
      } else assert.ok(complete(now, reference) && Buffer.compare(now, reference) === 0, 'finished first: the new workbook is whole');
      // a SIGKILL cannot be caught: the hidden temporary file may stay, never in the target's place
      for (const t of temps(r.folder)) assert.match(t, /^\.全县\.xlsx\.gouji-\d+-\d+\.tmp$/);
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${signal} halfway: the old workbook byte for byte and no temporary file`, async () => {
      const r = await interrupt(`sig-${signal}`, 0.5, signal);
      assert.ok(r.sawTemp, 'the signal came while the workbook was being written');
      assert.equal(r.exit, 128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]);
      assert.ok(Buffer.compare(readFileSync(r.target), old) === 0);
      assert.deepEqual(temps(r.folder), []);
    });
  }

  it('a disk that fills up halfway: the old workbook whole, no temporary file, the reason in plain words', async () => {
    const folder = join(dir, 'full');
    mkdirSync(folder);
    const target = join(folder, '全县.xlsx');
    writeFileSync(target, old);
    const r = await gouji(['consolidate', large, '-o', target, '--force'], { preload: DISK, env: { GOUJI_TEST_DISK_BYTES: String(reference.length >> 1) } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), `gouji：无法写出“${target}”：磁盘空间不足。原有的文件没有改动。`);
    assert.equal(r.stdout, '');
    assert.ok(Buffer.compare(readFileSync(target), old) === 0);
    assert.deepEqual(temps(folder), []);
  });

  it('without --force a full disk leaves no file at all', async () => {
    const folder = join(dir, 'full-new');
    mkdirSync(folder);
    const target = join(folder, '全县.xlsx');
    const r = await gouji(['xlsx', join(small, '000.txt'), '-o', target], { preload: DISK, env: { GOUJI_TEST_DISK_BYTES: '1000' } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), `gouji：无法写出“${target}”：磁盘空间不足。原有的文件没有改动。`);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('a folder that does not exist: said so, no errno code', async () => {
    const target = join(dir, '没有这个文件夹', '全县.xlsx');
    const r = await inProcess(['xlsx', join(small, '000.txt'), '-o', target]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), `gouji：无法写出“${target}”：找不到文件或文件夹。原有的文件没有改动。`);
  });
});

describe('a folder of hostile files still gives the workbook of all the others', () => {
  it('lists each hostile file with its reason, skips the rest, reads every real report once', async () => {
    const d = join(dir, '各单位');
    mkdirSync(d);
    const u = manyUnits('云岭县', 3);
    const report = (i: number, layout: 'pipe' | 'html') => generateReport(i + 1, { format: 'gov2021', year: 2024, unit: u[i]!, layout }).text;
    writeFileSync(join(d, '甲.txt'), report(0, 'pipe'));
    writeFileSync(join(d, '乙.txt'), report(1, 'pipe'));
    // fifteen thousand elements deep, as web editors write: read
    writeFileSync(join(d, '丙.html'), deepHtml(report(2, 'html'), 15_000));
    writeFileSync(join(d, '过深.html'), deepHtml('<p>正文</p>', 30_000));
    writeFileSync(join(d, '嵌套表格.docx'), docxPackage(deepTablesXml(8000)));
    writeFileSync(join(d, '炸弹.docx'), docxBomb(2048));
    writeFileSync(join(d, '谎报大小.docx'), docxBomb(2048, true));
    writeFileSync(join(d, '炸弹.xlsx'), xlsxBomb(2048));
    writeFileSync(join(d, '散文.txt'), '今年我们认真贯彻落实《中华人民共和国政府信息公开条例》，不断提高公开质量。\n'.repeat(5000));
    writeFileSync(join(d, '~$甲.docx'), 'lock');
    writeFileSync(join(d, 'Thumbs.db'), 'x');
    writeFileSync(join(d, '.DS_Store'), 'x');
    writeFileSync(join(d, 'README.md'), '# 说明');
    symlinkSync(d, join(d, '回环'));
    symlinkSync(join(d, '甲.txt'), join(d, '甲的快捷方式.txt'));
    const out = join(dir, '云岭县.xlsx');
    // main() in this process: the exit code and the messages are main()'s; a spawn would add only node's start-up
    const r = await inProcess(['consolidate', d, '-o', out]);
    assert.equal(r.code, 2, r.stderr);
    const bomb = '文件异常：解压后超过 32 MB（Word 正文 word/document.xml），不像一份年度报告，可能已损坏或是特意构造的压缩包。请确认选对了文件。';
    const deep = '文件异常：标记嵌套超过 20000 层，不像一份年度报告，无法读取。';
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `跳过了“${join(d, '~$甲.docx')}”：这是 Office 打开文档时留下的临时文件（锁定文件），不是年报。`,
      `无法读取：“${join(d, '嵌套表格.docx')}”：${deep}`,
      `无法读取：“${join(d, '散文.txt')}”：没有找到年报的统计表（表二“主动公开政府信息情况”、表三“收到和处理政府信息公开申请情况”）：请确认粘贴的是政府信息公开工作年度报告的全文。`,
      `无法读取：“${join(d, '炸弹.docx')}”：${bomb}`,
      `无法读取：“${join(d, '炸弹.xlsx')}”：文件异常：解压后超过 16 MB（其中的 xl/sharedStrings.xml 压缩比超过 200 倍，不像表格的内容），可能已损坏或是特意构造的压缩包。`,
      `无法读取：“${join(d, '谎报大小.docx')}”：${bomb}`,
      `无法读取：“${join(d, '过深.html')}”：${deep}`,
    ]);
    assert.equal(
      r.stdout.split('\n')[1],
      '错误 0 处（0 个单位），警告 0 处（0 个单位）；6 个文件未能读取，已列在“目录”末尾。',
    );
    assert.match(r.stdout, /^已写出 .*：云岭县 2024 年 3 个单位，/);
    const sheets = zipEntries(readFileSync(out))!.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)).length;
    // 目录, 汇总, 校验总览, 校验, 明细, 问题清单, three units, 原文 and the hidden _gouji
    assert.equal(sheets, 11);
  });
});
