/**
 * The collection round at scale: a 100-unit county consolidated (round 1: 90 units, one in
 * six with mistakes), then round 2 — ten corrected versions and ten late reports — put into
 * that workbook with `gouji consolidate --into`, against a fresh consolidation of the same
 * 100 round-2 files. Each in a child process, wall seconds from spawn to exit.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport, LAYOUTS, type ViolationKind } from '../core/generate/index.ts';
import { manyUnits } from '../tests/support/county.ts';

const RUN = fileURLToPath(new URL('./consolidate-run.mjs', import.meta.url));
const MISTAKES: ViolationKind[] = ['t3-cell', 't4-cell', 'r2.2'];

function run(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [RUN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  const last = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { code?: number };
  if (last.code === undefined || last.code > 1) throw new Error(`gouji consolidate ${args.join(' ')} 失败：${r.stderr.slice(0, 2000)}`);
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export function measureUpdate(rounds: number): { update: number; fresh: number } {
  const root = mkdtempSync(join(tmpdir(), 'gouji-bench-round-'));
  try {
    const [r1, r2, all] = ['r1', 'r2', 'all'].map((d) => join(root, d)) as [string, string, string];
    for (const d of [r1, r2, all]) mkdirSync(d);
    manyUnits('松溪县', 100, 5).forEach((unit, i) => {
      const gen = (violations: ViolationKind[]) =>
        generateReport(40_000 + i, { format: 'gov2021', year: 2024, unit, layout: LAYOUTS[i % LAYOUTS.length]!, violations }).text;
      const file = `${String(i).padStart(3, '0')}.txt`;
      const wrong = i % 6 === 5 ? [MISTAKES[i % MISTAKES.length]!] : [];
      // 0–89 in round 1; 90–99 late; the first ten with mistakes corrected in round 2
      if (i < 90) writeFileSync(join(r1, file), gen(wrong));
      const corrected = wrong.length && i < 65;
      if (i >= 90 || corrected) writeFileSync(join(r2, file), gen([]));
      writeFileSync(join(all, file), i >= 90 || corrected ? gen([]) : gen(wrong));
    });
    const base = join(root, 'round1.xlsx');
    const wb = join(root, 'county.xlsx');
    run([r1, '-o', base, '--force']); // also warms the disk cache (and tsx's compile cache, when it runs)
    const updates: number[] = [];
    const fresh: number[] = [];
    for (let k = 0; k < Math.max(3, rounds); k++) {
      copyFileSync(base, wb);
      updates.push(run(['--into', wb, r2]));
      fresh.push(run([all, '-o', join(root, 'fresh.xlsx'), '--force']));
    }
    return { update: median(updates), fresh: median(fresh) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
