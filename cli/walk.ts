/**
 * Files and folders on the command line → the report files to read. A folder is walked
 * (sorted, into its subfolders) for the kinds gouji reads; a file named on the command line
 * is always read, whatever its name. Each file is read once, by its real path: a folder that
 * links back to itself, or one file reached by two paths, counts once.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { osReason } from './io/os-errors.ts';
import { readInFolder, skippedInFolder } from '../core/intake.ts';

/** Office's lock file beside a document open in Word or Excel: ~$青山镇.docx (mentioned when skipped) */
const isLockFile = (name: string) => name.startsWith('~$');

export interface Walked {
  files: string[];
  /** folders that could not be opened, with why in plain words: reported like an unreadable file */
  missing: { path: string; reason: string }[];
  /** skipped where the user would wonder why a file of theirs was not read, with the reason */
  notes: string[];
  /** the files found in a folder rather than named on the command line */
  found: Set<string>;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** the files to read, in order: as given, a folder's files sorted by path; `exclude` (the output) never */
export function reportFiles(paths: string[], exclude: string[] = []): Walked {
  const skip = new Set(exclude.map(real));
  const files: string[] = [];
  const missing: Walked['missing'] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const seenDirs = new Set<string>();
  const found = new Set<string>();
  const add = (p: string, inFolder = false) => {
    const r = real(p);
    if (skip.has(r) || seen.has(r)) return;
    seen.add(r);
    files.push(p);
    if (inFolder) found.add(p);
  };
  const walk = (top: string) => {
    // iterative, in the order a recursive walk of sorted names gives: a folder tree of any depth
    const stack: { path: string; dir: boolean }[] = [{ path: top, dir: true }];
    while (stack.length) {
      const item = stack.pop()!;
      if (!item.dir) {
        add(item.path, true);
        continue;
      }
      const dir = item.path;
      const r = real(dir);
      if (seenDirs.has(r)) continue; // a link back to a folder already walked
      seenDirs.add(r);
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch (e) {
        missing.push({ path: dir, reason: `无法打开文件夹“${dir}”：${osReason(e)}。` });
        continue;
      }
      const found: { path: string; dir: boolean }[] = [];
      for (const name of names) {
        const p = join(dir, name);
        if (skippedInFolder(name)) {
          if (isLockFile(name) && readInFolder(name)) {
            notes.push(`跳过了“${p}”：这是 Office 打开文档时留下的临时文件（锁定文件），不是年报。`);
          }
          continue;
        }
        let st;
        try {
          st = statSync(p);
        } catch {
          continue; // a dangling link
        }
        if (st.isDirectory()) found.push({ path: p, dir: true });
        else if (st.isFile() && readInFolder(name)) found.push({ path: p, dir: false });
      }
      for (let i = found.length - 1; i >= 0; i--) stack.push(found[i]!);
    }
  };
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // not there: reading it gives the Chinese reason
    }
    if (dir) walk(p);
    else add(p);
  }
  return { files, missing, notes, found };
}
