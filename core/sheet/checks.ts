/**
 * The check cells beside and under the tables, and the conditional formats that paint a
 * broken equation: its check cell and every input cell it reads. Both come from the rule
 * instances through formulas.ts; nothing here knows what a rule says.
 */
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from '../rules/definitions.ts';
import { blankFormula, checkCellFormula, brokenFormula, type Where } from './formulas.ts';
import type { Layout } from './layout.ts';
import { addr, parseAddress, range, type ConditionalFormat, type SheetModel } from './model.ts';

/** rules that paint: an explanation (R3.5) says why another rule broke, it is not broken itself */
const paints = (r: RuleInstance) => !(r.kind === 'equation' && r.explains);

export function addChecks(sheet: SheetModel, layout: Layout): void {
  const where: Where = { at: (id) => layout.addresses[id]! };
  const instances = ruleInstances(layout.format);
  const byId = new Map(instances.map((r) => [instanceId(r), r]));
  for (const [id, a] of layout.checkSlots) {
    const r = byId.get(id);
    if (!r) throw new Error(`标准表的校验格 ${a} 对应的规则 ${id} 不存在`);
    sheet.cells.set(a, { content: { kind: 'formula', formula: checkCellFormula(r, where) }, style: 'check' });
  }
  const absolute: Where = { ...where, absolute: true };
  const cfs: ConditionalFormat[] = [];
  const values: RuleInstance[] = [];
  for (const r of instances) {
    if (!paints(r)) continue;
    if (r.kind === 'value') {
      values.push(r);
      continue;
    }
    const id = instanceId(r);
    const slot = layout.checkSlots.get(id);
    const cells = instanceCells(r).map(where.at);
    cfs.push({ ranges: slot ? [slot, ...cells] : cells, formula: brokenFormula(r, absolute), style: 'broken', instance: id });
  }
  cfs.push(...valueFormats(values, where), ...blankFormats(layout));
  sheet.conditionalFormats.push(...cfs);
}

interface Rect {
  c1: number;
  c2: number;
  r1: number;
  r2: number;
}

/** cells gathered into rectangles: runs along a row, then equal runs down the rows */
function rectangles(addresses: string[]): Rect[] {
  const points = addresses.map(parseAddress).sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: Rect[] = [];
  for (const p of points) {
    const last = runs[runs.length - 1];
    if (last && last.r1 === p.row && last.c2 + 1 === p.col) last.c2 = p.col;
    else runs.push({ c1: p.col, c2: p.col, r1: p.row, r2: p.row });
  }
  const rects: Rect[] = [];
  for (const run of runs) {
    const above = rects.find((q) => q.c1 === run.c1 && q.c2 === run.c2 && q.r2 + 1 === run.r1);
    if (above) above.r2 = run.r1;
    else rects.push({ ...run });
  }
  return rects;
}

/**
 * A value rule is one per cell: its format is written once per rectangle of cells of the
 * same rule and kind, with references relative to the rectangle's top-left cell.
 */
function valueFormats(rules: RuleInstance[], where: Where): ConditionalFormat[] {
  const buckets = new Map<string, Map<string, RuleInstance>>();
  for (const r of rules) {
    if (r.kind !== 'value') continue;
    const key = `${r.rule}|${r.valueKind}`;
    const cells = buckets.get(key) ?? new Map<string, RuleInstance>();
    cells.set(where.at(r.cell), r);
    buckets.set(key, cells);
  }
  const out: ConditionalFormat[] = [];
  for (const cells of buckets.values()) {
    for (const q of rectangles([...cells.keys()])) {
      const first = cells.get(addr(q.c1, q.r1))!;
      out.push({ ranges: [range(q.c1, q.r1, q.c2, q.r2)], formula: brokenFormula(first, where), style: 'broken' });
    }
  }
  return out;
}

/** blank inputs in yellow, under the red of a broken rule: a reviewer sees what is missing */
function blankFormats(layout: Layout): ConditionalFormat[] {
  return rectangles(Object.values(layout.addresses)).map((q) => ({
    ranges: [range(q.c1, q.r1, q.c2, q.r2)],
    formula: blankFormula(addr(q.c1, q.r1)),
    style: 'undecided' as const,
  }));
}
