/**
 * Scanned PDFs. The rules judge OCR's doubtful digits (flagged with candidates, never
 * corrected; a sure reading keeps its error); a missing Chinese model is named with where to
 * put it; and a real scan — a generated report printed by Chromium, rasterised at 150 dpi,
 * put back as an image-only PDF — is read through the CLI's engine, its cells counted as
 * right, flagged or silently wrong — none may be silently wrong. OCR is slow on shared cores:
 * one short report, its tables without the prose.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze, type Analysis } from '../core/analyze.ts';
import type { OcrMeta } from '../core/extract/ocr.ts';
import { generateReport } from '../core/generate/index.ts';
import { oneDigitAway, OCR_DOUBT, reviewOcr } from '../core/ocr-review.ts';
import { DEFAULT_LANG_DIR, nodeOcr, setOcrLangDir } from '../cli/ocr-engine.ts';
import { findTables, type Gray } from '../core/extract/ocr-image.ts';
import { inProcess } from './support/in-process.ts';
import { makePdf } from './support/pdf.ts';
import { CHROMIUM, makeScans, scoreScan, tablesOnly, totals } from './support/scans.ts';

const dir = mkdtempSync(join(tmpdir(), 'gouji-ocr-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const G = generateReport(4242, { layout: 'word-tabs', format: 'gov2021', violations: [] });

/** a t3 cell (not a total) whose value is non-zero and unique in its line: it can be changed in the text alone */
function pickCell(column = /^t3\.\w+\.(?!total)\w+$/): string {
  const a = analyze(G.text, 'x');
  assert.ok(a.ok);
  const lines = G.text.split('\n');
  const id = Object.keys(a.report.cells).find((k) => {
    const c = a.report.cells[k]!;
    if (!column.test(k) || !c.value || !c.source) return false;
    return lines[c.source.line - 1]!.split('\t').filter((x) => x.trim() === c.source!.text).length === 1;
  });
  assert.ok(id, 'a cell to misread');
  return id;
}

/** the generated text with one number changed, as OCR might misread it; and every number's "OCR reading" */
function misread(id: string, to: (v: number) => number, confidence: number): { a: Analysis; meta: OcrMeta; truth: number } {
  const g = G;
  const clean = analyze(g.text, 'x');
  assert.ok(clean.ok);
  const src = clean.report.cells[id]!.source!;
  const lines = g.text.split('\n');
  const cells = lines[src.line - 1]!.split('\t');
  const at = cells.findIndex((c) => c.trim() === src.text);
  assert.equal(cells.filter((c) => c.trim() === src.text).length, 1, 'the value is unique in its line');
  cells[at] = String(to(clean.report.cells[id]!.value!));
  lines[src.line - 1] = cells.join('\t');
  const text = lines.join('\n');
  const a = analyze(text, 'x');
  assert.ok(a.ok);
  const numbers = Object.entries(a.report.cells)
    .filter(([, c]) => c.source && c.value !== null)
    .map(([cid, c]) => ({ line: c.source!.line, text: c.source!.text, confidence: cid === id ? confidence : 97 }));
  return { a, meta: { pages: 1, numbers }, truth: clean.report.cells[id]!.value! };
}

describe('OCR digits judged by the rules', () => {
  it('one digit away: changed, dropped or added, never a leading zero', () => {
    const near = oneDigitAway(23);
    for (const n of [28, 3, 2, 123, 203, 230, 93]) assert.ok(near.includes(n), String(n));
    assert.ok(!near.includes(23) && !near.includes(32) && !near.includes(5));
  });

  // a cell in a row of R3.3 and a column of R3.1/R3.2; OCR read its last digit one off
  const ID = pickCell();
  const ROW = `R3.3@${ID.split('.')[1]}`;
  const OFF = (v: number) => (v % 10 === 9 ? v - 1 : v + 1);
  it('a low-confidence digit that breaks R3.3 by one digit is flagged with both readings, never corrected, and no false 错误 stays', () => {
    const g = misread(ID, OFF, OCR_DOUBT - 20);
    const wrongValue = g.a.report.cells[ID]!.value!;
    assert.ok(g.a.findings.some((f) => f.id === ROW), 'the misread breaks R3.3');
    const r = reviewOcr(g.a, g.meta);
    assert.equal(r.report.cells[ID]!.value, null, 'left empty, not corrected');
    const amb = r.report.ambiguous[ID];
    assert.ok(amb, 'flagged');
    assert.ok(amb.candidates.includes(wrongValue) && amb.candidates.includes(g.truth), JSON.stringify(amb.candidates));
    assert.match(amb.reason, /文字识别读出.*把握不大.*请对照扫描件核对/);
    assert.doesNotMatch(amb.reason, /t3\.|R3/);
    assert.ok(!r.findings.some((f) => f.severity === 'error'), r.findings.filter((f) => f.severity === 'error').map((f) => f.id).join());
  });

  it('a sure reading keeps its 错误: the rules never explain away what OCR read with confidence', () => {
    const g = misread(ID, OFF, 99);
    const r = reviewOcr(g.a, g.meta);
    assert.ok(r.findings.some((f) => f.id === ROW));
    assert.equal(r.report.ambiguous[ID], undefined);
  });

  it('a number OCR hardly read at all is flagged even where every rule holds', () => {
    const fine = misread(ID, (v) => v, 30);
    assert.ok(!fine.a.findings.some((f) => f.severity === 'error'));
    const r = reviewOcr(fine.a, fine.meta);
    assert.deepEqual(r.report.ambiguous[ID]?.candidates, [fine.truth]);
    assert.equal(r.report.cells[ID]!.value, null);
  });
});

/** every number of a reading with its confidence, by cell */
function metaOf(a: Analysis, confidence: (id: string) => number | undefined): OcrMeta {
  const numbers = Object.entries(a.report.cells)
    .filter(([id, c]) => c.source && c.value !== null && confidence(id) !== undefined)
    .map(([id, c]) => ({ line: c.source!.line, text: c.source!.text, confidence: confidence(id)! }));
  return { pages: 1, numbers };
}

describe('OCR readings the review does not trust', () => {
  const clean = analyze(G.text, 'x');
  assert.ok(clean.ok);
  const T2 = Object.keys(clean.report.cells).find((k) => k.startsWith('t2.') && clean.report.cells[k]!.value !== null)!;

  it('a number no digits pass read (no confidence on record) is flagged, however the rules stand', () => {
    const id = pickCell();
    const text = clean.report.cells[id]!.source!.text;
    const line = clean.report.cells[id]!.source!.line;
    const r = reviewOcr(clean, metaOf(clean, (k) => (clean.report.cells[k]!.source!.line === line && clean.report.cells[k]!.source!.text === text ? undefined : 99)));
    assert.ok(r.report.ambiguous[id], 'flagged');
    assert.equal(r.report.cells[id]!.value, null);
  });

  it('a reading short of sure that no holding equation vouches for (表二) is flagged; a sure one stands', () => {
    const doubted = reviewOcr(clean, metaOf(clean, (k) => (k === T2 ? OCR_DOUBT - 8 : 99)));
    assert.ok(doubted.report.ambiguous[T2], T2);
    assert.match(doubted.report.ambiguous[T2]!.reason, /没有成立的勾稽关系可以印证/);
    const sure = reviewOcr(clean, metaOf(clean, () => 99));
    assert.equal(sure.report.ambiguous[T2], undefined);
    assert.equal(sure.report.cells[T2]!.value, clean.report.cells[T2]!.value);
  });

  it('the same reading short of sure in a row whose equations hold stands', () => {
    const id = pickCell();
    const r = reviewOcr(clean, metaOf(clean, (k) => (k === id ? OCR_DOUBT - 8 : 99)));
    assert.equal(r.report.ambiguous[id], undefined);
  });

  it('a row that lost a cell on a scan: every value of it is flagged, the first one too', () => {
    const id = pickCell();
    const src = clean.report.cells[id]!.source!;
    const lines = G.text.split('\n');
    const cells = lines[src.line - 1]!.split('\t');
    // the cell OCR could not read is gone: the values after it slide left
    cells.splice(cells.findIndex((c) => c.trim() === src.text), 1);
    while (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
    lines[src.line - 1] = cells.join('\t');
    const a = analyze(lines.join('\n'), 'x');
    assert.ok(a.ok);
    const row = Object.keys(a.report.cells).filter((k) => k.startsWith(id.split('.').slice(0, 2).join('.') + '.'));
    assert.ok(row.some((k) => a.report.cells[k]!.nullReason === 'lost'), 'the reader saw a short row');
    const r = reviewOcr(a, metaOf(a, () => 99));
    for (const k of row) if (a.report.cells[k]!.value !== null) assert.ok(r.report.ambiguous[k], `${k} is flagged`);
    assert.ok(r.report.ambiguous[row[0]!], 'the first value is flagged too');
    assert.equal(r.report.cells[row[0]!]!.value, null);
  });

  it('a row label OCR left without its numbers, which it put on the next row\'s label line: both rows flagged, sure readings or not', () => {
    // as OCR read a scan of a generated page printed without its styles
    const lines = G.text.split('\n');
    const at = lines.findIndex((l) => l.includes('予以公开'));
    const nums = (l: string) => l.replace(/\t+$/, '').split('\t').slice(-7).join('\t');
    const ocr = ['度办理结予以公开', `果\t(二) 部分公开 〈 区分处理的只计这\t${nums(lines[at]!)}`, `，\t${nums(lines[at + 1]!)}`, '一情形，不计其他情形)'];
    const a = analyze([...lines.slice(0, at), ...ocr, ...lines.slice(at + 2)].join('\n'), 'x');
    assert.ok(a.ok);
    const r = reviewOcr(a, metaOf(a, () => 99));
    const truth = G.truth.values;
    assert.notEqual(truth['t3.granted.total'], truth['t3.partly_granted.total'], 'the two rows differ');
    const named = new Set(r.findings.flatMap((f) => f.cells));
    for (const [id, v] of Object.entries(truth)) {
      if (!id.startsWith('t3.') || id in r.report.ambiguous) continue;
      const got = r.report.cells[id]?.value ?? null;
      assert.ok(got === v || (got === null && named.has(id)), `${id} read ${got}, truly ${v}`);
    }
    assert.deepEqual(new Set(r.report.ambiguous['t3.partly_granted.total']!.candidates), new Set([truth['t3.granted.total'], truth['t3.partly_granted.total']]));
  });

  it('a blank on a scan is a cell to check (empty or missed), said once — not a blank the report left', () => {
    // a cell inside its row (a blank first value would leave the reader a choice of padding)
    const id = pickCell(/^t3\.\w+\.(research|public_interest|legal_service)$/);
    const src = clean.report.cells[id]!.source!;
    const lines = G.text.split('\n');
    const cells = lines[src.line - 1]!.split('\t');
    cells[cells.findIndex((c) => c.trim() === src.text)] = '';
    lines[src.line - 1] = cells.join('\t');
    const a = analyze(lines.join('\n'), 'x');
    assert.ok(a.ok);
    assert.equal(a.report.cells[id]!.nullReason, 'blank');
    const r = reviewOcr(a, metaOf(a, () => 99));
    assert.ok(r.report.ambiguous[id], 'flagged');
    assert.match(r.report.ambiguous[id]!.reason, /没有认出数字/);
    assert.ok(!r.findings.some((f) => f.rule === 'S3' && f.cells.includes(id)), 'no S3 besides');
  });
});

describe('table rules on a scanned page', () => {
  /** a white page with a table drawn in light gray (as a browser prints a one-pixel border), its right border cut off by the paper */
  function page(): Gray {
    const g: Gray = { width: 800, height: 400, data: new Uint8Array(800 * 400).fill(255) };
    const set = (x: number, y: number, v: number) => (g.data[y * g.width + x] = v);
    const ys = [50, 100, 150, 200];
    const xs = [40, 240, 440, 640];
    for (const y of ys) for (let x = 40; x < 800; x++) set(x, y, 190);
    for (const x of xs) for (let y = 50; y <= 200; y++) set(x, y, 190);
    // a tall bold glyph inside the second row: a stroke of 36 of the band's 50 pixels
    for (let y = 107; y < 143; y++) for (let x = 300; x < 304; x++) set(x, y, 0);
    return g;
  }

  it('light gray rules are rules, a glyph stroke is no column, and the column cut by the paper is kept', () => {
    const [t] = findTables(page());
    assert.ok(t);
    assert.equal(t.ys.length, 4);
    assert.equal(t.xs.length, 5, `columns at ${t.xs.join(',')}`);
    assert.ok(t.xs[4]! > 760, 'the last column closes where its rules end');
  });
});

describe('no Chinese model', () => {
  // in this process (tests/support/in-process.ts): what a spawn adds is node's start-up, and cli.test.ts spawns exit 2;
  // a hang fails at the test's limit
  it('a scan without the model: exit 2, the message says which files go into which folder and --ocr-lang-dir', { timeout: 60_000 }, async () => {
    const scan = join(dir, '扫描件.pdf');
    writeFileSync(scan, makePdf([{ image: true }]));
    const none = join(dir, '没有模型');
    const r = await inProcess(['check', '--ocr-lang-dir', none, scan]).finally(() => setOcrLangDir(process.env.GOUJI_OCR_LANG_DIR || DEFAULT_LANG_DIR));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /扫描件\.pdf/);
    assert.match(r.stderr, /chi_sim\.traineddata/);
    assert.ok(r.stderr.includes(none), 'names the folder');
    assert.match(r.stderr, /--ocr-lang-dir/);
    assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+|Error:/);
  });
});

const skip = !existsSync(join(DEFAULT_LANG_DIR, 'chi_sim.traineddata'))
  ? '没有 tesseract-ocr-chi-sim：跳过扫描件识别测试（apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng）'
  : !CHROMIUM
    ? '没有 Chromium：跳过扫描件识别测试'
    : false;

describe('a scanned report', { skip: process.env.CI === 'true' ? false : skip }, () => {
  it('a generated report printed, rasterised at 150 dpi and read back by OCR: counted right / flagged / unread / silently wrong', async (t) => {
    const g = generateReport(15002, { layout: 'html', format: 'gov2021', violations: [] });
        // the three tables and their headings: every cell the count is over; the prose pages add none
    const c = { name: 'scan', html: tablesOnly(g.text.replace(/<div[^>]*display:none[^>]*>.*?<\/div>/gs, ''), ['二', '三', '四']), format: g.truth.format, truth: g.truth.values };
    const [pdf] = await makeScans([c], join(dir, 'scans'));
    const ocr = nodeOcr();
    try {
      const s = await scoreScan(pdf!, c, ocr);
      const all = totals([s]);
      t.diagnostic(`cells right ${all.rightPct}% · flagged ${all.flaggedPct}% · unread (row not found, said so) ${all.unreadPct}% · silently wrong ${all.silentlyWrongPct}% · ${all.sPerPage} s/page over ${all.pages} pages`);
      assert.equal(s.failure, undefined);
      // the truth is the generator's, never the reader's: a wrong number must be flagged or said
      assert.deepEqual(s.silentlyWrong, [], 'no cell read wrong without a flag');
      assert.ok(s.pages >= 2);
      assert.ok(s.right > 0);
      assert.equal(s.right + s.flagged + s.unread + s.silentlyWrong.length, s.cells);
    } finally {
      await ocr.close();
    }
  });
});
