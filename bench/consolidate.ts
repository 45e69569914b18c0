/**
 * The county workbook at scale: `gouji consolidate` of 1 000 generated units (text files in
 * the layouts people paste, one year, one in six with mistakes) into one workbook, in a child
 * process — wall seconds from spawn to exit, and its peak resident memory — and of the first
 * 100 of them, for the scaling (time of 1 000 ÷ ten times the time of 100; 1 is linear).
 * The command line runs as users run it (./consolidate-run.mjs): from its bundle once built.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViolationKind } from '../core/generate/index.ts';
import { generateReport, LAYOUTS } from '../core/generate/index.ts';
import { manyUnits } from '../tests/support/county.ts';

const RUN = fileURLToPath(new URL('./consolidate-run.mjs', import.meta.url));
const MISTAKES: ViolationKind[] = ['t3-cell', 't4-cell', 'blank'];

/** n units' report files in a folder of their own */
export function county(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  manyUnits('松溪县', n, 3).forEach((unit, i) => {
    const layout = LAYOUTS[i % LAYOUTS.length]!;
    const violations = i % 6 === 5 ? [MISTAKES[i % MISTAKES.length]!] : [];
    const text = generateReport(90_000 + i, { format: 'gov2021', year: 2024, unit, layout, violations }).text;
    writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), text);
  });
}

export interface ConsolidateRun {
  seconds: number;
  peakMb: number;
  /** from dist-cli/ (built and fresh), as users run it after npm run build; else through tsx */
  bundled: boolean;
}

/** one run of the CLI in a child process */
export function runConsolidate(dir: string, out: string): ConsolidateRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [RUN, dir, '-o', out, '--force'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let peakMb = NaN;
  let bundled = false;
  try {
    const j = JSON.parse(last) as { code: number; maxRssMb: number; bundled: boolean };
    if (j.code > 1) throw new Error(`exit ${j.code}`);
    peakMb = j.maxRssMb;
    bundled = j.bundled;
  } catch (e) {
    throw new Error(`gouji consolidate 失败（${(e as Error).message}）：${r.stderr.slice(0, 2000)}`);
  }
  return { seconds, peakMb, bundled };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export function measureConsolidate(rounds: number): { s1000: number; mb1000: number; s100: number; bundled: boolean } {
  const root = mkdtempSync(join(tmpdir(), 'gouji-bench-county-'));
  try {
    county(join(root, 'u1000'), 1000);
    county(join(root, 'u100'), 100);
    const out = join(root, 'out.xlsx');
    runConsolidate(join(root, 'u100'), out); // warm the disk cache (and tsx's compile cache, when it runs)
    const small = Array.from({ length: Math.max(3, rounds) }, () => runConsolidate(join(root, 'u100'), out));
    const large = Array.from({ length: Math.max(1, Math.min(rounds, 3)) }, () => runConsolidate(join(root, 'u1000'), out));
    return {
      s1000: median(large.map((r) => r.seconds)),
      mb1000: Math.max(...large.map((r) => r.peakMb)),
      s100: median(small.map((r) => r.seconds)),
      bundled: large.every((r) => r.bundled),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
