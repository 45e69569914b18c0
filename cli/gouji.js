#!/usr/bin/env node
// The bin shim. `npm run build` leaves the command line bundled in dist-cli/ (scripts/build-cli.ts):
// it starts from there while the bundle is newer than every source it was made of; otherwise —
// right after `npm ci`, or after an edit — it runs the TypeScript through tsx, with no build step.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** what the bundle is made of */
const SOURCES = ['cli', 'core', 'tsconfig.json'].map((p) => join(ROOT, p));

/** the newest modification time under a path (a folder's own counts: removing a file changes it) */
function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function fresh(entry) {
  try {
    return statSync(entry).mtimeMs > Math.max(...SOURCES.map(newest));
  } catch {
    return false;
  }
}

const bundle = join(ROOT, 'dist-cli', 'gouji.mjs');
if (process.env.GOUJI_TSX !== '1' && fresh(bundle)) {
  await import(new URL('../dist-cli/gouji.mjs', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
