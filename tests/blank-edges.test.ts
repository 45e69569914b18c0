/**
 * A blank first or last cell of a row — the place where a reader that trims merge artefacts
 * or pads a short row is tempted to slide the other values over. Generated reports with one
 * row's first or last cell left blank, in every layout that can show a blank: every cell
 * exact (the blank read as blank, S3), flagged or unread — never moved — and no 错误 the report
 * does not have. Expected answers come from the generator's truth.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import { generateReport, type GeneratedReport } from '../core/generate/index.ts';
import { FORMAT_IDS, type CellId } from '../core/format/types.ts';
import { htmlToText } from '../core/extract/html.ts';

/**
 * Layouts whose rows can show a blank cell. Tabs, table cells and Markdown keep it as a cell; in
 * 'pipe' and 'traditional' a blank at the start of a row leaves no trace, so the row arrives one
 * cell short: its cells are flagged (the lost one may be any of them), never shifted.
 */
const KEEPS_BLANKS = ['word-cells', 'word-tabs', 'markdown', 'typos', 'html', 'pipe', 'traditional'] as const;

const EDGE = /^t3\.\w+\.(natural_person|total)$|^t4\.\w+\.(upheld|total)$/;

/** each layout that can show a blank × each format × each row's first or last cell left blank */
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
