/**
 * The three tables as the template draws them — merged cells included — before any
 * layout writes them out. Each layout decides how merges, padding and blanks look.
 */
import { t2Id, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS, T3_COLUMNS, T3_NOTE, T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId, ColumnDef } from '../format/types.ts';
import type { Doc } from './model.ts';

export interface TCell {
  text: string;
  /** columns the cell covers */
  span: number;
  /** the lower part of a cell merged over rows: Word shows it as an empty cell, HTML not at all */
  cont: boolean;
  /** a number cell (possibly blank) */
  value: boolean;
  id?: CellId;
}

export interface TRow {
  kind: 'caption' | 'header' | 'data';
  cells: TCell[];
  /** t2 block index, for layouts that write each block apart */
  block?: number;
}

export interface TTable {
  name: 't2' | 't3' | 't4';
  width: number;
  rows: TRow[];
}

/** how numbers are written in this document */
export interface NumberStyle {
  thousands: boolean;
  plusSign: boolean;
  /** 采购总金额 under a 万元 header, 4 decimals */
  procurementWan: boolean;
  /** its header as written: full-width （单位：万元） or ASCII (单位:万元) */
  wanHeader: string;
  yuanSuffix: boolean;
  yuanDecimals: boolean;
  /** the words of a label, after the layout's slips (typos) */
  label: (text: string) => string;
}

const label = (text: string, span = 1): TCell => ({ text, span, cont: false, value: false });
const cont = (span = 1): TCell => ({ text: '', span, cont: true, value: false });

export function formatValue(v: number | null, col: ColumnDef, s: NumberStyle): string {
  if (v === null) return '';
  if (col.kind === 'amount' && col.key === 'amount_yuan') {
    if (s.procurementWan) return (v / 10000).toFixed(4);
    const t = s.yuanDecimals || !Number.isInteger(v) ? v.toFixed(2) : String(v);
    return s.yuanSuffix && v > 0 ? `${t}元` : t;
  }
  if (col.kind === 'amount') return String(v);
  if (col.kind === 'signed' && v > 0 && s.plusSign) return `+${v}`;
  if (s.thousands && v >= 1000) return v.toLocaleString('en-US');
  return String(v);
}

function values(doc: Doc, ids: CellId[], cols: ColumnDef[], s: NumberStyle, lostIndex: number | null): TCell[] {
  return ids
    .map((id, i) => ({ text: formatValue(doc.values[id] ?? null, cols[i]!, s), span: 1, cont: false, value: true, id }))
    .filter((_, i) => i !== lostIndex);
}

export function table2(doc: Doc, s: NumberStyle): TTable {
  const rows: TRow[] = [];
  FORMATS[doc.format].t2.forEach((b, block) => {
    rows.push({ kind: 'caption', block, cells: [label(b.caption, 4)] });
    const header = b.columns.map((c) => label(c.key === 'amount_yuan' && s.procurementWan ? s.wanHeader : c.label));
    rows.push({ kind: 'header', block, cells: [label('信息内容'), ...header] });
    for (const r of b.rows) {
      const ids = b.columns.map((c) => t2Id(b.key, r.key, c.key));
      rows.push({ kind: 'data', block, cells: [label(s.label(r.label)), ...values(doc, ids, b.columns, s, null)] });
    }
  });
  return { name: 't2', width: 4, rows };
}

/** which group label a t3 row starts, and how many group columns it sits under */
function t3LabelCells(doc: Doc, key: string, text: string, s: NumberStyle): TCell[] {
  const def = FORMATS[doc.format];
  const results = def.resultRows;
  if (key === 'new_received' || key === 'carried_in' || key === 'carried_out') return [label(s.label(text), 3)];
  const first = key === results[0];
  const outer = first ? label(s.label('三、本年度办理结果')) : cont();
  const groups: [string, string[]][] = [
    ['（三）不予公开', results.filter((k) => k.startsWith('denied_'))],
    ['（四）无法提供', results.filter((k) => k.startsWith('unable_'))],
    ['（五）不予处理', results.filter((k) => k.startsWith('unprocessed_'))],
    ['（六）其他处理', doc.format === 'gov2021' ? results.filter((k) => k.startsWith('other_')) : []],
  ];
  for (const [g, members] of groups) {
    const at = members.indexOf(key);
    if (at >= 0) return [outer, at === 0 ? label(s.label(g)) : cont(), label(s.label(text))];
  }
  return [outer, label(s.label(text), 2)];
}

export function table3(doc: Doc, s: NumberStyle): TTable {
  const def = FORMATS[doc.format];
  const rows: TRow[] = [
    { kind: 'header', cells: [label(T3_NOTE, 3), label('申请人情况', 7)] },
    { kind: 'header', cells: [cont(3), label('自然人'), label('法人或其他组织', 5), label('总计')] },
    { kind: 'header', cells: [cont(3), cont(), ...T3_COLUMNS.slice(1, 6).map((c) => label(c.label)), cont()] },
  ];
  const lost = doc.lost?.table === 't3' ? doc.lost : null;
  for (const r of def.t3Rows) {
    const ids = T3_COLUMNS.map((c) => t3Id(r.key, c.key));
    const text = r.key === 'results_total' ? '（七）总计' : r.label;
    rows.push({
      kind: 'data',
      cells: [...t3LabelCells(doc, r.key, text, s), ...values(doc, ids, T3_COLUMNS, s, lost?.row === r.key ? lost.index : null)],
    });
  }
  return { name: 't3', width: 10, rows };
}

export function table4(doc: Doc, s: NumberStyle): TTable {
  const ids = T4_BLOCKS.flatMap((b) => T4_COLUMNS.map((c) => t4Id(b.key, c.key)));
  const cols = T4_BLOCKS.flatMap(() => T4_COLUMNS);
  const heads = () => T4_COLUMNS.map((c) => label(c.label));
  return {
    name: 't4',
    width: 15,
    rows: [
      { kind: 'header', cells: [label('行政复议', 5), label('行政诉讼', 10)] },
      { kind: 'header', cells: [...heads(), label('未经复议直接起诉', 5), label('复议后起诉', 5)] },
      { kind: 'header', cells: [cont(), cont(), cont(), cont(), cont(), ...heads(), ...heads()] },
      { kind: 'data', cells: values(doc, ids, cols, s, doc.lost?.table === 't4' ? doc.lost.index : null) },
    ],
  };
}

/** the width a row covers, merged cells counted in full */
export const rowWidth = (r: TRow) => r.cells.reduce((n, c) => n + c.span, 0);
