/**
 * TypeScript modules bundled by esbuild (tsx's own compiler) into one JavaScript module each,
 * for the test processes: loading a test's modules one by one through tsx cost each process
 * about a second of CPU. Packages are bundled in as for the command line (./node-bundle.ts);
 * those left out resolve from node_modules, so the bundles live inside the checkout, in
 * .test-build/. Each module keeps its own import.meta.url, so that paths beside it resolve as
 * before; linked source maps point errors at the TypeScript.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { alive } from './alive.ts';
import { buildCli, CLI_ENTRY } from './build-cli.ts';
import { NODE_BUNDLE } from './node-bundle.ts';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const BUILD = join(ROOT, '.test-build');

/** import.meta.url as the project module's own (TypeScript, or cli/bundled.js), not the bundle's */
const ownUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[tj]s$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.js') ? 'js' : 'ts' };
    });
  },
};

const OPTIONS: BuildOptions = {
  ...NODE_BUNDLE,
  sourcemap: 'linked',
  // the TypeScript is on disk beside them; written into the map it made each test process parse megabytes more
  sourcesContent: false,
  plugins: [ownUrl],
  logLevel: 'warning',
};

/** a folder of .test-build for this process, removed when it exits (and, if it was killed, by the next run) */
function folder(name: string): string {
  for (const f of existsSync(BUILD) ? readdirSync(BUILD) : []) {
    const pid = /^(?:[a-z]+-)?(\d+)$/.exec(f)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(BUILD, f), { recursive: true, force: true });
  }
  const out = join(BUILD, `${name}-${process.pid}`);
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  return out;
}

/** the command line's entry among the groups' (no group is named so) */
const CLI = 'gouji';

/** a group of test files run in one process: its name, and the files it imports in order */
export interface Group {
  name: string;
  files: string[];
}

/** a group's entry: a module made of nothing but imports of its files, in order (each file's tests register as it loads) */
const groups = (list: Group[]): Plugin => ({
  name: 'test-groups',
  setup(b) {
    b.onResolve({ filter: /^test-group:/ }, (args) => ({ path: args.path.slice('test-group:'.length), namespace: 'test-group' }));
    b.onLoad({ filter: /.*/, namespace: 'test-group' }, (args) =>
      args.path === CLI
        ? { contents: CLI_ENTRY, resolveDir: join(ROOT, 'cli'), loader: 'ts' }
        : { contents: list.find((g) => g.name === args.path)!.files.map((f) => `import ${JSON.stringify(f)};`).join('\n'), resolveDir: ROOT, loader: 'js' },
    );
  },
});

/** what scripts/test.ts tells the test processes: the command line and the Office.js double it bundled with their files */
const CLI_BUNDLE = 'GOUJI_TEST_CLI_BUNDLE';
const OFFICE_SHIM = 'GOUJI_TEST_OFFICE_SHIM';

/** the Office.js double (tests/support/office-shim.ts) as one script for the browser */
const SHIM: BuildOptions = { entryPoints: [join(ROOT, 'tests/support/office-shim.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' };

/**
 * each file, or group of files, bundled under this process's folder; the bundles' paths, in
 * order. A group's bundle is one module that loads its files one after the other. With `cli`,
 * the command line is bundled with them, sharing their chunks; with `shim`, the Office.js double
 * beside them: `env` leads goujiBundle() and officeShim() to them (one esbuild for the run,
 * instead of one more in each test process that needs them).
 */
export async function bundleFiles(entries: (string | Group)[], opts: { cli?: boolean; shim?: boolean } = {}): Promise<{ files: string[]; env: Record<string, string> }> {
  const out = folder('run');
  const list = entries.filter((e): e is Group => typeof e !== 'string');
  const outName = (e: string | Group) => (typeof e === 'string' ? relative(ROOT, e).replace(/\.ts$/, '') : join('tests', e.name));
  const env: Record<string, string> = {};
  const shim = join(out, 'office-shim.js');
  await Promise.all([
    opts.shim ? build({ ...SHIM, outfile: shim }).then(() => (env[OFFICE_SHIM] = shim)) : null,
    build({
      ...OPTIONS,
      plugins: [...OPTIONS.plugins!, groups(list)],
      entryPoints: [
        ...entries.map((e) => ({ in: typeof e === 'string' ? e : `test-group:${e.name}`, out: outName(e) })),
        ...(opts.cli ? [{ in: `test-group:${CLI}`, out: CLI }] : []),
      ],
      outdir: out,
      outExtension: { '.js': '.mjs' },
      // what the files share (the reader, the writers, exceljs…) written once, in chunks each process imports: one bundle
      // a file, each with its own copy, came to 113 MB with their maps and about 8 CPU-seconds of esbuild; 10 MB and 3 split
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    }),
  ]);
  if (opts.cli) env[CLI_BUNDLE] = join(out, `${CLI}.mjs`);
  return { files: entries.map((e) => join(out, `${outName(e)}.mjs`)), env };
}

let cli: Promise<string> | undefined;

/**
 * The command line as `npm run build` bundles it (scripts/build-cli.ts), for tests that spawn it
 * many times (its start-up through cli/gouji.js and tsx is about a second of CPU a process): made
 * from the sources as they are, each module keeping its own import.meta.url — under `npm test`
 * with the test files (bundleFiles), else once per test process. cli.test.ts spawns cli/gouji.js itself.
 */
export function goujiBundle(): Promise<string> {
  const bundled = process.env[CLI_BUNDLE];
  cli ??= bundled && existsSync(bundled) ? Promise.resolve(bundled) : buildCli(ROOT, folder('cli'), { plugins: [ownUrl], sourcemap: 'linked' });
  return cli;
}

/** the Office.js double's script, for the pane tests that run inside "Excel": under `npm test` as bundleFiles made it, else made here */
export async function officeShim(): Promise<string> {
  const made = process.env[OFFICE_SHIM];
  if (made && existsSync(made)) return readFileSync(made, 'utf8');
  return (await build({ ...SHIM, write: false })).outputFiles![0]!.text;
}
