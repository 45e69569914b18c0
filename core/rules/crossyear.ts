/**
 * The rules across two years of the same unit, written as data like the rules of one report
 * (definitions.ts): each is a rule instance whose cells are of this year's report, or —
 * marked with prevId() — of last year's. The one evaluator (evaluate.ts) checks them with a
 * lookup that reads both reports; the workbook's formulas (sheet/crossyear.ts) come from the
 * same instances, the references to last year's cells going to last year's sheet.
 *
 * R3.6: 二、上年结转 of year Y equals 四、结转下年度 of year Y−1, column by column (the rows
 * are in both formats, so it holds across the format change of 2021).
 * R2.3 (gov2021 both years): in_force(Y) = in_force(Y−1) + made(Y) − repealed(Y), written
 * without a minus (in_force(Y) + repealed(Y) = in_force(Y−1) + made(Y)) so that both sides
 * stay sums of non-negatives, as the null semantics need.
 * A new rule across years (Y1) is another entry here: an instance of a kind evaluate.ts and
 * sheet/formulas.ts know.
 */
import { cellInfo, t2Id, t3Id } from '../format/cells.ts';
import { T3_COLUMNS } from '../format/tables.ts';
import { FORMAT_IDS, type CellId, type FormatId } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Report } from '../report.ts';
import { findingsOf } from './check.ts';
import { instanceCells, type RuleInstance } from './definitions.ts';
import { evaluate, type Evaluation, type Lookup } from './evaluate.ts';
import { fmt } from './messages.ts';

const PREV = 'prev:';
/** a cell of last year's report */
export const prevId = (id: CellId): CellId => `${PREV}${id}`;
export const isPrev = (id: CellId): boolean => id.startsWith(PREV);
/** the cell id within its own report */
export const ownId = (id: CellId): CellId => (isPrev(id) ? id.slice(PREV.length) : id);

/** one lookup over both years' numbers */
export function twoYears(current: Lookup, previous: Lookup): Lookup {
  return (id) => (isPrev(id) ? previous(ownId(id)) : current(id));
}

interface CrossYearDefinition {
  /** the rule applies when this year's and last year's formats are these */
  applies: (current: FormatId, previous: FormatId) => boolean;
  instances: () => RuleInstance[];
}

const DEFINITIONS: CrossYearDefinition[] = [
  {
    applies: () => true,
    instances: () =>
      T3_COLUMNS.map((c) => ({
        kind: 'equation', rule: 'R3.6', at: c.key, severity: 'warning', relation: '=',
        left: [t3Id('carried_in', c.key)], right: [prevId(t3Id('carried_out', c.key))],
      })),
  },
  {
    applies: (cur, prev) => cur === 'gov2021' && prev === 'gov2021',
    instances: () =>
      ['regulation', 'normative_doc'].map((row) => {
        const id = (col: string) => t2Id('art20_1', row, col);
        return {
          kind: 'equation', rule: 'R2.3', at: row, severity: 'warning', relation: '=',
          left: [id('in_force'), id('repealed')], right: [prevId(id('in_force')), id('made')],
        };
      }),
  },
];

const cache = new Map<string, RuleInstance[]>();

/** every rule instance across years for a report of format `current` beside last year's of format `previous` */
export function crossYearInstances(current: FormatId, previous: FormatId): RuleInstance[] {
  const key = `${current}|${previous}`;
  let list = cache.get(key);
  if (!list) cache.set(key, (list = DEFINITIONS.filter((d) => d.applies(current, previous)).flatMap((d) => d.instances())));
  return list;
}

/** the rule ids across years (R3.6, R2.3 …): their rows in 校验 are formulas, not the findings' text */
export const CROSS_YEAR_RULES: ReadonlySet<string> = new Set(
  FORMAT_IDS.flatMap((a) => FORMAT_IDS.flatMap((b) => crossYearInstances(a, b).map((r) => r.rule))),
);

/** the words of a rule across years, for its row of 校验 */
export function crossYearTitle(r: RuleInstance): string {
  if (r.rule === 'R3.6') {
    const col = T3_COLUMNS.find((c) => c.key === r.at)?.short ?? r.at;
    return `表三“${col}”列：本年“二、上年结转”应等于上一年年报的“四、结转下年度”`;
  }
  if (r.rule === 'R2.3') {
    return `表二“${r.at === 'regulation' ? '规章' : '行政规范性文件'}”：本年现行有效件数应等于上一年现行有效件数加本年制发件数减本年废止件数`;
  }
  return r.rule;
}

const lookupOf = (report: Report): Lookup => (id) => report.cells[id]?.value ?? null;

/** the verdict of every instance across years, by instance id */
export function crossYearVerdicts(current: Report, previous: Report): { r: RuleInstance; e: Evaluation }[] {
  const get = twoYears(lookupOf(current), lookupOf(previous));
  return crossYearInstances(current.format, previous.format).map((r) => ({ r, e: evaluate(r, get) }));
}

function message(r: RuleInstance, e: Evaluation, current: Report, previous: Report): string {
  const get = twoYears(lookupOf(current), lookupOf(previous));
  if (r.rule === 'R3.6' && r.kind === 'equation') {
    const c = get(r.left[0]!);
    const p = get(r.right[0]!);
    return (
      `${crossYearTitle(r)}：${current.year ?? '本'}年上年结转 ${fmt(c)}，` +
      `${previous.year ?? '上'}年结转下年度 ${fmt(p)}，相差 ${fmt((c ?? 0) - (p ?? 0))}。`
    );
  }
  const cells = instanceCells(r).map((id) => `${isPrev(id) ? `${previous.year ?? '上'}年` : `${current.year ?? '本'}年`}${cellInfo(isPrev(id) ? previous.format : current.format, ownId(id)).column.short} ${fmt(get(id))}`);
  const diff = e.left && e.right ? `，相差 ${fmt(e.left.known - e.right.known)}` : '';
  return `${crossYearTitle(r)}：${cells.join('，')}${diff}。`;
}

/** the findings across years for one unit's report of year Y against its report of year Y−1 */
export function checkCrossYear(current: Report, previous: Report): Finding[] {
  const list = crossYearVerdicts(current, previous);
  const results = new Map(list.map(({ r, e }) => [`${r.rule}@${r.at}`, e]));
  // a finding points at this year's text only: last year's lines are of another report
  const lineOf = (id: string) => (isPrev(id) ? undefined : current.cells[id]?.source?.line);
  const findings = findingsOf(list.map((x) => x.r), results, (r, e) => message(r, e, current, previous), lineOf);
  // the cells a user fixes are this year's
  return findings.map((f) => ({ ...f, cells: f.cells.filter((id) => !isPrev(id)) }));
}
