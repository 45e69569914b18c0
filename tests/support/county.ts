/**
 * A large fictional county for the consolidation tests and benchmark: n distinct units
 * (towns, townships and streets; countyUnits() has only twenty departments to draw from),
 * each with a generated report of one year.
 */
import type { FormatId } from '../../core/format/types.ts';
import { createRng, generateReport, type AnyLayout, type Unit } from '../../core/generate/index.ts';
import { placeName, unitOf, type UnitKind } from '../../core/generate/units.ts';
import type { Report } from '../../core/report.ts';
import { reportFrom } from './reports.ts';

export function manyUnits(county: string, n: number, seed = 1): Unit[] {
  const rng = createRng(seed);
  const out: Unit[] = [unitOf('county', '', county, rng)];
  const names = new Set(out.map((u) => u.name));
  const kinds: UnitKind[] = ['town', 'township', 'street'];
  for (let tries = 0; out.length < n; tries++) {
    if (tries > n * 200) throw new Error(`只能生成 ${out.length} 个不重名的单位`);
    const u = unitOf(kinds[tries % 3]!, placeName(rng), county, rng, true);
    if (names.has(u.name)) continue;
    names.add(u.name);
    out.push(u);
  }
  return out;
}

export interface CountyText {
  unit: Unit;
  text: string;
}

/** the reports of n units of one year, in the layouts people paste (or one layout) */
export function countyTexts(n: number, opts: { county?: string; year?: number; format?: FormatId; layout?: AnyLayout; seed?: number } = {}): CountyText[] {
  const units = manyUnits(opts.county ?? '松溪县', n, opts.seed ?? 1);
  return units.map((unit, i) => ({
    unit,
    text: generateReport((opts.seed ?? 1) * 100_000 + i, {
      format: opts.format ?? 'gov2021',
      year: opts.year ?? 2024,
      unit,
      ...(opts.layout ? { layout: opts.layout } : {}),
    }).text,
  }));
}

/**
 * The reports of n units as the generator means them (its truth: values, unit, year) with the
 * text's lines as 原文 — for the tests and the benchmark of a county workbook, without the
 * reader's time of analyze().
 */
export function countyReports(n: number, opts: { county?: string; year?: number; seed?: number } = {}): Report[] {
  const units = manyUnits(opts.county ?? '松溪县', n, opts.seed ?? 1);
  return units.map((unit, i) => {
    const g = generateReport((opts.seed ?? 1) * 100_000 + i, { format: i % 7 === 3 ? 'gov2019' : 'gov2021', year: opts.year ?? 2024, unit, layout: 'word-tabs' });
    return reportFrom({ format: g.truth.format, unit: g.truth.unit, year: g.truth.year, values: g.truth.values, lines: g.text.split('\n'), source: `${unit.name}.txt` });
  });
}
