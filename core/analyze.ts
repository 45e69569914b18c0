/** The core's one entry point: text → report + every finding, or a reason it is no report. */
import { findingId, sortFindings, type Finding } from './findings.ts';
import { readText, type ReadFailure, type ReadSuccess } from './read/read.ts';
import type { OcrMeta } from './extract/ocr.ts';
import { reviewOcr } from './ocr-review.ts';
import type { Report } from './report.ts';
import { checkCells } from './rules/check.ts';
import { checkNarrative, type Statement } from './narrative/check.ts';

export interface Analysis extends ReadSuccess {
  /** reading findings and rule findings together, errors first */
  findings: Finding[];
  /**
   * every figure the prose states for the report year, with its cells and whether it agrees
   * (N1–N8); absent where there is no prose (a sheet read back from a workbook)
   */
  narrative?: Statement[];
}

export function checkReport(report: Report): Finding[] {
  const get = (id: string) => report.cells[id]?.value ?? null;
  const lineOf = (id: string) => report.cells[id]?.source?.line;
  return checkCells(report.format, get, lineOf);
}

/** `ocr`: the text came from a scan; its doubtful numbers are flagged by the rules (ocr-review.ts) */
export function analyze(text: string, source?: string, opts: { ocr?: OcrMeta } = {}): Analysis | ReadFailure {
  const read = readText(text, source);
  if (!read.ok) return read;
  const { regions, lines, origin } = read.meta;
  const narrative = checkNarrative(read.report, regions, origin ? { lines, origin } : { lines });
  const findings = [...read.findings, ...checkReport(read.report), ...narrative.findings];
  // one finding per id: the reading's wins (it knows why a cell is missing). Bare ids (N1,
  // S2 for stray numbers) may hold twice, for two places: those are told apart by line.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = f.id.includes('@') ? f.id : `${f.id}|${f.lines.join(',')}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // the reading's result, made for this call, completed in place rather than copied (its keys
  // keep their order, narrative comes last)
  const result: Analysis = read;
  result.findings = sortFindings(unique);
  result.narrative = narrative.statements;
  return opts.ocr ? reviewOcr(result, opts.ocr) : result;
}

export { findingId };
