/**
 * Plausible table values that satisfy every cell rule of core/rules: 表三 balances by
 * column and by row, 表四 adds up, 表二 keeps its inequalities.
 */
import { cellIds, t2Id, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Rng } from './random.ts';

export type Values = Record<CellId, number | null>;

/** how busy the unit is: a township answers a handful of requests, a county hundreds */
export type Scale = 'small' | 'medium' | 'large';

const PARTS = T3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);

/** mostly zeros, sometimes a few, rarely many */
function count(rng: Rng, scale: Scale, weight = 1): number {
  const r = rng.next();
  const zero = scale === 'small' ? 0.7 : scale === 'medium' ? 0.5 : 0.3;
  if (r < zero / weight) return 0;
  if (r < 0.93) return rng.int(1, scale === 'small' ? 3 : scale === 'medium' ? 12 : 40);
  return rng.int(10, scale === 'large' ? 600 : scale === 'medium' ? 120 : 20);
}

/** weight of each applicant column: natural persons ask most */
const COLUMN_WEIGHT: Record<string, number> = {
  natural_person: 1.6, commercial: 0.6, research: 0.15, public_interest: 0.15, legal_service: 0.3, other_org: 0.25,
};

/** weight of each result row: most requests are granted or cannot be answered */
const ROW_WEIGHT: Record<string, number> = {
  granted: 1.5, partly_granted: 0.5, unable_not_held: 0.9, unable_must_create: 0.4, other_handling: 0.4,
  other_no_correction: 0.3, other_misc: 0.4, unprocessed_repeat: 0.3, denied_third_party: 0.2, denied_process: 0.2,
};

function t3(rng: Rng, format: FormatId, scale: Scale, out: Values): void {
  const def = FORMATS[format];
  const quiet = rng.chance(scale === 'small' ? 0.35 : 0.1);
  for (const col of PARTS) {
    const w = COLUMN_WEIGHT[col] ?? 0.2;
    let total = 0;
    for (const row of def.resultRows) {
      const v = quiet ? 0 : rng.chance(Math.min(0.95, 0.28 * w * (ROW_WEIGHT[row] ?? 0.1) * 3)) ? count(rng, scale, 3) : 0;
      out[t3Id(row, col)] = v;
      total += v;
    }
    out[t3Id('results_total', col)] = total;
    const carriedOut = quiet || !rng.chance(0.3 * w) ? 0 : rng.int(0, scale === 'large' ? 30 : 3);
    out[t3Id('carried_out', col)] = carriedOut;
    const flow = total + carriedOut;
    const carriedIn = flow && rng.chance(0.35) ? rng.int(0, Math.min(flow, scale === 'large' ? 30 : 3)) : 0;
    out[t3Id('carried_in', col)] = carriedIn;
    out[t3Id('new_received', col)] = flow - carriedIn;
  }
  for (const r of def.t3Rows) {
    out[t3Id(r.key, 'total')] = PARTS.reduce((s, c) => s + (out[t3Id(r.key, c)] ?? 0), 0);
  }
}

function t4(rng: Rng, scale: Scale, out: Values): void {
  for (const b of T4_BLOCKS) {
    const busy = rng.chance(scale === 'small' ? 0.15 : scale === 'medium' ? 0.35 : 0.7);
    let total = 0;
    for (const c of T4_COLUMNS) {
      if (c.key === 'total') continue;
      const v = busy && rng.chance(0.5) ? rng.int(1, scale === 'large' ? 60 : 4) : 0;
      out[t4Id(b.key, c.key)] = v;
      total += v;
    }
    out[t4Id(b.key, 'total')] = total;
  }
}

/** a number with exactly `decimals` decimals, as a float equal to its printed text */
const decimal = (units: number, decimals: number) => Number((units / 10 ** decimals).toFixed(decimals));

function t2(rng: Rng, format: FormatId, scale: Scale, out: Values): void {
  const docs = (big: number) => (rng.chance(0.5) ? 0 : rng.int(0, big));
  const big = scale === 'large' ? 40 : scale === 'medium' ? 10 : 3;
  const decisions = (p: number, max: number) => (rng.chance(p) ? rng.int(1, max) : 0);
  if (format === 'gov2021') {
    for (const r of ['regulation', 'normative_doc']) {
      const made = r === 'regulation' ? (scale === 'large' ? docs(3) : 0) : docs(big);
      const repealed = rng.chance(0.2) ? rng.int(0, made + 2) : 0;
      const stock = r === 'regulation' && scale !== 'large' ? 0 : rng.int(0, big * 6);
      out[t2Id('art20_1', r, 'made')] = made;
      out[t2Id('art20_1', r, 'repealed')] = repealed;
      out[t2Id('art20_1', r, 'in_force')] = Math.max(0, made - repealed) + stock;
    }
    out[t2Id('art20_5', 'license', 'decisions')] = decisions(0.6, scale === 'large' ? 90000 : scale === 'medium' ? 3000 : 200);
    out[t2Id('art20_6', 'penalty', 'decisions')] = decisions(0.5, scale === 'large' ? 5000 : 300);
    out[t2Id('art20_6', 'coercion', 'decisions')] = decisions(0.2, scale === 'large' ? 300 : 10);
    // 万元 with up to 4 decimals; kept below 10000 万元, which would look like 元 written as 万元 (R2.6)
    const feeDecimals = rng.pick([0, 2, 4]);
    const feeMax = scale === 'large' ? 9000 : scale === 'medium' ? 300 : 30;
    out[t2Id('art20_8', 'fee', 'amount_wan')] = rng.chance(0.6) ? 0 : decimal(rng.int(1, feeMax * 10 ** feeDecimals), feeDecimals);
  } else {
    for (const r of ['regulation', 'normative_doc']) {
      const made = r === 'regulation' ? 0 : docs(big);
      const published = Math.min(made, rng.chance(0.8) ? made : rng.int(0, made));
      out[t2Id('art20_1', r, 'new_made')] = made;
      out[t2Id('art20_1', r, 'new_published')] = published;
      out[t2Id('art20_1', r, 'total_published')] = published + (rng.chance(0.5) ? rng.int(0, big * 5) : 0);
    }
    const items = (row: string, block: string, withDecisions: boolean, max: number) => {
      const prev = rng.chance(0.5) ? rng.int(0, max) : 0;
      out[t2Id(block, row, 'prev_items')] = prev;
      out[t2Id(block, row, 'change')] = rng.chance(0.6) ? 0 : rng.int(-prev, Math.max(3, Math.round(max / 5)));
      if (withDecisions) out[t2Id(block, row, 'decisions')] = decisions(0.4, max * 20);
    };
    items('license', 'art20_5', true, scale === 'large' ? 400 : 30);
    items('other_service', 'art20_5', true, scale === 'large' ? 100 : 10);
    items('penalty', 'art20_6', true, scale === 'large' ? 200 : 10);
    items('coercion', 'art20_6', true, scale === 'large' ? 50 : 3);
    items('fee', 'art20_8', false, scale === 'large' ? 30 : 3);
    const projects = rng.chance(0.5) ? 0 : rng.int(1, scale === 'large' ? 60 : 6);
    out[t2Id('art20_9', 'procurement', 'projects')] = projects;
    out[t2Id('art20_9', 'procurement', 'amount_yuan')] = projects
      ? rng.chance(0.5)
        ? decimal(rng.int(100_00, 40_000_000_00), 2)
        : rng.int(1, 4000) * 100
      : 0;
  }
}

/** every cell of the format, consistent with every rule */
export function generateTables(rng: Rng, format: FormatId, scale: Scale = 'medium'): Values {
  const out: Values = {};
  t2(rng.fork(2), format, scale, out);
  t3(rng.fork(3), format, scale, out);
  t4(rng.fork(4), scale, out);
  for (const id of cellIds(format)) {
    if (!(id in out)) throw new Error(`generator left ${id} empty`);
  }
  return out;
}
