/**
 * Bordered tables in PDFs are read by their ruling lines: a row is the band between two
 * rules, so a label wrapped onto three lines and numbers centred beside any of them are one
 * row. Hand-made pages pin the geometry; then generated reports, saved as Word files by the
 * project's writer and printed to PDF by LibreOffice Writer, read back with every cell exact
 * or flagged — none moved to a neighbouring row — and no 错误 the report lacks.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../core/analyze.ts';
import { pdfToText } from '../core/extract/pdf.ts';
import { cellIds } from '../core/format/cells.ts';
import { FORMAT_IDS } from '../core/format/types.ts';
import { docxPackage, generateReport, type GeneratedReport } from '../core/generate/index.ts';
import { convertDocuments, libreOfficeSkip } from './support/libreoffice.ts';
import { makePdf, type Line, type PdfPage, type TextRun } from './support/pdf.ts';

const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, size });

/** a bordered table: rules at these column and row positions, every cell closed */
function grid(xs: number[], ys: number[]): Line[] {
  const [left, right, top, bottom] = [xs[0]!, xs[xs.length - 1]!, ys[0]!, ys[ys.length - 1]!];
  return [...ys.map((y) => ({ x0: left, y0: y, x1: right, y1: y })), ...xs.map((x) => ({ x0: x, y0: top, x1: x, y1: bottom }))];
}

const textOf = async (pages: PdfPage[]) => {
  const r = await pdfToText(makePdf(pages));
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.text.split('\n').filter(Boolean);
};

describe('PDF tables by their rules', () => {
  const xs = [60, 200, 260, 320];

  it('a wrapped label and the numbers between its lines are one row; a number on a border is left out, its cell kept', async () => {
    const lines = await textOf([
      {
        lines: grid(xs, [100, 120, 175, 195, 215]),
        runs: [
          run('申请人', 64, 114),
          run('自然人', 204, 114),
          run('总计', 264, 114),
          // three label lines; the numbers, centred in the tall cell, on a line of their own between the first two
          run('（二）部分公开', 64, 134),
          run('7', 220, 141),
          run('7', 280, 141),
          run('（区分处理的，', 64, 152),
          run('只计这一情形）', 64, 166),
          run('2.重复申请', 64, 190),
          run('0', 220, 190),
          run('0', 280, 190),
          run('3.其他', 64, 210),
          // half over the rule above its row: whose is it? nobody's
          run('4', 220, 199),
          run('5', 280, 210),
        ],
      },
    ]);
    assert.deepEqual(lines, ['申请人\t自然人\t总计', '（二）部分公开（区分处理的，只计这一情形）\t7\t7', '2.重复申请\t0\t0', '3.其他\t\t5']);
  });

  it('a row broken by the page is one row when one half has no number; a header above the break stays its own row', async () => {
    const split = await textOf([
      { lines: grid(xs, [700, 720, 740]), runs: [run('信息内容', 64, 714), run('上年', 204, 714), run('本年', 264, 714), run('8.属', 64, 734), run('0', 220, 734), run('1', 280, 734)] },
      { lines: grid(xs, [100, 120, 140]), runs: [run('于行政查询事项', 64, 114), run('9.其他', 64, 134), run('2', 220, 134), run('3', 280, 134)] },
    ]);
    assert.deepEqual(split, ['信息内容\t上年\t本年', '8.属于行政查询事项\t0\t1', '9.其他\t2\t3']);
    const header = await textOf([
      { lines: grid(xs, [700, 720, 740]), runs: [run('规章', 64, 714), run('1', 220, 714), run('2', 280, 714), run('信息内容', 64, 734), run('上年', 204, 734), run('本年', 264, 734)] },
      { lines: grid(xs, [100, 120, 140]), runs: [run('行政许可', 64, 114), run('3', 220, 114), run('0', 280, 114), run('其他', 64, 134), run('7', 220, 134), run('0', 280, 134)] },
    ]);
    assert.deepEqual(header, ['规章\t1\t2', '信息内容\t上年\t本年', '行政许可\t3\t0', '其他\t7\t0']);
  });

  it('text outside any table still reads line by line', async () => {
    const lines = await textOf([{ lines: grid(xs, [200, 220, 240]), runs: [run('标题', 64, 100), run('甲', 64, 214), run('1', 220, 214), run('2', 280, 214), run('乙', 64, 234), run('3', 220, 234), run('4', 280, 234), run('正文在表后', 64, 300)] }]);
    assert.deepEqual(lines, ['标题', '甲\t1\t2', '乙\t3\t4', '正文在表后']);
  });
});

/** several generated reports of both formats, some with planted mistakes; few, since LibreOffice is slow */
const REPORTS = fc.sample(
  fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    format: fc.constantFrom(...FORMAT_IDS),
    violations: fc.subarray(['t3-cell', 't4-cell', 'r2.2'] as const, { maxLength: 2 }),
  }),
  { seed: 2026, numRuns: 4 },
);

describe('generated reports printed to PDF by LibreOffice Writer', { skip: libreOfficeSkip() }, () => {
  it('every cell exact or flagged, none moved; exactly the planted 错误', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gouji-pdf-bands-'));
    try {
      // both formats at least once, whatever the sample drew
      const specs = [...REPORTS, { seed: 77, format: FORMAT_IDS.find((f) => !REPORTS.some((r) => r.format === f)) ?? FORMAT_IDS[0], violations: [] }];
      const made: { g: GeneratedReport; file: string }[] = specs.map((s, i) => {
        const g = generateReport(s.seed, { format: s.format, layout: 'docx', violations: [...s.violations] });
        const file = join(dir, `r${i}.docx`);
        writeFileSync(file, docxPackage(g.text));
        return { g, file };
      });
      const pdfs = await convertDocuments(
        made.map((m) => m.file),
        'pdf',
        join(dir, 'pdf'),
      );
      const tally = { exact: 0, flagged: 0, unread: 0, wrong: 0, falseErrors: 0, missedErrors: 0 };
      const problems: string[] = [];
      for (const [i, { g }] of made.entries()) {
        const x = await pdfToText(new Uint8Array(readFileSync(pdfs[i]!)));
        assert.ok(x.ok, x.ok ? '' : x.message);
        const a = analyze(x.text, `r${i}.pdf`);
        assert.ok(a.ok, a.ok ? '' : a.message);
        const tag = `r${i} (${g.truth.format}, seed ${specs[i]!.seed})`;
        for (const id of cellIds(g.truth.format)) {
          const want = g.truth.values[id] ?? null;
          const got = a.report.cells[id]!.value;
          if (got === want) tally.exact++;
          else if (a.report.ambiguous[id]) tally.flagged++;
          else if (got === null) tally.unread++;
          else {
            tally.wrong++;
            problems.push(`${tag} ${id}: read ${got}, the report has ${want ?? '空'}`);
          }
        }
        const errors = a.findings.filter((f) => f.severity === 'error').map((f) => f.id);
        for (const e of errors.filter((e) => !g.expected.errors.includes(e))) (tally.falseErrors++, problems.push(`${tag} false 错误 ${e}`));
        for (const e of g.expected.errors.filter((e) => !errors.includes(e))) (tally.missedErrors++, problems.push(`${tag} planted 错误 not found: ${e}`));
      }
      t.diagnostic(`${made.length} reports: ${tally.exact} cells exact, ${tally.flagged} flagged, ${tally.unread} unread, ${tally.wrong} wrong; false 错误 ${tally.falseErrors}, missed 错误 ${tally.missedErrors}`);
      assert.deepEqual(problems, []);
      // the reading is worth having: nearly every cell is read, not merely flagged
      assert.ok(tally.exact >= 0.95 * (tally.exact + tally.flagged + tally.unread), JSON.stringify(tally));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
