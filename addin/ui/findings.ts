/** The 校验结果 list: findings grouped by severity, each with its rule id and Chinese message; a click locates it. */
import { SEVERITY_ZH, type Finding, type Severity } from '../../core/findings.ts';
import { h } from './dom.ts';

const ORDER: Severity[] = ['error', 'warning', 'info'];

export function findingsView(findings: Finding[], onPick: (f: Finding) => void): HTMLElement {
  if (!findings.length) return h('p', { class: 'all-clear' }, '全部勾稽关系成立，没有发现问题。');
  const groups = ORDER.map((sev) => {
    const list = findings.filter((f) => f.severity === sev);
    if (!list.length) return null;
    return h(
      'div',
      { class: `group group-${sev}`, 'data-severity': sev },
      h('h3', {}, `${SEVERITY_ZH[sev]}（${list.length}）`),
      h(
        'ul',
        {},
        list.map((f) => {
          const at = f.id.includes('@') ? f.id.slice(f.id.indexOf('@') + 1) : '';
          const where = f.lines.length ? `第 ${f.lines[0]} 行` : '';
          const item = h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'finding', 'data-id': f.id, title: '点击定位' },
              h('span', { class: 'rule' }, f.rule),
              at ? h('span', { class: 'locus' }, at) : null,
              where ? h('span', { class: 'line' }, where) : null,
              h('span', { class: 'message' }, f.message),
            ),
          );
          item.querySelector('button')!.addEventListener('click', () => onPick(f));
          return item;
        }),
      ),
    );
  });
  return h('div', { class: 'groups' }, groups);
}
