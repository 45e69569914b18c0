/**
 * The county workbook in a spreadsheet engine: `gouji consolidate` of 100 generated units,
 * then LibreOffice opens it and recalculates every formula (a private profile that forces a
 * full recalculation on load) and writes it back — the wall time of that one soffice call,
 * start-up included, and the workbook's size. Start-up alone (a one-cell workbook) is given
 * beside it, so the recalculation's own share can be read off.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { convert } from '../tests/support/libreoffice.ts';
import { county, runConsolidate } from './consolidate.ts';

export async function measureRecalc(): Promise<{ seconds: number; mb: number; startupSeconds: number }> {
  const root = mkdtempSync(join(tmpdir(), 'gouji-bench-recalc-'));
  try {
    county(join(root, 'u100'), 100);
    const book = join(root, 'county100.xlsx');
    runConsolidate(join(root, 'u100'), book);
    const mb = statSync(book).size / 2 ** 20;
    const tiny = join(root, 'tiny.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').getCell('A1').value = { formula: '1+1' };
    await wb.xlsx.writeFile(tiny);
    await convert([tiny], 'xlsx', join(root, 'warm')); // the first call builds the profile
    const timed = async (file: string, out: string) => {
      const t0 = performance.now();
      await convert([file], 'xlsx', join(root, out));
      return (performance.now() - t0) / 1000;
    };
    const startupSeconds = await timed(tiny, 'tiny');
    const seconds = await timed(book, 'out');
    return { seconds, mb, startupSeconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
