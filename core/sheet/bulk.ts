/**
 * Standard sheets and 校验 rows for many units at once (the county workbook: hundreds or a
 * thousand units). The content is exactly that of reportSheet() and verifySheet() — a test
 * compares them cell by cell — but made from a per-format template filled once:
 *
 * - a unit's standard sheet shares the template's cells (labels, check formulas, paint) and
 *   only sets its own numbers: a few hundred cells instead of a fresh sheet of formulas;
 * - a unit's 校验 rows are the template's rows with the sheet name put in. Their formulas
 *   are composed when read (ComposedFormula): two million formula strings of a thousand
 *   units would otherwise hold several hundred MB while the workbook is written.
 */
import type { Finding } from '../findings.ts';
import { SEVERITY_ZH } from '../findings.ts';
import type { FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import { instanceId, ruleInstances } from '../rules/definitions.ts';
import { addChecks } from './checks.ts';
import { linkFormula, quoteSheet, VERDICT_ZH } from './formulas.ts';
import { copyTemplate, standardLayout, type Layout } from './layout.ts';
import type { Address, CellModel, SheetModel } from './model.ts';
import { addr } from './model.ts';
import { fixedRow, RowCells } from './rows.ts';
import { chunks, CITED, SOURCE_SHEET, sourceFrame, sourceSheet, type SourceSheet, type SourceText } from './source.ts';

const CITED_CELL: CellModel = { content: { kind: 'text', text: CITED }, style: 'text' };
import { failingIds, leadRows, SUGGESTION, VERIFY_COL, verifySheet, type LeadRow, type VerifyInput } from './verify.ts';
import { fillReport } from './workbook.ts';

/** a sheet name no unit can have (sheet names never hold control characters) */
const PLACEHOLDER = '\u0001工作表\u0001';
const QUOTED = quoteSheet(PLACEHOLDER);

/** formula text with the sheet name put in when it is read */
export class ComposedFormula {
  readonly kind = 'formula' as const;
  constructor(
    /** the formula cut at the sheet name; shared by every unit */
    readonly parts: readonly string[],
    /** the quoted sheet name */
    readonly quoted: string,
  ) {}
  get formula(): string {
    return this.parts.join(this.quoted);
  }
}

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
    cells: new Map(t.cells),
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

/** one row of 校验 as cells by column (1-based), for a sheet name still to be put in */
type RowTemplate = { col: number; make: (name: string, quoted: string) => CellModel }[];

interface VerifyTemplate {
  equations: RowTemplate[];
  values: RowTemplate[];
  /** the instance id of each row */
  equationIds: string[];
  valueIds: string[];
  /** formula ids: a finding with one of these ids has a formula row already */
  formulaIds: Set<string>;
}

const verifyTemplates = new Map<FormatId, VerifyTemplate>();

function rowTemplate(sheet: SheetModel, row: number): RowTemplate {
  const out: RowTemplate = [];
  for (let col = 1; col <= Object.keys(VERIFY_COL).length; col++) {
    const cell = sheet.cells.get(addr(col, row));
    if (!cell) continue;
    const c = cell.content;
    if (c.kind === 'text' && c.text === PLACEHOLDER) {
      out.push({ col, make: (name) => ({ ...cell, content: { kind: 'text', text: name } }) });
    } else if (c.kind === 'formula' && c.formula.includes(QUOTED)) {
      const parts = c.formula.split(QUOTED);
      out.push({ col, make: (_n, quoted) => ({ ...cell, content: new ComposedFormula(parts, quoted) }) });
    } else {
      out.push({ col, make: () => cell });
    }
  }
  return out;
}

function verifyTemplate(format: FormatId): VerifyTemplate {
  let t = verifyTemplates.get(format);
  if (!t) {
    const layout = standardLayout(format);
    const sheet = verifySheet([{ sheet: PLACEHOLDER, layout, findings: [], lineAddress: () => undefined }]);
    const instances = ruleInstances(format);
    const e = instances.filter((r) => r.kind !== 'value').length;
    const rows = Array.from({ length: instances.length }, (_, i) => rowTemplate(sheet, i + 2));
    // the sheet has the equations first, then the value rules (verify.ts)
    const equationIds = instances.filter((r) => r.kind !== 'value').map(instanceId);
    const valueIds = instances.filter((r) => r.kind === 'value').map(instanceId);
    t = { equations: rows.slice(0, e), values: rows.slice(e), equationIds, valueIds, formulaIds: new Set(instances.map(instanceId)) };
    verifyTemplates.set(format, t);
  }
  return t;
}

/** appends rows to 校验, whose cells are RowCells (rows.ts): made when the sheet is written */
export class VerifyRows {
  readonly cells: RowCells;
  private pending: [number, CellModel][] = [];

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

  /** a cell of the row being written (see endRow) */
  put(col: number, cell: CellModel): void {
    this.pending.push([col, cell]);
  }

  endRow(): void {
    const cells = this.pending.sort((a, b) => a[0] - b[0]);
    this.cells.push(fixedRow(cells), cells.length);
    this.pending = [];
  }

  /** a row the sheet's filter hides when first opened (it prints as the broken rules only) */
  private hide(): void {
    this.sheet.filter?.hiddenRows.add(this.cells.next);
  }

  private fromTemplate(rows: RowTemplate[], ids: string[], failing: Set<string>, name: string, quoted: string): void {
    rows.forEach((r, i) => {
      if (!failing.has(ids[i]!)) this.hide();
      this.cells.push({ cells: () => r.map(({ col, make }) => [col, make(name, quoted)] as const) }, r.length);
    });
  }

  /** a cause's likely fix, as verify.ts writes it */
  private leadRow(input: VerifyInput, lead: LeadRow): void {
    const C = VERIFY_COL;
    const text = (col: number, s: string, style: 'text' | 'text_wrap' = 'text') => this.put(col, { content: { kind: 'text', text: s }, style });
    text(C.工作表, input.sheet);
    text(C.规则, lead.rules);
    text(C.级别, SEVERITY_ZH.info);
    text(C.说明, lead.text, 'text_wrap');
    text(C.结果, SUGGESTION);
    const a = lead.cell ? input.layout.addresses[lead.cell] : undefined;
    if (a) this.put(C.位置, { content: { kind: 'formula', formula: linkFormula(input.sheet, a, a) }, style: 'link' });
    this.endRow();
  }

  /**
   * The rows verifySheet() gives one report sheet: its equations, what the reading found
   * that no formula recomputes, then the one-cell value rules. `extra` rows (R3.6) go
   * between the findings and the value rules.
   */
  unit(input: VerifyInput, extra?: () => void): void {
    const t = verifyTemplate(input.layout.format);
    const quoted = quoteSheet(input.sheet);
    const failing = failingIds(input);
    for (const lead of leadRows(input)) this.leadRow(input, lead);
    this.fromTemplate(t.equations, t.equationIds, failing, input.sheet, quoted);
    for (const f of input.findings) if (!t.formulaIds.has(f.id)) this.staticRow(input, f);
    extra?.();
    this.fromTemplate(t.values, t.valueIds, failing, input.sheet, quoted);
  }

  /** as verify.ts writes a finding of the reading: 不符 for an error or warning, 提示 for information */
  private staticRow(input: { sheet: string; layout: Layout; lineAddress: (line: number) => Address | undefined }, f: Finding): void {
    const C = VERIFY_COL;
    const text = (col: number, s: string) => this.put(col, { content: { kind: 'text', text: s }, style: 'text' });
    text(C.工作表, input.sheet);
    text(C.规则, f.id);
    text(C.级别, SEVERITY_ZH[f.severity]);
    this.put(C.说明, { content: { kind: 'text', text: f.message }, style: 'text_wrap' });
    text(C.结果, f.severity === 'info' ? '提示' : VERDICT_ZH.fail);
    const cell = f.cells[0];
    const line = f.lines[0];
    const lineAt = line !== undefined ? input.lineAddress(line) : undefined;
    if (cell && input.layout.addresses[cell]) {
      const a = input.layout.addresses[cell]!;
      this.put(C.位置, { content: { kind: 'formula', formula: linkFormula(input.sheet, a, a) }, style: 'link' });
    } else if (lineAt) {
      this.put(C.位置, { content: { kind: 'formula', formula: linkFormula(SOURCE_SHEET, lineAt, `原文第${line}行`) }, style: 'link' });
    }
    if (f.severity === 'info') this.hide();
    this.endRow();
  }
}

// ------------------------------------------------------------------ 原文

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
    r.lines.forEach((line, i) => {
      at[i] = cells.next;
      const n: CellModel = { content: { kind: 'number', value: i + 1 }, style: 'number' };
      const cited = r.cited?.has(i + 1);
      for (const part of chunks(line)) {
        if (!cited) hidden.add(cells.next);
        // text, whatever it starts with: a line reading =HYPERLINK(…) stays a line
        const text: [number, CellModel] = [3, { content: { kind: 'text', text: part }, style: 'text' }];
        cells.push({ cells: () => (cited ? [[1, name], [2, n], text, [4, CITED_CELL]] : [[1, name], [2, n], text]) }, cited ? 4 : 3);
      }
    });
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
