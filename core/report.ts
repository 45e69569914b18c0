/** The Report: what the reader makes of a text, validated by zod wherever data comes in. */
import { z } from 'zod';

export const SourceRef = z.object({
  /** 1-based line in the original text */
  line: z.number().int().positive(),
  /** the text the value was read from (the cell, or the line for free text) */
  text: z.string(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** Why a cell holds no number. */
export const NullReason = z.enum([
  /** the cell is there but empty */
  'blank',
  /** written as —, -, /, 无, 不适用 */
  'not_applicable',
  /** the row lost cells (a short row): values filled from the left */
  'lost',
  /** the whole row is absent */
  'absent',
  /** the text allows several values (cells run together, more than one split fits) */
  'ambiguous',
]);
export type NullReason = z.infer<typeof NullReason>;

export const Cell = z.object({
  value: z.number().nullable(),
  source: SourceRef.optional(),
  nullReason: NullReason.optional(),
  /** an amount's unit as written in the value or its header (元, 万元) */
  unitWritten: z.string().optional(),
  /** the reader split or placed this cell by rule (R3.3 …), not by the text alone */
  decidedBy: z.string().optional(),
});
export type Cell = z.infer<typeof Cell>;

export const Section = z.object({
  n: z.number().int().min(1).max(6),
  title: z.string(),
  line: z.number().int().positive(),
});
export type Section = z.infer<typeof Section>;

export const Ambiguity = z.object({
  /** values the cell may hold; empty when nothing settles it */
  candidates: z.array(z.number().nullable()),
  reason: z.string(),
});

export const Report = z.object({
  source: z.string(),
  format: z.enum(['gov2019', 'gov2021']),
  title: z.string().nullable(),
  titleLine: z.number().int().positive().nullable(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  /** the year in the title, when it has one (S4 compares it with the statistics period) */
  titleYear: z.number().int().nullable(),
  /** every cell id of the format */
  cells: z.record(z.string(), Cell),
  sections: z.array(Section),
  ambiguous: z.record(z.string(), Ambiguity),
  /** the original text, line by line, so every number can be traced */
  lines: z.array(z.string()),
});
export type Report = z.infer<typeof Report>;

/** the numbers alone, by cell id */
export function cellValues(report: Report): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [id, c] of Object.entries(report.cells)) out[id] = c.value;
  return out;
}
