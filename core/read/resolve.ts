/**
 * Rows whose numbers ran together: split each run by the rules that hold inside the row
 * (R3.3, R4.x, R2.2/R2.4), then settle rows with several fitting splits by the rules across
 * rows (R3.1, R3.2 down the columns). What the rules cannot settle stays ambiguous, with
 * its candidates — never a silent guess.
 */
import type { GridRow } from '../format/cells.ts';
import { formatCells } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import type { Severity } from '../findings.ts';
import { instanceId, type EquationRule } from '../rules/definitions.ts';
import { MESSAGES, RULE_TITLES } from '../rules/messages.ts';
import type { Finding } from '../findings.ts';
import { finding } from './finding.ts';
import type { Placed } from './grid.ts';
import { equations, rowEquations, verdictOf } from './rowrules.ts';
import { splitRun } from './runs.ts';
import { numToken, wordToken, type ValueCell } from './tokens.ts';

export interface RunOutcome {
  /** rows whose run no split could satisfy (the reader keeps them blank and says so) */
  unsplittable: { key: string; line: number; digits: string }[];
  /**
   * rows whose digits split several ways, every one breaking a rule of the row: the report
   * is wrong whichever split is true (an error, with the splits and what each breaks)
   */
  broken: BrokenRun[];
}

export interface BrokenRun {
  key: string;
  line: number;
  digits: string;
  cells: CellId[];
  /** the first few splits, each with the rule instances it breaks (R3.3@granted …) */
  splits: { parts: number[]; breaks: { rule: string; at: string }[] }[];
  /** how many splits there are in all */
  total: number;
  /** rule instances every split breaks, with their severity */
  always: { id: string; rule: string; at: string; severity: Severity }[];
}

/** splits enumerated to show that every one breaks a rule; beyond it the row is left unread */
const MAX_BROKEN_SPLITS = 4000;
const SHOWN_SPLITS = 3;

/** every way to read the digits as the row's numbers, each breaking some rule of the row? */
function allBreak(format: FormatId, g: GridRow, run: string, decimalLast: boolean): Omit<BrokenRun, 'key' | 'line' | 'digits' | 'cells'> | null {
  const { candidates, exhausted } = splitRun(run, g.cells.length, { decimalLast, limit: MAX_BROKEN_SPLITS, budget: 400_000 });
  if (!candidates.length || exhausted || candidates.length >= MAX_BROKEN_SPLITS) return null;
  const inRow = rowEquations(format, g.cells).map((x) => x.r);
  const at = new Map(g.cells.map((c, i) => [c, i]));
  const breaks = candidates.map((parts) => inRow.filter((r) => !holds(r, (id) => parts[at.get(id)!] ?? null)));
  if (breaks.some((b) => b.length === 0)) return null;
  const always = inRow.filter((r) => breaks.every((b) => b.includes(r)));
  if (!always.length) return null;
  return {
    splits: candidates.slice(0, SHOWN_SPLITS).map((parts, i) => ({ parts, breaks: breaks[i]!.map((r) => ({ rule: r.rule, at: r.at })) })),
    total: candidates.length,
    always: always.map((r) => ({ id: instanceId(r), rule: r.rule, at: r.at, severity: r.severity })),
  };
}

const MAX_COMBINATIONS = 4096;

const holds = (r: EquationRule, get: (id: CellId) => number | null): boolean => verdictOf(r, get) !== 'fail';

/**
 * Replace every placed run by values. `rows` are the grid rows of one table (t2, t3 or the
 * one row of t4); the placed map is changed in place.
 */
export function resolveRuns(
  format: FormatId,
  rows: GridRow[],
  placed: Map<string, Placed>,
  ambiguous: Report['ambiguous'],
): RunOutcome {
  const outcome: RunOutcome = { unsplittable: [], broken: [] };
  const open: { g: GridRow; p: Placed; candidates: number[][] }[] = [];
  const known = new Map<CellId, number | null>();
  const amountLast = (g: GridRow) => formatCells(format).byId.get(g.cells[g.cells.length - 1]!)?.column.kind === 'amount';

  for (const g of rows) {
    const p = placed.get(g.key);
    if (!p?.run) continue;
    const inRow = rowEquations(format, g.cells);
    const check = (parts: number[], upTo: number) =>
      inRow.every(({ r, last }) => last >= upTo || holds(r, (id) => parts[g.cells.indexOf(id)] ?? null));
    const { candidates } = splitRun(p.run.digits, g.cells.length, {
      decimalLast: amountLast(g),
      prefix: (parts) => check(parts, parts.length),
      accept: (parts) => check(parts, parts.length),
    });
    if (candidates.length === 0) {
      const broken = allBreak(format, g, p.run.digits, amountLast(g));
      if (broken) {
        // the cells stay empty, flagged with every value a split gives them
        const line = p.run.line;
        const all = splitRun(p.run.digits, g.cells.length, { decimalLast: amountLast(g), limit: MAX_BROKEN_SPLITS }).candidates;
        const values: ValueCell[] = g.cells.map((id, i) => {
          ambiguous[id] = {
            candidates: [...new Set(all.map((c) => c[i]!))],
            reason: `第 ${line} 行的数字连在一起（${p.run!.digits}），每一种拆法都不满足勾稽关系，无法确定这一格。`,
          };
          return { token: wordToken('blank', ''), line };
        });
        outcome.broken.push({ key: g.key, line, digits: p.run.digits, cells: g.cells, ...broken });
        const { run: _run, ...rest } = p;
        placed.set(g.key, { ...rest, values, split: 'ambiguous' });
      } else {
        outcome.unsplittable.push({ key: g.key, line: p.run.line, digits: p.run.digits });
        placed.delete(g.key);
      }
    } else {
      open.push({ g, p, candidates });
    }
  }
  // rows with one split fix their cells; they are the known side of the column rules
  for (const o of open) {
    if (o.candidates.length === 1) o.g.cells.forEach((id, i) => known.set(id, o.candidates[0]![i]!));
  }
  const unsettled = open.filter((o) => o.candidates.length > 1);
  if (unsettled.length) {
    // the rules across rows (a row's own rules already chose its candidates)
    const own = new Set(rows.flatMap((g) => rowEquations(format, g.cells).map((x) => x.r)));
    const cellsOpen = new Set(unsettled.flatMap((o) => o.g.cells));
    const touching = equations(format).filter((r) => !own.has(r) && [...r.left, ...r.right].some((c) => cellsOpen.has(c)));
    const total = unsettled.reduce((n, o) => n * o.candidates.length, 1);
    if (touching.length && total <= MAX_COMBINATIONS) {
      const survivors: number[][] = [];
      const pick = new Array<number>(unsettled.length).fill(0);
      const trial = new Map(known);
      for (let n = 0; n < total; n++) {
        let rest = n;
        unsettled.forEach((o, k) => {
          pick[k] = rest % o.candidates.length;
          rest = Math.floor(rest / o.candidates.length);
          o.g.cells.forEach((id, i) => trial.set(id, o.candidates[pick[k]!]![i]!));
        });
        if (touching.every((r) => holds(r, (id) => trial.get(id) ?? null))) survivors.push([...pick]);
      }
      if (survivors.length) {
        unsettled.forEach((o, k) => {
          o.candidates = [...new Set(survivors.map((s) => s[k]!))].map((i) => o.candidates[i]!);
        });
      }
    }
  }
  for (const { g, p, candidates } of open) {
    const line = p.run!.line;
    const settled = candidates.length === 1;
    const values: ValueCell[] = g.cells.map((id, i) => {
      const options = [...new Set(candidates.map((c) => c[i]!))];
      if (options.length === 1) return { token: numToken(options[0]!, p.run!.digits), line };
      ambiguous[id] = {
        candidates: options,
        reason: `第 ${line} 行的数字连在一起（${p.run!.digits}），按勾稽规则有 ${candidates.length} 种拆法，无法确定这一格。`,
      };
      return { token: wordToken('blank', ''), line };
    });
    const { run: _run, ...rest } = p;
    placed.set(g.key, { ...rest, values, split: settled ? 'settled' : 'ambiguous' });
  }
  return outcome;
}

/** the errors of rows every split of which breaks a rule: one per rule instance, the splits listed */
export function brokenFindings(format: FormatId, b: BrokenRun): Finding[] {
  const title = (r: { rule: string; at: string }) => RULE_TITLES[r.rule]?.(format, r.at) ?? r.rule;
  const shown = b.splits.map((s) => `拆成 ${s.parts.join('、')} 时不满足“${s.breaks.map(title).join('”“')}”`).join('；');
  const message = MESSAGES.splitsAllBreak(b.digits, b.line, shown, b.total - b.splits.length);
  return b.always.map((r) => finding(r.rule, r.at, r.severity, message, b.cells, [b.line]));
}
