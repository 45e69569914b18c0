/**
 * Reading workbooks back by streaming (core/xlsx/read.ts): a county workbook of 70 units —
 * more than the exceljs reader could take — gives every unit's report as written; a
 * workbook edited in exceljs (inline strings, rich text, formulas with cached results) and
 * then saved by LibreOffice (shared strings, its own XML) reads back the same, and as the
 * exceljs reader reads it; a zip bomb is refused at 16 MB.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { cellIds } from '../core/format/cells.ts';
import type { Report } from '../core/report.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { buildWorkbook } from '../core/sheet/workbook.ts';
import { readLoaded } from '../core/xlsx/exceljs-read.ts';
import { readWorkbook, type WorkbookRead } from '../core/xlsx/read.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { zipEntries } from '../core/xlsx/unzip.ts';
import { writeXlsx } from '../core/xlsx/write.ts';
import { XmlScanner } from '../core/xlsx/xml-scan.ts';
import { countyReports } from './support/county.ts';
import { xlsxBomb } from './support/hostile.ts';
import { libreOfficeSkip, recalc } from './support/libreoffice.ts';
import { howMany } from './support/thorough.ts';

const values = (r: Report) => Object.fromEntries(cellIds(r.format).map((id) => [id, r.cells[id]?.value ?? null]));
const said = (r: Report) => ({ unit: r.unit, year: r.year, format: r.format, source: r.source, values: values(r), lines: r.lines });
const ok = (read: WorkbookRead) => {
  assert.ok(read.ok, read.ok ? '' : read.message);
  return read;
};

// 70 units unpack to some 18 MB, past the 16 MB asserted below (GOUJI_THOROUGH=1: 100, some 25 MB)
const UNITS = howMany(70, 100);

describe(`a county workbook of ${UNITS} units`, () => {
  it('reads back every unit’s report as written: numbers, blanks, unit, year, format, source, original lines', async () => {
    const reports = countyReports(UNITS, { county: '云岭县', seed: 5 });
    const c = consolidate(reports.map((report) => ({ report, source: report.source, kind: '文本' })));
    assert.ok(c.ok);
    const bytes = await xlsxBytes(c.workbook, NODE_CODEC);
    const unpacked = zipEntries(bytes)!.reduce((n, e) => n + e.size, 0);
    // beyond the 16 MB the exceljs reader was held to
    assert.ok(unpacked > 16 << 20, `${unpacked}`);
    const read = ok(await readWorkbook(bytes, '云岭县.xlsx'));
    assert.equal(read.problems.length, 0);
    // 汇总 (a standard sheet of formulas, nothing cached yet) and the units, in sheet order
    assert.deepEqual(read.reports.map((r) => r.sheet), ['汇总', ...c.units.map((u) => u.sheet)]);
    const bySheet = new Map(read.reports.map((r) => [r.sheet, r.report]));
    const byUnit = new Map(reports.map((r) => [r.unit, r]));
    for (const u of c.units) {
      const want = byUnit.get(u.unit)!;
      assert.deepEqual(said(bySheet.get(u.sheet)!), said(want), u.sheet);
    }
    assert.ok(reports.some((r) => r.format === 'gov2019') && reports.some((r) => r.format === 'gov2021'));
  });
});

/** the workbook with each worksheet's shared strings written inline (<is>), rich text as runs */
function inlined(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = text(name).replace(/<c r="([A-Z]+\d+)"( s="\d+")? t="s"><v>(\d+)<\/v><\/c>/g, (_, r: string, s: string | undefined, i: string) => `<c r="${r}"${s ?? ''} t="inlineStr"><is>${strings[Number(i)]}</is></c>`);
    files[name] = new TextEncoder().encode(xml);
  }
  return zipSync(files);
}

describe('a workbook edited and saved by other programs', { skip: libreOfficeSkip() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-readback-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads inline strings, rich text and cached formula results, before and after LibreOffice saved it, as the exceljs reader does', async () => {
    const reports = countyReports(3, { county: '白泉县', seed: 8 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(buildWorkbook(reports.map((report) => ({ report }))))) as unknown as ArrayBuffer);
    const layout = standardLayout(reports[0]!.format);
    const ws = wb.worksheets[0]!;
    // the unit's name in two fonts; a number typed over; two numbers as formulas, one of them 0
    ws.getCell(layout.meta.unit).value = { richText: [{ text: '白泉县' }, { text: reports[0]!.unit!.slice(3), font: { bold: true } }] };
    const [a, b, c] = Object.keys(layout.addresses).filter((id) => id.startsWith('t3.'));
    ws.getCell(layout.addresses[a!]!).value = 4321;
    ws.getCell(layout.addresses[b!]!).value = { formula: '1-1', result: 0 };
    ws.getCell(layout.addresses[c!]!).value = { formula: '2*3', result: 6 };
    const want = reports.map(said);
    want[0]!.values[a!] = 4321;
    want[0]!.values[b!] = 0;
    want[0]!.values[c!] = 6;

    // every text an inline string (as streaming writers write them), the rich one with its runs
    const inline = inlined(new Uint8Array(await wb.xlsx.writeBuffer()));
    assert.match(new TextDecoder().decode(unzipSync(inline)['xl/worksheets/sheet1.xml']), /t="inlineStr"><is><r>/);
    const path = join(dir, '编辑过.xlsx');
    writeFileSync(path, inline);
    const [saved] = await recalc([path], join(dir, 'lo'));
    const lo = new Uint8Array(readFileSync(saved!));

    for (const [name, bytes] of [['exceljs', inline], ['LibreOffice', lo]] as const) {
      const read = ok(await readWorkbook(bytes, path));
      assert.deepEqual(read.reports.map((r) => said(r.report)), want, name);
      const loaded = new ExcelJS.Workbook();
      await loaded.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      assert.deepEqual(read, readLoaded(loaded, path), `${name}: streaming and exceljs readers agree`);
    }
  });
});

describe('hostile archives', () => {
  it('refuses a zip bomb at 16 MB', async () => {
    const read = await readWorkbook(xlsxBomb(2048), '炸弹.xlsx');
    assert.equal(!read.ok && read.code, 'too_large');
    assert.match(read.ok ? '' : read.message, /^“炸弹.xlsx”：文件异常：解压后超过 16 MB（其中的 xl\/sharedStrings.xml 压缩比超过 200 倍/);
  });

  it('refuses a bomb in a worksheet part', async () => {
    const bytes = await writeXlsx(buildWorkbook([{ report: countyReports(1)[0]! }]));
    const parts = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(unzipSync(bytes))) parts.set(name, data);
    const sheet = [...parts.keys()].find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    // past the 16 MB floor, at a ratio of some thousand (64 MB proved no more, at three times the cost to pack)
    parts.set(sheet, new Uint8Array(20 << 20));
    const bomb = zipSync(Object.fromEntries(parts), { level: 6 });
    const read = await readWorkbook(bomb, 'b.xlsx');
    assert.match(read.ok ? '' : read.message, new RegExp(`文件异常：解压后超过 16 MB（其中的 ${sheet} 压缩比超过`));
  });

  it('says a damaged file is no workbook', async () => {
    const bytes = await writeXlsx(buildWorkbook([{ report: countyReports(1)[0]! }]));
    const read = await readWorkbook(bytes.subarray(0, bytes.length >> 1), 'half.xlsx');
    assert.equal(!read.ok && read.code, 'not_xlsx');
  });
});

describe('the XML scanner', () => {
  const xml =
    '<?xml version="1.0"?><!-- 注释 --><x:sheetData a=\'1\'><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 甲 &amp; 乙 &lt;&#x4E19;&#19969;&gt; </t></is></c>' +
    '<c r="B1" s="3"/><c r="C1" t="str"><f>IF(A1&gt;0,"&quot;x&quot;","")</f><v><![CDATA[a<b]]></v></c><dataValidation prompt="值 > 0"/></row></x:sheetData>';
  const events = (parts: string[]) => {
    const out: string[] = [];
    const scan = new XmlScanner({
      open: (n, a, self) => out.push(`<${n} ${JSON.stringify(a)}${self ? '/' : ''}>`),
      close: (n) => out.push(`</${n}>`),
      text: (t) => (out.length && out[out.length - 1]!.startsWith('"') ? (out[out.length - 1] = JSON.stringify(JSON.parse(out[out.length - 1]!) + t)) : out.push(JSON.stringify(t))),
    });
    for (const p of parts) scan.write(p);
    scan.end();
    return out;
  };

  it('gives the same tags, attributes and decoded text wherever the stream is cut', () => {
    const whole = events([xml]);
    assert.ok(whole.includes(JSON.stringify(' 甲 & 乙 <丙丁> ')), whole.join(''));
    assert.ok(whole.includes(JSON.stringify('IF(A1>0,""x"","")')), whole.join(''));
    assert.ok(whole.includes(JSON.stringify('a<b')));
    assert.ok(whole.includes('<dataValidation {"prompt":"值 > 0"}/>'));
    for (let i = 1; i < xml.length; i++) assert.deepEqual(events([xml.slice(0, i), xml.slice(i)]), whole, `cut at ${i}`);
  });
});
