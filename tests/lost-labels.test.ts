/**
 * Flag, never shift (issue #12), for 表三 rows that lose their label or go missing, as pastes
 * lose them: a label cell emptied or garbled, a whole row gone, both at once, two labels
 * in a row. Generated reports without mistakes, in the row-per-line layouts and one cell a
 * line (Word's table copied as text), changed after rendering. Every 表三 cell must be exact,
 * flagged with the truth among its candidates, or left unread — never another row's number —
 * and, the report being correct, no 错误 at all. The tally is printed as a diagnostic.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import { createRng, generateReport, type Layout } from '../core/generate/index.ts';

const SEEDS = Number(process.env.GOUJI_LOST_SEEDS ?? 6);
const ROW_LAYOUTS: Layout[] = ['pipe', 'word-tabs', 'markdown', 'pdf-text', 'typos'];
const MUTATIONS = ['label emptied', 'label garbled', 'row gone', 'label emptied, another row gone', 'two labels emptied'] as const;
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

/** the line indexes of 表三's data rows, each with the offset where its seven numbers start */
function t3Rows(lines: string[], cellLines: boolean): { at: number; numbers: number }[] {
  const a = lines.findIndex((l) => /三、收到和处理/.test(l));
  const b = lines.findIndex((l, i) => i > a && /四、政府信息公开行政复议/.test(l));
  const rows: { at: number; numbers: number }[] = [];
  for (let i = a + 1; i < b; i++) {
    if (!/[\u4e00-\u9fff]/.test(lines[i]!)) continue;
    if (cellLines) {
      if (lines.slice(i + 1, i + 8).every((l) => /^\s*\d+\s*$/.test(l))) rows.push({ at: i, numbers: lines[i]!.length });
      continue;
    }
    const ms = [...lines[i]!.matchAll(NUMBER)];
    if (ms.length >= 7) rows.push({ at: i, numbers: ms[ms.length - 7]!.index! });
  }
  return rows;
}

/** the text with `mutation` applied to 表三 (one cell a line: a row is its label line and seven number lines) */
function mutate(text: string, mutation: (typeof MUTATIONS)[number], cellLines: boolean, seed: number): string {
  const lines = text.split('\n');
  const all = t3Rows(lines, cellLines);
  // a row whose label wraps onto a line of its own is left whole: without its numbers, the
  // label's first half would read as the label of whatever numbers come next, as a person reads it
  const rows = cellLines ? all : all.filter((r, i) => all[i - 1]?.at === r.at - 1 && all[i + 1]?.at === r.at + 1);
  assert.ok(rows.length >= 6, `表三 rows found (${rows.length})`);
  const rng = createRng(seed);
  const k = rng.int(1, rows.length - 2);
  const GONE = '\u0000';
  // the label's characters go, the separators stay (a cell emptied, not removed)
  const empty = (r: { at: number; numbers: number }) => (lines[r.at] = lines[r.at]!.slice(0, r.numbers).replace(/[^\s|]/g, '') + lines[r.at]!.slice(r.numbers));
  const drop = (r: { at: number }) => {
    for (let j = 0; j < (cellLines ? 8 : 1); j++) lines[r.at + j] = GONE;
  };
  if (mutation === 'label emptied' || mutation === 'label emptied, another row gone') empty(rows[k]!);
  if (mutation === 'two labels emptied') [rows[k]!, rows[k + 1]!].forEach(empty);
  if (mutation === 'label garbled') lines[rows[k]!.at] = lines[rows[k]!.at]!.slice(0, rows[k]!.numbers).replace(/[\u4e00-\u9fff]/g, '某') + lines[rows[k]!.at]!.slice(rows[k]!.numbers);
  if (mutation === 'row gone') drop(rows[rng.int(0, rows.length - 1)]!);
  if (mutation === 'label emptied, another row gone') drop(rows[rng.pick([k - 1, k + 1])]!);
  // (among whole rows, rows[k ± 1] may stand a few lines off rows[k]: a row further off is gone)
  return lines.filter((l) => l !== GONE).join('\n');
}

test('表三 rows that lose their label or go missing: every cell exact, flagged or unread; no 错误', (t) => {
  const tally = { reports: 0, exact: 0, flagged: 0, unread: 0 };
  const problems: string[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    for (const format of ['gov2019', 'gov2021'] as const) {
      for (const layout of [...ROW_LAYOUTS, 'word-cells' as const]) {
        const g = generateReport(9100 + s, { format, layout, violations: [] });
        for (const mutation of MUTATIONS) {
          if (layout === 'word-cells' && mutation === 'label garbled') continue;
          const name = `seed ${9100 + s} ${layout} ${format}: ${mutation}`;
          const a = analyze(mutate(g.text, mutation, layout === 'word-cells', s * 97 + mutation.length));
          if (!a.ok) {
            problems.push(`${name}: ${a.message}`);
            continue;
          }
          tally.reports++;
          for (const id of cellIds(format).filter((c) => c.startsWith('t3.'))) {
            const want = g.truth.values[id] ?? null;
            const got = a.report.cells[id]?.value ?? null;
            const amb = a.report.ambiguous[id];
            if (amb && got === null && (amb.candidates.length === 0 || amb.candidates.includes(want))) tally.flagged++;
            else if (!amb && got === want) tally.exact++;
            else if (!amb && got === null) tally.unread++;
            else problems.push(`${name}: ${id} read ${got}, truth ${want}`);
          }
          const errors = a.findings.filter((f) => f.severity === 'error').map((f) => f.id);
          if (errors.length) problems.push(`${name}: 错误 on a correct report: ${errors.join(' ')}`);
        }
      }
    }
  }
  t.diagnostic(`${tally.reports} reports; 表三 cells exact ${tally.exact}, flagged ${tally.flagged}, unread ${tally.unread}`);
  assert.deepEqual(problems.slice(0, 10), []);
  // the changes really took cells away from the reader: some flagged, some unread
  assert.ok(tally.flagged > 0 && tally.unread > 0, JSON.stringify(tally));
});
