/**
 * 表三 as `pdftotext` (default mode, no -layout) gives a bordered table — and as many PDF
 * viewers copy it: page by page, the row labels wrapped a few characters a line, then the
 * numbers of those rows one a line, row by row; a label cut by a page break goes on after
 * the break. Which label a number stood beside is lost, so the numbers are placed by count
 * and order alone, and only where that is proven:
 * - every run of numbers holds whole rows (7 numbers a row), but for a stray number or two
 *   (a page number) or a lost blank cell, which are tried at every place;
 * - the runs together hold exactly the table's rows, in order, and the labels the text shows
 *   between the runs name rows of the run beside them;
 * - of the placements tried, the rules (core/rules, R3.1–R3.3) pick out the ones they allow:
 *   a cell is read where all of them agree, and flagged with its candidates where they do not.
 * Anything else is not this shape: null, and the other readers' result stands.
 */
import { MESSAGES } from '../rules/messages.ts';
import { cellName } from '../format/names.ts';
import type { GridRow } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { GridResult } from './grid.ts';
import { equations, failures, rowTest, verdictOf } from './rowrules.ts';
import { classify, isPageFooter, wordToken, type ValueCell } from './tokens.ts';

export interface BlockRead {
  result: GridResult;
  /** cells the allowed placements disagree on: their candidate values */
  flags: Map<CellId, { candidates: (number | null)[]; reason: string }>;
}

/** at most this many numbers over or under whole rows in one run (page numbers, lost blanks) */
const MAX_ODD = 2;
/** placements tried at most; beyond, the shape is too loose to prove anything */
const MAX_TRIES = 20_000;

interface Run {
  values: ValueCell[];
  /** the labels between the run before and this one, joined, whitespace removed */
  before: string;
  /** the page numbers set apart inside the run, each with how many values came before it */
  pages: { at: number; value: ValueCell }[];
  /** how many of the values come before each page break inside the run or at its end (a page's numbers end there) */
  breaks: number[];
}

const BLANK = (line: number): ValueCell => ({ token: wordToken('blank', ''), line });
const numOf = (v: ValueCell) => (v.token.kind === 'num' ? v.token.value : null);
const keyOf = (vs: ValueCell[]) => vs.map((v) => (v.token.kind === 'num' ? v.token.value : '_')).join(',');

/** the region's lines → runs of bare value lines, each with the label text before it */
function runsOf(lines: string[], firstLine: number, headers: Set<string>, pageNumbers: Set<number>): { runs: Run[]; after: string; pages: number[] } {
  const runs: Run[] = [];
  const pages: number[] = [];
  let text: string[] = [];
  let values: ValueCell[] = [];
  let pageAt: Run['pages'] = [];
  let breaks: number[] = [];
  let lastWasValue = false;
  // the column headers wrap too (自然 / 人): a piece of them between numbers ends no run
  const headerChars = new Set([...headers].join(''));
  const header = (w: string) => [...w].every((ch) => headerChars.has(ch));
  const close = () => {
    runs.push({ values, before: text.join(''), pages: pageAt, breaks });
    values = [];
    text = [];
    pageAt = [];
    breaks = [];
  };
  lines.forEach((l, i) => {
    if (l.includes('\f') && values.length) breaks.push(values.length);
    const t = l.trim();
    if (t === '' || isPageFooter(t)) return;
    if (pageNumbers.has(firstLine + i)) {
      pages.push(firstLine + i);
      const tok = classify(t);
      if (values.length && tok.kind === 'num') pageAt.push({ at: values.length, value: { token: tok, line: firstLine + i } });
      return;
    }
    const tok = classify(t);
    if (tok.kind === 'num' || tok.kind === 'na') {
      values.push({ token: tok, line: firstLine + i });
      lastWasValue = true;
      return;
    }
    // a number wrapped in its narrow cell at its thousands separator (1 / ,017): one number
    if (lastWasValue && /^[,.]\d+$/.test(t)) {
      const last = values[values.length - 1]!;
      const whole = classify(last.token.text + t);
      if (whole.kind === 'num') {
        values[values.length - 1] = { token: whole, line: last.line };
        return;
      }
    }
    lastWasValue = false;
    const word = t.replace(/\s+/g, '');
    // only in the first block: later, such a piece is the rest of a label (申请, 总计)
    if (!runs.length && header(word)) return;
    if (values.length) close();
    text.push(word);
  });
  if (values.length) {
    close();
    text = [];
  }
  return { runs, after: text.join(''), pages };
}

/** the rows of the grid whose fragments the label text names, in the order the text names them */
function named(text: string, grid: GridRow[]): number[] {
  const hits: { at: number; row: number }[] = [];
  grid.forEach((g, row) => {
    const def = g.def;
    if (!def) return;
    let at = -1;
    for (const re of def.match) {
      // anchors name a whole label; the text here is many labels joined
      if (/^\^|\$$/.test(re.source)) continue;
      const m = re.exec(text);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    if (at < 0) {
      const whole = text.indexOf(def.label.replace(/\s+/g, ''));
      if (whole >= 0) at = whole;
    }
    if (at >= 0) hits.push({ at, row });
  });
  return hits.sort((a, b) => a.at - b.at).map((h) => h.row);
}

/**
 * The orders the run's values may have stood in: a page number set apart may have been a
 * cell near it of the same value, the page number that cell's line (pdftotext puts the foot's
 * number among the page's last numbers) — either line may be the page number.
 */
function orders(r: Run, width: number): ValueCell[][] {
  const out = new Map<string, ValueCell[]>();
  const add = (vs: ValueCell[]) => {
    const key = vs.map((v) => `${v.line}`).join(',');
    if (!out.has(key)) out.set(key, vs);
  };
  add(r.values);
  for (const p of r.pages) {
    const v = numOf(p.value);
    for (let i = Math.max(0, p.at - width); i < Math.min(r.values.length, p.at + 2); i++) {
      if (numOf(r.values[i]!) !== v) continue;
      const vs = [...r.values];
      vs.splice(p.at, 0, p.value);
      vs.splice(i < p.at ? i : i + 1, 1);
      add(vs);
    }
  }
  return [...out.values()];
}

/** every way to drop `k` values (strays) or put `-k` blanks (lost cells) into a run, distinct by value */
function placements(values: ValueCell[], k: number): { values: ValueCell[]; dropped: number[] }[] {
  const out = new Map<string, { values: ValueCell[]; dropped: number[] }>();
  const add = (vs: ValueCell[], dropped: number[]) => {
    const key = keyOf(vs);
    if (!out.has(key)) out.set(key, { values: vs, dropped });
  };
  if (k === 0) add(values, []);
  else if (k > 0) {
    const drop = (vs: ValueCell[], left: number, from: number, dropped: number[]) => {
      if (left === 0) return add(vs, dropped);
      for (let i = from; i < vs.length; i++) drop([...vs.slice(0, i), ...vs.slice(i + 1)], left - 1, i, [...dropped, vs[i]!.line]);
    };
    drop(values, k, 0, []);
  } else {
    const put = (vs: ValueCell[], left: number, from: number) => {
      if (left === 0) return add(vs, []);
      for (let i = from; i <= vs.length; i++) put([...vs.slice(0, i), BLANK((vs[i] ?? vs[i - 1])!.line), ...vs.slice(i)], left - 1, i + 1);
    };
    put(values, -k, 0);
  }
  return [...out.values()];
}

/** how far up from a page break a page number may sit (pdftotext may put a cell after it) */
const FOOT_LINES = 3;
/** and, on a page whose foot lacks it once the numbering is known, how far up it is looked for */
const DEEP_LINES = 8;

/**
 * Page numbers: the number lines just before each page break (pdftotext's form feed) that
 * count the pages up — the same offset from the page's index, found at the foot of at least
 * three pages (two for the usual numbering). They are set apart before the runs are counted: a page number among the
 * numbers and a blank cell lost beside it would cancel out in the count and shift the cells
 * between them.
 */
export function pageNumberLines(lines: string[]): Set<number> {
  // each page's last few non-empty lines, nearest the break first
  const feet: { line: number; value: number | null }[][] = [];
  lines.forEach((l, i) => {
    if (!l.includes('\f')) return;
    const foot: { line: number; value: number | null }[] = [];
    const push = (text: string, line: number) => {
      const tok = classify(text);
      // a page number is written plainly (`003` is the rest of a wrapped number)
      foot.push({ line, value: tok.kind === 'num' && /^[1-9]\d*$/.test(tok.text) ? tok.value : null });
    };
    const before = l.slice(0, l.indexOf('\f')).trim();
    if (before) push(before, i + 1);
    for (let j = i - 1; j >= 0 && foot.length < DEEP_LINES; j--) if (lines[j]!.trim()) push(lines[j]!.trim(), j + 1);
    feet.push(foot);
  });
  // the offset most pages' feet agree on (any of a foot's lines), by at least three pages
  const offsets = new Map<number, number>();
  feet.forEach((foot, page) => {
    const near = foot.slice(0, FOOT_LINES);
    for (const o of new Set(near.filter((f) => f.value !== null).map((f) => f.value! - page))) offsets.set(o, (offsets.get(o) ?? 0) + 1);
  });
  // two pages suffice for the usual numbering (the first page 1, or a cover unnumbered): a
  // cell taken for a page number costs a flag, a page number taken for a cell may shift a row
  let best: number | null = null;
  for (const [o, n] of offsets) if ((n >= 3 || (n >= 2 && (o === 0 || o === 1))) && (best === null || n > offsets.get(best)!)) best = o;
  const out = new Set<number>();
  if (best === null) return out;
  // the nearest line of the foot that has the page's number; where the foot has none, a line
  // further up (the cells after it: a page number taken there and a blank lost in the same
  // run would cancel out in the count)
  feet.forEach((foot, page) => {
    const hit = foot.slice(0, FOOT_LINES).find((f) => f.value === page + best) ?? foot.find((f) => f.value === page + best);
    if (hit) out.add(hit.line);
  });
  return out;
}

/**
 * @param pageNumbers 1-based lines that are page numbers (pageNumberLines over the whole text)
 */
export function readBlocks(
  format: FormatId,
  lines: string[],
  firstLine: number,
  grid: GridRow[],
  headers: Set<string>,
  pageNumbers: Set<number> = new Set(),
): BlockRead | null {
  const width = grid[0]?.cells.length ?? 0;
  if (!width || grid.some((g) => g.cells.length !== width)) return null;
  const { runs, after, pages } = runsOf(lines, firstLine, headers, pageNumbers);
  if (runs.length < 2) return null;

  // whole rows per run, and how many numbers over (+) or under (−) them
  const rows: number[] = [];
  const odd: number[] = [];
  for (const r of runs) {
    const n = r.values.length;
    const k = Math.round(n / width);
    if (Math.abs(n - k * width) > MAX_ODD) return null;
    rows.push(k);
    odd.push(n - k * width);
  }
  if (rows.reduce((a, b) => a + b, 0) !== grid.length) return null;
  const first: number[] = [];
  rows.reduce((at, k) => (first.push(at), at + k), 0);
  const runOf = (row: number) => {
    let at = 0;
    first.forEach((f, b) => {
      if (f <= row && rows[b]! > 0) at = b;
    });
    return at;
  };

  if (!labelsAgree(runs.map((r) => r.before).concat(after), grid, runOf)) return null;

  // each run's placements, judged first by the rows they fill alone (R3.3)
  const rowsBroken = (b: number, vs: ValueCell[]) => {
    let n = 0;
    for (let k = 0; k < rows[b]!; k++) {
      const g = grid[first[b]! + k]!;
      if (!rowTest(format, g.cells).consistent(vs.slice(k * width, (k + 1) * width).map(numOf))) n++;
    }
    return n;
  };
  const readings = (withOrders: boolean) => {
    const raw = runs.map((r, b) => {
      const all = (withOrders ? orders(r, width) : [r.values]).flatMap((vs) => placements(vs, odd[b]!));
      // distinct by value: orders that differ only in equal values are one reading
      return [...new Map(all.map((o) => [keyOf(o.values), o])).values()];
    });
    const options = raw.map((all, b) => {
      if (all.length === 1) return all;
      const scored = all.map((o) => ({ o, n: rowsBroken(b, o.values) }));
      // one row more than the fewest: the report's own wrong cell breaks a row where the truth lies
      const least = Math.min(...scored.map((x) => x.n));
      return scored.filter((x) => x.n <= least + 1).map((x) => x.o);
    });
    return { raw, options, tries: options.reduce((n, o) => n * o.length, 1) };
  };
  // the page numbers' other places too, unless that makes too many to try
  let read = readings(true);
  if (read.tries > MAX_TRIES) read = readings(false);
  const { raw, options, tries } = read;
  if (tries > MAX_TRIES) return null;
  const index = new Map<CellId, number>();
  grid.forEach((g, r) => g.cells.forEach((id, c) => index.set(id, r * width + c)));
  const all: { flat: ValueCell[]; dropped: number[]; fails: number }[] = [];
  for (let t = 0; t < tries; t++) {
    let rest = t;
    const flat: ValueCell[] = [];
    const dropped: number[] = [];
    options.forEach((o, b) => {
      const pick = o[rest % o.length]!;
      rest = Math.floor(rest / o.length);
      flat.push(...pick.values);
      dropped.push(...pick.dropped);
      void b;
    });
    all.push({ flat, dropped, fails: failures(format, (id) => numOf(flat[index.get(id)!]!), 'R3.') });
  }
  // the placements the rules allow. When none does, the report has a mistake somewhere: the
  // placements whose broken equations all share one cell (one wrong cell explains them) are
  // kept, their errors stand where they agree; if there is none, only runs that gave no choice
  // are read, and a run with choices is flagged whole, with every value it could put in a cell
  // A blank put in can hide a wrong cell (its equations undecided), so where a run lost a
  // blank, the placements one wrong cell explains stay in the running beside those that pass.
  const explained = () => all.filter((x) => x.fails > 0 && oneCell(format, (id) => numOf(x.flat[index.get(id)!]!)));
  let allowed = all.filter((x) => x.fails === 0);
  if (odd.some((d) => d < 0)) allowed = [...allowed, ...explained()];
  else if (!allowed.length && raw.some((o) => o.length > 1)) allowed = explained();
  const pool = allowed.length ? allowed : all;
  // a run whose page number came before cells of that page (pdftotext held them back past
  // the foot, their order then in doubt) and that lost a blank: where the blank was, no count
  // or rule can tell — the run is flagged whole
  // — and so is a run that lost a blank where no placement satisfies the rules: the wrong cell
  // they point at may be a cell held back at the page's foot, not the report's mistake
  const none = !all.some((x) => x.fails === 0);
  const disturbed = runs.map((r, b) => odd[b]! < 0 && (none || r.pages.some((p) => (r.breaks.find((f) => f >= p.at) ?? r.values.length) - p.at >= 2)));
  const unsure = (r: number) => (!allowed.length && raw[runOf(r)]!.length > 1) || disturbed[runOf(r)]!;

  const placed: GridResult['placed'] = new Map();
  const flags: BlockRead['flags'] = new Map();
  grid.forEach((g, r) => {
    const values = g.cells.map((id, c) => {
      const seen = pool.map((p) => p.flat[r * width + c]!);
      let distinct = [...new Set(seen.map(numOf))];
      if (distinct.length === 1 && !unsure(r)) return seen[0]!;
      if (unsure(r)) {
        const b = runOf(r);
        const at = (r - first[b]!) * width + c;
        distinct = [...new Set(raw[b]!.map((o) => numOf(o.values[at]!)))];
      }
      const name = cellName(format, id);
      flags.set(id, {
        candidates: distinct,
        reason: MESSAGES.pdfT3Unsure(name, distinct),
      });
      return BLANK(seen[0]!.line);
    });
    placed.set(g.key, { values, line: values[0]!.line, how: 'stream', shape: '' });
  });
  const strays = [...pages, ...(pool.every((p) => p.dropped.join() === pool[0]!.dropped.join()) ? pool[0]!.dropped : [])];
  // rows whose own rule fails in more than one row: no reading to trust (one wrong cell breaks
  // one row) — every row flagged, so that no rule judges a misplacement
  const broken = grid.filter((g) => !rowTest(format, g.cells).consistent(placed.get(g.key)!.values.map(numOf)));
  if (broken.length > 1) for (const p of placed.values()) p.ambiguous = true;
  return { result: { placed, strays, orientation: 'row' }, flags };
}

/** the equations of 表三 these values break all hold one cell in common (none broken: false) */
function oneCell(format: FormatId, get: (id: CellId) => number | null): boolean {
  let common: Set<CellId> | null = null as Set<CellId> | null;
  for (const r of equations(format)) {
    if (r.severity !== 'error' || !r.rule.startsWith('R3.') || verdictOf(r, get) !== 'fail') continue;
    const cells = new Set([...r.left, ...r.right]);
    const before: Set<CellId> | null = common;
    common = before ? new Set([...before].filter((c) => cells.has(c))) : cells;
    if (!common.size) return false;
  }
  return common !== null;
}

/**
 * The labels between the runs must name rows of the runs beside them: labels before their
 * numbers (as pdftotext writes a page) or after them, and a label cut by a page break may
 * go on beside the next run. Most of the table's rows must be named, in the table's order.
 */
function labelsAgree(texts: string[], grid: GridRow[], runOf: (row: number) => number): boolean {
  const hits = texts.flatMap((t, b) => named(t, grid).map((row) => ({ row, b })));
  if (new Set(hits.map((h) => h.row)).size * 2 < grid.length) return false;
  for (let i = 1; i < hits.length; i++) if (hits[i]!.row < hits[i - 1]!.row) return false;
  // before: the text before run b names rows of run b; after: rows of run b − 1
  return [0, 1].some((shift) => {
    const off = hits.map((h) => runOf(h.row) - (h.b - shift));
    return off.every((d) => Math.abs(d) <= 1) && off.filter((d) => d === 0).length * 2 >= hits.length;
  });
}
