/** The core's one entry point: text → report + every finding, or a reason it is no report. */
import { findingId, sortFindings, type Finding } from './findings.ts';
import { readText, type ReadFailure, type ReadSuccess } from './read/read.ts';
import type { Report } from './report.ts';
import { checkCells } from './rules/check.ts';

export interface Analysis extends ReadSuccess {
  /** reading findings and rule findings together, errors first */
  findings: Finding[];
}

export function checkReport(report: Report): Finding[] {
  const get = (id: string) => report.cells[id]?.value ?? null;
  const lineOf = (id: string) => report.cells[id]?.source?.line;
  return checkCells(report.format, get, lineOf);
}

export function analyze(text: string, source?: string): Analysis | ReadFailure {
  const read = readText(text, source);
  if (!read.ok) return read;
  const findings = [...read.findings, ...checkReport(read.report)];
  // one finding per id: the reading's wins (it knows why a cell is missing)
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    if (seen.has(f.id)) return false;
    seen.add(f.id);
    return true;
  });
  return { ...read, findings: sortFindings(unique) };
}

export { findingId };
