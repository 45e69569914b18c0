/**
 * Reports that arrive as documents: HTML (clipboard and saved pages), .docx and PDF become
 * the text the reader reads. Merged cells expanded into the grid, entities decoded, the real
 * corpus HTML and PDF read cell for cell, and bad files refused with a Chinese reason.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { analyze } from '../core/analyze.ts';
import { docxToText, documentXmlToText } from '../core/extract/docx.ts';
import { htmlToText } from '../core/extract/html.ts';
import { pageLines, pdfToText } from '../core/extract/pdf.ts';
import { cellIds } from '../core/format/cells.ts';
import { docxPackage, generateReport } from '../core/generate/index.ts';
import { answers, CORPUS, corpusPresent, type Answer } from './support/corpus.ts';
import { encodeGb18030 } from './support/gb18030.ts';
import { inProcess } from './support/in-process.ts';
import { makePdf, type TextRun } from './support/pdf.ts';

const rows = (text: string) => text.split('\n').filter((l) => l.includes('\t'));

describe('HTML → text', () => {
  it('expands rowspan and colspan into the grid: text in the first slot, empty slots after and below', () => {
    const html = `<table>
      <tr><td rowspan="2" colspan="2">甲</td><td colspan="2">乙</td></tr>
      <tr><td>丙</td><td>丁</td></tr>
      <tr><td>1</td><td rowspan="2">2</td><td>3</td><td>4</td></tr>
      <tr><td>5</td><td>6</td><td>7</td></tr>
    </table>`;
    assert.deepEqual(rows(htmlToText(html)), ['甲\t\t乙\t', '\t\t丙\t丁', '1\t2\t3\t4', '5\t\t6\t7']);
  });

  it('reads the cells of thead, tbody and th alike, and ignores the rows of a nested layout table only once', () => {
    const html = '<table><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody><tr><td>规章</td><td>3</td></tr></tbody></table>';
    assert.deepEqual(rows(htmlToText(html)), ['项目\t数量', '规章\t3']);
  });

  it('a row that lost a cell stays short, without the padding beside its merged label', () => {
    const html = `<table>
      <tr><td colspan="2">行</td><td>a</td><td>b</td><td>c</td></tr>
      <tr><td colspan="2">短行</td><td>1</td><td>2</td></tr>
    </table>`;
    assert.deepEqual(rows(htmlToText(html)), ['行\t\ta\tb\tc', '短行\t1\t2']);
  });

  it('decodes entities; &nbsp; is a space and a cell of only &nbsp; is blank', () => {
    const text = htmlToText('<p>甲&nbsp;乙&amp;丙&lt;丁&gt; &ldquo;引&rdquo;&#12288;&#x4e00;&middot;</p><table><tr><td>数</td><td>&nbsp;</td><td>&nbsp;7&nbsp;</td></tr></table>');
    assert.equal(text.split('\n')[0], '甲 乙&丙<丁> “引”\u3000一·');
    assert.deepEqual(rows(text), ['数\t\t7']);
  });

  it('<br> breaks a line in running text but is a space inside a cell', () => {
    const text = htmlToText('<p>第一行<br>第二行</p><table><tr><td>本年新<br/>制作数量</td><td>5</td></tr></table>');
    assert.deepEqual(text.split('\n').filter(Boolean), ['第一行', '第二行', '本年新 制作数量\t5']);
  });

  it('drops scripts, styles, the head and hidden elements; keeps paragraphs and headings as lines', () => {
    const html = `<html><head><title>某镇年报-门户网站</title><style>p{color:red}</style></head>
      <body><script>document.write("<p>脚本</p>")</script><div style="display:none">隐藏</div>
      <h1>标题</h1><div><p>段落一</p>段落二<span>续</span></div><noscript>请启用</noscript></body></html>`;
    assert.deepEqual(htmlToText(html).split('\n').filter(Boolean), ['标题', '段落一', '段落二续']);
  });

  it('a table that lays out the page (tables inside its cells) gives its content, not one line', () => {
    const html = '<table><tr><td><p>正文</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>';
    assert.deepEqual(htmlToText(html).split('\n').filter(Boolean), ['正文', '规章\t1']);
  });

  it('clipboard HTML from Windows: the CF_HTML header and fragment comments are not text', () => {
    const clip = 'Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000200\r\n<html><body><!--StartFragment--><p>甲</p><!--EndFragment--></body></html>';
    assert.equal(htmlToText(clip), '甲');
  });
});

describe('.docx → text', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
  const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r>${r}</w:r>`).join('')}</w:p>`;
  const t = (s: string) => `<w:t xml:space="preserve">${s}</w:t>`;
  const tc = (text: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(t(text))}</w:tc>`;

  it('paragraphs in order: runs joined, w:tab a tab, w:br a new line; field codes and deleted text left out', () => {
    const xml = doc(
      `<w:p><w:r>${t('青山')}</w:r><w:proofErr/><w:r>${t('镇')}</w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>` +
        p(t('信息内容'), '<w:tab/>', t('数量')) +
        p(t('上'), '<w:br/>', t('下')),
    );
    assert.deepEqual(documentXmlToText(xml).split('\n'), ['青山镇', '信息内容\t数量', '上', '下']);
  });

  it('w:gridSpan is followed by empty cells, a w:vMerge continuation is an empty cell, w:gridBefore keeps its place', () => {
    const xml = doc(
      '<w:tbl>' +
        `<w:tr>${tc('甲', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc('乙', '<w:gridSpan w:val="2"/>')}</w:tr>` +
        `<w:tr>${tc('', '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc('丙')}${tc('丁')}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('1')}${tc('2')}${tc('3')}</w:tr>` +
        '</w:tbl>',
    );
    assert.deepEqual(rows(documentXmlToText(xml)), ['甲\t\t乙\t', '\t\t丙\t丁', '\t1\t2\t3']);
  });

  it('a cell of two paragraphs is one cell; a text box is read once, not again from its fallback', () => {
    const box = (s: string) => `<w:txbxContent>${p(t(s))}</w:txbxContent>`;
    const xml = doc(
      `<w:tbl><w:tr><w:tc>${p(t('本年新'))}${p(t('制作数量'))}</w:tc>${tc('7')}</w:tr></w:tbl>` +
        `<w:p><w:r><mc:AlternateContent><mc:Choice>${box('框')}</mc:Choice><mc:Fallback>${box('框')}</mc:Fallback></mc:AlternateContent></w:r></w:p>`,
    );
    assert.deepEqual(documentXmlToText(xml).split('\n').filter(Boolean), ['本年新 制作数量\t7', '框']);
  });

  it('a table inside a table cell: the outer table lays out the page, the inner one keeps its rows', () => {
    const inner = `<w:tbl><w:tr>${tc('规章')}${tc('1')}</w:tr></w:tbl>`;
    const xml = doc(`<w:tbl><w:tr><w:tc>${p(t('正文'))}${inner}<w:p/></w:tc></w:tr></w:tbl>`);
    assert.deepEqual(documentXmlToText(xml).split('\n').filter(Boolean), ['正文', '规章\t1']);
  });

  it('a .docx made by the project generator reads back cell for cell', () => {
    for (const seed of [3, 4]) {
      const g = generateReport(seed, { layout: 'docx', violations: [] });
      const d = docxToText(docxPackage(g.text));
      assert.ok(d.ok);
      const a = analyze(d.text);
      assert.ok(a.ok, a.ok ? '' : a.message);
      assert.equal(a.report.unit, g.truth.unit);
      const wrong = cellIds(g.truth.format).filter((id) => a.report.cells[id]!.value !== g.truth.values[id]);
      assert.deepEqual(wrong, []);
    }
  });

  it('refuses bytes that are no zip, and a zip with no word/document.xml', () => {
    const notZip = docxToText(new TextEncoder().encode('这不是压缩包'));
    assert.ok(!notZip.ok && notZip.code === 'docx_damaged' && /损坏/.test(notZip.message));
    const noDoc = docxToText(zipSync({ '[Content_Types].xml': strToU8('<Types/>') }));
    assert.ok(!noDoc.ok && noDoc.code === 'docx_no_document' && /word\/document\.xml/.test(noDoc.message));
  });
});

describe('PDF → text', () => {
  it('rebuilds lines by height with a tolerance, cells by wide gaps, words by narrow ones', () => {
    const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, size, width: str.length * size * (/^[\d.]+$/.test(str) ? 0.5 : 1) });
    const lines = pageLines([
      item('规章', 80, 100),
      item('12', 250, 101.8, 11), // numbers sit a little lower and bigger than their label
      item('0', 330, 101.8, 11),
      item('自然', 80, 130),
      item('人', 102, 130), // the next item of the same word
      item('Open', 80, 160),
      item('data', 124, 160), // a word gap
      item('- 3 -', 280, 800),
    ]);
    assert.deepEqual(lines, ['规章\t12\t0', '自然人', 'Open data', '- 3 -']);
  });

  it('reads pages of placed text in order, footers as lines of their own', async () => {
    const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, size });
    const pdf = makePdf([
      { runs: [run('青山镇', 80, 80, 16), run('规章', 80, 200), run('12', 250, 201.5), run('- 1 -', 280, 800)] },
      { runs: [run('第二页', 80, 100)] },
    ]);
    const r = await pdfToText(pdf);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual(r.text.split('\n').filter(Boolean), ['青山镇', '规章\t12', '- 1 -', '第二页']);
    assert.equal(r.pages, 2);
  });

  it('refuses a PDF locked with an open password', async () => {
    const r = await pdfToText(makePdf([{ runs: [{ text: '正文', x: 80, y: 80, size: 12 }] }], { encrypted: true }));
    assert.ok(!r.ok && r.code === 'pdf_encrypted' && /密码/.test(r.message));
  });

  it('refuses a scan: pages of images with no text, and says OCR or the original is needed', async () => {
    const r = await pdfToText(makePdf([{ image: true }, { image: true }]));
    assert.ok(!r.ok && r.code === 'pdf_scanned' && /扫描/.test(r.message) && /OCR/.test(r.message) && /原始文档/.test(r.message));
  });

  it('refuses a damaged or cut-off PDF', async () => {
    const whole = makePdf([{ runs: [{ text: '正文', x: 80, y: 80, size: 12 }] }]);
    for (const bytes of [whole.subarray(0, 200), new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n')]) {
      const r = await pdfToText(bytes);
      assert.ok(!r.ok && r.code === 'pdf_damaged', JSON.stringify(r));
    }
  });
});

/** the cells of a corpus answer the reader got wrong */
function wrongCells(a: Answer, cells: Record<string, { value: number | null }>): string[] {
  return cellIds(a.format)
    .filter((id) => (cells[id]?.value ?? null) !== a.cells[id])
    .map((id) => `${id}: ${cells[id]?.value ?? null} ≠ ${a.cells[id]}`);
}

describe('the corpus HTML and PDF (../shared/corpus)', { skip: corpusPresent ? false : '没有找到 ../shared/corpus：跳过真实年报语料测试。' }, () => {
  const answer = (source: string) => answers().find((a) => a.source === source)!;

  it('pingtan-2019.html: every cell right, exactly the answer’s errors, its warnings but the prose rules', () => {
    const a = answer('pingtan-2019.html');
    const r = analyze(htmlToText(readFileSync(join(CORPUS, 'reports', a.source), 'utf8')), a.source);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(r.report.year, a.year);
    assert.equal(r.report.format, a.format);
    assert.deepEqual(wrongCells(a, r.report.cells), []);
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort(), [...a.errors].sort());
    const ids = new Set(r.findings.map((f) => f.id));
    assert.deepEqual(a.warnings.filter((w) => !w.startsWith('N') && !ids.has(w)), []);
  });

  it('pingtan-2019.html: the unit from a title split after its year', () => {
    const a = answer('pingtan-2019.html');
    const r = analyze(htmlToText(readFileSync(join(CORPUS, 'reports', a.source), 'utf8')), a.source);
    assert.ok(r.ok);
    assert.equal(r.report.unit, a.unit);
  });

  it('huaian-2024.pdf: unit, year, format, every cell right, exactly the answer’s errors and warnings', async () => {
    const a = answer('huaian-2024.pdf');
    const pdf = await pdfToText(new Uint8Array(readFileSync(join(CORPUS, 'reports', a.source))));
    assert.ok(pdf.ok, pdf.ok ? '' : pdf.message);
    const r = analyze(pdf.text, a.source);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual([r.report.unit, r.report.year, r.report.format], [a.unit, a.year, a.format]);
    assert.deepEqual(wrongCells(a, r.report.cells), []);
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort(), [...a.errors].sort());
    const ids = new Set(r.findings.map((f) => f.id));
    assert.deepEqual(a.warnings.filter((w) => !ids.has(w)), []);
  });
});

// ------------------------------------------------------------------ the command line

// main() in this process (tests/support/in-process.ts): the exit codes, standard input and
// signals of the real command are cli.test.ts's
const gouji = inProcess;

describe('gouji check reads documents by their content', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-extract-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const g = generateReport(21, { layout: 'word-tabs', format: 'gov2019', violations: ['t3-cell'] });
  const html = generateReport(21, { layout: 'html', format: 'gov2019', violations: ['t3-cell'] });
  const docx = generateReport(21, { layout: 'docx', format: 'gov2019', violations: ['t3-cell'] });
  type Json = { cells: Record<string, number | null>; findings: { id: string; severity: string }[] };

  it('.html (UTF-8 and GBK), .htm, .docx — and the same files under misleading names — read like the text', async () => {
    const paths = [
      file('a.txt', g.text),
      file('b.html', html.text),
      file('c.htm', encodeGb18030(html.text.replace('charset="utf-8"', 'charset="gbk"').replace('charset=utf-8', 'charset=gbk'))),
      file('d.docx', docxPackage(docx.text)),
      file('e.bin', docxPackage(docx.text)),
      file('f.txt', html.text),
    ];
    const r = await gouji(['check', '--json', ...paths]);
    assert.equal(r.code, 1, r.stderr);
    const [base, ...rest] = JSON.parse(r.stdout) as Json[];
    const errors = (j: Json) => j.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort();
    assert.deepEqual(errors(base!), g.expected.errors);
    rest.forEach((j, i) => {
      assert.deepEqual(j.cells, base!.cells, paths[i + 1]);
      assert.deepEqual(errors(j), g.expected.errors, paths[i + 1]);
    });
  });

  const refusals: [string, string, () => Uint8Array, string, RegExp][] = [
    ['a .docx that is no zip', 'bad.docx', () => new TextEncoder().encode('纯文本改了扩展名'), 'docx_damaged', /损坏.*另存为/],
    ['a zip named .docx without word/document.xml', 'empty.docx', () => zipSync({ 'a.txt': strToU8('x') }), 'docx_no_document', /word\/document\.xml/],
    ['a truncated .docx', 'cut.docx', () => docxPackage(docx.text).subarray(0, 300), 'docx_damaged', /损坏/],
    ['an encrypted PDF', 'locked.pdf', () => makePdf([{ runs: [{ text: '正文', x: 80, y: 80, size: 12 }] }], { encrypted: true }), 'pdf_encrypted', /密码/],
    // a page that is only an image: OCR runs and finds no report in it (a photo, or noise)
    ['an image PDF with no text', 'scan.pdf', () => makePdf([{ image: true }]), 'ocr_no_text', /文字识别（OCR）也没有从中认出年报的文字/],
    ['a damaged PDF', 'broken.pdf', () => new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\n'), 'pdf_damaged', /损坏/],
    ['an OLE header and nothing else', 'old.doc', () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), 'doc_damaged', /\.doc.*损坏/],
    // a PDF with text is read; this one holds no report, so the reader gives its own reason
    ['a text PDF with no tables', 'prose.pdf', () => makePdf([{ runs: [{ text: '这份PDF没有统计表', x: 80, y: 80, size: 12 }] }]), 'no_tables', /统计表/],
  ];
  it('bad documents: exit 2, for each a Chinese reason that names the file and says what to do, no stack trace', async () => {
    // one run for all of them: each file is judged on its own, and pdf.js loads once
    const paths = refusals.map(([, name, bytes]) => file(name, bytes()));
    const r = await gouji(['check', '--json', ...paths]);
    assert.equal(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+|Error:/, 'no stack trace');
    const results = JSON.parse(r.stdout) as { source: string; error?: { code: string; message: string } }[];
    refusals.forEach(([what, , , code, message], i) => {
      const e = results[i]!.error;
      assert.ok(e, `${what}: refused`);
      assert.equal(e.code, code, what);
      assert.match(e.message, message, what);
      assert.ok(e.message.includes(paths[i]!), `${what}: the message names the file`);
      assert.ok(r.stderr.includes(e.message.split('：')[0]!), `${what}: the reason is on stderr too`);
    });
  });
});
