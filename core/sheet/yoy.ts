/**
 * 同比: this year beside last year. One row for the county and one per unit (present in either
 * year), and for each figure of FIGURES five columns: 本年, 上年, 增减, 倍数, 跳变. Every number
 * is a formula into the two years' sheets (the county's this year into 汇总, its last year the
 * sum of the units' last year), and 跳变 is Y1's verdict over the row's two cells, so edits
 * anywhere move it. yoyTable() computes the same in TypeScript for the command line and tests.
 * Units new this year, or gone since last year, say so in the 说明 column.
 */
import type { FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import { AND, call, COUNT, eq, IF, num, str, sub, SUM, unparse, bin, type Expr } from '../formula/index.ts';
import { crossYearInstances, isPrev, ownId, twoYears } from '../rules/crossyear.ts';
import type { JumpRule } from '../rules/definitions.ts';
import { evaluate, figureValue, jumps } from '../rules/evaluate.ts';
import { FIGURES } from '../rules/figures.ts';
import type { YearSheet } from './crossyear.ts';
import { figureExpr, jumpVerdict, linkFormula, type Where } from './formulas.ts';
import { standardLayout } from './layout.ts';
import { columnLetter, emptySheet, SheetBuilder, type SheetModel } from './model.ts';
import { SUMMARY_SHEET } from './summary.ts';

export const YOY_SHEET = '同比';
export const YOY_WORDS = { fail: '跳变', pass: '', na: '' } as const;
const SUB = ['本年', '上年', '增减', '倍数', '跳变'] as const;
const HEAD = 3;
const FIRST_COL = 5; // A 单位, B 本年工作表, C 上年工作表, D 说明

export interface YoyUnit {
  unit: string;
  current?: YearSheet;
  previous?: YearSheet;
}

export interface YoyFigure {
  key: string;
  current: number | null;
  previous: number | null;
  jump: boolean;
}

export interface YoyRow {
  unit: string;
  status: 'both' | 'new' | 'gone';
  figures: YoyFigure[];
}

/** Y1's instance of a figure for a pair of formats (a year missing: this year's format both sides) */
function jumpRule(key: string, current: FormatId, previous: FormatId): JumpRule {
  return crossYearInstances(current, previous).find((r): r is JumpRule => r.kind === 'jump' && r.at === key)!;
}

/** where a unit's cells live: this year's on its sheet, last year's (prevId) on last year's */
function whereOf(u: YoyUnit): Where {
  return {
    at: (id) => (isPrev(id) ? u.previous!.layout.addresses[ownId(id)]! : u.current!.layout.addresses[id]!),
    sheetOf: (id) => (isPrev(id) ? u.previous!.sheet : u.current!.sheet),
  };
}

const statusOf = (u: YoyUnit): YoyRow['status'] => (u.current && u.previous ? 'both' : u.current ? 'new' : 'gone');
const STATUS_ZH: Record<YoyRow['status'], string> = { both: '', new: '本年新增的单位（上年没有年报）', gone: '本年没有年报（上年有）' };

const lookup = (r: Report | undefined) => (id: string) => r?.cells[id]?.value ?? null;

/** the rows of 同比 as TypeScript computes them: the county first, then the units */
export function yoyTable(units: YoyUnit[], summary: { format: FormatId; values: Record<string, number | null> }): YoyRow[] {
  const rows: YoyRow[] = units.map((u) => {
    const cf = u.current?.report.format ?? u.previous!.report.format;
    const pf = u.previous?.report.format ?? cf;
    const get = twoYears(lookup(u.current?.report), lookup(u.previous?.report));
    return {
      unit: u.unit,
      status: statusOf(u),
      figures: FIGURES.map((f) => {
        const r = jumpRule(f.key, cf, pf);
        const e = evaluate(r, get);
        return {
          key: f.key,
          current: u.current ? figureValue(r.current, r.currentFactor, get) : null,
          previous: u.previous ? figureValue(r.previous, r.previousFactor, get) : null,
          jump: u.current !== undefined && u.previous !== undefined && e.verdict === 'fail',
        };
      }),
    };
  });
  const withPrevious = rows.filter((r) => r.status !== 'new');
  const county: YoyRow = {
    unit: '（汇总）',
    status: 'both',
    figures: FIGURES.map((f, i) => {
      const r = jumpRule(f.key, summary.format, summary.format);
      const current = figureValue(r.current, r.currentFactor, (id) => summary.values[id] ?? null);
      const prev = withPrevious.map((row) => row.figures[i]!.previous);
      const previous = prev.length && prev.every((v) => v !== null) ? prev.reduce((s: number, v) => s + v!, 0) : null;
      return { key: f.key, current, previous, jump: current !== null && previous !== null && jumps(r, current, previous) };
    }),
  };
  return [county, ...rows];
}

export interface YoySheetInput {
  name: string;
  year: number;
  format: FormatId;
  units: YoyUnit[];
}

export function yoySheet(input: YoySheetInput): SheetModel {
  const sheet = emptySheet(YOY_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  const n = FIRST_COL - 1 + FIGURES.length * SUB.length;
  sheet.widths = [26, 18, 18, 22, ...FIGURES.flatMap(() => [8, 8, 8, 7, 6])];
  b.merged(1, 1, n, 1, `${input.name}${input.year}年与${input.year - 1}年同比`, 'title');
  b.height(1, 28);
  ['单位', `${input.year}年工作表`, `${input.year - 1}年工作表`, '说明'].forEach((h, i) => b.merged(i + 1, 2, i + 1, HEAD, h, 'table_header'));
  FIGURES.forEach((f, k) => {
    const c = FIRST_COL + k * SUB.length;
    b.merged(c, 2, c + SUB.length - 1, 2, f.label, 'table_header');
    SUB.forEach((s, i) => b.text(c + i, HEAD, s, 'table_header'));
  });
  const first = HEAD + 1;
  const unitRows = input.units.map((u, k) => ({ u, row: first + 1 + k }));
  const last = first + input.units.length;
  const summaryWhere: Where = { at: (id) => standardLayout(input.format).addresses[id]!, sheet: SUMMARY_SHEET };
  const f = (e: Expr) => unparse(e);

  const putFigures = (row: number, current: (r: JumpRule, k: number) => string | null, previous: (r: JumpRule, k: number) => string | null, rule: (key: string) => JumpRule) => {
    FIGURES.forEach((fig, k) => {
      const c = FIRST_COL + k * SUB.length;
      const r = rule(fig.key);
      const [B, A] = [rowRef(c, row), rowRef(c + 1, row)];
      const cf = current(r, k);
      const pf = previous(r, k);
      if (cf !== null) b.set(c, row, { kind: 'formula', formula: cf }, 'number');
      if (pf !== null) b.set(c + 1, row, { kind: 'formula', formula: pf }, 'number');
      if (cf === null || pf === null) return;
      const known = AND(call('ISNUMBER', B), call('ISNUMBER', A));
      b.set(c + 2, row, { kind: 'formula', formula: f(IF(known, sub(B, A), str(''))) }, 'number');
      b.set(c + 3, row, { kind: 'formula', formula: f(IF(known, IF(bin('<>', A, num(0)), call('ROUND', bin('/', B, A), num(2)), str('')), str(''))) }, 'number');
      b.set(c + 4, row, { kind: 'formula', formula: f(jumpVerdict(r, B, A, YOY_WORDS)) }, 'text');
    });
  };

  // the county: this year from 汇总, last year the sum of the units that had a report last year
  b.text(1, first, `${input.name}（汇总）`, 'text');
  b.set(2, first, { kind: 'formula', formula: linkFormula(SUMMARY_SHEET, 'A1', SUMMARY_SHEET) }, 'link');
  b.text(4, first, `上年为各单位上年之和（${input.units.filter((u) => u.previous).length} 个单位）`, 'text');
  const prevRows = unitRows.filter(({ u }) => u.previous).map(({ row }) => row);
  putFigures(
    first,
    (r) => f(figureExpr(r.current, r.currentFactor, summaryWhere)),
    (_r, k) => {
      if (!prevRows.length) return f(str(''));
      const col = FIRST_COL + k * SUB.length + 1;
      const refs = contiguous(prevRows) ? [rangeRef(col, prevRows[0]!, prevRows[prevRows.length - 1]!)] : prevRows.map((r) => rowRef(col, r));
      return f(IF(eq(COUNT(...refs), num(prevRows.length)), SUM(...refs), str('')));
    },
    (key) => jumpRule(key, input.format, input.format),
  );

  for (const { u, row } of unitRows) {
    b.text(1, row, u.unit, 'text');
    if (u.current) b.set(2, row, { kind: 'formula', formula: linkFormula(u.current.sheet, 'A1', u.current.sheet) }, 'link');
    if (u.previous) b.set(3, row, { kind: 'formula', formula: linkFormula(u.previous.sheet, 'A1', u.previous.sheet) }, 'link');
    if (STATUS_ZH[statusOf(u)]) b.text(4, row, STATUS_ZH[statusOf(u)], 'text');
    const cf = u.current?.report.format ?? u.previous!.report.format;
    const pf = u.previous?.report.format ?? cf;
    const w = whereOf(u);
    putFigures(
      row,
      (r) => f(u.current ? figureExpr(r.current, r.currentFactor, w) : str('')),
      (r) => f(u.previous ? figureExpr(r.previous, r.previousFactor, w) : str('')),
      (key) => jumpRule(key, cf, pf),
    );
  }

  // paint a jump: this year's number and its 跳变 cell
  FIGURES.forEach((_f, k) => {
    const c = FIRST_COL + k * SUB.length;
    sheet.conditionalFormats.push({
      ranges: [`${columnLetter(c)}${first}:${columnLetter(c)}${last}`, `${columnLetter(c + 4)}${first}:${columnLetter(c + 4)}${last}`],
      formula: f(eq({ k: 'ref', from: { col: c + 4, row: first, absCol: true } }, str(YOY_WORDS.fail))),
      style: 'broken',
    });
  });
  sheet.freeze = { rows: HEAD, columns: 1 };
  sheet.autoFilter = `A${HEAD}:${columnLetter(n)}${last}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: `2:${HEAD}` };
  return sheet;
}

const contiguous = (rows: number[]) => rows.every((r, i) => i === 0 || r === rows[i - 1]! + 1);

/** a cell of this sheet, by column and row */
const rowRef = (col: number, row: number): Expr => ({ k: 'ref', from: { col, row } });
const rangeRef = (col: number, from: number, to: number): Expr => ({ k: 'ref', from: { col, row: from }, to: { col, row: to } });
