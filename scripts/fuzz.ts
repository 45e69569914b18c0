/**
 * `npm run fuzz [-- --seconds 300] [--target text,html,docx,pdf]`: coverage-guided fuzzing of
 * the reading entry points (text, HTML, .docx, PDF), seeded from the generator's layouts.
 * An input that throws, or runs past the time budget, is a crash: it is saved under
 * tests/fixtures/fuzz/ (tests/fuzz.test.ts replays every file there) and the run exits 1.
 * Prints inputs run, blocks of core/ covered, coverage features, corpus size and crashes.
 *
 * (@jazzer.js/core would do this with libFuzzer, but its prebuilt module needs a newer glibc
 * than Debian 12 has; V8's block coverage through node:inspector is the feedback here.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { TARGETS } from './fuzz/targets.ts';
import type { ToMain } from './fuzz/worker.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, target: { type: 'string' }, seed: { type: 'string' } } });
const seconds = Number(values.seconds ?? 300);
const names = (values.target ?? TARGETS.map((t) => t.name).join(',')).split(',');
/** past this an input hangs (PDF is slower to read) */
const budget = (target: string) => (target === 'pdf' ? 15_000 : 8_000);
const FIXTURES = new URL('../tests/fixtures/fuzz/', import.meta.url);

const corpus: { target: string; input: Uint8Array }[] = [];
const crashes = new Map<string, string>();
let runs = 0;
let failures = 0;
let stats = { blocks: 0, features: 0, corpus: 0 };
let seed = Number(values.seed ?? Date.now() % 1e9);

function save(target: string, input: Uint8Array, why: string): void {
  const t = TARGETS.find((x) => x.name === target)!;
  const bytes = t.file(input);
  const name = `${target}-${createHash('sha1').update(bytes).digest('hex').slice(0, 12)}.${t.ext}`;
  // one fixture per kind of failure: the first line of the error, or the hang
  const kind = `${target}:${why.split('\n').slice(0, 2).join(' ')}`;
  if ([...crashes.values()].includes(kind)) return;
  crashes.set(name, kind);
  mkdirSync(FIXTURES, { recursive: true });
  writeFileSync(new URL(name, FIXTURES), bytes);
  process.stderr.write(`crash → tests/fixtures/fuzz/${name}\n  ${why.split('\n').slice(0, 4).join('\n  ')}\n`);
}

const end = Date.now() + seconds * 1000;

function start(): Promise<void> {
  return new Promise((resolve) => {
    const w = new Worker(new URL('./fuzz/worker.mjs', import.meta.url), { workerData: { seed: seed++, targets: names, corpus } });
    let current: { target: string; input: Uint8Array; at: number } | null = null;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(watch);
      void w.terminate().then(() => resolve());
    };
    const watch = setInterval(() => {
      if (Date.now() > end) return stop();
      if (current && Date.now() - current.at > budget(current.target)) {
        save(current.target, current.input, `hang: over ${budget(current.target) / 1000} s`);
        current = null;
        stop();
      }
    }, 250);
    w.on('message', (m: ToMain) => {
      if (m.type === 'run') current = { target: m.target, input: m.input, at: Date.now() };
      else if (m.type === 'done') {
        current = null;
        runs++;
      } else if (m.type === 'new') corpus.push({ target: m.target, input: m.input });
      else if (m.type === 'crash') save(m.target, m.input, m.error);
      else if (m.type === 'stats') {
        stats = m;
        if (process.stderr.isTTY) process.stderr.write(`\r${runs} inputs, ${m.blocks} blocks, ${m.features} features, corpus ${m.corpus}   `);
      }
    });
    w.on('error', (e) => {
      process.stderr.write(`worker: ${e.stack ?? e}\n`);
      if (++failures > 3) process.exit(2);
      stop();
    });
    w.on('exit', () => stop());
  });
}

while (Date.now() < end) await start();
process.stderr.write('\n');
const hangs = [...crashes.values()].filter((k) => k.includes('hang')).length;
console.log(
  `fuzz: ${runs} inputs in ${seconds} s over ${names.join(', ')}; coverage of core/: ${stats.blocks} blocks, ` +
    `${stats.features} block×count features; corpus ${corpus.length} new inputs; crashes ${crashes.size} (hangs ${hangs})`,
);
process.exit(crashes.size ? 1 : 0);
