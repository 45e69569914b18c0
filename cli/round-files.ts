/**
 * The collection round's files on disk: a roster (.xlsx, .txt, .csv) → its entries; a county
 * workbook → what it holds for the next round, refused when it is open in Excel, WPS or
 * LibreOffice, or was not made by gouji.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRoundState, isGoujiWorkbook, type RoundState } from '../core/round/readback.ts';
import type { Roster } from '../core/round/roster.ts';
import { rosterFromBytes } from '../core/round/roster-file.ts';
import { readLight, type LightWorkbook } from '../core/xlsx/cells.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

function bytesOf(path: string, what: string): Outcome<Uint8Array> {
  try {
    if (statSync(path).isDirectory()) return { ok: false, message: `“${path}”是一个文件夹，不是${what}。` };
    return { ok: true, value: new Uint8Array(readFileSync(path)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? `找不到${what}“${path}”，请检查路径和文件名。` : `无法读取${what}“${path}”（${code ?? (e as Error).message}）。` };
  }
}

export function readRosterFile(path: string): Outcome<Roster> {
  const b = bytesOf(path, '名单文件');
  return b.ok ? rosterFromBytes(b.value, path) : b;
}

/** Excel and WPS leave ~$name beside an open file, LibreOffice .~lock.name# */
export function openElsewhere(path: string): string | null {
  const dir = dirname(path);
  const name = basename(path);
  for (const lock of [`~$${name}`, `~$${name.slice(2)}`, `.~lock.${name}#`]) if (existsSync(join(dir, lock))) return lock;
  return null;
}

export interface CountyWorkbook {
  bytes: Uint8Array;
  wb: LightWorkbook;
  state: RoundState;
}

export function readCountyWorkbook(path: string): Outcome<CountyWorkbook> {
  if (!/\.xlsx$/i.test(path)) return { ok: false, message: `“${path}”不是 .xlsx 工作簿：请给出 gouji 生成的全县汇总工作簿。` };
  const lock = openElsewhere(path);
  if (lock) return { ok: false, message: `工作簿“${path}”正在 Excel、WPS 或 LibreOffice 中打开（有锁文件“${lock}”）：请先保存并关闭它，再运行本命令。未做任何修改。` };
  const b = bytesOf(path, '工作簿');
  if (!b.ok) return b;
  const wb = readLight(b.value);
  if (!wb) return { ok: false, message: `“${path}”不是可以读取的 Excel 工作簿（.xlsx）。未做任何修改。` };
  if (!isGoujiWorkbook(wb)) return { ok: false, message: `“${path}”不是 gouji 生成的全县汇总工作簿（没有“目录”和“明细”表）：为免覆盖别人的文件，不会改写它。` };
  return { ok: true, value: { bytes: b.value, wb, state: readRoundState(wb) } };
}
