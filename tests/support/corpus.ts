/** The real-world corpus beside the checkout (../shared/corpus), read at run time, never copied. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMATS, T3_COLUMNS, T4_COLUMNS } from '../../core/format/tables.ts';
import type { FormatId } from '../../core/format/types.ts';

export const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const corpusPresent = existsSync(join(CORPUS, 'expected'));

/** the reports the core issue covers; the others need HTML, PDF or run-together cells */
export const CORE_SCOPE = [
  '000_848866cf5501e336.txt',
  '001_4fa24e464913b8eb.txt',
  '002_f29079d135fdfab1.txt',
  '003_60c3416880e5604d.txt',
  '004_6588988ea899e673.txt',
  'shanghai-stcsm-2024.md',
  'huaian-2024-pdftext.txt',
];

/** text reports of the arrivals issue: cells run together (the HTML and PDF ones need extraction) */
export const RUN_TOGETHER_SCOPE = ['pingtan-2019.txt', 'pingtan-2021.txt', 'pingtan-2022.txt'];

export interface Answer {
  source: string;
  unit: string;
  year: number;
  format: FormatId;
  /** cell id → value, for every cell of the format */
  cells: Record<string, number | null>;
  errors: string[];
  warnings: string[];
  /** cell id → accepted values (the answers give either the list, or the one true value) */
  ambiguous: Record<string, (number | null)[]>;
}

export function answers(): Answer[] {
  return readdirSync(join(CORPUS, 'expected'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(CORPUS, 'expected', f), 'utf8'));
      const format = raw.format as FormatId;
      const cells: Record<string, number | null> = {};
      for (const block of FORMATS[format].t2) {
        for (const [row, vals] of Object.entries(raw.t2[block.key] ?? {})) {
          (vals as (number | null)[]).forEach((v, i) => (cells[`t2.${block.key}.${row}.${block.columns[i]!.key}`] = v));
        }
      }
      for (const [row, vals] of Object.entries(raw.t3)) {
        (vals as (number | null)[]).forEach((v, i) => (cells[`t3.${row}.${T3_COLUMNS[i]!.key}`] = v));
      }
      for (const [block, vals] of Object.entries(raw.t4)) {
        (vals as (number | null)[]).forEach((v, i) => (cells[`t4.${block}.${T4_COLUMNS[i]!.key}`] = v));
      }
      const ambiguous: Record<string, (number | null)[]> = {};
      for (const [id, v] of Object.entries(raw.ambiguous ?? {})) ambiguous[id] = Array.isArray(v) ? (v as (number | null)[]) : [v as number | null];
      return { ...raw, format, cells, ambiguous } as Answer;
    });
}

export const reportText = (source: string) => readFileSync(join(CORPUS, 'reports', source), 'utf8');
