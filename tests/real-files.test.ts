/**
 * Files a real writer made. Generated reports (core/generate: fictional units, known
 * numbers, planted mistakes) are saved by LibreOffice Writer the way people save them — a
 * web page opened and saved as Word (.docx), the project's Word file opened and saved again
 * as .docx and printed to PDF — and read back as the command line reads files: every cell
 * must be the generator's number (in a PDF: that, or flagged) and the errors exactly the
 * planted ones.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pdfjsFiles } from '../cli/documents.ts';
import { extract } from '../core/extract/extract.ts';
import { analyze } from '../core/analyze.ts';
import type { FormatId } from '../core/format/types.ts';
import { docxPackage, generateReport, type GeneratedReport } from '../core/generate/index.ts';
import { convertDocuments, libreOfficeSkip } from './support/libreoffice.ts';

const CASES: { name: string; seed: number; format: FormatId; year: number }[] = [
  { name: 'a', seed: 31, format: 'gov2021', year: 2023 },
  { name: 'b', seed: 32, format: 'gov2019', year: 2020 },
];

/** what the reading of a file must give: the generator's numbers and findings, exactly */
/** the file read as a report of the generated unit, year and format */
async function readBack(path: string, g: GeneratedReport, kind: 'docx' | 'pdf') {
  const x = await extract(new Uint8Array(readFileSync(path)), path, { pdf: pdfjsFiles() });
  assert.ok(x.ok, x.ok ? '' : x.message);
  assert.equal(x.kind, kind);
  const a = analyze(x.text, path);
  assert.ok(a.ok, a.ok ? '' : a.message);
  assert.equal(a.report.unit, g.truth.unit);
  assert.equal(a.report.year, g.truth.year);
  assert.equal(a.report.format, g.truth.format);
  return a;
}

async function assertReads(path: string, g: GeneratedReport, kind: 'docx' | 'pdf'): Promise<void> {
  const a = await readBack(path, g, kind);
  const wrong = Object.entries(g.truth.values)
    .filter(([id, v]) => (a.report.cells[id]?.value ?? null) !== v)
    .map(([id, v]) => `${id}: ${a.report.cells[id]?.value ?? '空'}, want ${v ?? '空'}`);
  assert.deepEqual(wrong, []);
  assert.deepEqual(a.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort(), [...g.expected.errors].sort());
  assert.deepEqual(a.findings.filter((f) => f.severity === 'warning').map((f) => f.id).sort(), [...g.expected.warnings].sort());
}

describe('reports saved by LibreOffice Writer, read back', { skip: libreOfficeSkip() }, () => {
  const work = mkdtempSync(join(tmpdir(), 'gouji-real-'));
  const made = new Map<string, { html: GeneratedReport; docx: GeneratedReport }>();
  const out = { fromHtml: new Map<string, string>(), resaved: new Map<string, string>(), pdf: new Map<string, string>() };

  before(async () => {
    const pages: string[] = [];
    const words: string[] = [];
    for (const c of CASES) {
      const opts = { format: c.format, year: c.year, violations: ['t3-cell' as const, 'r2.2' as const] };
      const html = generateReport(c.seed, { ...opts, layout: 'html' });
      const docx = generateReport(c.seed, { ...opts, layout: 'docx' });
      made.set(c.name, { html, docx });
      // a page as a browser saves it: the generator gives the article's markup
      const page = join(work, `page-${c.name}.html`);
      writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"><title>${html.truth.unit}</title></head><body>${html.text}</body></html>`);
      pages.push(page);
      const word = join(work, `word-${c.name}.docx`);
      writeFileSync(word, docxPackage(docx.text));
      words.push(word);
    }
    const fromHtml = await convertDocuments(pages, 'docx', join(work, 'from-html'), true);
    const resaved = await convertDocuments(words, 'docx', join(work, 'resaved'));
    const pdf = await convertDocuments(words, 'pdf', join(work, 'pdf'));
    CASES.forEach((c, i) => {
      out.fromHtml.set(c.name, fromHtml[i]!);
      out.resaved.set(c.name, resaved[i]!);
      out.pdf.set(c.name, pdf[i]!);
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.format} ${c.year}: a web page saved as Word by LibreOffice`, async () => {
      await assertReads(out.fromHtml.get(c.name)!, made.get(c.name)!.html, 'docx');
    });
    it(`${c.format} ${c.year}: a Word file saved again by LibreOffice (its grid has a seam column)`, async () => {
      await assertReads(out.resaved.get(c.name)!, made.get(c.name)!.docx, 'docx');
    });
    it(`${c.format} ${c.year}: the Word file printed to PDF by LibreOffice`, async () => {
      // the Word file fits 表四 to the page, as real reports do: the PDF is read whole, exactly
      await assertReads(out.pdf.get(c.name)!, made.get(c.name)!.docx, 'pdf');
    });
  }
});
