/**
 * What the page and its reading worker say to each other. The page keeps what was read (so a
 * cancelled or failed worker loses nothing already shown); the worker is stateless: one file in,
 * its reports out; the units in, the county workbook out.
 */
import type { Extracted } from '../../core/extract/extract.ts';
import type { ConsolidateInput, Unreadable } from '../../core/sheet/consolidate.ts';

export type ToWorker =
  /** one file's text, for the paste box (the pane's file picker) */
  | { type: 'extract'; id: number; name: string; bytes: Uint8Array }
  /** one file's reports, for the desk */
  | { type: 'read'; id: number; name: string; bytes: Uint8Array }
  | { type: 'build'; id: number; inputs: ConsolidateInput[]; unreadable: Unreadable[]; name?: string };

export interface BuildSummary {
  county: string;
  year: number;
  units: number;
  errors: number;
  warnings: number;
  unreadable: number;
}

export type FromWorker =
  | { type: 'extracted'; id: number; result: Extracted }
  | { type: 'read'; id: number; inputs: ConsolidateInput[]; unreadable: Unreadable[] }
  | { type: 'built'; id: number; bytes: Uint8Array; summary: BuildSummary }
  | { type: 'refused'; id: number; message: string }
  | { type: 'progress'; id: number; text: string };
