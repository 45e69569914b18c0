/**
 * analyze()'s part after the reader, as analyze() runs it: each benchmark text is read, then
 * the prose check (checkNarrative) and the cell rules (checkReport) are timed on the fresh
 * result, in CPU time, call by call (the reader's work between them leaves the caches as a
 * real run does; a loop over ready results would flatter them).
 *
 *   node --import tsx bench/profile-rules.ts [seconds]
 * To compare two checkouts, run it in each within the same minute (the machine is shared).
 */
import { checkReport } from '../core/analyze.ts';
import { checkNarrative } from '../core/narrative/check.ts';
import { readText } from '../core/read/read.ts';
import { benchTexts } from './texts.ts';

const seconds = Number(process.argv[2] ?? 10);
const texts = benchTexts(180);
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
let sink = 0;
/** µs per report: prose check, cell rules */
function round(): [number, number] {
  let narrative = 0;
  let rules = 0;
  for (const t of texts) {
    const read = readText(t.text);
    if (!read.ok) continue;
    const { regions, lines, origin } = read.meta;
    const t0 = cpu();
    sink += checkNarrative(read.report, regions, origin ? { lines, origin } : { lines }).statements.length;
    const t1 = cpu();
    sink += checkReport(read.report).length;
    narrative += t1 - t0;
    rules += cpu() - t1;
  }
  return [narrative / texts.length, rules / texts.length];
}
round();
const n: number[] = [];
const r: number[] = [];
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  const [a, b] = round();
  n.push(a);
  r.push(b);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`checkNarrative ${median(n).toFixed(1)} µs, checkReport ${median(r).toFixed(1)} µs per report (${n.length} rounds, sink ${sink > 0})`);
