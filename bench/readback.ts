/**
 * Reading a county workbook back (`gouji check 全县.xlsx`, a workbook given to consolidate):
 * 100 generated units consolidated and written as `gouji consolidate` writes them, then read
 * by readWorkbook in a child process — seconds of the reading alone, and the process's peak
 * resident memory (node and tsx take some 75 MB of it before anything is read).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { zipEntries } from '../core/xlsx/unzip.ts';
import { countyReports } from '../tests/support/county.ts';

const RUN = fileURLToPath(new URL('./readback-run.ts', import.meta.url));

export interface ReadbackRun {
  seconds: number;
  peakMb: number;
  reports: number;
}

/** one read of `path` in a child process (`exceljs`: the reader it replaced, for comparison) */
export function runReadback(path: string, exceljs = false): ReadbackRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUN, path, ...(exceljs ? ['--exceljs'] : [])], { encoding: 'utf8', maxBuffer: 16 << 20 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    const j = JSON.parse(last) as { seconds: number; maxRssMb: number; reports: number; message: string };
    if (!j.reports) throw new Error(j.message);
    return { seconds: j.seconds, peakMb: j.maxRssMb, reports: j.reports };
  } catch (e) {
    throw new Error(`读取工作簿失败（${(e as Error).message}）：${r.stderr.slice(0, 2000)}`);
  }
}

/** a consolidated workbook of n generated units, as bytes */
export async function countyWorkbook(n: number): Promise<Uint8Array> {
  const c = consolidate(countyReports(n).map((report) => ({ report, source: report.source, kind: '文本' })));
  if (!c.ok) throw new Error(c.message);
  return xlsxBytes(c.workbook, NODE_CODEC);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function measureReadback(rounds: number): Promise<{ s100: number; mb100: number; unpackedMb: number }> {
  const root = mkdtempSync(join(tmpdir(), 'gouji-bench-readback-'));
  try {
    const bytes = await countyWorkbook(100);
    const path = join(root, '松溪县.xlsx');
    writeFileSync(path, bytes);
    runReadback(path); // warm tsx's compile cache
    const runs = Array.from({ length: Math.max(3, Math.min(rounds, 5)) }, () => runReadback(path));
    const unpacked = zipEntries(bytes)!.reduce((n, e) => n + e.size, 0);
    return { s100: median(runs.map((r) => r.seconds)), mb100: Math.max(...runs.map((r) => r.peakMb)), unpackedMb: Math.round(unpacked / 1024 / 1024) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** the measurement as bench.ts lists it */
export const readback = {
  key: 'readback',
  name: '读回汇总工作簿（gouji check 全县.xlsx：100 个单位的汇总工作簿，在子进程中计时）',
  async measure({ rounds }: { rounds: number }) {
    const m = await measureReadback(rounds);
    return {
      figures: [
        { key: 'readback_100_s', value: Math.round(m.s100 * 100) / 100, label: '读回 100 个单位的汇总工作簿的耗时（秒，只计读取；目标 ≤ 15）' },
        { key: 'readback_100_peak_mb', value: m.mb100, label: '其峰值常驻内存（MB，含 node 本身约 75 MB；目标 ≤ 500）' },
      ],
      details: [`工作簿解压后 ${m.unpackedMb} MB`],
    };
  },
};
