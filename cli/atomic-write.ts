/**
 * Nothing lost: a file is written to a temp file beside the target and renamed over it, so a
 * failed write never leaves half a file, and an existing file is kept unless `force`.
 * (A minimal one until the project's shared helper lands; same contract.)
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** null when written, else the Chinese reason */
export function writeAtomic(target: string, bytes: Uint8Array, force: boolean): string | null {
  if (!force && existsSync(target)) return `输出文件“${target}”已存在，未覆盖。要覆盖它，请加上 --force。`;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
    return null;
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* the temp file was never made */
    }
    return `无法写入“${target}”（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），原有文件未动。`;
  }
}
