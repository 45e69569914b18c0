/**
 * Does the reader give back what the generator wrote? The unit, year, format, every cell's
 * value (null where a cell is blank or lost) and exactly the error and warning findings the
 * truth implies. Shared by the property tests of every way a report arrives.
 */
import { analyze } from '../../core/analyze.ts';
import { cellIds } from '../../core/format/cells.ts';
import type { GeneratedReport } from '../../core/generate/index.ts';

export interface ReadBack {
  problems: string[];
  /** every wrong cell was flagged ambiguous, where the text cannot settle it */
  undecidable: boolean;
}

/**
 * @param text what the reader gets (the generated text itself, or what an extractor made of it)
 * @param mayBeUndecidable the layout can leave cells the text cannot settle (PDF streams):
 *   then wrong cells all flagged ambiguous pass
 */
export function readBack(g: GeneratedReport, text: string, source: string, mayBeUndecidable = false): ReadBack {
  const a = analyze(text, source);
  if (!a.ok) return { problems: [`analyze failed: ${a.code} ${a.message}`], undecidable: false };
  const r = a.report;
  const problems: string[] = [];
  if (r.unit !== g.truth.unit) problems.push(`unit: got ${r.unit}, want ${g.truth.unit}`);
  if (r.year !== g.truth.year) problems.push(`year: got ${r.year}, want ${g.truth.year}`);
  if (r.format !== g.truth.format) problems.push(`format: got ${r.format}, want ${g.truth.format}`);
  if (r.format !== g.truth.format) return { problems, undecidable: false };
  const wrong = cellIds(g.truth.format).filter((id) => (r.cells[id]?.value ?? null) !== g.truth.values[id]);
  const undecidable = wrong.length > 0 && mayBeUndecidable && wrong.every((id) => r.ambiguous[id]);
  if (!undecidable) {
    for (const id of wrong) problems.push(`${id}: got ${r.cells[id]?.value ?? null}, want ${g.truth.values[id]}`);
    const got = a.findings.filter((f) => f.severity !== 'info').map((f) => f.id).sort();
    const want = [...g.expected.errors, ...g.expected.warnings].sort();
    const extra = got.filter((id) => !want.includes(id));
    const missing = want.filter((id) => !got.includes(id));
    if (extra.length || missing.length) problems.push(`findings: extra [${extra.join(' ')}], missing [${missing.join(' ')}]`);
  }
  return { problems, undecidable };
}
