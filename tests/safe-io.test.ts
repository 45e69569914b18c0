/**
 * The pieces under #11 one by one: writeWhole() (cli/io/atomic.ts), plain words for OS errors,
 * zip parts read within limits, markup of any depth read without recursion or refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeWhole } from '../cli/io/atomic.ts';
import { osReason } from '../cli/io/os-errors.ts';
import { docxToText, DOCX_MESSAGES, MAX_DOCUMENT_XML } from '../core/extract/docx.ts';
import { htmlToText } from '../core/extract/html.ts';
import { MarkupRefused, MAX_DEPTH } from '../core/extract/tree.ts';
import { docxPackage } from '../core/generate/index.ts';
import { unpackedMessage, unzipLimited } from '../core/xlsx/unzip.ts';
import { deepHtml, deepTablesXml, docxBomb } from './support/hostile.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gouji-io-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('writeWhole: the whole file or the old one', () => {
  it('a producer that fails halfway leaves the old file and no temporary file', async () => {
    const target = join(dir, 'a.xlsx');
    writeFileSync(target, 'old');
    const r = await writeWhole(
      target,
      async (emit) => {
        emit(new Uint8Array(100_000));
        throw new Error('工作簿超过 4 GB，无法写出');
      },
      { replace: true },
    );
    assert.deepEqual(r, { ok: false, exists: false, message: `无法写出“${target}”：工作簿超过 4 GB，无法写出。原有的文件没有改动。` });
    assert.equal(readFileSync(target, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('gouji')), []);
  });

  it('without replace an existing file is refused untouched; with it, replaced whole', async () => {
    const target = join(dir, 'b.xlsx');
    writeFileSync(target, 'old');
    const refused = await writeWhole(target, new Uint8Array([1, 2, 3]), { replace: false });
    assert.deepEqual(refused, { ok: false, exists: true, message: `输出文件“${target}”已存在，未覆盖。要覆盖它，请加上 --force。` });
    assert.equal(readFileSync(target, 'utf8'), 'old');
    assert.deepEqual(await writeWhole(target, new Uint8Array([1, 2, 3]), { replace: true }), { ok: true });
    assert.deepEqual([...readFileSync(target)], [1, 2, 3]);
    const fresh = join(dir, 'c.xlsx');
    assert.deepEqual(await writeWhole(fresh, (emit) => emit(new Uint8Array([9])), { replace: false }), { ok: true });
    assert.deepEqual([...readFileSync(fresh)], [9]);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('gouji')), []);
  });

  it('a bug in the producer is said to be ours, in Chinese', async () => {
    const target = join(dir, 'd.xlsx');
    const r = await writeWhole(target, () => {
      throw new TypeError('x is undefined');
    }, { replace: true });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.message, `无法写出“${target}”：程序出错（x is undefined），请把命令报告给维护者。原有的文件没有改动。`);
  });
});

describe('operating-system errors in plain words', () => {
  const cases: [string, string][] = [
    ['ENOENT', '找不到文件或文件夹'],
    ['ENOTDIR', '找不到文件或文件夹'],
    ['EACCES', '没有权限'],
    ['EPERM', '没有权限'],
    ['EROFS', '没有权限'],
    ['ENOSPC', '磁盘空间不足'],
    ['EDQUOT', '磁盘空间不足'],
    ['EBUSY', '文件被其他程序占用（例如正在 Excel 中打开）'],
    ['EISDIR', '这是一个文件夹'],
    ['EWHATEVER', '操作系统报告了错误'],
  ];
  for (const [code, words] of cases) {
    it(`${code} → ${words}`, () => {
      const said = osReason(Object.assign(new Error(`${code}: something`), { code }));
      assert.equal(said, words);
      assert.doesNotMatch(said, /E[A-Z]{3,}/);
    });
  }
});

describe('zip parts within limits', () => {
  it('a part declared beyond the limit is refused before a byte is inflated', () => {
    const r = unzipLimited(docxBomb(64), (n) => n === 'word/document.xml', { part: 32 << 20, total: 32 << 20 });
    assert.deepEqual(r, { ok: false, code: 'too_large', limit: 32 << 20, part: 'word/document.xml' });
  });

  it('a part that lies about its size is stopped at the limit while inflating', () => {
    const r = unzipLimited(docxBomb(64, true), (n) => n === 'word/document.xml', { part: 32 << 20, total: 32 << 20 });
    assert.deepEqual(r, { ok: false, code: 'too_large', limit: 32 << 20, part: 'word/document.xml' });
  });

  it('the .docx reader says “文件异常：解压后超过 32 MB”, never “empty” or “no document.xml”', () => {
    for (const lie of [false, true]) {
      const r = docxToText(docxBomb(2048, lie));
      assert.deepEqual(r, { ok: false, code: 'docx_too_large', message: DOCX_MESSAGES.docx_too_large });
    }
    assert.equal(unpackedMessage(MAX_DOCUMENT_XML), '文件异常：解压后超过 32 MB');
    assert.ok(DOCX_MESSAGES.docx_too_large.startsWith('文件异常：解压后超过 32 MB'));
  });

  it('a .docx within the limits reads as before', () => {
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>`;
    assert.deepEqual(docxToText(docxPackage(xml)), { ok: true, text: '正文' });
  });
});

describe('markup of any depth: read without recursion, or refused in Chinese', () => {
  const page = '<p>青岚县政府信息公开工作年度报告</p><table><tr><td>本年新收</td><td>12</td></tr></table>';

  it('a page fifteen thousand elements deep reads as the same page shallow', () => {
    assert.equal(htmlToText(deepHtml(page, 15_000)), htmlToText(page));
  });

  it('beyond the depth limit: MarkupRefused with its message', () => {
    assert.throws(
      () => htmlToText(deepHtml(page, MAX_DEPTH + 10)),
      (e) => e instanceof MarkupRefused && e.message === `文件异常：标记嵌套超过 ${MAX_DEPTH} 层，不像一份年度报告，无法读取。`,
    );
  });

  it('tables nested three thousand deep in a .docx: the text of every level, in order', () => {
    const r = docxToText(docxPackage(deepTablesXml(3000)));
    assert.ok(r.ok);
    // the outer 2999 lay out the page (their cells are blocks); the innermost is a table of data
    assert.deepEqual(r.ok && r.text.split('\n'), [...new Array(2999).fill('嵌套'), '', '嵌套', '']);
  });

  it('tables nested past the limit in a .docx: refused with the reason', () => {
    const r = docxToText(docxPackage(deepTablesXml(8000)));
    assert.deepEqual(r, { ok: false, code: 'docx_too_complex', message: `文件异常：标记嵌套超过 ${MAX_DEPTH} 层，不像一份年度报告，无法读取。` });
  });
});
