/**
 * Debian's Chromium through playwright-core, for every browser test and the benchmark: where it
 * is, the arguments it runs with, and under `npm test` one browser for the whole run — started by
 * scripts/test.ts, each test process connects to it (its own contexts, isolated from the other
 * files') instead of starting a Chromium of its own, about a CPU-second each.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

// required, not imported: node lexes a CommonJS package imported from an ES module for its names, playwright-core's
// megabytes about 0.2 s of CPU in each test process that uses the browser
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** nothing that reaches the network on its own; Chinese as the clerk's browser speaks it */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--lang=zh-CN',
];

/** what scripts/test.ts tells the test processes: where the run's browser listens */
const SERVER = 'GOUJI_BROWSER_WS';

/** the run's browser when there is one, else a Chromium of this process's own; close() either way */
export function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!CHROMIUM) throw new Error('CI 中必须有 Chromium（apt-get install chromium）');
  const own = () => chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
  const ws = process.env[SERVER];
  // close() on a connected browser closes this process's contexts and disconnects; a run's browser that has gone, this process replaces
  if (ws && !extraArgs.length) return chromium.connect(ws).catch(own);
  return own();
}

/** one Chromium for a whole test run (scripts/test.ts): the environment that leads the test processes to it, or null */
export async function startBrowserServer(): Promise<{ env: Record<string, string>; stop: () => Promise<void> } | null> {
  if (!CHROMIUM) return null;
  try {
    // V8 on each thread's own: the cores are busy with the run's test processes, and V8's helper threads only added the cost
    // of sharing the work (two interleaved pairs of whole runs: 130.2 and 127.9 s → 122.4 and 118.1 s, 247.6 and 240.2 → 234.4
    // and 225.7 CPU-s)
    const server = await chromium.launchServer({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--js-flags=--single-threaded'] });
    return { env: { [SERVER]: server.wsEndpoint() }, stop: () => server.close() };
  } catch {
    // each test process launches its own, and says why if it cannot
    return null;
  }
}
