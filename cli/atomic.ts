/**
 * Files are written to a temp file beside the target and renamed over it: a reader never
 * sees half a file, and a failed write leaves the old file as it was. (A minimal helper for
 * the collection round's outputs; the project's shared one takes its place when it lands.)
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function writeAtomic(path: string, write: (emit: (b: Uint8Array) => void) => Promise<void> | void): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    await write((b) => {
      for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
    });
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never made
    }
    throw e;
  }
}

export const writeFileAtomic = (path: string, bytes: Uint8Array): Promise<void> => writeAtomic(path, (emit) => emit(bytes));
