/**
 * The file picker and drop zone beside the paste box: every kind of file the command line
 * reads (.txt .md .html .docx .doc .wps .pdf, scans too) goes to a web worker that runs core's
 * extract(); the page shows each page's progress meanwhile and stays responsive.
 */
import type { Extracted } from '../../core/extract/extract.ts';
import { READABLE_EXTENSIONS } from '../../core/extract/extract.ts';
import { ReadingWorker } from '../desk/worker-client.ts';

/** about the CLI's limit: a report is tens of kilobytes, a scan a few megabytes */
const MAX_BYTES = 20 * 1024 * 1024;

export const ACCEPT = READABLE_EXTENSIONS.map((e) => `.${e}`).join(',');

export interface FileHandlers {
  /** the text read from the file, and where it came from */
  read(result: Extract<Extracted, { ok: true }>, name: string): void;
  failed(message: string): void;
  progress(message: string): void;
}

let worker: ReadingWorker | null = null;

/** through the pane's one reading worker (the desk's too) */
async function readInWorker(bytes: Uint8Array, name: string, onProgress: (m: string) => void): Promise<Extracted> {
  worker ??= new ReadingWorker();
  const got = await worker.extract(name, bytes, (text) => onProgress(`“${name}”：${text}`));
  return got ?? { ok: false, code: 'ocr_failed', message: `读取“${name}”已取消。` };
}

export async function readFile(file: File, on: FileHandlers): Promise<void> {
  if (file.size > MAX_BYTES) {
    on.failed(`文件“${file.name}”有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限，不像一份年度报告，请确认选对了文件。`);
    return;
  }
  on.progress(`正在读取“${file.name}”……`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = await readInWorker(bytes, file.name, on.progress);
  if (r.ok) on.read(r, file.name);
  else on.failed(`“${file.name}”：${r.message}`);
}

/** a file input and a drop zone (the paste box and the picker's label) feeding readFile */
export function wireFiles(input: HTMLInputElement, zones: HTMLElement[], on: FileHandlers): void {
  input.accept = ACCEPT;
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void readFile(f, on);
    input.value = '';
  });
  for (const z of zones) {
    z.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      z.classList.add('dropping');
    });
    z.addEventListener('dragleave', () => z.classList.remove('dropping'));
    z.addEventListener('drop', (e) => {
      const f = e.dataTransfer?.files?.[0];
      z.classList.remove('dropping');
      if (!f) return;
      e.preventDefault();
      void readFile(f, on);
    });
  }
}
