/**
 * Property test: generated reports that arrive as documents read back exactly. Each report
 * is written as a web page (tables with rowspan/colspan, paragraphs as <p>, entities, editor
 * markup) and as a .docx (w:gridSpan, w:vMerge, text split into runs), put through the
 * extractor, and must give the unit, year, format, every cell and exactly the error and
 * warning findings the truth implies — with the mistakes the generator makes on purpose,
 * blank cells and rows that lost a cell among them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docxToText } from '../core/extract/docx.ts';
import { htmlToText } from '../core/extract/html.ts';
import type { FormatId } from '../core/format/types.ts';
import { createRng, docxPackage, generateReport, VIOLATION_KINDS, type GeneratedReport, type MarkupLayout } from '../core/generate/index.ts';
import { readBack } from './support/readback.ts';

const CASES = 240;
const BASE_SEED = Number(process.env.GOUJI_SEED ?? 20_250_700);

interface Case {
  seed: number;
  layout: MarkupLayout;
  format: FormatId;
  g: GeneratedReport;
}

function makeCase(i: number): Case {
  const seed = BASE_SEED + i;
  const r = createRng(seed ^ 0x2545f491);
  const layout: MarkupLayout = i % 2 ? 'docx' : 'html';
  const format: FormatId = Math.floor(i / 2) % 2 ? 'gov2019' : 'gov2021';
  const violations = i % 3 === 0 ? [] : r.shuffle(VIOLATION_KINDS).slice(0, r.int(1, 3));
  return { seed, layout, format, g: generateReport(seed, { layout, format, violations }) };
}

/** what the extractor hands the reader */
function extracted(c: Case): string {
  if (c.layout === 'html') return htmlToText(c.g.text);
  const d = docxToText(docxPackage(c.g.text));
  if (!d.ok) throw new Error(`seed ${c.seed}: the generated .docx was refused: ${d.message}`);
  return d.text;
}

const cases = Array.from({ length: CASES }, (_, i) => makeCase(i));

test(`${CASES} generated reports as web pages and .docx read back exactly`, () => {
  const failures: string[] = [];
  for (const c of cases) {
    const o = readBack(c.g, extracted(c), `seed ${c.seed}`);
    if (o.problems.length) {
      failures.push(
        `seed ${c.seed} ${c.layout} ${c.format} [${c.g.applied.map((a) => a.detail).join('; ') || '无错误'}]\n    ${o.problems.slice(0, 8).join('\n    ')}` +
          `\n    (rerun: generateReport(${c.seed}, { layout: '${c.layout}', format: '${c.format}', violations: ${JSON.stringify(c.g.applied.map((a) => a.kind))} }))`,
      );
    }
  }
  assert.ok(failures.length === 0, `${failures.length} of ${CASES} reports misread:\n  ${failures.slice(0, 10).join('\n  ')}`);
});

test('the cases cover both layouts and formats, every mistake, blank and lost cells', () => {
  const seen = new Set(cases.map((c) => `${c.layout}/${c.format}`));
  assert.equal(seen.size, 4);
  for (const layout of ['html', 'docx'] as const) {
    const kinds = new Set(cases.filter((c) => c.layout === layout).flatMap((c) => c.g.applied.map((a) => a.kind)));
    for (const k of VIOLATION_KINDS) assert.ok(kinds.has(k), `no ${layout} report with ${k}`);
  }
  // the markup really has merges to expand
  const html = cases.find((c) => c.layout === 'html')!.g.text;
  assert.match(html, /rowspan="\d+"/);
  assert.match(html, /colspan="\d+"/);
  const docx = cases.find((c) => c.layout === 'docx')!.g.text;
  assert.match(docx, /<w:vMerge\/>/);
  assert.match(docx, /<w:gridSpan w:val="\d+"\/>/);
});
