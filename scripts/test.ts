/**
 * `npm test`: every tests/*.test.ts through node's test runner, in as many processes as run at
 * once, each a group of files of about the same cost (GROUPS): they start together and end at
 * about the same time. Arguments, if any, are the test files to run instead, one a process.
 *
 *   npm test                          all of them
 *   npm test -- tests/ooxml.test.ts   one file, the same way
 *
 * Each file runs as one JavaScript module that esbuild made of it and of the project's modules
 * it imports (./test-bundle.ts): loading a test's TypeScript module by module through tsx cost
 * each test process about a second of CPU, some fifty seconds of a run. `node --import tsx
 * --test tests/x.test.ts` runs the same tests unbundled; GOUJI_TEST_TSX=1 npm test runs them all that way.
 *
 * One LibreOffice, one Chromium and one jing serve all the files of a run (tests/support/libreoffice.ts,
 * browser.ts, ooxml.ts): each would otherwise start its own for every conversion, every browser
 * test and every schema check, a CPU-second or two each time. A file run on its own with
 * `node --test` starts its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { CHROMIUM, startBrowserServer } from '../tests/support/browser.ts';
import { findSoffice, startOfficeServer } from '../tests/support/libreoffice.ts';
import { ooxmlSkip, startJingServer } from '../tests/support/ooxml.ts';
import { bundleFiles, ROOT, type Group } from './test-bundle.ts';

const TESTS = join(ROOT, 'tests');

/**
 * Files side by side: one more than the cores, since most files also wait on LibreOffice,
 * Chromium, java or a child process (3 on the 2-core test machine). GOUJI_TEST_JOBS=n sets it.
 */
const CONCURRENCY = Number(process.env.GOUJI_TEST_JOBS) || availableParallelism() + 1;

/**
 * What each file costs, in CPU-seconds: `npm test -- tests/x.test.ts` alone, every process it started counted (its
 * LibreOffice, Chromium and jing too; 2-core test machine, 7 December 2026); a file not named here counts as DEFAULT_COST.
 * Only the balance of the groups below depends on it: a stale figure makes a run end less evenly, never wrong.
 */
const COST: Record<string, number> = {
  ocr: 14, recalc: 12, 'desk-ocr': 12, desk: 12, 'cli-safety': 12, round: 11, 'consolidate-recalc': 11, 'desk-round': 10, 'addin-pane-round': 10,
  'addin-pane-excel': 10, years: 9, 'readback-stream': 9, paint: 9, print: 8, pdftotext: 8, consolidate: 7, 'addin-pane': 7, 'tables-city': 6,
  'pdf-tables': 6, ooxml: 6, extract: 6, doc: 6, 'cli-bundle': 6, 'addin-office': 6, 'addin-files': 6, xlsx: 5, 'round-update': 5, 'real-files': 5,
  'odd-layouts': 5, cli: 5, 'blank-edges': 5, 'safe-io': 4, read: 4, 'ooxml-years': 4, narrative: 4, generate: 4, 'cli-folders': 4, arrivals: 4,
  'addin-years': 4, 'addin-levels': 4, 'xlsx-rows': 3, t2s: 3, runtogether: 3, property: 3, 'lost-labels': 3, 'findings-words': 3, docs: 3,
};
const DEFAULT_COST = 2;
const cost = (file: string) => COST[basename(file, '.test.ts')] ?? DEFAULT_COST;

/**
 * A full run's files share this many processes. Each file in a process of its own paid node's
 * start-up, its bundle's loading and the JIT's warming up of the same reader and writers again
 * (22 of the short files: 34 CPU-seconds alone, 20 together). GOUJI_TEST_GROUPS=n sets it.
 */
const GROUPS = Number(process.env.GOUJI_TEST_GROUPS) || CONCURRENCY;

const all = readdirSync(TESTS).filter((f) => f.endsWith('.test.ts')).sort();
const asked = process.argv.slice(2);
const sources = asked.length ? asked.map((f) => resolve(f)) : all.map((f) => join(TESTS, f));

/**
 * What each test process runs: a full run's files in GROUPS processes of about equal cost (each
 * file, the costliest first, joins the group that costs least so far), so that they end at about
 * the same time; files asked for by name, or run through tsx, one a process.
 */
function entries(): (string | Group)[] {
  if (asked.length || process.env.GOUJI_TEST_TSX === '1') return sources;
  const groups = Array.from({ length: GROUPS }, (_, k) => ({ name: `together-${k + 1}`, files: [] as string[], cost: 0 }));
  for (const f of [...sources].sort((a, b) => cost(b) - cost(a))) {
    const g = groups.reduce((least, x) => (x.cost < least.cost ? x : least));
    g.files.push(f);
    g.cost += cost(f);
  }
  return groups.filter((g) => g.files.length).map(({ name, files }) => ({ name, files }));
}

/** node's arguments but tsx's loader */
function withoutTsx(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '--import' || args[i] === '--loader') && args[i + 1] === 'tsx') i++;
    else if (args[i] !== '--import=tsx' && args[i] !== '--loader=tsx') out.push(args[i]!);
  }
  return out;
}

// one LibreOffice, one Chromium and one jing for all the files that use them, starting while the files are bundled
const uses = (module: RegExp) => sources.some((f) => module.test(readFileSync(f, 'utf8')));
const office = uses(/\/support\/libreoffice\.ts'/) ? startOfficeServer() : null;
const browser = uses(/\/support\/(pane|offline-page|scans|browser)\.ts'/) ? startBrowserServer() : null;
const schemas = uses(/\/support\/ooxml\.ts'/) ? startJingServer() : null;

let files = sources;
let bundled: Record<string, string> = {};
if (process.env.GOUJI_TEST_TSX !== '1') {
  try {
    const plan = entries();
    ({ files, env: bundled } = await bundleFiles(plan, { cli: uses(/\bgoujiBundle\(/), shim: uses(/\bofficeShim\(/) }));
    for (const g of plan) if (typeof g !== 'string') console.log(`# ${g.name}：${g.files.map((f) => basename(f, '.test.ts')).join('、')}`);
    // the test processes start with this process's node arguments: the bundles need no tsx, and their source maps are read;
    // a young generation of 64 MB, where the tests' short-lived reports and workbooks die without being copied (node's
    // default is 16 MB): the two groups of short files of that time took 3 to 10 % less CPU (four runs each, interleaved);
    // and V8 on the test's own thread, its garbage collection and compiling too: the cores are busy with the other files, and
    // V8's helper threads only added the cost of sharing the work (two interleaved pairs each: the collector alone on the
    // thread, 200.6 and 210.0 → 192.6 and 203.2 CPU-s; then the compiler too, 234.0 and 258.7 → 221.4 and 242.1)
    process.execArgv = [...withoutTsx(process.execArgv), '--enable-source-maps', '--max-semi-space-size=64', '--single-threaded'];
  } catch {
    // esbuild has printed why (a file that does not compile): through tsx, that file fails on its own and the others run
    console.log('# 测试文件未能打包，改经 tsx 逐个加载运行。');
  }
}

// the test processes inherit this environment
const [soffice, chromium, jing] = await Promise.all([office, browser, schemas]);
Object.assign(process.env, bundled, soffice?.env, chromium?.env, jing?.env);
// installed but not started: each test file then starts its own (slower, not wrong); one not installed, the files say so
if (office && !soffice && findSoffice()) console.log('# 没能启动共用的 LibreOffice：各测试文件各自启动。');
if (browser && !chromium && CHROMIUM) console.log('# 没能启动共用的 Chromium：各测试文件各自启动。');
if (schemas && !jing && !ooxmlSkip()) console.log('# 没能启动共用的 jing：各测试文件的架构校验各自启动。');
if (soffice) {
  // the office runs in a process group of its own: a signal that ends the run ends it too
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      soffice.stop();
      process.kill(process.pid, signal);
    });
  }
}

const stream = run({ files, concurrency: CONCURRENCY });
// the run is over: the shared office and browser go with it (the browser would keep this process alive)
stream.once('end', () => {
  soffice?.stop();
  jing?.stop();
  void chromium?.stop();
});
stream.on('test:fail', (t) => {
  if (t.todo === undefined) process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
