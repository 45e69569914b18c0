import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode } from '../core/extract/decode.ts';
import { encodeGb18030 } from './support/gb18030.ts';

const TEXT = '青山镇2021年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n（七）总计 “三安全一稳定” —— 100%\n';

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}
const swap = (b: Uint8Array) => b.map((_, i) => b[i ^ 1]!);

function text(bytes: Uint8Array) {
  const d = decode(bytes);
  assert.ok(d.ok, `expected text, got ${d.ok ? '' : d.message}`);
  return d;
}

function refused(bytes: Uint8Array) {
  const d = decode(bytes);
  assert.equal(d.ok, false, 'expected a refusal');
  if (d.ok) throw new Error('unreachable');
  assert.match(d.message, /[\u4e00-\u9fff]/, 'the reason is in Chinese');
  return d;
}

describe('decode: the encodings Windows tools save in', () => {
  it('UTF-8 without BOM', () => {
    const d = text(utf8(TEXT));
    assert.equal(d.text, TEXT);
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.bom, false);
  });

  it('UTF-8 with BOM: the BOM is not part of the text', () => {
    const d = text(concat([0xef, 0xbb, 0xbf], utf8(TEXT)));
    assert.equal(d.text, TEXT);
    assert.equal(d.bom, true);
  });

  it('UTF-16 LE and BE with BOM (Notepad’s “Unicode”)', () => {
    const le = text(concat([0xff, 0xfe], utf16le(TEXT)));
    assert.equal(le.text, TEXT);
    assert.equal(le.encoding, 'utf-16le');
    const be = text(concat([0xfe, 0xff], swap(utf16le(TEXT))));
    assert.equal(be.text, TEXT);
    assert.equal(be.encoding, 'utf-16be');
  });

  it('UTF-16 LE without BOM, told by its NUL pattern', () => {
    const ascii = 'Report 2021\r\nnew_received 3 0 0 0 0 0 3\r\n' + TEXT;
    const d = text(utf16le(ascii));
    assert.equal(d.text, ascii);
    assert.equal(d.encoding, 'utf-16le');
  });

  it('GBK/GB18030 (Chinese Windows “ANSI”)', () => {
    const d = text(encodeGb18030(TEXT));
    assert.equal(d.text, TEXT);
    assert.equal(d.encoding, 'gb18030');
  });

  it('a UTF-8 file cut inside its last character stays UTF-8, not GB18030 gibberish', () => {
    const bytes = utf8(TEXT + '报告');
    const d = text(bytes.subarray(0, bytes.length - 1));
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.text, TEXT + '报\ufffd');
    assert.equal(d.replaced, 1);
  });

  it('a GBK file with one damaged byte is still read, and the damage is counted', () => {
    const long = TEXT.repeat(40);
    const bytes = encodeGb18030(long);
    const damaged = concat(bytes.subarray(0, 100), [0xff], bytes.subarray(100));
    const d = text(damaged);
    assert.equal(d.encoding, 'gb18030');
    assert.ok(d.replaced >= 1 && d.replaced <= 2);
    assert.ok(d.text.includes('本年新收政府信息公开申请数量'));
  });

  it('one stray NUL in a text does not make it binary', () => {
    const d = text(utf8(TEXT.replace('\t3', '\t\u00003')));
    assert.ok(d.text.includes('\u0000'));
  });

  it('Word’s soft line breaks (vertical tabs) and form feeds are text', () => {
    const soft = TEXT.replace(/\n/g, '\u000b\n').repeat(3) + '\f';
    assert.equal(text(utf8(soft)).text, soft);
  });

  it('an empty file is empty text (the reader says it is empty)', () => {
    assert.equal(text(new Uint8Array()).text, '');
  });
});

describe('decode: files that are not text', () => {
  it('.docx: not supported yet, copy the text out', () => {
    const zip = concat([0x50, 0x4b, 0x03, 0x04], new Array(26).fill(0), utf8('[Content_Types].xml'), new Array(40).fill(1), utf8('word/document.xml'));
    const d = refused(zip);
    assert.equal(d.code, 'unsupported_document');
    assert.match(d.message, /Word/);
    assert.match(d.message, /复制/);
  });

  it('.pdf: not supported yet, copy the text out', () => {
    const d = refused(concat(utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'), [0, 1, 2, 3]));
    assert.equal(d.code, 'unsupported_document');
    assert.match(d.message, /PDF/);
    assert.match(d.message, /复制/);
  });

  it('.xlsx and old .doc are named as such', () => {
    const xlsx = concat([0x50, 0x4b, 0x03, 0x04], new Array(26).fill(0), utf8('xl/workbook.xml'));
    assert.match(refused(xlsx).message, /Excel/);
    const doc = concat([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(100).fill(0));
    assert.match(refused(doc).message, /\.doc/);
  });

  it('a plain zip, an image: binary', () => {
    assert.equal(refused(concat([0x50, 0x4b, 0x03, 0x04], new Array(100).fill(7))).code, 'binary');
    assert.equal(refused(concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Array(100).fill(3))).code, 'binary');
  });

  it('random bytes: binary (or an encoding it cannot name), never text', () => {
    let x = 12345;
    const bytes = new Uint8Array(20_000).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    const d = refused(bytes);
    assert.ok(d.code === 'binary' || d.code === 'unknown_encoding');
  });

  it('a text with a run of NULs and control bytes: binary', () => {
    const d = refused(concat(utf8(TEXT), new Array(64).fill(0), utf8(TEXT)));
    assert.equal(d.code, 'binary');
    assert.equal(refused(new Uint8Array(4000).map((_, i) => (i % 7 === 0 ? 1 : 0x41))).code, 'binary');
  });

  it('a 10 MB text decodes in well under a second', () => {
    const big = utf8(TEXT.repeat(Math.ceil((10 * 1024 * 1024) / utf8(TEXT).length)));
    const t0 = performance.now();
    text(big);
    assert.ok(performance.now() - t0 < 1000);
  });
});
