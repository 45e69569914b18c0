/**
 * The problem list (问题清单) as data: one row per finding of every unit, with where it is
 * (table, row and column in the report's words, the cell on the unit's sheet, the quoted
 * source line), what is wrong and what would make it hold — and the 整改状态 and 备注 the
 * user keeps. The sheet (core/sheet/problems.ts) and the notices (core/docx/notice.ts)
 * are both made from this.
 */
import { cellInfo } from '../format/cells.ts';
import type { Finding, Severity } from '../findings.ts';
import type { Report } from '../report.ts';
import { standardLayout } from '../sheet/layout.ts';
import { nameKeys } from './names.ts';
import { findingWords } from './words.ts';

export const STATUSES = ['待整改', '已整改', '无需整改'] as const;
export type Status = (typeof STATUSES)[number];
export const isStatus = (s: unknown): s is Status => (STATUSES as readonly unknown[]).includes(s);

/** whether the finding is in the unit's current version, or was in an earlier one only */
export const PRESENCE = { current: '存在', gone: '已消失' } as const;

export interface Problem {
  /** the unit and the finding, stable across versions of the unit's report */
  key: string;
  unit: string;
  sheet: string;
  rule: string;
  severity: Severity;
  /** 表二 / 表三 / 表四, or 正文 for findings of the text */
  table: string;
  /** the cell in the report's words: 表三“予以公开”行“自然人”列 (and how many more) */
  place: string;
  /** the cell on the unit's sheet, e.g. F12 */
  address: string;
  /** the source line it was read from, quoted */
  line: number | null;
  quote: string;
  what: string;
  fix: string;
  status: Status;
  note: string;
  current: boolean;
}

export interface ProblemUnit {
  unit: string;
  sheet: string;
  report: Report;
  findings: Finding[];
}

const TABLE_ZH = { t2: '表二', t3: '表三', t4: '表四' } as const;

export const unitKey = (unit: string): string => nameKeys(unit)[1];

/** bare ids (N1, S2 without a locus) may occur twice: told apart by their order */
export function findingKeys(findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    if (f.id.includes('@')) return f.id;
    const n = (seen.get(f.id) ?? 0) + 1;
    seen.set(f.id, n);
    return `${f.id}#${n}`;
  });
}

function where(report: Report, f: Finding): Pick<Problem, 'table' | 'place' | 'address'> {
  const ids = f.cells.filter((id) => report.cells[id] !== undefined);
  if (!ids.length) return { table: '正文', place: '', address: '' };
  const info = cellInfo(report.format, ids[0]!);
  const at = standardLayout(report.format).addresses;
  // an equation over many cells is named by its message (表三“自然人”列：…); one cell by its name
  if (ids.length > 1) return { table: TABLE_ZH[info.table], place: '', address: `${at[ids[0]!] ?? ''} 等` };
  return { table: TABLE_ZH[info.table], place: info.name, address: at[ids[0]!] ?? '' };
}

export function unitProblems(u: ProblemUnit): Problem[] {
  const keys = findingKeys(u.findings);
  const words = findingWords(u.report, u.findings);
  return u.findings.map((f, k) => {
    const line = f.lines[0] ?? null;
    return {
      key: `${unitKey(u.unit)}|${keys[k]}`,
      unit: u.unit,
      sheet: u.sheet,
      rule: f.rule,
      severity: f.severity,
      ...where(u.report, f),
      line,
      quote: line !== null ? (u.report.lines[line - 1] ?? '').trim() : '',
      what: words[k]!.what,
      fix: words[k]!.fix,
      status: '待整改',
      note: '',
      current: true,
    };
  });
}

/** what the user kept for a problem of an earlier version */
export interface KeptState {
  status: Status;
  note: string;
}

/**
 * The list after a new version: the current problems keep the status and note the user set;
 * problems that are gone stay on the list, marked 已整改 (their note kept); problems that
 * were gone already stay as they were.
 */
export function carryState(now: Problem[], before: Problem[]): { problems: Problem[]; appeared: Problem[]; gone: Problem[] } {
  const old = new Map(before.map((p) => [p.key, p]));
  const nowKeys = new Set(now.map((p) => p.key));
  const problems = now.map((p) => {
    const o = old.get(p.key);
    // a problem back after it was gone is open again
    return o ? { ...p, status: o.current ? o.status : ('待整改' as Status), note: o.note } : p;
  });
  const appeared = now.filter((p) => !old.get(p.key)?.current);
  const gone = before.filter((p) => p.current && !nowKeys.has(p.key));
  const kept = before.filter((p) => !nowKeys.has(p.key)).map((p) => (p.current ? { ...p, current: false, status: '已整改' as Status } : p));
  return { problems: [...problems, ...kept], appeared, gone };
}
