/**
 * N6: a list of categories in the prose — 机构职能类信息 25 条，占 10%；… — whose counts
 * must add up to the total it breaks down and whose percentages must add up to 100 ± 1.
 * A list is held to its total only when it claims to be whole: it gives every item a
 * percentage, or it has an 其他 item. (其中包括… without either may name a few items only.)
 */
import { charSet } from './chars.ts';
import { excluded } from './context.ts';
import type { Figure } from './figures.ts';

export interface ListItem {
  label: string;
  value: number;
  unit: string;
  pct: number | null;
  at: number;
}

export interface CategoryList {
  items: ListItem[];
  /** the figure the list breaks down, when the prose states one */
  total: Figure | null;
  sum: number;
  /** the sum of the percentages, when every item has one */
  pctSum: number | null;
  /** the list claims to be whole (percentages, or an 其他 item) */
  whole: boolean;
}

const ITEM_UNITS = new Set(['条', '件']);
const LABEL_STOP = new Set(['；', ';', '，', ',', '（', '(', '：', ':', '。', '！', '？']);
/** 占 10%, 占比 10%, 约占 10%, 所占比例为 10%, 、占比 10% */
const SHARE = '[（(]?[，,、]?(?:所)?(?:约)?占(?:比例|比重|比)?(?:约)?(?:为)?';
const PCT = new RegExp(`^${SHARE}(\\d{1,3}(?:\\.\\d{1,4})?)%[）)]?`);
const GAP = new RegExp(`^(?:${SHARE}\\d{1,3}(?:\\.\\d{1,4})?%[）)]?)?[；;，,、]$`);
const CONNECTOR = /^[，,：:]?[（(]?(?:其中|包括|分别为|分别是|具体为|具体包括|主要包括|主要有)*[：:]?[（(]?$/;
const LEAD = /^(?:其中|包括|分别为|分别是)+[：:]?/;
/** the characters LEAD can start with: other labels skip the regex (every item asks) */
const LEAD_FIRST = new Set([...'其包分'].map((c) => c.charCodeAt(0)));
/** the characters GAP can end with */
const GAP_LAST = new Set([...'；;，,、'].map((c) => c.charCodeAt(0)));
const SHARE_CODE = '占'.charCodeAt(0);

/** PCT can match at `at` only with 占 among the next five characters (SHARE puts at most four before it) */
function shareAhead(text: string, at: number): boolean {
  for (let i = at; i < at + 5 && i < text.length; i++) if (text.charCodeAt(i) === SHARE_CODE) return true;
  return false;
}

/** GAP.test(text.slice(from, to)), the regex only for a gap longer than its separator */
function isGap(text: string, from: number, to: number): boolean {
  if (to <= from || !GAP_LAST.has(text.charCodeAt(to - 1))) return false;
  return to - from === 1 || GAP.test(text.slice(from, to));
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
const OTHER = /^(?:其他|其它|其余)/;
/** a total the list may break down when it stands apart: 本年度主动公开政府信息 4 条 */
const PUBLISHED = /主动公开|公开|公布|发布/;

/** where an item's label starts: back to a separator (、 only right after a unit: 36件、公告 …) */
const LABEL_STOP_CODES = charSet([...LABEL_STOP].join(''));
/** what may stand before a 、 that ends a label: a unit or a closing bracket */
const UNIT_END_CODES = new Set([...'条件%）)'].map((ch) => ch.charCodeAt(0)));

function labelStart(text: string, at: number): number {
  const lo = Math.max(0, at - 40);
  for (let i = at - 1; i >= lo; i--) {
    const c = text.charCodeAt(i);
    if (LABEL_STOP_CODES.has(c)) return i + 1;
    if (c === 0x3001 && UNIT_END_CODES.has(text.charCodeAt(i - 1))) return i + 1;
  }
  return lo;
}

export function categoryLists(text: string, figures: Figure[], year: number | null): CategoryList[] {
  const lists: CategoryList[] = [];
  let run: { f: Figure; start: number; label: string; pct: number | null }[] = [];
  const close = () => {
    if (run.length >= 2) lists.push(finish(text, figures, run, year));
    run = [];
  };
  for (const f of figures) {
    if (!ITEM_UNITS.has(f.unit)) continue;
    const start = labelStart(text, f.start);
    const raw = text.slice(start, f.start);
    const label = LEAD_FIRST.has(raw.charCodeAt(0)) ? raw.replace(LEAD, '') : raw;
    if (!label || hasDigit(label)) {
      close();
      continue;
    }
    // 行政复议 351 件，其中…: a new list starts, and the figure before it is its total, not an item
    if (label !== raw) {
      run.pop();
      close();
    }
    const pct = shareAhead(text, f.end) ? PCT.exec(text.slice(f.end, f.end + 20)) : null;
    const item = { f, start, label, pct: pct ? Number(pct[1]) : null };
    const prev = run[run.length - 1];
    if (prev && !(start - prev.f.end <= 20 && isGap(text, prev.f.end, start))) close();
    run.push(item);
  }
  close();
  return lists;
}

function finish(text: string, figures: Figure[], run: { f: Figure; start: number; label: string; pct: number | null }[], year: number | null): CategoryList {
  const first = run[0]!;
  const items: ListItem[] = run.map((r) => ({ label: r.label, value: r.f.value, unit: r.f.unit, pct: r.pct, at: r.f.start }));
  const k = figures.indexOf(first.f);
  let total: Figure | null = null;
  // the total just before: 公布政府信息 2599 条，（其中…
  for (let i = k - 1; i >= 0; i--) {
    const g = figures[i]!;
    if (g.end > first.start) continue;
    if (ITEM_UNITS.has(g.unit) && first.start - g.end <= 12 && CONNECTOR.test(text.slice(g.end, first.start))) total = g;
    break;
  }
  const allPct = items.every((i) => i.pct !== null);
  if (!total && allPct) {
    // a list of percentages under its own heading: the report year's published total before it
    for (let i = k - 1; i >= 0 && first.start - figures[i]!.end <= 300; i--) {
      const g = figures[i]!;
      if (ITEM_UNITS.has(g.unit) && PUBLISHED.test(g.clause) && g.clause.includes('信息') && !g.clause.includes('申请') && !excluded(g, year)) {
        total = g;
        break;
      }
    }
  }
  const sum = items.reduce((a, i) => a + i.value, 0);
  const pctSum = allPct ? Math.round(items.reduce((a, i) => a + i.pct!, 0) * 100) / 100 : null;
  return { items, total, sum, pctSum, whole: allPct || items.some((i) => OTHER.test(i.label)) };
}
