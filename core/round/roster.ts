/**
 * The roster (名单): the units expected to report, one a row, with a 类别 (乡镇 / 街道 /
 * 部门) where given. Read from rows of cells (a sheet, a CSV, lines of text); matched to the
 * reports by name (names.ts). What cannot be read is said, row by row; nothing is guessed.
 */
import { cleanName, matchName, nameKeys, type NameMatch, type NameOptions } from './names.ts';

export const CATEGORIES = ['乡镇', '街道', '部门'] as const;

export interface RosterEntry {
  name: string;
  /** 乡镇 / 街道 / 部门, or what the user wrote; '' when not given */
  category: string;
}

export interface Roster {
  entries: RosterEntry[];
  /** rows that could not be taken, and rows that name the same unit twice */
  problems: string[];
}

const NAME_HEAD = /^(单位|单位名称|名称|报送单位|单位全称)$/;
const CATEGORY_HEAD = /^(类别|类型|单位类别)$/;
const cell = (s: unknown) => String(s ?? '').replace(/\s+/g, ' ').trim();

/** rows of cells (the first may be a header: 单位 / 名称 and 类别) → the roster */
export function parseRoster(rows: readonly (readonly unknown[])[], where = '名单'): Roster {
  const cells = rows.map((r) => r.map(cell));
  const first = cells.findIndex((r) => r.some(Boolean));
  let nameCol = 0;
  let catCol = -1;
  let from = Math.max(first, 0);
  const head = cells[from] ?? [];
  if (head.some((c) => NAME_HEAD.test(c.replace(/\s/g, '')))) {
    nameCol = head.findIndex((c) => NAME_HEAD.test(c.replace(/\s/g, '')));
    catCol = head.findIndex((c) => CATEGORY_HEAD.test(c.replace(/\s/g, '')));
    from++;
  } else {
    // no header: the name is the first cell that is not a 序号; a known category beside it is its 类别
    const sample = cells.slice(from).find((r) => r.some(Boolean)) ?? [];
    nameCol = Math.max(0, sample.findIndex((c) => c && !/^\d+[.、]?$/.test(c)));
    catCol = sample.findIndex((c, i) => i !== nameCol && (CATEGORIES as readonly string[]).includes(c));
  }
  const entries: RosterEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  cells.forEach((r, i) => {
    if (i < from) return;
    const name = r[nameCol] ?? '';
    if (!name) {
      if (r.some(Boolean)) problems.push(`${where}第 ${i + 1} 行没有单位名称，已跳过。`);
      return;
    }
    const key = nameKeys(name)[0];
    const dup = seen.get(key);
    if (dup !== undefined) problems.push(`${where}第 ${i + 1} 行“${name}”与第 ${dup} 行“${entries.find((e) => nameKeys(e.name)[0] === key)?.name}”是同一个单位，请删去一行。`);
    else seen.set(key, i + 1);
    entries.push({ name, category: catCol >= 0 ? r[catCol] ?? '' : '' });
  });
  return { entries, problems };
}

/** a plain text roster: one unit a line, a 类别 after a tab, comma or spaces */
export function rosterFromText(text: string, where?: string): Roster {
  const rows = text.replace(/^\ufeff/, '').split(/\r?\n/).map((line) => (line.includes('\t') ? line.split('\t') : line.includes(',') || line.includes('，') ? splitCsv(line) : line.trim().split(/\s{2,}|\s+(?=乡镇$|街道$|部门$)/)));
  return parseRoster(rows, where);
}

/** one CSV line: commas (half or full width), double-quoted fields */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '，') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** a reported unit (or an unreadable file, by its file name) and the roster row it belongs to */
export interface RosterMatch<T> {
  item: T;
  match: NameMatch;
}

/**
 * Each item to its roster row. Two items on one row: the second and later are questions too
 * (the roster row is named, the user decides), never silently the same unit.
 */
export function matchRoster<T>(roster: RosterEntry[], items: T[], nameOf: (t: T) => string, opts: NameOptions = {}): RosterMatch<T>[] {
  const names = roster.map((e) => e.name);
  const counties = [...(opts.counties ?? [])];
  return items.map((item) => ({ item, match: matchName(nameOf(item), names, { counties }) }));
}

export { cleanName };
