/**
 * Cells named as the printed report names them — 表三“（二）部分公开”行“总计”列 — the one
 * place every message, sheet and notice takes a cell's name from. No internal key ever.
 */
import { FORMATS, T3_COLUMNS, T3_GROUPS, T4_BLOCKS } from './tables.ts';
import type { CellId, FormatId } from './types.ts';

const TABLE_ZH = { t2: '表二', t3: '表三', t4: '表四' } as const;

/**
 * A 表三 row's label as the report prints it, without the template's small-print note
 * (“（二）部分公开（区分处理的，只计这一情形……）” → “（二）部分公开”) and, for a numbered
 * sub-row, with its group first (“（三）不予公开 1.属于国家秘密”). Long 2021 labels stop at
 * their first clause (“1.申请人无正当理由逾期不补正”).
 */
export function t3RowName(format: FormatId, key: string): string {
  return remember(rowNames, format, key, rowName);
}

/** names are asked for per cell of every report read; the templates never change, so each is made once */
const rowNames = new Map<FormatId, Map<string, string>>();
const cellNames = new Map<FormatId, Map<string, string>>();
function remember(caches: Map<FormatId, Map<string, string>>, format: FormatId, key: string, make: (format: FormatId, key: string) => string): string {
  let cache = caches.get(format);
  if (!cache) caches.set(format, (cache = new Map()));
  let v = cache.get(key);
  if (v !== undefined) return v;
  v = make(format, key);
  // a key read from a user's workbook may be anything: the cache stays the templates' size
  if (cache.size < 4096) cache.set(key, v);
  return v;
}

function rowName(format: FormatId, key: string): string {
  const rows = FORMATS[format].t3Rows;
  const i = rows.findIndex((r) => r.key === key);
  if (i < 0) return key;
  const label = rows[i]!.label.replace(/^(（[一二三四五六七八九十]）[^（]+)（[^）]*）$/, '$1').split('、').slice(0, /^\d\./.test(rows[i]!.label) ? 1 : 2).join('、');
  if (!/^\d\./.test(label)) return label;
  const keys = rows.map((r) => r.key);
  // the innermost group holding the row: （三）不予公开, not 三、本年度办理结果
  const span = (g: (typeof T3_GROUPS)[number]) => [keys.indexOf(g.rows[0]), keys.indexOf(g.rows[1])] as const;
  const group = T3_GROUPS.filter((g) => {
    const [a, b] = span(g);
    return a >= 0 && b >= 0 && i >= a && i <= b;
  }).sort((x, y) => span(x)[1] - span(x)[0] - (span(y)[1] - span(y)[0]))[0];
  return group ? `${group.label} ${label}` : label;
}

export const t3ColumnName = (key: string): string => T3_COLUMNS.find((c) => c.key === key)?.label ?? key;
export const t4BlockName = (key: string): string => T4_BLOCKS.find((x) => x.key === key)?.short ?? key;

export interface CellPlace {
  table: '表二' | '表三' | '表四';
  /** the row (表二, 表三) or the block (表四) */
  row: string;
  col: string;
}

export function cellPlace(format: FormatId, id: CellId): CellPlace {
  const [t, a = '', b = '', c = ''] = id.split('.');
  if (t === 't3') return { table: '表三', row: t3RowName(format, a), col: t3ColumnName(b) };
  if (t === 't4') return { table: '表四', row: t4BlockName(a), col: T4_COLUMN_ZH[b] ?? b };
  const block = FORMATS[format].t2.find((x) => x.key === a);
  const row = block?.rows.find((r) => r.key === b);
  const col = block?.columns.find((x) => x.key === c);
  return { table: '表二', row: row?.label ?? b, col: col?.short ?? c };
}

const T4_COLUMN_ZH: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };

/** 表三“（二）部分公开”行“总计”列 — a cell in a sentence */
export function cellName(format: FormatId, id: CellId): string {
  return remember(cellNames, format, id, nameOfCell);
}

function nameOfCell(format: FormatId, id: CellId): string {
  const p = cellPlace(format, id);
  return p.table === '表四' ? `表四“${p.row}”的“${p.col}”` : `${p.table}“${p.row}”行“${p.col}”列`;
}

/** 表三（二）部分公开 的总计 — for the sentence of a suggested correction */
export function cellPhrase(format: FormatId, id: CellId): string {
  const p = cellPlace(format, id);
  return `${p.table}${p.row.startsWith('（') ? '' : ' '}${p.row} 的${p.col}`;
}

export { TABLE_ZH };
