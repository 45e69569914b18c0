/**
 * The one way gouji writes a file: whole or not at all.
 *
 *   await writeWhole('全县2024.xlsx', bytes, { replace: force })
 *   await writeWhole('全县2024.xlsx', (emit) => writeXlsxStream(model, emit), { replace: force })
 *
 * The content (bytes, or a producer that emits chunks as it makes them) goes into a temporary
 * file in the target's folder (same file system, so the last step is a rename), is flushed to
 * disk (fsync), and only then takes the target's name: renamed over it when `replace` is set,
 * else linked to it, which fails if the target appeared meanwhile — so without --force an
 * existing file is never touched. Whatever happens before that step (an exception, a full
 * disk, Ctrl-C, SIGTERM, a closed terminal) the old file is as it was and the temporary file
 * is removed; a SIGKILL or a power cut can leave only the temporary file (named
 * `.目标名.gouji-…tmp`, hidden), never a broken target.
 *
 * Every writer uses this: `gouji xlsx`, `gouji consolidate`, and the writers to come
 * (`--into`, Word notices, `gouji tables`). write-file-atomic does the same for buffers but
 * always renames over the target; it cannot refuse an existing file atomically, and does not
 * take a stream, so one function here serves both.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { osReason } from './os-errors.ts';

export type Content = Uint8Array | ((emit: (chunk: Uint8Array) => void) => Promise<void> | void);

export interface WriteOptions {
  /** may an existing target be replaced (--force)? It is replaced only by a complete new file. */
  replace: boolean;
}

/** why a write failed, in Chinese; `exists` when the target is there and may not be replaced */
export type WriteFailure = { ok: false; exists: boolean; message: string };
export type WriteOutcome = { ok: true } | WriteFailure;

/** temporary files being written now: removed when a signal ends the process */
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBER: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function onSignal(signal: (typeof SIGNALS)[number]): void {
  for (const p of live) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  live.clear();
  // the exit a shell expects of a process ended by this signal
  process.exit(128 + SIGNAL_NUMBER[signal]);
}

function guard(tmp: string): void {
  if (!live.size) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(tmp);
}

function release(tmp: string): void {
  live.delete(tmp);
  if (!live.size) for (const s of SIGNALS) process.off(s, onSignal);
}

let counter = 0;
const tempName = (target: string) => join(dirname(target), `.${basename(target)}.gouji-${process.pid}-${++counter}.tmp`);

const failure = (target: string, e: unknown): WriteFailure => {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EEXIST') return { ok: false, exists: true, message: `输出文件“${target}”已存在，未覆盖。要覆盖它，请加上 --force。` };
  if (code === undefined && e instanceof Error) {
    // the writer's own refusal is Chinese already; anything else is a bug of ours
    const why = /[\u4e00-\u9fff]/.test(e.message) ? e.message : `程序出错（${e.message}），请把命令报告给维护者`;
    return { ok: false, exists: false, message: `无法写出“${target}”：${why}。原有的文件没有改动。` };
  }
  return { ok: false, exists: false, message: `无法写出“${target}”：${osReason(e)}。原有的文件没有改动。` };
};

/** Write `content` to `target` whole, or leave `target` as it was; see the module comment. */
export async function writeWhole(target: string, content: Content, opts: WriteOptions): Promise<WriteOutcome> {
  const tmp = tempName(target);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch (e) {
    return failure(target, e);
  }
  guard(tmp);
  let open = true;
  let stage: 'write' | 'name' = 'write';
  try {
    const emit = (b: Uint8Array) => {
      for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
    };
    if (content instanceof Uint8Array) emit(content);
    else await content(emit);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    stage = 'name';
    if (opts.replace) renameSync(tmp, target);
    else name(tmp, target);
    release(tmp);
    return { ok: true };
  } catch (e) {
    if (open) {
      try {
        closeSync(fd);
      } catch {
        // closing is all that is left to do
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created or already gone
    }
    release(tmp);
    // Windows refuses to replace a file another program holds open, with EPERM
    const code = (e as NodeJS.ErrnoException)?.code;
    if (stage === 'name' && opts.replace && (code === 'EPERM' || code === 'EACCES') && process.platform === 'win32') {
      return failure(target, Object.assign(new Error(), { code: 'EBUSY' }));
    }
    return failure(target, e);
  }
}

/** give `tmp` the name `target` only if no file has it */
function name(tmp: string, target: string): void {
  try {
    // a link fails when the target exists: the check and the naming are one step
    linkSync(tmp, target);
    unlinkSync(tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    // a file system without hard links (a FAT USB stick): check, then rename
    if (existsSync(target)) throw Object.assign(new Error(), { code: 'EEXIST' });
    renameSync(tmp, target);
  }
}
