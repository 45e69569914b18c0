/**
 * What a clerk drops or picks → the files to read, with the CLI's folder rules (core/intake):
 * a folder is walked (iteratively: a deep tree cannot overflow the stack), hidden files, Office
 * lock files and the folder's own notes are passed over and counted; a file picked by itself is
 * always read, whatever its name.
 */
import { readInFolder, skippedInFolder } from '../../core/intake.ts';

export interface Picked {
  /** the path within what was dropped (folder/file.docx), or the file's name */
  path: string;
  file: File;
}

export interface Gathered {
  files: Picked[];
  /** passed over: lock files, hidden files, notes */
  skipped: string[];
  /** in a folder, of a kind gouji does not read */
  other: string[];
}

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** in the order the command line reads a folder (its names sorted by code unit), so both doors list alike */
const byPath = (a: Picked, b: Picked) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** files picked one by one, or from a folder picker (webkitRelativePath tells which) */
export function fromFileList(list: FileList | File[]): Gathered {
  const out: Gathered = { files: [], skipped: [], other: [] };
  for (const file of Array.from(list)) {
    const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
    if (!rel) {
      out.files.push({ path: file.name, file });
      continue;
    }
    // inside a folder: every part of the path counts (a hidden folder's files are hidden too)
    if (rel.split('/').some(skippedInFolder)) out.skipped.push(rel);
    else if (readInFolder(file.name)) out.files.push({ path: rel, file });
    else out.other.push(rel);
  }
  out.files.sort(byPath);
  return out;
}

const entryFile = (e: FileSystemFileEntry) => new Promise<File>((resolve, reject) => e.file(resolve, reject));

async function allEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  // readEntries gives a batch at a time (100 in Chromium) until an empty one
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return out;
    out.push(...batch);
  }
}

/** what was dropped: files and whole folders */
export async function fromDrop(items: DataTransferItemList): Promise<Gathered> {
  const out: Gathered = { files: [], skipped: [], other: [] };
  const stack: { entry: FileSystemEntry; inFolder: boolean }[] = [];
  const loose: File[] = [];
  for (const item of Array.from(items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) stack.push({ entry, inFolder: false });
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  const seen = new Set<FileSystemEntry>();
  while (stack.length) {
    const { entry, inFolder } = stack.pop()!;
    if (seen.has(entry)) continue;
    seen.add(entry);
    const path = entry.fullPath.replace(/^\//, '');
    if (inFolder && skippedInFolder(entry.name)) {
      out.skipped.push(path);
      continue;
    }
    if (entry.isDirectory) {
      for (const child of await allEntries(entry as FileSystemDirectoryEntry)) stack.push({ entry: child, inFolder: true });
    } else if (!inFolder || readInFolder(entry.name)) {
      out.files.push({ path, file: await entryFile(entry as FileSystemFileEntry) });
    } else out.other.push(path);
  }
  for (const f of loose) out.files.push({ path: f.name, file: f });
  out.files.sort(byPath);
  return out;
}

/** a sentence about what was passed over, or '' */
export function passedOver(g: Gathered): string {
  const parts: string[] = [];
  const locks = g.skipped.filter((p) => base(p).startsWith('~$'));
  if (locks.length) parts.push(`${locks.length} 个 Office 临时文件（~$ 开头，文件正在 Word/Excel 中打开时产生）`);
  const rest = g.skipped.length - locks.length;
  if (rest) parts.push(`${rest} 个隐藏文件或说明文件`);
  if (g.other.length) parts.push(`${g.other.length} 个其他类型的文件（如 ${base(g.other[0]!)}）`);
  return parts.length ? `已跳过${parts.join('、')}。` : '';
}
