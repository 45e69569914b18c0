/**
 * The built pane (dist/) and the offline copy (dist-offline/gouji.html) for the browser tests:
 * rebuilt only when something they are made from is newer, and one build at a time across the
 * test files, which run side by side — webpack's production build empties dist/, the offline
 * build's parts included. `bash scripts/setup.sh` builds both once, so that `npm test` on a
 * fresh clone finds them fresh; a test still rebuilds whatever an edit has made stale.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOffline, OFFLINE_HTML } from '../../scripts/build-offline.ts';
import { alive } from '../../scripts/alive.ts';
import { newest } from '../../cli/bundled.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const PANE_HTML = join(ROOT, 'dist', 'taskpane.html');
const LOCK = join(ROOT, '.build.lock');

const fresh = (out: string, sources: string[]) => existsSync(out) && statSync(out).mtimeMs > Math.max(...sources.map((p) => newest(join(ROOT, p))));

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** run `build` holding the lock directory (mkdir is atomic); a lock whose process is gone is taken over */
function locked(build: () => void): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        // not written yet, or the lock just went
      }
      // no pid yet: the holder is between mkdir and writing it, or died there (then the lock grows old)
      const orphan = pid ? !alive(pid) : Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 30_000;
      if (orphan) rmSync(LOCK, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

const PANE_SOURCES = ['addin', 'core', 'assets', 'manifest.xml', 'webpack.config.js', 'package.json'];
const OFFLINE_SOURCES = ['addin', 'core', 'assets', 'webpack.config.js', 'package.json', 'scripts/build-offline.ts'];

/** the pane as `npm run build`'s webpack makes it, in dist/ */
export function buildPane(): void {
  if (fresh(PANE_HTML, PANE_SOURCES)) return;
  locked(() => {
    // another test file may have built it while this one waited
    if (fresh(PANE_HTML, PANE_SOURCES)) return;
    execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe', timeout: 600_000 });
  });
}

/** the offline copy as `npm run build` makes it; its path */
export function builtOffline(): string {
  if (fresh(OFFLINE_HTML, OFFLINE_SOURCES)) return OFFLINE_HTML;
  locked(() => {
    if (!fresh(OFFLINE_HTML, OFFLINE_SOURCES)) buildOffline();
  });
  return OFFLINE_HTML;
}
