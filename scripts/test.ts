/**
 * `npm test`: every tests/*.test.ts through node's test runner, three processes at a time,
 * the longest first: the longest files one a process, the others together in two (GROUPS).
 * (node --test sorts the files by name, so the longest ones, started last, ran on alone at the
 * end.) Arguments, if any, are the test files to run instead, one a process.
 *
 *   npm test                          all of them
 *   npm test -- tests/ooxml.test.ts   one file, the same way
 *
 * Each file runs as one JavaScript module that esbuild made of it and of the project's modules
 * it imports (./test-bundle.ts): loading a test's TypeScript module by module through tsx cost
 * each test process about a second of CPU, some fifty seconds of a run. `node --import tsx
 * --test tests/x.test.ts` runs the same tests unbundled; GOUJI_TEST_TSX=1 npm test runs them all that way.
 *
 * One LibreOffice and one Chromium serve all the files of a run (tests/support/libreoffice.ts,
 * browser.ts): each would otherwise start its own for every conversion and every browser test,
 * a CPU-second or two each time. A file run on its own with `node --test` starts its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { CHROMIUM, startBrowserServer } from '../tests/support/browser.ts';
import { findSoffice, startOfficeServer } from '../tests/support/libreoffice.ts';
import { bundleFiles, ROOT, type Group } from './test-bundle.ts';

const TESTS = join(ROOT, 'tests');

/**
 * Files side by side: one more than the cores, since most files also wait on LibreOffice,
 * Chromium, java or a child process (3 on the 2-core test machine). GOUJI_TEST_JOBS=n sets it.
 */
const CONCURRENCY = Number(process.env.GOUJI_TEST_JOBS) || availableParallelism() + 1;

/**
 * The longest files (a serial run on the 2-core test machine), each in a process of its own,
 * in this order, after the groups; a file not named here runs in a group.
 */
const LONGEST = [
  'recalc', 'cli-safety', 'desk', 'ocr', 'paint', 'consolidate-recalc', 'addin-pane-round', 'desk-ocr', 'round', 'real-files',
  'addin-office', 'desk-round', 'readback-stream', 'cli', 'addin-pane-excel', 'print', 'pdftotext', 'years', 'pdf-tables', 'ooxml',
];

/**
 * The other files of a full run share processes, this many of them: each file alone paid
 * node's start-up, its bundle's loading and the JIT's warming up of the same reader and
 * writers again (22 of the short files: 34 CPU-seconds alone, 20 together).
 */
const GROUPS = 2;

const all = readdirSync(TESTS).filter((f) => f.endsWith('.test.ts')).sort();
const rank = (f: string) => {
  const i = LONGEST.indexOf(f.replace(/\.test\.ts$/, ''));
  return i < 0 ? LONGEST.length : i;
};
const asked = process.argv.slice(2);
const sources = asked.length ? asked.map((f) => resolve(f)) : all.sort((a, b) => rank(a) - rank(b)).map((f) => join(TESTS, f));

/**
 * What each test process runs: a full run's longest files alone, the others in GROUPS
 * processes (started first: each takes longer than any file alone); files asked for by name,
 * or run through tsx, one a process.
 */
function entries(): (string | Group)[] {
  if (asked.length || process.env.GOUJI_TEST_TSX === '1') return sources;
  const alone = sources.filter((f) => rank(basename(f)) < LONGEST.length);
  const rest = sources.filter((f) => !alone.includes(f));
  const groups: Group[] = Array.from({ length: GROUPS }, (_, k) => ({ name: `together-${k + 1}`, files: rest.filter((_, i) => i % GROUPS === k) }));
  return [...groups.filter((g) => g.files.length), ...alone];
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

// one LibreOffice and one Chromium for all the files that use them, starting while the files are bundled
const uses = (module: RegExp) => sources.some((f) => module.test(readFileSync(f, 'utf8')));
const office = uses(/\/support\/libreoffice\.ts'/) ? startOfficeServer() : null;
const browser = uses(/\/support\/(pane|offline-page|scans|browser)\.ts'/) ? startBrowserServer() : null;

let files = sources;
if (process.env.GOUJI_TEST_TSX !== '1') {
  try {
    const plan = entries();
    files = await bundleFiles(plan);
    for (const g of plan) if (typeof g !== 'string') console.log(`# ${g.name}：${g.files.map((f) => basename(f, '.test.ts')).join('、')}`);
    // the test processes start with this process's node arguments: the bundles need no tsx, and their source maps are read;
    // a young generation of 64 MB, where the tests' short-lived reports and workbooks die without being copied (node's
    // default is 16 MB): the two groups took 3 to 10 % less CPU (four runs each, interleaved)
    process.execArgv = [...withoutTsx(process.execArgv), '--enable-source-maps', '--max-semi-space-size=64'];
  } catch {
    // esbuild has printed why (a file that does not compile): through tsx, that file fails on its own and the others run
    console.log('# 测试文件未能打包，改经 tsx 逐个加载运行。');
  }
}

// the test processes inherit this environment
const [soffice, chromium] = await Promise.all([office, browser]);
Object.assign(process.env, soffice?.env, chromium?.env);
// installed but not started: each test file then starts its own (slower, not wrong); one not installed, the files say so
if (office && !soffice && findSoffice()) console.log('# 没能启动共用的 LibreOffice：各测试文件各自启动。');
if (browser && !chromium && CHROMIUM) console.log('# 没能启动共用的 Chromium：各测试文件各自启动。');
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
  void chromium?.stop();
});
stream.on('test:fail', (t) => {
  if (t.todo === undefined) process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
