/**
 * LibreOffice as the test's spreadsheet engine: recompute workbooks (xlsx → xlsx with the
 * computed values written back) and export PDFs, many files per soffice call (about 1 s a
 * file, plus a start-up that dominates small batches). Under `npm test` one office serves the
 * whole run (startOfficeServer), which saves every call its start-up.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { columnLetter } from '../../core/sheet/model.ts';
import { readLight, type CellRead, type SheetCells } from '../../core/xlsx/cells.ts';
import { alive, appears } from '../../scripts/alive.ts';
import { which } from './which.ts';

const run = promisify(execFile);

export const findSoffice = (): string | null => which('soffice') ?? which('libreoffice');

/**
 * Skip with a plain message when LibreOffice is missing locally; in CI (CI=true) never skip:
 * the test then runs and fails, because there the proof must be made.
 */
export function libreOfficeSkip(): string | false {
  if (findSoffice() || process.env.CI === 'true') return false;
  return '没有找到 LibreOffice（soffice）：跳过重算测试。安装：apt-get install libreoffice-calc-nogui';
}

/**
 * A private profile that recalculates every formula when a file is opened, so that a cached
 * result left behind by an editor (exceljs, or Excel) can never stand in for the real one.
 */
function newProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-lo-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  const item = (path: string, prop: string, value: string) =>
    `<item oor:path="${path}"><prop oor:name="${prop}" oor:op="fuse"><value>${value}</value></prop></item>`;
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
      // 0: always recalculate on load
      item('/org.openoffice.Office.Calc/Formula/Load', 'OOXMLRecalcMode', '0'),
      item('/org.openoffice.Office.Calc/Formula/Load', 'ODFRecalcMode', '0'),
      '</oor:items>',
    ].join('\n'),
  );
  return dir;
}

/** what scripts/test.ts tells the test processes of the run's office: its profile, and its pid */
const SERVER_PROFILE = 'GOUJI_LO_PROFILE';
const SERVER_PID = 'GOUJI_LO_PID';

/**
 * One LibreOffice for a whole test run, started by scripts/test.ts. A `soffice --convert-to`
 * given the same profile hands its files over the office's pipe and returns once they are
 * written, instead of starting an office of its own (about two CPU-seconds a call). It is kept
 * open on a new, unsaved Writer document: with no document open, soffice ends after the first
 * conversion handed to it. Resolves when its pipe takes requests (the test processes are then
 * told of it through the environment), or null when it could not start.
 */
export async function startOfficeServer(): Promise<{ env: Record<string, string>; stop: () => void } | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const dir = newProfile();
  const name = `gouji-test-${process.pid}`;
  const office = spawn(soffice, [`-env:UserInstallation=file://${dir}`, '--headless', '--norestore', `--accept=pipe,name=${name};urp;`, 'private:factory/swriter'], {
    detached: true,
    stdio: 'ignore',
  });
  office.unref();
  const stop = () => {
    try {
      // its own process group: the soffice script, oosplash and soffice.bin
      process.kill(-office.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  // the UNO pipe opens after the pipe that takes --convert-to requests (osl's pipes live in /tmp)
  const pipe = join('/tmp', `OSL_PIPE_${process.getuid?.() ?? 0}_${name}`);
  if (await appears(pipe, office, 30_000)) return { env: { [SERVER_PROFILE]: dir, [SERVER_PID]: String(office.pid) }, stop };
  stop();
  return null;
}

let own: string | null = null;

/** the run's office while it lives, else a profile of this process's own (and an office of each call's own) */
function profileDir(): string {
  const dir = process.env[SERVER_PROFILE];
  if (dir && alive(Number(process.env[SERVER_PID]))) return dir;
  if (!own) {
    const made = newProfile();
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
    own = made;
  }
  return own;
}

/**
 * one soffice call over all the files with `filter`; the outputs, each under its own name with
 * extension `to` — `outputs` names them otherwise (a CSV of every sheet: one file a sheet)
 */
async function sofficeConvert(
  files: string[],
  filter: string,
  to: string,
  outDir: string,
  extra: string[],
  pkg: string,
  outputs = (f: string) => [join(outDir, basename(f).replace(/\.[^.]+$/, `.${to}`))],
): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error(`没有找到 LibreOffice（soffice）：CI 中必须安装 ${pkg}`);
  mkdirSync(outDir, { recursive: true });
  await run(soffice, [`-env:UserInstallation=file://${profileDir()}`, '--headless', '--norestore', ...extra, '--convert-to', filter, '--outdir', outDir, ...files], {
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const outs = files.flatMap(outputs);
  const missing = outs.filter((o) => !existsSync(o));
  if (missing.length) throw new Error(`LibreOffice 没有写出：${missing.join('、')}`);
  return outs;
}

export async function convert(files: string[], to: 'xlsx' | 'pdf', outDir: string): Promise<string[]> {
  const filter = to === 'xlsx' ? 'xlsx:Calc Office Open XML' : 'pdf:calc_pdf_Export';
  return sofficeConvert(files, filter, to, outDir, [], 'libreoffice-calc-nogui');
}

/** recompute workbooks: each comes back, computed, in outDir under its own name */
export const recalc = (files: string[], outDir: string) => convert(files, 'xlsx', outDir);

/**
 * Every sheet as CSV: comma, double quote, UTF-8, text cells quoted (so that the text "12" is
 * not the number 12), numbers as stored rather than as shown, all sheets (one file each).
 */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1';

/** a workbook's computed values, sheet by sheet, as LibreOffice left them */
export interface ComputedBook {
  names: string[];
  sheet(name: string): SheetCells | null;
}

/**
 * Recompute workbooks and read back only their values — for the tests that judge what the
 * formulas computed, not the file LibreOffice would save: written as CSV, half the office's
 * time of saving an .xlsx (a 50-sheet workbook: about 2.4 CPU-seconds against 5.5). Reading
 * back a workbook LibreOffice saved is consolidate-recalc.test.ts's and readback-stream.test.ts's.
 */
export async function recalcValues(files: string[], outDir: string): Promise<ComputedBook[]> {
  const names = files.map((f) => readLight(new Uint8Array(readFileSync(f)))!.names);
  // every sheet gets a file of its own: book-sheet.csv
  const csv = (f: string, sheet: string) => join(outDir, `${basename(f).replace(/\.[^.]+$/, '')}-${sheet}.csv`);
  await sofficeConvert(files, CSV_FILTER, 'csv', outDir, [], 'libreoffice-calc-nogui', (f) => names[files.indexOf(f)]!.map((n) => csv(f, n)));
  return files.map((f, k) => {
    const sheets = new Map<string, SheetCells>();
    return {
      names: names[k]!,
      sheet(name) {
        if (!names[k]!.includes(name)) return null;
        if (!sheets.has(name)) sheets.set(name, { name, cells: csvCells(readFileSync(csv(f, name), 'utf8')) });
        return sheets.get(name)!;
      },
    };
  });
}

/** LibreOffice's CSV (CSV_FILTER) as cells by address: quoted → text, 12.5% → 0.125, empty → no cell */
export function csvCells(csv: string): Map<string, CellRead> {
  const cells = new Map<string, CellRead>();
  let row = 1;
  let col = 1;
  let i = 0;
  while (i < csv.length) {
    let value: CellRead['value'] = null;
    if (csv[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        const q = csv.indexOf('"', i);
        if (q < 0) throw new Error(`CSV 引号没有闭合：第 ${row} 行`);
        text += csv.slice(i, q);
        i = q + 1;
        if (csv[i] !== '"') break;
        text += '"';
        i++;
      }
      value = text;
    } else {
      let end = i;
      while (end < csv.length && csv[end] !== ',' && csv[end] !== '\n' && csv[end] !== '\r') end++;
      const raw = csv.slice(i, end);
      i = end;
      if (raw !== '') {
        const n = Number(raw.endsWith('%') ? raw.slice(0, -1) : raw);
        value = raw === 'TRUE' || raw === 'FALSE' || Number.isNaN(n) ? raw : raw.endsWith('%') ? n / 100 : n;
      }
    }
    if (value !== null) cells.set(`${columnLetter(col)}${row}`, { value });
    if (csv[i] === ',') {
      col++;
      i++;
    } else {
      if (csv[i] === '\r') i++;
      if (csv[i] === '\n') i++;
      row++;
      col = 1;
    }
  }
  return cells;
}

/**
 * Documents through LibreOffice Writer, as a person saving a report would: a web page or a
 * Word file → .docx (Word 2007 XML), .doc (Word 97) or → PDF. One soffice call for all the files.
 */
export async function convertDocuments(files: string[], to: 'docx' | 'doc' | 'pdf', outDir: string, fromHtml = false): Promise<string[]> {
  const filter = { docx: 'docx:MS Word 2007 XML', doc: 'doc:MS Word 97', pdf: 'pdf:writer_pdf_Export' }[to];
  return sofficeConvert(files, filter, to, outDir, fromHtml ? ['--infilter=HTML (StarWriter)'] : [], 'libreoffice-writer-nogui');
}
