/**
 * The reader's traditional → simplified converter (core/read/t2s.ts) reads the library's own
 * tries through its own tables: whatever it is given, it must write what opencc-js's
 * Converter({ from: 'tw', to: 'cn' }) writes — the library is the answer here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as OpenCC from 'opencc-js/t2cn';
import * as ToTraditional from 'opencc-js/cn2t';
import { createRng, generateReport } from '../core/generate/index.ts';
import { traditionalToSimplified } from '../core/read/t2s.ts';
import { changedByConverter } from '../core/read/t2s-chars.ts';

type Convert = (s: string) => string;
const api = OpenCC as unknown as { Converter: (o: { from: string; to: string }) => Convert; Locale: { configs: Record<string, unknown> } };
const library = api.Converter({ from: 'tw', to: 'cn' });
const toTraditional = (ToTraditional as unknown as { Converter: (o: { from: string; to: string }) => Convert }).Converter({ from: 'cn', to: 'tw' });
const fast = traditionalToSimplified();

/** every entry of the preset's dictionaries, both sides */
function entries(): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
    else if (typeof x === 'string') for (const pair of x.split('|')) out.push(...pair.split(' ').filter(Boolean));
  };
  walk(api.Locale.configs.tw2s);
  return out;
}

const differences = (inputs: string[]) => inputs.filter((s) => fast(s) !== library(s)).slice(0, 5);

describe('traditional → simplified as the library converts', () => {
  const words = entries();
  it('knows, without the converter, exactly which dictionary characters the library changes alone', () => {
    // asked of the library, character by character: the one-character entries from 'tw' and to 'cn' it changes
    const locale = (OpenCC as unknown as { Locale: { from: Record<string, unknown[]>; to: Record<string, unknown[]> } }).Locale;
    const asked = new Uint8Array(0x10000);
    for (const dict of [locale.from.tw ?? [], locale.to.cn ?? []].flat(3)) {
      for (const pair of String(dict).split('|')) {
        const [from, to] = pair.split(' ');
        if (from && to && from !== to && from.length === 1 && library(from) !== from) asked[from.charCodeAt(0)] = 1;
      }
    }
    const known = changedByConverter();
    const differ = [...asked.keys()].filter((c) => asked[c] !== known[c]).map((c) => String.fromCharCode(c));
    assert.deepEqual(differ, []);
    assert.ok(asked.reduce((n, x) => n + x, 0) > 2000);
  });
  it('converts every dictionary entry alone as the library does', () => {
    assert.ok(words.length > 5000);
    assert.deepEqual(differences(words), []);
  });
  it('converts entries run together, with characters its own rules treat apart (surrogate pairs, ideographic description, compatibility ideographs, line breaks)', () => {
    const rng = createRng(7);
    const odd = ['\ufeff', '𠮷', '\u2ff0', '\u2ff2', '\ud800', '\uf900', '\ufa0a', '\n', ' ', '1', 'a', '。'];
    const inputs = Array.from({ length: 20_000 }, () => {
      let s = '';
      for (let k = rng.int(1, 8); k > 0; k--) s += rng.next() < 0.8 ? rng.pick(words) : rng.pick(odd);
      return s;
    });
    assert.deepEqual(differences(inputs), []);
  });
  it('converts whole generated reports and each of their lines as the library does', () => {
    const texts = Array.from({ length: 12 }, (_, i) => toTraditional(generateReport(i + 1).text));
    assert.deepEqual(differences([...texts, ...texts.flatMap((t) => t.split('\n'))]), []);
  });
  it('converts only the lines that hold a marked character, each as the library converts it alone', () => {
    // marked: the characters the library changes alone; other lines are left as they are, even 一目瞭然 (the library writes 一目了然)
    const only = new Uint8Array(0x10000);
    for (const w of words) for (const ch of w) if (ch.length === 1 && library(ch) !== ch) only[ch.charCodeAt(0)] = 1;
    const rng = createRng(11);
    const texts = Array.from({ length: 12 }, (_, i) => {
      const lines = generateReport(i + 1).text.split('\n');
      return lines.map((l) => (rng.next() < 0.7 ? toTraditional(l) : rng.next() < 0.5 ? `${l}一目瞭然` : l)).join('\n') + (i % 2 ? '\n' : '');
    });
    const expected = (t: string) => t.split('\n').map((l) => ([...l].some((ch) => only[ch.charCodeAt(0)]) ? library(l) : l)).join('\n');
    assert.notEqual(library('一目瞭然'), '一目瞭然');
    const lines = texts.map((t) => fast.lines(t, only));
    assert.ok(lines.every((l) => l !== null));
    assert.deepEqual(lines.map((l, i) => (l === expected(texts[i]!) ? null : i)).filter((i) => i !== null), []);
  });
});
