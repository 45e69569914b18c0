/**
 * Word 97–2003 files written by a third party: the real corpus web page and generated
 * reports saved by LibreOffice Writer as .doc (and as .docx), read back through extract()
 * cell for cell, with exactly the errors of the page itself. The same bytes named .wps read
 * the same (no tool here writes WPS's own files; WPS saves .wps in the Word 97 format, so the
 * OLE path is the one proved). Bad .doc files: a Chinese reason, exit 2, in seconds.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { docToText } from '../core/extract/doc.ts';
import { extract } from '../core/extract/extract.ts';
import { cellIds } from '../core/format/cells.ts';
import { generateReport, VIOLATION_KINDS, type GeneratedReport } from '../core/generate/index.ts';
import { answers, CORPUS, corpusPresent } from './support/corpus.ts';
import { convertDocuments, libreOfficeSkip } from './support/libreoffice.ts';
import { readBack } from './support/readback.ts';
import { inProcess } from './support/in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'gouji-doc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CORPUS_PAGE = 'pingtan-2019.html';
/** generated reports: modest, LibreOffice is slow; both formats, every second one with mistakes */
const GENERATED = 6;
const generated: { g: GeneratedReport; name: string }[] = Array.from({ length: GENERATED }, (_, i) => {
  const seed = 15_000 + i;
  const violations = i % 2 ? [VIOLATION_KINDS[i % VIOLATION_KINDS.length]!] : [];
  return { g: generateReport(seed, { layout: 'html', format: i % 3 ? 'gov2021' : 'gov2019', violations }), name: `gen-${seed}.html` };
});

const files = new Map<string, Uint8Array>();
/** a page of prose only, saved as .doc with the others: a .doc with no tables at all */
const PROSE = '无表格.html';
const bytesOf = (name: string) => {
  const b = files.get(name);
  assert.ok(b, `LibreOffice wrote no ${name}`);
  return b;
};

describe('.doc and .docx saved by LibreOffice Writer', { skip: libreOfficeSkip() }, () => {
  before(async () => {
    const html = generated.map(({ g, name }) => {
      const p = join(dir, name);
      // Writer imports a page's hidden breadcrumb (display:none) as text, and the reader then
      // takes “首页 > 政府信息公开 > 年度报告” for the title: a reader matter, left out here
      writeFileSync(p, g.text.replace(/<div[^>]*display:none[^>]*>.*?<\/div>/gs, ''));
      return p;
    });
    if (corpusPresent) html.push(join(CORPUS, 'reports', CORPUS_PAGE));
    const prose = join(dir, PROSE);
    writeFileSync(prose, '<html><body><h1>某某镇2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>今年我镇认真做好政府信息公开工作，全年主动公开信息120条。</p></body></html>');
    // one soffice call per target: its start-up dominates
    for (const to of ['doc', 'docx'] as const) {
      for (const out of await convertDocuments(to === 'doc' ? [...html, prose] : html, to, join(dir, to), true)) files.set(out.slice(out.lastIndexOf('/') + 1), new Uint8Array(readFileSync(out)));
    }
  });

  it(`${GENERATED} generated reports as .doc and .docx read back exactly (both formats, merged cells, mistakes)`, async () => {
    const problems: string[] = [];
    for (const { g, name } of generated) {
      for (const ext of ['doc', 'docx']) {
        const file = name.replace(/html$/, ext);
        const x = await extract(bytesOf(file), file);
        if (!x.ok) {
          problems.push(`${file}: ${x.message}`);
          continue;
        }
        assert.equal(x.kind, ext === 'doc' ? 'doc' : 'docx');
        const o = readBack(g, x.text, file);
        if (o.problems.length) problems.push(`${file} [${g.applied.map((a) => a.detail).join('; ') || '无错误'}]: ${o.problems.slice(0, 6).join(' | ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the generated pages really have merged cells, and some reports carry mistakes', () => {
    assert.ok(generated.some(({ g }) => /colspan="\d+"/.test(g.text) && /rowspan="\d+"/.test(g.text)));
    assert.ok(generated.some(({ g }) => g.applied.length > 0));
  });

  it('a .doc named .wps, or with no extension, is read by its content the same', async () => {
    const b = bytesOf(generated[0]!.name.replace(/html$/, 'doc'));
    const a = await extract(b, '乡镇.doc');
    for (const name of ['乡镇.wps', '乡镇', '乡镇.txt']) {
      const x = await extract(b, name);
      assert.ok(x.ok && a.ok && x.text === a.text && x.kind === 'doc', name);
    }
  });

  describe('the real corpus page (../shared/corpus) as .doc and .docx', { skip: corpusPresent ? false : '没有找到 ../shared/corpus：跳过真实年报语料测试。' }, () => {
    for (const ext of ['doc', 'docx']) {
      it(`${CORPUS_PAGE} → .${ext}: unit, year, format, every cell and exactly the page's errors`, async () => {
        const a = answers().find((x) => x.source === CORPUS_PAGE)!;
        const file = CORPUS_PAGE.replace(/html$/, ext);
        const x = await extract(bytesOf(file), file);
        assert.ok(x.ok, x.ok ? '' : x.message);
        const r = analyze(x.text, file);
        assert.ok(r.ok, r.ok ? '' : r.message);
        assert.deepEqual([r.report.unit, r.report.year, r.report.format], [a.unit, a.year, a.format]);
        const wrong = cellIds(a.format).filter((id) => r.report.cells[id]!.value !== a.cells[id]).map((id) => `${id}: ${r.report.cells[id]!.value} ≠ ${a.cells[id]}`);
        assert.deepEqual(wrong, []);
        assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort(), [...a.errors].sort());
        const ids = new Set(r.findings.map((f) => f.id));
        assert.deepEqual(a.warnings.filter((w) => !ids.has(w)), []);
      });
    }

    it('a cell holding two paragraphs stays one cell (表二 “本年新 / 制作数量”), 表三 rows end where Word says', () => {
      const x = docToText(bytesOf('pingtan-2019.doc'));
      assert.ok(x.ok);
      const lines = x.text.split('\n');
      assert.ok(lines.some((l) => /^信息内容\t本年新 ?制作数量\t本年新 ?公开数量\t对外公开总数量$/.test(l)), 'header row of 表二 whole');
      // every 表三 row is a line of its own: the row of （七）总计 holds exactly its label and seven numbers
      const total = lines.find((l) => l.includes('（七）总计'))!;
      assert.equal(total.split('\t').filter((c) => /^\d+$/.test(c.trim())).length, 7, total);
    });
  });

  // ---------------------------------------------------------------- bad .doc files, through the CLI
  // in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command)
  const gouji = inProcess;

  // a hang fails at the test's limit; speed is npm run bench's business
  it('a truncated .doc, an encrypted .doc and a .doc with no tables: exit 2, a Chinese reason naming the file, no stack trace', { timeout: 300_000 }, async () => {
    const whole = bytesOf(generated[1]!.name.replace(/html$/, 'doc'));
    const cut = join(dir, '截断.doc');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 3)));
    // Word sets fEncrypted in the FIB when a password protects the file (LibreOffice here cannot write one)
    const locked = new Uint8Array(whole);
    const fib = findWordDocument(locked);
    locked[fib + 0x0b]! |= 0x01;
    const enc = join(dir, '加密.doc');
    writeFileSync(enc, locked);
    // prose only: a .doc with no tables at all, as LibreOffice saved it
    const prose = join(dir, 'doc', PROSE.replace(/html$/, 'doc'));
    bytesOf(PROSE.replace(/html$/, 'doc'));
    const r = await gouji(['check', '--json', cut, enc, prose]);
    assert.equal(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+|Error:/);
    const out = JSON.parse(r.stdout) as { error?: { code: string; message: string } }[];
    assert.deepEqual(
      out.map((o) => o.error?.code),
      ['doc_damaged', 'doc_encrypted', 'no_tables'],
    );
    assert.match(out[0]!.error!.message, /截断\.doc.*损坏或不完整/);
    assert.match(out[1]!.error!.message, /加密\.doc.*密码/);
    assert.match(out[2]!.error!.message, /统计表/);
  });
});

/** the byte offset of the WordDocument stream's FIB in a .doc: its magic 0xA5EC at a sector start */
function findWordDocument(b: Uint8Array): number {
  for (let i = 512; i + 2 < b.length; i += 512) if (b[i] === 0xec && b[i + 1] === 0xa5) return i;
  throw new Error('no FIB');
}
