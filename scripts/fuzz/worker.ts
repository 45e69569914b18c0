/**
 * The fuzzing loop, in a worker thread so that the main thread can end it when an input hangs.
 * Feedback is V8's own block coverage (node:inspector, Profiler.startPreciseCoverage with
 * call counts, which each take resets): an input that reaches a new block of core/, or a
 * block a new number of times (counts bucketed as AFL does), joins the corpus.
 */
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { mutate, rng } from './mutate.ts';
import { TARGETS } from './targets.ts';

export type ToMain =
  | { type: 'run'; target: string; input: Uint8Array }
  | { type: 'done' }
  | { type: 'new'; target: string; input: Uint8Array }
  | { type: 'crash'; target: string; input: Uint8Array; error: string }
  | { type: 'stats'; runs: number; blocks: number; features: number; corpus: number };

interface Data {
  seed: number;
  targets: string[];
  /** inputs found by an earlier worker: the corpus goes on from there */
  corpus: { target: string; input: Uint8Array }[];
}

const port = parentPort!;
const post = (m: ToMain) => port.postMessage(m);
const data = workerData as Data;

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

/** blocks of core/ ever run, and (block, count bucket) pairs ever seen */
const blocks = new Set<string>();
const features = new Set<string>();
const bucket = (n: number) => (n < 4 ? n : n < 8 ? 4 : n < 16 ? 8 : n < 32 ? 16 : n < 128 ? 32 : 128);

async function coverage(): Promise<number> {
  const { result } = await session.post('Profiler.takePreciseCoverage');
  let added = 0;
  for (const script of result) {
    if (!script.url.includes('/core/')) continue;
    for (const fn of script.functions) {
      for (const r of fn.ranges) {
        if (!r.count) continue;
        const key = `${script.url}:${r.startOffset}:${r.endOffset}`;
        if (!blocks.has(key)) blocks.add(key);
        const f = `${key}:${bucket(r.count)}`;
        if (!features.has(f)) {
          features.add(f);
          added++;
        }
      }
    }
  }
  return added;
}

const targets = TARGETS.filter((t) => data.targets.includes(t.name));
const corpus = new Map<string, Uint8Array[]>(targets.map((t) => [t.name, []]));
for (const t of targets) for (const s of t.seeds()) corpus.get(t.name)!.push(s);
for (const c of data.corpus) corpus.get(c.target)?.push(c.input);
await coverage(); // the seeds' generation is no reading: drop its counts
// the corpus read once: the coverage it reaches is where this worker starts
for (const t of targets) {
  for (const input of corpus.get(t.name)!) {
    try {
      await t.run(input);
    } catch {
      // a crash already saved by the worker before
    }
  }
}
await coverage();

const r = rng(data.seed);
let runs = 0;
let last = Date.now();
for (;;) {
  // a PDF takes some 30 times a text to read (pdf.js, none of it core/): one pick in twenty-five
  const fast = targets.filter((x) => x.name !== 'pdf');
  const pdf = targets.find((x) => x.name === 'pdf');
  const t = pdf && (!fast.length || r.next() < 0.04) ? pdf : fast[r.int(fast.length)]!;
  const pool = corpus.get(t.name)!;
  const input = mutate(pool[r.int(pool.length)]!, pool[r.int(pool.length)]!, r);
  post({ type: 'run', target: t.name, input });
  try {
    await t.run(input);
  } catch (e) {
    post({ type: 'crash', target: t.name, input, error: (e as Error)?.stack ?? String(e) });
  }
  post({ type: 'done' });
  runs++;
  if ((await coverage()) > 0) {
    pool.push(input);
    post({ type: 'new', target: t.name, input });
  }
  if (Date.now() - last > 2000) {
    last = Date.now();
    post({ type: 'stats', runs, blocks: blocks.size, features: features.size, corpus: [...corpus.values()].reduce((n, p) => n + p.length, 0) });
  }
}
