/**
 * Two years of a fictional county: this year's reports and last year's, with what was planted
 * between them. Last year's tables are this year's, carried back: its 四、结转下年度 is this
 * year's 二、上年结转 and its 现行有效 is this year's less what was made plus what was repealed —
 * except where a mistake is planted (a carry-over off by a few in one column, a 现行有效 that
 * does not follow), and a few figures made to jump. One unit is new this year, one is gone.
 *
 * What the tests expect is worked out here with the generator's own arithmetic over the
 * values it wrote — the spec's words, not core/rules — so the rules can be held to it.
 */
import { t2Id, t3Id, t4Id } from '../format/cells.ts';
import { T3_COLUMNS, T4_COLUMNS } from '../format/tables.ts';
import type { FormatId } from '../format/types.ts';
import { generateReport, type GeneratedReport } from './index.ts';
import type { AnyLayout } from './model.ts';
import { generateTables, type Values } from './numbers.ts';
import { createRng, type Rng } from './random.ts';
import type { Unit } from './units.ts';

export interface GeneratedYears {
  year: number;
  current: GeneratedReport[];
  previous: GeneratedReport[];
  /** unit name → finding ids across years the reports must give: R3.6@col, R2.3@row, Y1@figure */
  expected: Map<string, string[]>;
  /** what was planted, for messages */
  planted: { unit: string; what: string }[];
  newUnit: string;
  goneUnit: string;
}

const PARTS = T3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
const OTHER_2021 = ['other_no_correction', 'other_unpaid_fee', 'other_misc'];

/** the figures of Y1 in the spec's words: cells of each format, and the factor to 元 */
function figure(key: string, f: FormatId, v: Values): number | null {
  const cells = (ids: string[], factor = 1) => (ids.some((id) => v[id] === null || v[id] === undefined) ? null : ids.reduce((s, id) => s + v[id]! * factor, 0));
  switch (key) {
    case 'new_received': return cells(['t3.new_received.total']);
    case 'results_total': return cells(['t3.results_total.total']);
    case 'granted': return cells(['t3.granted.total']);
    case 'denied': return cells(['state_secret', 'law', 'safety', 'third_party', 'internal', 'process', 'enforcement', 'inquiry'].map((r) => `t3.denied_${r}.total`));
    case 'review': return cells(['t4.review.total']);
    case 'suit': return cells(['t4.suit_direct.total', 't4.suit_after_review.total']);
    case 'normative_made': return cells([f === 'gov2021' ? 't2.art20_1.normative_doc.made' : 't2.art20_1.normative_doc.new_published']);
    case 'normative_in_force': return cells([f === 'gov2021' ? 't2.art20_1.normative_doc.in_force' : 't2.art20_1.normative_doc.total_published']);
    case 'fee': return f === 'gov2021' ? cells(['t2.art20_8.fee.amount_wan'], 10000) : null;
  }
  return null;
}
const FIGURE_KEYS = ['new_received', 'results_total', 'granted', 'denied', 'review', 'suit', 'normative_made', 'normative_in_force', 'fee'];

/** the spec: both known, the larger ≥ 10, and b ≥ 5a or b ≤ a/5 */
const jumped = (a: number, b: number) => Math.max(a, b) >= 10 && (b >= 5 * a || 5 * b <= a);

function sumParts(v: Values, row: string): void {
  v[t3Id(row, 'total')] = PARTS.reduce((s, c) => s + v[t3Id(row, c)]!, 0);
}

/** last year's values from this year's: carried back, with the mistakes asked for */
function carryBack(rng: Rng, cur: Values, curFormat: FormatId, prevFormat: FormatId, plant: { carry?: string; inForce?: boolean; jump?: 'review' | 'fee' }): Values {
  let prev: Values;
  if (prevFormat === curFormat) prev = { ...cur };
  else {
    // 表二 of the other format generated; 表三 and 表四 carried, gov2019's one （六） row the sum of gov2021's three
    prev = generateTables(rng.fork(9), prevFormat);
    for (const id of Object.keys(cur)) if (id.startsWith('t4.') || (id.startsWith('t3.') && id in prev)) prev[id] = cur[id]!;
    for (const c of T3_COLUMNS) {
      if (prevFormat === 'gov2019') prev[t3Id('other_handling', c.key)] = OTHER_2021.reduce((s, r) => s + cur[t3Id(r, c.key)]!, 0);
      else {
        OTHER_2021.forEach((r) => (prev[t3Id(r, c.key)] = 0));
        prev[t3Id('other_misc', c.key)] = cur[t3Id('other_handling', c.key)]!;
      }
    }
  }
  for (const c of PARTS) {
    const out = cur[t3Id('carried_in', c)]! + (plant.carry === c ? rng.int(1, 3) : 0);
    prev[t3Id('carried_out', c)] = out;
    const results = prev[t3Id('results_total', c)]!;
    const carriedIn = Math.min(prev[t3Id('carried_in', c)]!, results + out);
    prev[t3Id('carried_in', c)] = carriedIn;
    prev[t3Id('new_received', c)] = results + out - carriedIn;
  }
  for (const row of ['carried_out', 'carried_in', 'new_received']) sumParts(prev, row);
  if (prevFormat === 'gov2021' && curFormat === 'gov2021') {
    for (const row of ['regulation', 'normative_doc']) {
      const id = (col: string) => t2Id('art20_1', row, col);
      const wrong = plant.inForce && row === 'normative_doc' ? rng.int(1, 4) : 0;
      const inForce = cur[id('in_force')]! - cur[id('made')]! + cur[id('repealed')]! + wrong;
      prev[id('in_force')] = inForce;
      // last year's own R2.2 (in_force ≥ made − repealed) must still hold
      prev[id('repealed')] = Math.max(prev[id('repealed')]!, prev[id('made')]! - inForce);
    }
  }
  if (plant.jump === 'review') {
    const k = rng.int(10, 20);
    prev[t4Id('review', 'upheld')] = prev[t4Id('review', 'upheld')]! * 6 + k;
    prev[t4Id('review', 'total')] = T4_COLUMNS.filter((c) => c.key !== 'total').reduce((s, c) => s + prev[t4Id('review', c.key)]!, 0);
  }
  if (plant.jump === 'fee' && prevFormat === 'gov2021') {
    prev[t2Id('art20_8', 'fee', 'amount_wan')] = Number((cur[t2Id('art20_8', 'fee', 'amount_wan')]! * 8 + rng.int(2, 40)).toFixed(4));
  }
  return prev;
}

export interface YearsOptions {
  units: Unit[];
  year: number;
  format?: FormatId;
  /** last year's format (gov2019 for 2020 → 2021) */
  previousFormat?: FormatId;
  layout?: AnyLayout;
}

export function generateYears(seed: number, opts: YearsOptions): GeneratedYears {
  const rng = createRng(seed);
  const format = opts.format ?? 'gov2021';
  const prevFormat = opts.previousFormat ?? format;
  const layout = opts.layout ?? 'markdown';
  const n = opts.units.length;
  // the first unit is new this year, the last is gone; the others have both years
  const newUnit = opts.units[0]!;
  const goneUnit = opts.units[n - 1]!;
  const current: GeneratedReport[] = [];
  const previous: GeneratedReport[] = [];
  const expected = new Map<string, string[]>();
  const planted: GeneratedYears['planted'] = [];
  opts.units.forEach((unit, i) => {
    const cur = generateReport(seed * 1000 + i, { format, year: opts.year, unit, layout });
    if (unit !== goneUnit) current.push(cur);
    if (unit === newUnit) return;
    const plant = {
      ...(i % 4 === 1 ? { carry: rng.pick(PARTS) } : {}),
      ...(i % 5 === 2 ? { inForce: true } : {}),
      ...(i % 6 === 3 ? { jump: (i % 12 === 3 ? 'review' : 'fee') as 'review' | 'fee' } : {}),
    };
    const values = carryBack(rng.fork(i), cur.truth.values, format, prevFormat, plant);
    const prev = generateReport(seed * 1000 + 500 + i, { format: prevFormat, year: opts.year - 1, unit, layout, values });
    previous.push(prev);
    if (unit === goneUnit) return;
    for (const [k, v] of Object.entries(plant)) planted.push({ unit: unit.name, what: `${k}: ${v}` });
    // what the spec says of these two reports
    const c = cur.truth.values;
    const p = prev.truth.values;
    const ids: string[] = [];
    for (const col of T3_COLUMNS) if (c[t3Id('carried_in', col.key)] !== p[t3Id('carried_out', col.key)]) ids.push(`R3.6@${col.key}`);
    if (format === 'gov2021' && prevFormat === 'gov2021') {
      for (const row of ['regulation', 'normative_doc']) {
        const at = (v: Values, col: string) => v[t2Id('art20_1', row, col)]!;
        if (at(c, 'in_force') !== at(p, 'in_force') + at(c, 'made') - at(c, 'repealed')) ids.push(`R2.3@${row}`);
      }
    }
    for (const key of FIGURE_KEYS) {
      const a = figure(key, prevFormat, p);
      const b = figure(key, format, c);
      if (a !== null && b !== null && jumped(a, b)) ids.push(`Y1@${key}`);
    }
    expected.set(unit.name, ids.sort());
  });
  return { year: opts.year, current, previous, expected, planted, newUnit: newUnit.name, goneUnit: goneUnit.name };
}
