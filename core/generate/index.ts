/**
 * The project's own report generator: fictional units, tables that satisfy every rule (or
 * break chosen ones on purpose), narrative text that agrees with them, written out in
 * every layout people paste. With the truth and the findings a correct reader must give.
 */
import { FORMAT_IDS, type CellId, type FormatId } from '../format/types.ts';
import { SECTION_TITLES } from '../format/facts.ts';
import { LAYOUTS, MARKUP_LAYOUTS, truthValues, type AnyLayout, type Doc, type Layout, type MarkupLayout } from './model.ts';
import { generateTables, type Scale, type Values } from './numbers.ts';
import { generateProse } from './prose.ts';
import { createRng } from './random.ts';
import { ODD_LAYOUTS, oddFits, planOddity, type OddLayout } from './odd.ts';
import { render } from './render.ts';
import { randomUnit, type Unit } from './units.ts';
import { applyViolation, fits, lostRowCells, ruleFindingIds, VIOLATION_KINDS, type Applied, type ViolationKind } from './violations.ts';

export { LAYOUTS, MARKUP_LAYOUTS, ODD_LAYOUTS, VIOLATION_KINDS, SECTION_TITLES, oddFits };
export type { OddLayout };
export type { Layout, MarkupLayout, AnyLayout, ViolationKind, Applied, Values, Doc, Unit };
export { docxPackage } from './docx.ts';
export { createRng } from './random.ts';
export { generateTables } from './numbers.ts';
export { countyUnits, randomUnit, COUNTIES } from './units.ts';
export { render } from './render.ts';
export { applyViolation, fits, ruleFindingIds } from './violations.ts';
export { generateYears, type GeneratedYears } from './years.ts';

export interface GenerateOptions {
  format?: FormatId;
  year?: number;
  /** mistakes to make; those the layout cannot show (a blank cell in PDF text) are skipped */
  violations?: ViolationKind[];
  /** a text layout, or markup: 'html' gives a page, 'docx' word/document.xml (docxPackage zips it) */
  layout?: AnyLayout;
  unit?: Unit;
  /** the tables' values, instead of generating them (two years of one unit: years.ts) */
  values?: Values;
  /** a shape of real pages the plain layouts do not make (odd.ts); written instead of `layout` */
  odd?: OddLayout;
}

export interface GeneratedReport {
  text: string;
  layout: AnyLayout;
  truth: { unit: string; year: number; format: FormatId; values: Values };
  expected: { errors: string[]; warnings: string[] };
  /** the mistakes made, each with the findings it adds */
  applied: Applied[];
  /** the oddity written, if any */
  odd?: OddLayout;
  /** cells the text cannot settle, which a correct reader flags (odd.ts) */
  unsettled?: CellId[];
  /** cells whose place the text does not show: a correct reader flags them or leaves them unread, never reads another number (odd.ts) */
  unsure?: CellId[];
}

const YEARS: Record<FormatId, [number, number]> = { gov2019: [2019, 2020], gov2021: [2021, 2025] };

function scaleOf(unit: Unit, r: number): Scale {
  if (unit.kind === 'county') return 'large';
  if (unit.kind === 'department') return r < 0.7 ? 'medium' : 'large';
  return r < 0.8 ? 'small' : 'medium';
}

export function generateReport(seed: number, opts: GenerateOptions = {}): GeneratedReport {
  const rng = createRng(seed);
  const format = opts.format ?? rng.pick(FORMAT_IDS);
  const year = opts.year ?? rng.int(...YEARS[format]);
  const layout: AnyLayout = opts.layout ?? rng.pick(LAYOUTS);
  const unit = opts.unit ?? randomUnit(rng.fork(1));
  const doc: Doc = {
    unit,
    year,
    format,
    values: opts.values ? { ...opts.values } : generateTables(rng.fork(2), format, scaleOf(unit, rng.next())),
    titleHasYear: true,
    omitSection: null,
    lost: null,
    prose: { general: [], problems: [], other: [] },
  };
  const used = new Set<string>();
  const vr = rng.fork(3);
  // lost cells first and blanks last: a blank keeps away from the lost row and from every
  // cell another mistake has set
  const kinds = (opts.violations ?? []).filter((k) => fits(k, layout, format));
  const rank = (k: ViolationKind) => (k.startsWith('lost') ? 0 : k === 'blank' ? 2 : 1);
  const order = [...kinds].sort((a, b) => rank(a) - rank(b));
  const applied = order.map((k) => applyViolation(doc, k, vr, used));
  const plan = opts.odd ? planOddity(opts.odd, doc, rng.fork(6), used) : null;

  const values = truthValues(doc, (l) => lostRowCells(format, l));
  const prose = generateProse(rng.fork(4), unit, year, format, values, doc.proseChange);
  doc.prose = prose;
  const changed = prose.changed;
  // with 一、总体情况 left out, the changed figure is not in the text
  const shown = changed && doc.omitSection !== 1;
  for (const a of applied) if (a.kind === 'prose-figure' && shown) Object.assign(a, { detail: changed.detail, findings: [changed.rule] });
  const text = plan ? plan.render(doc, rng.fork(5)) : render(doc, layout, rng.fork(5));

  const rules = ruleFindingIds(format, values);
  // findings of the reading and of the prose (N1–N6), which the cell rules do not give
  const structural = [...applied.flatMap((a) => a.findings), ...(plan?.findings ?? [])].filter((id) => /^[SN]\d/.test(id));
  const out: GeneratedReport = {
    text,
    layout,
    truth: { unit: unit.name, year, format, values },
    expected: { errors: [...new Set(rules.errors)].sort(), warnings: [...new Set([...rules.warnings, ...structural])].sort() },
    applied,
  };
  if (opts.odd) out.odd = opts.odd;
  if (plan?.unsettled) out.unsettled = plan.unsettled;
  if (plan?.unsure?.size) out.unsure = [...plan.unsure];
  return out;
}
