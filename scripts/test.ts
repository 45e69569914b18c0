/**
 * `npm test`: every tests/*.test.ts through node's test runner, three files at a time, the
 * longest first. (node --test sorts the files by name, so the longest ones, started last,
 * ran on alone at the end.) Arguments, if any, are the test files to run instead.
 *
 *   npm test                          all of them
 *   npm test -- tests/ooxml.test.ts   one file, the same way
 *
 * Each file runs as one JavaScript module that esbuild (tsx's compiler) made of it and of the
 * project's modules it imports: loading a test's TypeScript module by module through tsx
 * cost each test process about a second of CPU, some fifty seconds of a run. Packages stay
 * packages, each module keeps its own import.meta.url (paths beside it resolve as before), and
 * the source maps point failures at the TypeScript lines. `node --import tsx --test tests/x.test.ts`
 * runs the same tests unbundled; GOUJI_TEST_TSX=1 npm test runs them all that way.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const TESTS = join(ROOT, 'tests');

/** files side by side: two cores, and most files wait on LibreOffice, Chromium, java or a child process */
const CONCURRENCY = 3;

/**
 * The longest files (a serial run on the 2-core test machine), started first. Only the
 * order: a file not named here runs after these, by name.
 */
const LONGEST = [
  'recalc', 'cli-safety', 'desk-ocr', 'ocr', 'consolidate-recalc', 'pdftotext', 'round', 'desk', 'paint', 'readback-stream',
  'addin-pane-round', 'addin-office', 'addin-pane-excel', 'desk-round', 'years', 'ooxml', 'real-files', 'cli', 'print', 'pdf-tables',
];

/** where the bundles of this run go: inside the checkout, so that their packages resolve from node_modules */
const BUILD = join(ROOT, '.test-build');

/** import.meta.url as the TypeScript module's own, not the bundle's */
const ownUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** each test file as one module (its path under this run's folder of .test-build) */
async function bundled(files: string[]): Promise<string[]> {
  const out = join(BUILD, String(process.pid));
  // what a run that was stopped left behind
  for (const pid of existsSync(BUILD) ? readdirSync(BUILD) : []) if (/^\d+$/.test(pid) && !alive(Number(pid))) rmSync(join(BUILD, pid), { recursive: true, force: true });
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  await build({
    entryPoints: files,
    outdir: out,
    outbase: ROOT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    plugins: [ownUrl],
    logLevel: 'warning',
  });
  return files.map((f) => join(out, relative(ROOT, f)).replace(/\.ts$/, '.mjs'));
}

const all = readdirSync(TESTS).filter((f) => f.endsWith('.test.ts')).sort();
const rank = (f: string) => {
  const i = LONGEST.indexOf(f.replace(/\.test\.ts$/, ''));
  return i < 0 ? LONGEST.length : i;
};
const asked = process.argv.slice(2);
const sources = asked.length ? asked.map((f) => resolve(f)) : all.sort((a, b) => rank(a) - rank(b)).map((f) => join(TESTS, f));

let files = sources;
if (process.env.GOUJI_TEST_TSX !== '1') {
  files = await bundled(sources);
  // the test processes start from this process's arguments: the bundles need no tsx, and their source maps are read
  process.execArgv = ['--enable-source-maps'];
}

const stream = run({ files, concurrency: CONCURRENCY });
stream.on('test:fail', (t) => {
  if (t.todo === undefined) process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
