/**
 * Standard sheets and 校验 rows for many units at once (the county workbook: hundreds or a
 * thousand units). The content is exactly that of reportSheet() and verifySheet() — a test
 * compares them cell by cell — but made from a per-format template filled once:
 *
 * - a unit's standard sheet shares the template's cells (labels, check formulas, paint) and
 *   only sets its own numbers: a few hundred cells instead of a fresh sheet of formulas;
 * - a unit's 校验 rows are the per-format row templates (verifyrow.ts) with the sheet name
 *   and row put in, composed when written (ComposedFormula): two million formula strings of
 *   a thousand units would otherwise hold several hundred MB while the workbook is written.
 */
import type { Finding } from '../findings.ts';
import type { FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import { instanceId, ruleInstances } from '../rules/definitions.ts';
import { addChecks } from './checks.ts';
import { quoteSheet } from './formulas.ts';
import { copyTemplate, standardLayout, type Layout } from './layout.ts';
import type { Address, CellModel, SheetModel } from './model.ts';
import { OverlayCells } from './overlay.ts';
import { fixedRow, RowCells, type RowSource } from './rows.ts';
import { chunks, CITED, sourceFrame, sourceSheet, type SourceSheet, type SourceText } from './source.ts';
import { failingIds, instanceRow, leadRowCells, leadRows, staticRowCells, type VerifyInput } from './verify.ts';

const CITED_CELL: CellModel = { content: { kind: 'text', text: CITED }, style: 'text' };
import { makeRow, type RowTemplate } from './verifyrow.ts';
import { fillReport } from './workbook.ts';

export { ComposedFormula } from './composed.ts';

// ------------------------------------------------------------------ standard sheets

const filled = new Map<FormatId, SheetModel>();

/** the template of a format with its check cells and paint: the part every unit shares */
function filledTemplate(format: FormatId): SheetModel {
  let t = filled.get(format);
  if (!t) {
    const layout = standardLayout(format);
    t = copyTemplate(layout, '');
    addChecks(t, layout);
    filled.set(format, t);
  }
  return t;
}

/** the same sheet as reportSheet(report, name); its cell objects are shared, never to be mutated */
export function unitSheet(report: Report, name: string): SheetModel {
  const layout = standardLayout(report.format);
  const t = filledTemplate(report.format);
  const sheet: SheetModel = {
    ...t,
    name,
    cells: new OverlayCells(t.cells),
    merges: [...t.merges],
    widths: [...t.widths],
    heights: new Map(t.heights),
    hiddenColumns: [...t.hiddenColumns],
    conditionalFormats: [...t.conditionalFormats],
    print: { ...t.print },
    addresses: { ...layout.addresses },
  };
  fillReport(sheet, layout, report);
  return sheet;
}

// ------------------------------------------------------------------ 校验 rows

/**
 * A row of 校验 made from its template when written (a class: a closure per row costs more).
 * The streamed writer writes it from the template (xlsx/rowxml.ts), without its cells.
 */
class TemplateRow implements RowSource {
  constructor(
    readonly template: RowTemplate,
    readonly sheet: string,
    private readonly row: number,
    readonly quoted: string,
  ) {}
  cells() {
    return makeRow(this.template, this.sheet, this.row, this.quoted);
  }
}

interface UnitRows {
  equations: RowTemplate[];
  values: RowTemplate[];
  /** the instance id of each row */
  equationIds: string[];
  valueIds: string[];
  /** a finding with one of these ids has a formula row already */
  formulaIds: Set<string>;
}

const unitRowsOf = new WeakMap<Layout, UnitRows>();

/** a report sheet's 校验 rows as templates, made once per layout */
function unitRows(layout: Layout): UnitRows {
  let t = unitRowsOf.get(layout);
  if (!t) {
    const instances = ruleInstances(layout.format);
    t = {
      equations: instances.filter((r) => r.kind !== 'value').map((r) => instanceRow(layout, r)),
      values: instances.filter((r) => r.kind === 'value').map((r) => instanceRow(layout, r)),
      equationIds: instances.filter((r) => r.kind !== 'value').map(instanceId),
      valueIds: instances.filter((r) => r.kind === 'value').map(instanceId),
      formulaIds: new Set(instances.map(instanceId)),
    };
    unitRowsOf.set(layout, t);
  }
  return t;
}

/** appends rows to 校验, whose cells are RowCells (rows.ts): made when the sheet is written */
export class VerifyRows {
  readonly cells: RowCells;

  /** takes over the sheet's cells (its header row) */
  constructor(readonly sheet: SheetModel) {
    this.cells = new RowCells(2);
    for (const [a, c] of sheet.cells) this.cells.set(a, c);
    sheet.cells = this.cells;
  }

  /** the row the next row goes to */
  get row(): number {
    return this.cells.next;
  }

  /** a row of fixed cells, in column order */
  push(cells: (readonly [number, CellModel])[]): void {
    this.cells.push(fixedRow([...cells].sort((a, b) => a[0] - b[0])), cells.length);
  }

  /** a row from a template, its cells made when written */
  template(t: RowTemplate, sheet: string, quoted = quoteSheet(sheet)): void {
    this.cells.push(new TemplateRow(t, sheet, this.cells.next, quoted), t.length);
  }

  /**
   * The rows verifySheet() gives one report sheet: its equations, what the reading found
   * that no formula recomputes, then the one-cell value rules. `extra` rows (across years)
   * go between the findings and the value rules.
   */
  unit(input: VerifyInput, extra?: () => void): void {
    const t = unitRows(input.layout);
    const quoted = quoteSheet(input.sheet);
    const failing = failingIds(input);
    // a row the sheet's filter hides when first opened (it prints as the broken rules only)
    const hide = (shown: boolean) => shown || this.sheet.filter?.hiddenRows.add(this.cells.next);
    for (const lead of leadRows(input)) this.push(leadRowCells(input, lead));
    t.equations.forEach((r, i) => {
      hide(failing.has(t.equationIds[i]!));
      this.template(r, input.sheet, quoted);
    });
    for (const f of input.findings) {
      if (t.formulaIds.has(f.id)) continue;
      hide(f.severity !== 'info');
      this.push(staticRowCells(input, f));
    }
    extra?.();
    t.values.forEach((r, i) => {
      hide(failing.has(t.valueIds[i]!));
      this.template(r, input.sheet, quoted);
    });
  }
}

// ------------------------------------------------------------------ 原文

/** a line (or a part of a long line) of 原文, its cells made when written: a class, for a closure per line costs more */
class SourceRow implements RowSource {
  constructor(
    private readonly name: CellModel,
    private readonly line: number,
    private readonly text: string,
    private readonly cited: boolean,
  ) {}
  cells(): (readonly [number, CellModel])[] {
    const n: CellModel = { content: { kind: 'number', value: this.line }, style: 'number' };
    // text, whatever it starts with: a line reading =HYPERLINK(…) stays a line
    const text: CellModel = { content: { kind: 'text', text: this.text }, style: 'text' };
    return this.cited ? [[1, this.name], [2, n], [3, text], [4, CITED_CELL]] : [[1, this.name], [2, n], [3, text]];
  }
}

/** the same sheet as sourceSheet(), its rows made when written */
export function bulkSourceSheet(reports: SourceText[]): SourceSheet {
  const frame = sourceSheet([]);
  const sheet = frame.sheet;
  const cells = new RowCells(2);
  for (const [a, c] of sheet.cells) cells.set(a, c);
  sheet.cells = cells;
  const rowsOf = new Map<string, Int32Array>();
  const hidden = new Set<number>();
  for (const r of reports) {
    const name: CellModel = { content: { kind: 'text', text: r.sheet }, style: 'text' };
    const at = new Int32Array(r.lines.length);
    for (let i = 0; i < r.lines.length; i++) {
      at[i] = cells.next;
      const cited = r.cited?.has(i + 1) === true;
      for (const part of chunks(r.lines[i]!)) {
        if (!cited) hidden.add(cells.next);
        cells.push(new SourceRow(name, i + 1, part, cited), cited ? 4 : 3);
      }
    }
    rowsOf.set(r.sheet, at);
  }
  sourceFrame(sheet, cells.next - 1, hidden);
  return {
    sheet,
    lineAddress: (s, line) => {
      const row = rowsOf.get(s)?.[line - 1];
      return row === undefined ? undefined : `C${row}`;
    },
  };
}
