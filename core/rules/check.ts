/** Turn rule instances into findings for one report's numbers. */
import type { Finding } from '../findings.ts';
import { cellIds } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from './definitions.ts';
import { amountWithoutCount, decide, evaluate, valueOk, type Evaluation, type Lookup, type SideValue, type Verdict } from './evaluate.ts';
import { ruleMessage } from './messages.ts';

/** the verdict of every instance of the format, by instance id (for the sheets and tests) */
export function verdicts(format: FormatId, get: Lookup): Map<string, Evaluation> {
  const out = new Map<string, Evaluation>();
  for (const r of ruleInstances(format)) out.set(instanceId(r), evaluate(r, get));
  return out;
}

/**
 * The instances with their cells as indices into one array of values: checking a report
 * then reads each value once instead of looking cell ids up hundreds of times.
 */
interface Compiled {
  ids: CellId[];
  rules: { r: RuleInstance; id: string; left: number[]; right: number[] }[];
  byId: Map<string, number>;
}

const compiled = new Map<FormatId, Compiled>();

function compile(format: FormatId): Compiled {
  let c = compiled.get(format);
  if (!c) {
    const ids = cellIds(format);
    const at = new Map(ids.map((id, i) => [id, i]));
    const idx = (list: CellId[]) => list.map((id) => at.get(id)!);
    const rules = ruleInstances(format).map((r) => {
      const [left, right] =
        r.kind === 'equation' ? [idx(r.left), idx(r.right)] : r.kind === 'value' ? [idx([r.cell]), []] : [idx([r.count]), idx([r.amount])];
      return { r, id: instanceId(r), left, right };
    });
    c = { ids, rules, byId: new Map(rules.map((x, i) => [x.id, i])) };
    compiled.set(format, c);
  }
  return c;
}

function side(cells: number[], values: (number | null)[]): SideValue {
  let known = 0;
  let partial = false;
  for (const i of cells) {
    const v = values[i]!;
    if (v === null) partial = true;
    else known += v;
  }
  return { known, partial };
}

/**
 * Findings of the cell rules. `linesOf` maps cell ids to source lines so that a finding
 * can point at the text.
 */
export function checkCells(format: FormatId, get: Lookup, linesOf: (id: string) => number | undefined): Finding[] {
  const c = compile(format);
  const values = c.ids.map(get);
  const verdict: Verdict[] = c.rules.map(({ r, left, right }) => {
    switch (r.kind) {
      case 'equation':
        return decide(r.relation, side(left, values), side(right, values));
      case 'value': {
        const v = values[left[0]!]!;
        return v === null ? 'na' : valueOk(r.valueKind, v) ? 'pass' : 'fail';
      }
      case 'amount_without_count':
        return amountWithoutCount(values[left[0]!]!, values[right[0]!]!);
    }
  });
  const findings: Finding[] = [];
  c.rules.forEach(({ r, id }, n) => {
    const explained = r.kind === 'equation' && r.explains;
    const report = explained ? verdict[n] === 'pass' && verdict[c.byId.get(explained)!] === 'fail' : verdict[n] === 'fail';
    if (!report) return;
    const cells = instanceCells(r);
    const lines = [...new Set(cells.map(linesOf).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
    const e = evaluate(r, get);
    const values = Object.fromEntries(cells.map((id) => [id, get(id)]));
    findings.push({ id, rule: r.rule, at: r.at, severity: r.severity, message: ruleMessage(format, r, e, get), cells, lines, values });
  });
  return findings;
}
