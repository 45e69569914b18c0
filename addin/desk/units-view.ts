/**
 * The desk's lists: with a roster, each roster unit with its status as the workbook's 目录
 * shows it (computed by consolidate(): core/sheet/catalogue-lines.ts), then what is apart from
 * the roster; and every unit read, with its error and warning counts, and every file that
 * could not be read with the reason. A unit's row opens it as for a pasted report.
 */
import type { Finding } from '../../core/findings.ts';
import { UNIT_STATUS, type StatusLine } from '../../core/sheet/catalogue-lines.ts';
import type { ConsolidateInput, Unreadable } from '../../core/sheet/consolidate.ts';
import { h } from '../ui/dom.ts';

const count = (fs: Finding[], s: Finding['severity']) => fs.filter((f) => f.severity === s).length;

/** the row opens its unit on click, Enter or Space */
function opening<T extends HTMLElement>(el: T, open: () => void): T {
  el.addEventListener('click', open);
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') open();
  });
  return el;
}

const STATUS_CLASS: Record<string, string> = { 有错误: 'error', 无法读取: 'error', 未报送: 'error', 有警告: 'warning', 待核对: 'warning' };

/** the roster's units and their statuses, then those apart from it */
export function rosterView(lines: StatusLine[], open: (source: string) => void): HTMLElement[] {
  const listed = lines.filter((l) => l.listed);
  const counts = UNIT_STATUS.map((s) => [s, listed.filter((l) => l.status === s).length] as const).filter(([s, n]) => n > 0 || s !== '待核对');
  const row = (l: StatusLine) => {
    const tr = h(
      'tr',
      { class: ['roster-unit', l.listed ? 'listed' : 'apart', l.source && l.status !== '无法读取' ? 'unit-link' : ''].join(' ').trim(), tabindex: l.source ? 0 : undefined, title: l.note },
      h('td', {}, l.name),
      h('td', {}, l.category),
      h('td', { class: `status ${STATUS_CLASS[l.status] ?? ''}` }, l.status || '—'),
      h('td', { class: 'src', title: l.source ?? '' }, l.source ?? ''),
    );
    return l.source && l.status !== '无法读取' ? opening(tr, () => open(l.source!)) : tr;
  };
  const apart = lines.filter((l) => !l.listed);
  return [
    h('p', { class: 'desk-count roster-count' }, `名单 ${listed.length} 个单位：${counts.map(([s, n]) => `${s} ${n} 个`).join('，')}。`),
    h(
      'table',
      { class: 'units roster' },
      h('thead', {}, h('tr', {}, h('th', {}, '名单中的单位'), h('th', {}, '类别'), h('th', {}, '状态'), h('th', {}, '来源文件'))),
      h(
        'tbody',
        {},
        ...listed.map(row),
        ...(apart.length ? [h('tr', {}, h('td', { colspan: 4, class: 'apart' }, '不在名单中、无法对应，或上年的年报：')), ...apart.map(row)] : []),
      ),
    ),
  ];
}

/** every unit read and every file that could not be read */
/** `acrossYears`: last year's reports are given, whose checks (上年结转, 同比) come only with the consolidation */
export function unitsView(inputs: ConsolidateInput[], unreadable: Unreadable[], open: (input: ConsolidateInput) => void, acrossYears = false): HTMLElement[] {
  const errors = inputs.filter((i) => count(i.findings ?? [], 'error') > 0).length;
  const warnings = inputs.filter((i) => count(i.findings ?? [], 'warning') > 0).length;
  const rows = inputs.map((input, k) => {
    const e = count(input.findings ?? [], 'error');
    const w = count(input.findings ?? [], 'warning');
    const tr = h(
      'tr',
      { class: e ? 'unit has-errors' : w ? 'unit has-warnings' : 'unit', tabindex: 0, 'data-k': k },
      h('td', {}, input.report.unit ?? '（未读出单位）'),
      h('td', {}, input.report.year === null ? '—' : String(input.report.year)),
      h('td', { class: e ? 'n error' : 'n' }, String(e)),
      h('td', { class: w ? 'n warning' : 'n' }, String(w)),
      h('td', { class: 'src', title: input.source }, input.source),
    );
    return opening(tr, () => open(input));
  });
  const bad = unreadable.map((u) =>
    h('tr', { class: 'unreadable' }, h('td', { colspan: 4 }, `无法读取：${u.reason}`), h('td', { class: 'src', title: u.source }, u.source)),
  );
  return [
    h(
      'p',
      { class: 'desk-count' },
      `已读 ${inputs.length} 个单位：有错误 ${errors} 个，有警告 ${warnings} 个` +
        (unreadable.length ? `；无法读取 ${unreadable.length} 个文件` : '') +
        '。' +
        (acrossYears ? '（这里是各单位年报自身的问题；与上年的核对——上年结转、同比——在名单状态和汇总工作簿中。）' : ''),
    ),
    h(
      'table',
      { class: 'units' },
      h('thead', {}, h('tr', {}, h('th', {}, '单位'), h('th', {}, '年度'), h('th', {}, '错误'), h('th', {}, '警告'), h('th', {}, '来源文件'))),
      h('tbody', {}, ...rows, ...bad),
    ),
  ];
}
