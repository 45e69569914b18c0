/** `gouji check --json`: one object per file, every cell id of the detected format present. */
import type { Analysis } from '../../core/analyze.ts';
import { cellIds } from '../../core/format/cells.ts';
import type { FormatId } from '../../core/format/types.ts';
import type { Severity } from '../../core/findings.ts';

export interface FindingJson {
  id: string;
  rule: string;
  at: string;
  severity: Severity;
  message: string;
  cells: string[];
}

export interface ReportJson {
  source: string;
  /** the worksheet, when the report was read from a standard sheet of an .xlsx */
  sheet?: string;
  unit: string | null;
  year: number | null;
  format: FormatId;
  /** every cell id of the format, in table order; null = blank, not applicable or missing */
  cells: Record<string, number | null>;
  findings: FindingJson[];
  /** cells whose value the text cannot settle: the user must confirm them */
  ambiguous: string[];
}

export interface FailureJson {
  source: string;
  error: { code: string; message: string };
}

export type FileJson = ReportJson | FailureJson;

export function reportJson(source: string, a: Analysis): ReportJson {
  const r = a.report;
  const cells: Record<string, number | null> = {};
  for (const id of cellIds(r.format)) cells[id] = r.cells[id]?.value ?? null;
  return {
    source,
    unit: r.unit,
    year: r.year,
    format: r.format,
    cells,
    findings: a.findings.map((f) => ({ id: f.id, rule: f.rule, at: f.at, severity: f.severity, message: f.message, cells: f.cells })),
    ambiguous: cellIds(r.format).filter((id) => r.ambiguous[id] !== undefined),
  };
}

export function failureJson(source: string, code: string, message: string): FailureJson {
  return { source, error: { code, message } };
}

/** one file: an object; several: an array */
export function renderJson(files: FileJson[]): string {
  return JSON.stringify(files.length === 1 ? files[0] : files, null, 2) + '\n';
}
