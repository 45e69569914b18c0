/**
 * `pdftotext` (default mode) of a bordered PDF table, made for real: generated reports as
 * .docx, LibreOffice Writer → PDF, poppler's pdftotext without -layout. Its text comes in
 * column-wise blocks, labels wrapped a few characters a line and after their numbers, page
 * numbers in between. The reader need not read every cell of such text, but it must never
 * shift one: each cell is exact, flagged, or left unread — and no 错误 the truth lacks.
 *
 * Skips with a message when LibreOffice or pdftotext is missing locally; in CI it must run.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import type { FormatId } from '../core/format/types.ts';
import { docxPackage, generateReport, type ViolationKind } from '../core/generate/index.ts';
import { findSoffice } from './support/libreoffice.ts';

const run = promisify(execFile);
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
const REPORTS: { seed: number; format: FormatId; violations: ViolationKind[] }[] = [
  { seed: 4242, format: 'gov2021', violations: [] },
  { seed: 4243, format: 'gov2019', violations: [] },
  { seed: 4244, format: 'gov2021', violations: ['t3-cell'] },
  { seed: 4245, format: 'gov2019', violations: ['t4-cell'] },
];

function skip(): string | false {
  if (process.env.CI === 'true') return false;
  if (!findSoffice()) return '没有找到 LibreOffice（soffice）：跳过 pdftotext 测试。';
  if (!PDFTOTEXT) return '没有找到 pdftotext：跳过 pdftotext 测试。安装：apt-get install poppler-utils';
  return false;
}

test('pdftotext of bordered PDF tables: every cell exact, flagged or unread; no false 错误', { skip: skip() }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-pdftotext-'));
  try {
    const made = REPORTS.map((r, i) => {
      const g = generateReport(r.seed, { format: r.format, layout: 'docx', violations: r.violations });
      const file = join(dir, `r${i}.docx`);
      writeFileSync(file, docxPackage(g.text));
      return { g, file };
    });
    const profile = join(dir, 'profile');
    await run(findSoffice()!, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', dir, ...made.map((m) => m.file)], { timeout: 600_000 });
    let exact = 0;
    let flagged = 0;
    let unread = 0;
    let falseErrors = 0;
    for (const [i, { g }] of made.entries()) {
      const txt = join(dir, `r${i}.txt`);
      await run(PDFTOTEXT!, [join(dir, `r${i}.pdf`), txt]);
      const a = analyze(readFileSync(txt, 'utf8'), `r${i}.txt`);
      assert.ok(a.ok, `r${i}: ${a.ok ? '' : a.message}`);
      for (const id of cellIds(g.truth.format)) {
        const want = g.truth.values[id] ?? null;
        const got: number | null = a.report.cells[id]!.value;
        if (got === want) exact++;
        else if (a.report.ambiguous[id]) flagged++;
        else if (got === null) unread++;
        else assert.fail(`r${i} ${id}: read ${got}, the report has ${want} — a shifted cell`);
      }
      const extra = a.findings.filter((f) => f.severity === 'error' && !g.expected.errors.includes(f.id)).map((f) => f.id);
      falseErrors += extra.length;
      assert.deepEqual(extra, [], `r${i}: false 错误`);
    }
    t.diagnostic(`${made.length} reports: ${exact} cells exact, ${flagged} flagged, ${unread} unread; false 错误 ${falseErrors}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
