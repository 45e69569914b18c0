/** Reports made straight from values (the generator's truth, a corpus answer): the sheet tests test sheets, not the reader. */
import { cellIds } from '../../core/format/cells.ts';
import type { FormatId } from '../../core/format/types.ts';
import { generateReport, VIOLATION_KINDS, type ViolationKind } from '../../core/generate/index.ts';
import { createRng } from '../../core/generate/random.ts';
import { Report } from '../../core/report.ts';

export interface ReportSpec {
  format: FormatId;
  unit: string | null;
  year: number | null;
  values: Record<string, number | null>;
  lines?: string[];
  source?: string;
}

export function reportFrom(spec: ReportSpec): Report {
  const cells: Report['cells'] = {};
  for (const id of cellIds(spec.format)) {
    const v = spec.values[id] ?? null;
    cells[id] = v === null ? { value: null, nullReason: 'blank' } : { value: v };
  }
  return Report.parse({
    source: spec.source ?? `${spec.unit ?? '报告'}.txt`,
    format: spec.format,
    title: null,
    titleLine: null,
    unit: spec.unit,
    year: spec.year,
    titleYear: spec.year,
    cells,
    sections: [],
    ambiguous: {},
    lines: spec.lines ?? [],
  });
}

/** value mistakes the sheet can show (structure mistakes belong to the reader's tests) */
const VALUE_KINDS: ViolationKind[] = ['t3-cell', 't4-cell', 'r2.2', 'r2.4', 'r2.5', 'blank'].filter((k): k is ViolationKind =>
  (VIOLATION_KINDS as readonly string[]).includes(k),
);

export interface Generated {
  seed: number;
  report: Report;
  /** the same report with no mistakes: the numbers that fix every injected one */
  clean: Record<string, number | null>;
  expectedErrors: string[];
}

/** a generated report with one to three injected value mistakes, built from the generator's truth */
export function generated(seed: number): Generated {
  const rng = createRng(seed * 7919);
  const violations = VALUE_KINDS.filter(() => rng.chance(0.35));
  if (!violations.length) violations.push(rng.pick(VALUE_KINDS));
  const g = generateReport(seed, { layout: 'word-tabs', violations });
  const clean = generateReport(seed, { layout: 'word-tabs', violations: [] }).truth.values;
  const report = reportFrom({
    format: g.truth.format,
    unit: g.truth.unit,
    year: g.truth.year,
    values: g.truth.values,
    lines: g.text.split('\n'),
    source: `generated-${seed}.txt`,
  });
  return { seed, report, clean, expectedErrors: g.expected.errors };
}
