/**
 * The command line as users run it, bundled: dist-cli/gouji.mjs runs main() of cli/main.ts,
 * each command a module of its own loaded when it runs (as cli/main.ts imports them), the
 * packages in it but for those ./node-bundle.ts leaves to node_modules. cli/gouji.js starts from
 * it while it is newer than every source it was made of, the packages' lock included (it says
 * which), and through tsx otherwise — right after `npm ci`, or after an edit. Through tsx,
 * `gouji check` of one report cost about a second of CPU (its modules compiled one by one,
 * every named function renamed as it is made); bundled, 0.4 s.
 *
 *   npm run build:cli   (part of npm run build) → dist-cli/
 *
 * A gouji already running may still load a command's module from an earlier build: files are
 * only added (their names carry a hash of their contents), each written whole under a
 * temporary name and renamed; the entry last. Modules no build has written for a day are removed.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const DAY = 24 * 3600 * 1000;

/** the bundle's entry, a module in cli/: main() of cli/main.ts, as cli/gouji.js runs it */
export const CLI_ENTRY = `import { main } from './main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n`;

/**
 * The bundle of `root`'s command line in `out` (its dist-cli/); the entry's path. `extra`: what
 * scripts/test-bundle.ts adds for the copy its tests spawn from .test-build/ (its plugin and source maps).
 */
export async function buildCli(root = ROOT, out = join(root, 'dist-cli'), extra: Pick<BuildOptions, 'plugins' | 'sourcemap'> = {}): Promise<string> {
  // the bundle is as old as the sources when the build began: a source saved during the build makes it stale
  const began = new Date();
  const result = await build({
    stdin: { contents: CLI_ENTRY, resolveDir: join(root, 'cli'), sourcefile: 'gouji-entry.ts', loader: 'ts' },
    ...NODE_BUNDLE,
    splitting: true,
    // the messages as written, not \u-escaped
    charset: 'utf8',
    outdir: out,
    entryNames: 'gouji',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    logLevel: 'warning',
    ...extra,
  });
  mkdirSync(out, { recursive: true });
  const written = new Set<string>();
  const put = (path: string, bytes: Uint8Array) => {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    written.add(path);
  };
  const main = result.outputFiles.find((f) => f.path === join(out, 'gouji.mjs'))!;
  for (const f of result.outputFiles) if (f !== main) put(f.path, f.contents);
  put(main.path, main.contents);
  utimesSync(main.path, began, began);
  for (const name of readdirSync(out)) {
    const path = join(out, name);
    if (!written.has(path) && Date.now() - statSync(path).mtimeMs > DAY) rmSync(path, { force: true });
  }
  return main.path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`已生成命令行：${await buildCli()}`);
}
