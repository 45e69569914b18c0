/**
 * The texts the benchmark reads: generated reports of every layout and both formats, so
 * that the figures follow the reader across all the shapes it must handle.
 */
import { FORMAT_IDS } from '../core/format/types.ts';
import { generateReport, LAYOUTS } from '../core/generate/index.ts';

export interface BenchText {
  text: string;
  /** layout/format, to say what was measured */
  kind: string;
}

/** `count` reports: every layout in turn, formats alternating, seeds 1…count, no deliberate mistakes */
export function benchTexts(count: number): BenchText[] {
  return Array.from({ length: count }, (_, i) => {
    const layout = LAYOUTS[i % LAYOUTS.length]!;
    const format = FORMAT_IDS[Math.floor(i / LAYOUTS.length) % FORMAT_IDS.length]!;
    return { text: generateReport(i + 1, { format, layout, violations: [] }).text, kind: `${layout}/${format}` };
  });
}

export const TEXTS_FROM = `core/generate：${LAYOUTS.length} 种版式 × ${FORMAT_IDS.length} 种格式`;
