/**
 * Files and folders on the command line → the report files to read. A folder is walked
 * (sorted, recursively) for the kinds gouji reads; a file named on the command line is
 * always read, whatever its name.
 */
import { READABLE_EXTENSIONS } from '../core/extract/extract.ts';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** what a folder may hold that gouji reads: text, Markdown, web pages, Word, PDF, standard sheets */
export const REPORT_EXTENSIONS = new Set<string>([...READABLE_EXTENSIONS, 'xlsx']);

const ext = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Passed over in a folder: hidden files, Office's lock files (~$名称.docx), and the folder's
 * own notes (README.md, 说明.txt): none is a report, and each would only be listed as unreadable.
 */
export function skippedInFolder(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /^(readme|license|changelog)(\.|$)/i.test(name) || /^(说明|使用说明|readme)\./i.test(name);
}

export interface Walked {
  files: string[];
  /** paths that are neither file nor folder: reported like an unreadable file */
  missing: string[];
}

/** the files to read, in order: as given, a folder's files sorted by path; `exclude` (the output) never */
export function reportFiles(paths: string[], exclude: string[] = []): Walked {
  const skip = new Set(exclude.map((p) => resolve(p)));
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const r = resolve(p);
    if (skip.has(r) || seen.has(r)) return;
    seen.add(r);
    files.push(p);
  };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      missing.push(dir);
      return;
    }
    for (const name of names) {
      if (skippedInFolder(name)) continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && REPORT_EXTENSIONS.has(ext(name))) add(p);
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
  return { files, missing };
}
