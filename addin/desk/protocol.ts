/**
 * What the page and its reading worker say to each other. The page keeps what was read (so a
 * cancelled or failed worker loses nothing already shown); the worker is stateless: one file in,
 * its reports out; the units (with the roster and last year's reports) in, the county workbook,
 * the roster's statuses or the notices out.
 */
import type { Extracted } from '../../core/extract/extract.ts';
import type { OcrSetup } from './ocr-models.ts';
import type { RosterEntry } from '../../core/round/roster.ts';
import type { StatusLine } from '../../core/sheet/catalogue-lines.ts';
import type { ConsolidateInput, Unreadable } from '../../core/sheet/consolidate.ts';

/** what a consolidation is made of: as `gouji consolidate … --roster … --last-year …` takes it */
export interface RoundRequest {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
  name?: string;
  roster?: RosterEntry[];
  /** everything read from the files picked as last year's; core/last-year.ts keeps the year before */
  last?: { inputs: ConsolidateInput[]; unreadable: Unreadable[]; where: string };
}

export type ToWorker =
  /** one file's text, for the paste box (the pane's file picker) */
  | { type: 'extract'; id: number; name: string; bytes: Uint8Array }
  /** one file's reports, for the desk */
  | { type: 'read'; id: number; name: string; bytes: Uint8Array }
  | { type: 'build'; id: number; round: RoundRequest }
  /** the roster's statuses as 目录 shows them */
  | { type: 'status'; id: number; round: RoundRequest }
  /** the 退回修改通知 as one .zip */
  | { type: 'notices'; id: number; round: RoundRequest; deadline?: string }
  /** the offline copy's OCR: tesseract's program and the models the clerk picked (no answer) */
  | ({ type: 'ocr' } & OcrSetup);

export interface BuildSummary {
  county: string;
  year: number;
  units: number;
  errors: number;
  warnings: number;
  unreadable: number;
  /** said of last year's files: the reports left out */
  notes: string[];
}

export type FromWorker =
  | { type: 'extracted'; id: number; result: Extracted }
  | { type: 'read'; id: number; inputs: ConsolidateInput[]; unreadable: Unreadable[] }
  | { type: 'built'; id: number; bytes: Uint8Array; summary: BuildSummary }
  | { type: 'status'; id: number; lines: StatusLine[] }
  /** bytes null: no unit has a problem still to fix */
  | { type: 'notices'; id: number; bytes: Uint8Array | null; name: string; units: string[]; problems: number }
  | { type: 'refused'; id: number; message: string }
  | { type: 'progress'; id: number; text: string };
