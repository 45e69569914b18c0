/**
 * A folder of a fictional county's reports as units send them: text in the paste layouts,
 * Markdown, web pages, Word .docx, a few with mistakes — plus, on request, the files a clerk's
 * folder also holds (an Office lock file, a note, an empty file, a damaged PDF). Written by the
 * project's own generator; used by the desk's browser test and the benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxPackage, generateReport, type AnyLayout, type ViolationKind } from '../../core/generate/index.ts';
import { manyUnits } from './county.ts';

const LAYOUTS: { layout: AnyLayout; ext: string }[] = [
  { layout: 'word-tabs', ext: 'txt' },
  { layout: 'html', ext: 'html' },
  { layout: 'docx', ext: 'docx' },
  { layout: 'word-cells', ext: 'txt' },
  { layout: 'markdown', ext: 'md' },
  { layout: 'pipe', ext: 'txt' },
  { layout: 'pdf-text', ext: 'txt' },
  { layout: 'traditional', ext: 'txt' },
];

const MISTAKES: ViolationKind[][] = [[], ['t3-cell'], [], ['t4-cell'], [], ['blank'], [], []];

export interface CountyFolder {
  dir: string;
  /** the units written, by file name */
  units: { file: string; unit: string }[];
  /** files in the folder that are not reports and must be listed as unreadable */
  unreadable: string[];
  /** files the folder rules pass over */
  skipped: string[];
}

export function writeCountyFolder(dir: string, n: number, opts: { county?: string; year?: number; hostile?: boolean; seed?: number } = {}): CountyFolder {
  const county = opts.county ?? '青岚县';
  const year = opts.year ?? 2024;
  mkdirSync(dir, { recursive: true });
  const units = manyUnits(county, n, opts.seed ?? 7);
  const out: CountyFolder = { dir, units: [], unreadable: [], skipped: [] };
  units.forEach((unit, i) => {
    const { layout, ext } = LAYOUTS[i % LAYOUTS.length]!;
    const g = generateReport(1000 + i, { format: 'gov2021', year, layout, unit, violations: MISTAKES[i % MISTAKES.length]! });
    const file = `${unit.name}.${ext}`;
    writeFileSync(join(dir, file), layout === 'docx' ? docxPackage(g.text) : g.text);
    out.units.push({ file, unit: unit.name });
  });
  if (opts.hostile) {
    writeFileSync(join(dir, '空白.txt'), '');
    writeFileSync(join(dir, '损坏的扫描件.pdf'), new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0x13]));
    out.unreadable.push('空白.txt', '损坏的扫描件.pdf');
    writeFileSync(join(dir, `~$${out.units[0]!.file}`), new Uint8Array([0, 1, 2]));
    writeFileSync(join(dir, 'README.md'), '# 说明\n本文件夹是各单位报送的年报。\n');
    out.skipped.push(`~$${out.units[0]!.file}`, 'README.md');
  }
  return out;
}
