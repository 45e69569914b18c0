/**
 * The reader's common path under a profiler: analyze() in a loop over the benchmark's texts
 * (every layout, both formats), beside the benchmark's floor, for a quick before/after (in
 * CPU time, steadier than bench.ts's wall time on a busy machine).
 *
 *   node --import tsx bench/profile-read.ts [seconds]
 * For a CPU profile with real line numbers, bundle it first (tsx's transform hides them):
 *   npx esbuild bench/profile-read.ts --bundle --platform=node --format=esm --outfile=/tmp/p.mjs
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/p.mjs 10
 */
import { analyze } from '../core/analyze.ts';
import { benchTexts } from './texts.ts';

const seconds = Number(process.argv[2] ?? 10);
const texts = benchTexts(180);
let sink = 0;
const NUMBER = /\d+(?:\.\d+)?/g;
/** as bench.ts's floor: split into lines, find every number */
function floor(): void {
  for (const t of texts) for (const line of t.text.split(/\r?\n/)) for (const m of line.matchAll(NUMBER)) sink += m[0].length;
}
function parse(): void {
  for (const t of texts) {
    const a = analyze(t.text);
    sink += a.ok ? a.findings.length : 0;
  }
}
/** CPU time, not wall time: on a shared machine waiting for a core is not the reader's cost */
const time = (fn: () => void) => {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
parse();
const p: number[] = [];
const f: number[] = [];
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  f.push(time(floor));
  p.push(time(parse));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${(median(p) / texts.length).toFixed(3)} ms per report; floor ${(median(f) / texts.length).toFixed(4)} ms; ratio ${(median(p) / median(f)).toFixed(1)} (${p.length} rounds, sink ${sink > 0})`);
