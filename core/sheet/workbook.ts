/** Reports → the workbook model: one standard sheet per report, then 校验 and 原文. */
import { citedLines } from '../describe.ts';
import type { Finding } from '../findings.ts';
import type { Report } from '../report.ts';
import { addChecks } from './checks.ts';
import { copyTemplate, standardLayout, type Layout } from './layout.ts';
import type { CellContent, CellStyle, SheetModel, StyleName, WorkbookModel } from './model.ts';
import { SOURCE_SHEET, sourceSheet } from './source.ts';
import { VERIFY_SHEET, verifySheet } from './verify.ts';

export interface WorkbookInput {
  report: Report;
  /** the findings of analyze(); those of the reading become static rows of 校验 */
  findings?: Finding[];
}

const BORDERED = { border: true, v: 'middle' } as const;

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 16, h: 'center', v: 'middle' },
  subtitle: { size: 11, h: 'center' },
  meta_label: { bold: true, size: 10, h: 'right', v: 'middle', color: 'FF595959' },
  meta_value: { size: 10, h: 'left', v: 'middle' },
  section: { bold: true, size: 12, h: 'left', v: 'middle' },
  caption: { ...BORDERED, bold: true, h: 'center', wrap: true },
  header: { ...BORDERED, bold: true, h: 'center', wrap: true },
  label: { ...BORDERED, h: 'left', wrap: true },
  label_center: { ...BORDERED, h: 'center', wrap: true },
  input: { ...BORDERED, h: 'center', numFmt: '0' },
  input_amount: { ...BORDERED, h: 'center', numFmt: '#,##0.00##' },
  check: { ...BORDERED, h: 'center', italic: true, color: 'FF595959', fill: 'FFF2F2F2', numFmt: 'General' },
  check_label: { ...BORDERED, h: 'center', wrap: true, italic: true, size: 9, color: 'FF595959', fill: 'FFF2F2F2' },
  marker: { size: 8, color: 'FFBFBFBF' },
  table_header: { bold: true, h: 'center', v: 'middle', wrap: true, fill: 'FFD9E1F2', border: true },
  text: { v: 'top' },
  text_wrap: { v: 'top', wrap: true },
  number: { h: 'right', v: 'top' },
  link: { color: 'FF0563C1', v: 'top' },
  grid_text: { v: 'top', border: true },
  grid_wrap: { v: 'top', wrap: true, border: true },
  grid_number: { h: 'center', v: 'top', border: true },
  grid_link: { color: 'FF0563C1', v: 'top', border: true },
};

/** a font that shows Chinese in Excel on Windows; LibreOffice falls back to a CJK font it has */
export const FONT = '宋体';

const FORBIDDEN = /[*?:\\/[\]'"\u0000-\u001f\u007f]/g;
const RESERVED = new Set([VERIFY_SHEET, SOURCE_SHEET, 'history'].map((s) => s.toLowerCase()));
export const SHEET_NAME_MAX = 31;

/** cut to at most `max` UTF-16 units without splitting a character */
export function cut(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * Sheet names from the units: at most 31 characters, none of * ? : \ / [ ] (nor quotes, which
 * formulas would have to escape), unique regardless of case, never 校验 or 原文.
 */
export function sheetNames(reports: Pick<Report, 'unit' | 'year'>[]): string[] {
  const clean = (s: string | null) => (s ?? '').replace(FORBIDDEN, '').replace(/\s+/g, ' ').trim();
  const units = reports.map((r) => clean(r.unit) || '报告');
  const count = new Map<string, number>();
  for (const u of units) count.set(u, (count.get(u) ?? 0) + 1);
  const taken = new Set<string>();
  return reports.map((r, i) => {
    const unit = units[i]!;
    const base = count.get(unit)! > 1 && r.year !== null ? `${cut(unit, SHEET_NAME_MAX - 5)}${r.year}` : unit;
    let name = cut(base, SHEET_NAME_MAX);
    for (let n = 2; taken.has(name.toLowerCase()) || RESERVED.has(name.toLowerCase()); n++) {
      const suffix = `（${n}）`;
      name = cut(base, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

export function reportTitle(report: Pick<Report, 'unit' | 'year'>): string {
  return `${report.unit ?? ''}${report.year !== null ? `${report.year}年` : ''}政府信息公开工作年度报告（统计表）`;
}

/** the standard sheet of one report: the template, its numbers (a null stays blank), its checks */
export function reportSheet(report: Report, name: string): SheetModel {
  const layout = standardLayout(report.format);
  const sheet = copyTemplate(layout, name);
  fillReport(sheet, layout, report);
  addChecks(sheet, layout);
  return sheet;
}

/** a report's title, unit, year, source and numbers into its sheet (a null stays blank) */
export function fillReport(sheet: SheetModel, layout: Layout, report: Report): void {
  const put = (a: string, content: CellContent) => sheet.cells.set(a, { ...sheet.cells.get(a), content });
  put(layout.meta.title, { kind: 'text', text: reportTitle(report) });
  if (report.unit !== null) put(layout.meta.unit, { kind: 'text', text: report.unit });
  if (report.year !== null) put(layout.meta.year, { kind: 'number', value: report.year });
  put(layout.meta.source, { kind: 'text', text: report.source });
  for (const [id, a] of Object.entries(layout.addresses)) {
    const v = report.cells[id]?.value ?? null;
    if (v !== null) put(a, { kind: 'number', value: v });
  }
}

export function buildWorkbook(inputs: WorkbookInput[]): WorkbookModel {
  const names = sheetNames(inputs.map((i) => i.report));
  const reports = inputs.map((input, i) => reportSheet(input.report, names[i]!));
  const source = sourceSheet(
    inputs.map((input, i) => ({ sheet: names[i]!, lines: input.report.lines, cited: citedLines(input.report, input.findings ?? []) })),
  );
  const verify = verifySheet(
    inputs.map((input, i) => ({
      sheet: names[i]!,
      layout: standardLayout(input.report.format),
      findings: input.findings ?? [],
      numbers: input.report,
      lineAddress: (line: number) => source.lineAddress(names[i]!, line),
    })),
  );
  return { sheets: [...reports, verify, source.sheet], styles: STYLES, font: FONT };
}
