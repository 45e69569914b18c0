/**
 * A blank first or last cell of a row — the place where a reader that trims merge artefacts
 * or pads a short row is tempted to slide the other values over. Generated reports with one
 * row's first or last cell left blank, in every layout that keeps a blank as a cell: every cell
 * exact (the blank read as blank, S3), flagged or unread — never moved — and no 错误 the report
 * does not have. Expected answers come from the generator's truth.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import { fits, generateReport, LAYOUTS, type GeneratedReport } from '../core/generate/index.ts';
import { FORMAT_IDS, type CellId } from '../core/format/types.ts';
import { htmlToText } from '../core/extract/html.ts';

/**
 * Layouts that write a blank cell as a cell (a tab, a table cell, an empty Markdown cell). In
 * 'pipe' and 'traditional' a blank at the start of a row leaves no trace: the row arrives one
 * cell short, which the second test covers (a row of equal values that lost a blank reads that
 * value there: the text cannot show it was blank, and the row says it is short, S2).
 */
const KEEPS_BLANKS = ['word-cells', 'word-tabs', 'markdown', 'typos', 'html'] as const;

const EDGE = /^t3\.\w+\.(natural_person|total)$|^t4\.\w+\.(upheld|total)$/;

/** each layout that keeps blanks × each format × each row's first or last cell left blank */
function edgeCases(thorough: boolean): { g: GeneratedReport; blank: CellId }[] {
  const out: { g: GeneratedReport; blank: CellId }[] = [];
  let seed = 90210;
  for (const layout of KEEPS_BLANKS)
    for (const format of FORMAT_IDS) {
      const edges = cellIds(format).filter((id) => EDGE.test(id));
      // every edge in a thorough run; else a spread that still visits every row
      for (const [k, blank] of edges.entries()) {
        if (!thorough && k % 3 !== (seed % 3)) continue;
        const g0 = generateReport(++seed, { layout, format });
        const g = generateReport(seed, { layout, format, values: { ...g0.truth.values, [blank]: null } });
        out.push({ g, blank });
      }
    }
  return out;
}

test('a blank first or last cell stays in its column: never moved; no false 错误', () => {
  const cases = edgeCases(Boolean(Number(process.env.GOUJI_THOROUGH)));
  assert.ok(cases.length >= 20, `${cases.length} cases`);
  let exact = 0;
  let flagged = 0;
  let unread = 0;
  for (const { g, blank } of cases) {
    assert.equal(g.truth.values[blank] ?? null, null);
    const a = analyze(g.layout === 'html' ? htmlToText(g.text) : g.text, `${g.layout}.txt`);
    assert.ok(a.ok, `${g.layout}: ${a.ok ? '' : a.message}`);
    for (const id of cellIds(g.truth.format)) {
      const want = g.truth.values[id] ?? null;
      const got: number | null = a.report.cells[id]?.value ?? null;
      if (got === want) exact++;
      else if (a.report.ambiguous[id]) flagged++;
      else if (got === null) unread++;
      else assert.fail(`${g.layout}, ${blank} left blank: ${id} read ${got}, the report has ${want}`);
    }
    const falseErrors = a.findings.filter((f) => f.severity === 'error' && !g.expected.errors.includes(f.id)).map((f) => f.id);
    assert.deepEqual(falseErrors, [], `${g.layout}, ${blank} left blank: false 错误`);
  }
  assert.ok(exact > (flagged + unread) * 20, `${exact} exact, ${flagged} flagged, ${unread} unread`);
});

test('a row that lost a cell in pasting is flagged, and gives no 错误 on a correct report', (t) => {
  let reports = 0;
  let flaggedRows = 0;
  for (let s = 1; s <= (Number(process.env.GOUJI_THOROUGH) ? 800 : 240); s++) {
    const kind = s % 2 ? 'lost-t3' : 'lost-t4';
    const layout = LAYOUTS[s % LAYOUTS.length]!;
    if (!fits(kind, layout, 'gov2021')) continue;
    // the unit's report is correct: its only fault is the cell the paste lost
    const g = generateReport(5000 + s, { layout, violations: [kind] });
    if (!g.applied.some((a) => a.kind === kind && a.findings.length)) continue;
    const a = analyze(g.text, `${layout}.txt`);
    assert.ok(a.ok, `${layout}: ${a.ok ? '' : a.message}`);
    reports++;
    const errors = a.findings.filter((f) => f.severity === 'error').map((f) => f.id);
    assert.deepEqual(errors, [], `seed ${5000 + s}, ${layout}, ${kind}: 错误 on a report whose only fault is a lost cell`);
    for (const id of cellIds(g.truth.format)) {
      const got: number | null = a.report.cells[id]?.value ?? null;
      if (got !== (g.truth.values[id] ?? null)) assert.ok(a.report.ambiguous[id], `seed ${5000 + s}, ${layout}: ${id} read ${got} unflagged`);
    }
    if (Object.keys(a.report.ambiguous).length) flaggedRows++;
  }
  t.diagnostic(`${reports} reports with a lost cell: 0 错误; ${flaggedRows} with the row flagged, the rest settled`);
  assert.ok(reports > 50 && flaggedRows > 0);
});
