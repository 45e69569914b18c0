/** The preview of what was read: unit, year, format, and the three tables in a compact form, cells marked by their findings. */
import { FORMAT_SHORT } from '../../core/format/facts.ts';
import type { Finding } from '../../core/findings.ts';
import { t2Id, t3Id, t4Id } from '../../core/format/cells.ts';
import { cellName } from '../../core/format/names.ts';
import { FORMATS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from '../../core/format/tables.ts';
import type { Report } from '../../core/report.ts';
import { h } from './dom.ts';


/** short column heads for a pane 320 px wide */
const T3_HEAD = ['自然人', '商业', '科研', '公益', '法律', '其他', '总计'];
const T4_HEAD = ['维持', '纠正', '其他', '未审结', '总计'];
const T4_ROW = ['行政复议', '直接起诉', '复议后起诉'];

/** per cell, the worst severity of a finding naming it */
function marks(findings: Finding[]): Map<string, Finding['severity']> {
  const m = new Map<string, Finding['severity']>();
  const rank = { error: 0, warning: 1, info: 2 } as const;
  for (const f of findings) {
    for (const id of f.cells) {
      const had = m.get(id);
      if (!had || rank[f.severity] < rank[had]) m.set(id, f.severity);
    }
  }
  return m;
}

function number(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return Number.isInteger(v) ? String(v) : String(+v.toFixed(4));
}

export function metaView(report: Report, origin: string): HTMLElement {
  const item = (label: string, value: string, id: string) => h('div', { class: 'meta-item' }, h('span', { class: 'meta-label' }, label), h('span', { class: 'meta-value', id }, value));
  return h(
    'div',
    { class: 'meta' },
    item('单位', report.unit ?? '（未识别）', 'meta-unit'),
    item('年度', report.year !== null ? String(report.year) : '（未识别）', 'meta-year'),
    item('格式', FORMAT_SHORT[report.format], 'meta-format'),
    h('div', { class: 'meta-origin' }, origin),
  );
}

export function tablesView(report: Report, findings: Finding[]): HTMLElement {
  const m = marks(findings);
  const cell = (id: string) => {
    const v = report.cells[id]?.value;
    const sev = m.get(id);
    const cls = [sev ? `cell-${sev}` : '', v === null || v === undefined ? 'cell-blank' : ''].filter(Boolean).join(' ');
    return h('td', { class: cls || undefined, 'data-cell': id, title: cellName(report.format, id) }, number(v));
  };
  const def = FORMATS[report.format];

  const t2 = h(
    'table',
    { class: 'grid grid-t2' },
    def.t2.flatMap((block) => [
      h('tr', { class: 'caption' }, h('th', { colspan: 4 }, block.caption.replace('第二十条', '第20条'))),
      h('tr', {}, h('th', {}, ''), ...block.columns.map((c) => h('th', {}, c.short)), ...Array.from({ length: 3 - block.columns.length }, () => h('th', {}, ''))),
      ...block.rows.map((r) =>
        h('tr', {}, h('th', { class: 'row-label' }, r.short), ...block.columns.map((c) => cell(t2Id(block.key, r.key, c.key))), ...Array.from({ length: 3 - block.columns.length }, () => h('td', { class: 'cell-none' }))),
      ),
    ]),
  );

  const t3 = h(
    'table',
    { class: 'grid grid-t3' },
    h('tr', {}, h('th', {}, ''), ...T3_HEAD.map((c) => h('th', {}, c))),
    def.t3Rows.map((r) => h('tr', {}, h('th', { class: 'row-label', title: r.label }, r.short), ...T3_COLUMNS.map((c) => cell(t3Id(r.key, c.key))))),
  );

  const t4 = h(
    'table',
    { class: 'grid grid-t4' },
    h('tr', {}, h('th', {}, ''), ...T4_HEAD.map((c) => h('th', {}, c))),
    T4_BLOCKS.map((b, i) => h('tr', {}, h('th', { class: 'row-label' }, T4_ROW[i]!), ...T4_COLUMNS.map((c) => cell(t4Id(b.key, c.key))))),
  );

  const part = (title: string, table: HTMLElement, open: boolean) =>
    h('details', { class: 'table-part', open }, h('summary', {}, title), h('div', { class: 'scroll' }, table));
  return h('div', { class: 'tables' }, part('表二 主动公开', t2, false), part('表三 申请办理', t3, true), part('表四 复议诉讼', t4, true));
}
