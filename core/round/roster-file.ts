/**
 * A roster file's bytes → the roster: the first sheet of an .xlsx, or text/CSV in any of the
 * encodings the reader decodes. Browser-safe, so the CLI (--roster) and the desk read a roster
 * the same way.
 */
import { decode } from '../extract/decode.ts';
import { addr, extent } from '../sheet/model.ts';
import { readLight } from '../xlsx/cells.ts';
import { parseRoster, rosterFromText, type Roster } from './roster.ts';

export type RosterOutcome = { ok: true; value: Roster } | { ok: false; message: string };

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

export function rosterFromBytes(bytes: Uint8Array, name: string): RosterOutcome {
  if (/\.xlsx$/i.test(name) || isZip(bytes)) {
    const wb = readLight(bytes);
    const first = wb?.names[0];
    const s = first !== undefined ? wb!.sheet(first) : null;
    if (!s) return { ok: false, message: `名单文件“${name}”不是可以读取的 Excel 工作簿（请另存为 .xlsx，或每行一个单位的 .txt/.csv）。` };
    const { rows, cols } = extent(s.cells.keys());
    const grid = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => s.cells.get(addr(c + 1, r + 1))?.value ?? ''));
    return { ok: true, value: parseRoster(grid, `名单“${name}”`) };
  }
  const d = decode(bytes);
  if (!d.ok) return { ok: false, message: `名单文件“${name}”：${d.message}` };
  return { ok: true, value: rosterFromText(d.text, `名单“${name}”`) };
}
