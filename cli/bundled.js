// Whether the command line's bundle (dist-cli/, scripts/build-cli.ts) may run: it must be newer than
// every source it was made of. Plain JavaScript: the bin shim asks before anything loads tsx.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** what the bundle is made of: the sources, and the packages bundled in (their lock changes with them) */
const SOURCES = ['cli', 'core', 'tsconfig.json', 'package-lock.json'].map((p) => join(ROOT, p));

/** the newest modification time under a path (a folder's own counts: removing a file changes it); the browser tests' builds use it too */
export function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** the bundle's entry as a file: URL when it is there and newer than every source, else null (GOUJI_TSX=1: always null) */
export function bundledEntry() {
  if (process.env.GOUJI_TSX === '1') return null;
  const entry = join(ROOT, 'dist-cli', 'gouji.mjs');
  try {
    return statSync(entry).mtimeMs > Math.max(...SOURCES.map(newest)) ? new URL('../dist-cli/gouji.mjs', import.meta.url).href : null;
  } catch {
    return null;
  }
}
