/**
 * The 校验结果 list: findings grouped by severity; broken equations that share cells come as
 * one cause, led by its likely fix. Each finding shows its rule id and the same sentence as
 * the terminal and the sheets (core/describe.ts); a click locates it.
 */
import { explainFindings, describeFinding } from '../../core/describe.ts';
import { SEVERITY_ZH, type Finding, type Severity } from '../../core/findings.ts';
import type { Report } from '../../core/report.ts';
import { h } from './dom.ts';

const ORDER: Severity[] = ['error', 'warning', 'info'];

function item(f: Finding, report: Report, onPick: (f: Finding) => void): HTMLElement {
  const where = f.lines.length ? `第 ${f.lines[0]} 行` : '';
  const li = h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: 'finding', 'data-id': f.id, title: '点击定位' },
      h('span', { class: 'rule' }, f.rule),
      where ? h('span', { class: 'line' }, where) : null,
      h('span', { class: 'message' }, describeFinding(f, report, 'pane')),
    ),
  );
  li.querySelector('button')!.addEventListener('click', () => onPick(f));
  return li;
}

export function findingsView(report: Report, findings: Finding[], onPick: (f: Finding) => void): HTMLElement {
  if (!findings.length) return h('p', { class: 'all-clear' }, '全部勾稽关系成立，没有发现问题。');
  const explained = explainFindings(report, findings, 'pane');
  const groups = ORDER.map((sev) => {
    const list = explained.filter((e) => e.findings[0]!.severity === sev);
    if (!list.length) return null;
    const n = findings.filter((f) => f.severity === sev).length;
    return h(
      'div',
      { class: `group group-${sev}`, 'data-severity': sev },
      h('h3', {}, `${SEVERITY_ZH[sev]}（${n}）`),
      h(
        'ul',
        {},
        list.flatMap((e) =>
          e.lead
            ? [h('li', { class: 'cause' }, h('p', { class: 'lead' }, e.lead), h('ul', {}, e.findings.map((f) => item(f, report, onPick))))]
            : e.findings.map((f) => item(f, report, onPick)),
        ),
      ),
    );
  });
  return h('div', { class: 'groups' }, groups);
}
