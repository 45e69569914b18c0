/** Report texts for the command-line tests, from the project's generator (fictional units). */
import type { FormatId } from '../../core/format/types.ts';
import { generateReport, type Layout } from '../../core/generate/index.ts';

/** a report with no error-level finding */
export const cleanReport = (layout: Layout = 'word-tabs', format: FormatId = 'gov2021', seed = 7) =>
  generateReport(seed, { format, layout, violations: [] }).text;

export function reportTexts(): { clean: string; broken: string } {
  const broken = generateReport(11, { format: 'gov2019', layout: 'pipe', violations: ['t3-cell'] });
  if (!broken.expected.errors.length) throw new Error('the generator made no error for t3-cell');
  return { clean: cleanReport(), broken: broken.text };
}
