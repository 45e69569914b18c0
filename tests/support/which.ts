/** A program on PATH, as the shell finds it: without starting it (asking `x -version` starts a JVM, or an office). */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** the path of an executable of that name in a folder on PATH, or null */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}
