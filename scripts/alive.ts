import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** whether a process is still running (a lock or a build folder whose owner died is taken over) */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // it exists, owned by someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Whether `path` appears within `ms` while `child` runs: a server a test run starts (its office,
 * its jing) is ready once its pipe or socket exists; one that ends first, or never opens it, is not.
 */
export async function appears(path: string, child: ChildProcess, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms && child.exitCode === null && child.signalCode === null; waited += 50) {
    if (existsSync(path)) return true;
    await sleep(50);
  }
  return false;
}
