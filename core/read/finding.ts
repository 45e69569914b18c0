/** A finding of the reading itself (S1–S5, R2.6): built in one place for every part of the reader. */
import type { CellId } from '../format/types.ts';
import { findingId, type Finding, type Severity } from '../findings.ts';

export function finding(rule: string, at: string, severity: Severity, message: string, cells: CellId[] = [], lines: number[] = []): Finding {
  return { id: findingId(rule, at), rule, at, severity, message, cells, lines };
}
