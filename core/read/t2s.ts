/**
 * Traditional → simplified, exactly as opencc-js's Converter({ from: 'tw', to: 'cn' }) does
 * it (its 'tw2s' preset: normalise compatibility ideographs, cut at TSPhrases, then the
 * TW-variant and the TS dictionaries, each segment alone), but faster: the library looks
 * every character up in a Map; here a table over the BMP says which characters start a
 * dictionary entry at all, and an entry of one character with no longer one after it is
 * replaced without walking the trie. A string with a surrogate pair or an ideographic
 * description character goes through the library's own code at that step (its rules for
 * those differ). The same tries, loaded by the library, decide every match. Most of a
 * text takes one pass (OnePass below) that converts the runs between phrases a character
 * at a time.
 */
import * as OpenCC from 'opencc-js/t2cn';

type TrieNode = Map<number, TrieNode> & { trie_val?: string };
interface LibTrie {
  map: TrieNode;
  loadDictGroup(dicts: unknown[]): void;
  convert(s: string): string;
  segment(s: string): string[];
}
interface Preset {
  normalizationChain?: unknown[][];
  segmentation?: unknown[];
  conversionChain: unknown[][];
}

const api = OpenCC as unknown as {
  Trie: new () => LibTrie;
  Locale: { configs: Record<string, Preset> };
};

/** one of the library's tries, with a table of how each BMP character starts an entry */
class FastTrie {
  /**
   * 0: starts no entry; 1: a one-character entry only (its value in `single`); 2: walk the
   * trie; 3: a surrogate or an ideographic description character — the library's code instead
   */
  readonly kind = new Uint8Array(0x10000);
  /**
   * where a character's entry is kept: its one-character value (kind 1) or its trie node
   * (kind 2, saving the root's Map lookup), in dense arrays — a sparse array indexed by
   * character code is a hash table
   */
  private readonly slot = new Uint16Array(0x10000);
  private readonly single: string[] = [];
  private readonly child: TrieNode[] = [];
  /** the value of the last match() */
  private value: string | undefined;

  constructor(private readonly trie: LibTrie) {
    this.kind.fill(3, 0xd800, 0xe000);
    this.kind.fill(3, 0x2ff0, 0x3000);
    for (const [c, node] of trie.map) {
      if (c > 0xffff || this.kind[c] === 3) continue;
      const leaf = node.size === 0 && node.trie_val !== undefined;
      this.kind[c] = leaf ? 1 : 2;
      this.slot[c] = leaf ? this.single.push(node.trie_val!) - 1 : this.child.push(node) - 1;
    }
  }

  /** the library's matchPrefix at i, whose character is of kind 2: the longest entry's end (0: none), its value in `value` */
  private match(s: string, i: number): number {
    let node: TrieNode | undefined = this.child[this.slot[s.charCodeAt(i)]!];
    let end = 0;
    for (let j = i + 1; node !== undefined; j++) {
      if (node.trie_val !== undefined) {
        end = j;
        this.value = node.trie_val;
      }
      if (j >= s.length) break;
      node = node.get(s.charCodeAt(j));
    }
    return end;
  }

  /** a character's one-character entry, if it has one (kind 1 or 2) */
  alone(c: number): string | undefined {
    const k = this.kind[c];
    return k === 1 ? this.single[this.slot[c]!] : k === 2 ? this.child[this.slot[c]!]!.trie_val : undefined;
  }

  /** the longest entry at i (a character of kind 1 or 2): its end, or 0; its value in lastValue */
  matchEnd(s: string, i: number): number {
    if (this.kind[s.charCodeAt(i)] === 1) {
      this.value = this.single[this.slot[s.charCodeAt(i)]!];
      return i + 1;
    }
    return this.match(s, i);
  }
  get lastValue(): string | undefined {
    return this.value;
  }

  /** whether every key of more than one character of this trie is a key of `other` too (both walked together) */
  phrasesIn(other: FastTrie, node: TrieNode = this.trie.map, on: TrieNode | undefined = other.trie.map, depth = 0): boolean {
    for (const [c, child] of node) {
      const there = on?.get(c);
      if (depth > 0 && child.trie_val !== undefined && there?.trie_val === undefined) return false;
      if (child.size && !this.phrasesIn(other, child, there, depth + 1)) return false;
    }
    return true;
  }

  /** marks in `on` every character any of its keys holds */
  keyChars(on: Uint8Array, node: TrieNode = this.trie.map): void {
    for (const [c, child] of node) {
      if (c <= 0xffff) on[c] = 1;
      this.keyChars(on, child);
    }
  }

  convert(s: string): string {
    const kind = this.kind;
    const n = s.length;
    // a part of one character: its value, or itself, without the loop
    if (n === 1) {
      const c = s.charCodeAt(0);
      const k = kind[c];
      if (k === 0) return s;
      if (k === 1) return this.single[this.slot[c]!]!;
    }
    let out = '';
    let from = 0;
    for (let i = 0; i < n; ) {
      const c = s.charCodeAt(i);
      const k = kind[c];
      if (k === 0) {
        i++;
        continue;
      }
      if (k === 3) return this.trie.convert(s);
      let end = i + 1;
      let value = this.single[this.slot[c]!];
      if (k === 2) {
        end = this.match(s, i);
        value = this.value;
      }
      if (end === 0) {
        i++;
        continue;
      }
      out += s.slice(from, i) + value;
      i = from = end;
    }
    return from === 0 ? s : out + s.slice(from);
  }

  /**
   * The library's segment: matched entries and the unmatched runs between them, in order.
   * With `stop`: null as soon as a character it marks is seen (the stage before, whose
   * characters are rare, rides on this pass and must run first then).
   */
  segment(s: string, stop?: Uint8Array): string[] | null {
    const kind = this.kind;
    const n = s.length;
    const out: string[] = [];
    let from = 0;
    for (let i = 0; i < n; ) {
      const c = s.charCodeAt(i);
      if (stop && stop[c]) return null;
      const k = kind[c];
      if (k === 3) return stop ? null : this.trie.segment(s);
      const end = k === 0 ? 0 : k === 1 ? i + 1 : this.match(s, i);
      if (end === 0) {
        i++;
        continue;
      }
      // the entry's other characters are passed over: none may be one the stage before changes
      if (stop) for (let j = i + 1; j < end; j++) if (stop[s.charCodeAt(j)]) return null;
      if (from < i) out.push(s.slice(from, i));
      out.push(s.slice(i, end));
      i = from = end;
    }
    if (from < n) out.push(s.slice(from));
    return out;
  }
}

function load(group: unknown[]): LibTrie {
  const t = new api.Trie();
  t.loadDictGroup(group);
  return t;
}

const utf16 = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? new TextDecoder('utf-16le', { ignoreBOM: true }) : null;

/** span()'s classes of a character: the general way (a normalised character, or one the library's code must read) */
const CL_GENERAL = 1;
/** it starts a segmentation entry of one character only, or it starts longer ones (walk the trie) */
const CL_SEG_ONE = 2;
const CL_SEG_TRIE = 4;
/** no key of the variants or the TS trie holds it */
const CL_BARRIER = 8;
/** it starts a variants entry */
const CL_VARIANT = 16;

/**
 * The preset's common case in one pass. The segmentation cuts the text at TSPhrases entries;
 * each part is converted by the TW-variant trie, then by the TS trie (TSPhrases and
 * TSCharacters). Between two entries:
 * - a character that no key of either trie holds (a line break, a digit, most punctuation)
 *   cuts the run, no match reaching over it;
 * - a run whose characters the TW-variant trie leaves as they are holds no TS phrase either
 *   (the segmentation, with the same phrases, found none at any of its characters), so the
 *   TS trie converts it a character at a time: no part cut, no trie walked twice.
 * Entries, and runs the variants change, go the general way. The text is written as
 * character codes into one buffer (nearly every character of a traditional text changes).
 */
class OnePass {
  /** 1: a character no key of the variants or the TS trie holds */
  private readonly barrier = new Uint8Array(0x10000);
  /** what span() asks of each character, in one table (CL_* bits) instead of four */
  private readonly cls = new Uint8Array(0x10000);
  /** the TS trie's one-character value of each character as a code (itself if none); 0xffff: a longer value */
  private readonly tsCode = new Uint16Array(0x10000);
  /** no key of any trie holds a line break (convertLines relies on it) */
  private readonly breakApart: boolean;
  private buf = new Uint16Array(1 << 14);
  private len = 0;

  constructor(
    private readonly seg: FastTrie,
    private readonly variants: FastTrie,
    private readonly ts: FastTrie,
    /** the characters the normalisation changes: their text takes the general way */
    private readonly stop: Uint8Array,
  ) {
    for (const t of [variants, ts]) t.keyChars(this.barrier);
    for (let c = 0; c < 0x10000; c++) {
      this.barrier[c] = this.barrier[c] ? 0 : 1;
      const v = ts.alone(c);
      this.tsCode[c] = v === undefined ? c : v.length === 1 && v !== '\uffff' ? v.charCodeAt(0) : 0xffff;
      const k = seg.kind[c];
      this.cls[c] =
        (stop[c] || k === 3 ? CL_GENERAL : 0) | (k === 1 ? CL_SEG_ONE : 0) | (k === 2 ? CL_SEG_TRIE : 0) | (this.barrier[c] ? CL_BARRIER : 0) | (variants.kind[c] ? CL_VARIANT : 0);
    }
    this.breakApart = this.barrier[10] === 1 && seg.kind[10] === 0;
  }

  /** the text converted, or null where the general way must convert it */
  convert(s: string): string | null {
    this.start(s.length);
    return this.span(s, 0, s.length) ? this.text() : null;
  }

  /**
   * Only the lines that hold a character `only` marks converted, each as if alone (no key
   * holds a line break, so none reaches over one), the others as they are; null where the
   * general way must convert the text.
   */
  convertLines(s: string, only: Uint8Array): string | null {
    if (!this.breakApart) return null;
    const n = s.length;
    this.start(n);
    for (let a = 0; a <= n; ) {
      let b = s.indexOf('\n', a);
      if (b < 0) b = n;
      let holds = false;
      for (let j = a; j < b && !holds; j++) holds = only[s.charCodeAt(j)] === 1;
      if (holds) {
        if (!this.span(s, a, b)) return null;
      } else for (let j = a; j < b; j++) this.write(s.charCodeAt(j));
      if (b < n) this.write(10);
      a = b + 1;
    }
    return this.text();
  }

  private start(n: number): void {
    if (this.buf.length < 2 * n) this.buf = new Uint16Array(2 * n);
    this.len = 0;
  }

  /** s[a, b) converted into the buffer (b: the text's end or a line break); false where the general way must convert it */
  private span(s: string, a: number, b: number): boolean {
    const { seg, stop, cls, variants } = this;
    // the run not written yet starts at `run`; `plain`: the variants trie changes none of its characters
    let run = a;
    let plain = true;
    // where the variants trie's scan of the run reads next (after a match it skips the matched characters)
    let variantNext = a;
    for (let i = a; i < b; ) {
      const c = s.charCodeAt(i);
      const f = cls[c]!;
      if (f & CL_GENERAL) return false;
      const end = f & CL_SEG_ONE ? i + 1 : f & CL_SEG_TRIE ? seg.matchEnd(s, i) : 0;
      if (end === 0) {
        if (f & CL_BARRIER) {
          if (run < i) this.run(s, run, i, plain && variantNext <= i);
          this.write(c);
          run = i + 1;
          plain = true;
        } else if (i >= variantNext && f & CL_VARIANT) {
          // the variants trie's scan, as it goes: a match that changes nothing keeps the run plain
          const e = variants.matchEnd(s, i);
          if (e > 0) {
            const v = variants.lastValue!;
            if (v.length !== e - i || !s.startsWith(v, i)) plain = false;
            variantNext = e;
          }
        }
        i++;
        continue;
      }
      for (let j = i + 1; j < end; j++) if (stop[s.charCodeAt(j)]) return false;
      // (a variants match reaching past the run would have been cut by it: the general way then)
      if (run < i) this.run(s, run, i, plain && variantNext <= i);
      this.part(s, i, end);
      i = run = variantNext = end;
      plain = true;
    }
    if (run < b) this.run(s, run, b, plain && variantNext <= b);
    return true;
  }

  private write(c: number): void {
    if (this.len === this.buf.length) {
      const more = new Uint16Array(this.buf.length * 2);
      more.set(this.buf);
      this.buf = more;
    }
    this.buf[this.len++] = c;
  }

  private writeString(x: string): void {
    for (let j = 0; j < x.length; j++) this.write(x.charCodeAt(j));
  }

  /** the buffer as a string: decoded at once where the platform stores codes little-endian (all do), else a slice at a time */
  private text(): string {
    if (utf16) return utf16.decode(this.buf.subarray(0, this.len));
    let out = '';
    for (let a = 0; a < this.len; a += 8192) out += String.fromCharCode.apply(null, this.buf.subarray(a, Math.min(this.len, a + 8192)) as unknown as number[]);
    return out;
  }

  /** a part the general way: the variants trie, then the TS trie */
  private part(s: string, a: number, b: number): void {
    this.writeString(this.ts.convert(this.variants.convert(s.slice(a, b))));
  }

  /** a run between entries: plain, a character at a time by its TS entry */
  private run(s: string, a: number, b: number, plain: boolean): void {
    if (!plain) return this.part(s, a, b);
    const code = this.tsCode;
    for (let j = a; j < b; j++) {
      const m = code[s.charCodeAt(j)]!;
      if (m !== 0xffff) this.write(m);
      else this.writeString(this.ts.alone(s.charCodeAt(j))!);
    }
  }
}

/** the converter; `lines`: OnePass's convertLines where it holds, else null */
export type Converter = ((s: string) => string) & { lines(s: string, only: Uint8Array): string | null };

/** the converter, built from the library's tries as its Converter builds the 'tw2s' preset */
export function traditionalToSimplified(): Converter {
  const preset = api.Locale.configs.tw2s!;
  const fast = (group: unknown[]) => new FastTrie(load(group));
  const fastNormal = (preset.normalizationChain ?? []).map(fast);
  const fastSeg = preset.segmentation ? fast(preset.segmentation) : null;
  const fastChain = preset.conversionChain.map(fast);
  // the characters the normalisation (compatibility ideographs) changes: rare, so its pass
  // rides on the segmentation's where the text has none
  const normal = new Uint8Array(0x10000);
  for (const t of fastNormal) for (let c = 0; c < 0x10000; c++) if (t.kind[c]) normal[c] = 1;
  // the one pass holds while every phrase of the TS trie is one the segmentation cuts at
  const [variants, ts] = fastChain;
  const onePass =
    fastSeg && variants && ts && fastChain.length === 2 && ts.phrasesIn(fastSeg) ? new OnePass(fastSeg, variants, ts, normal) : null;
  const convert = (s: string): string => {
    const one = onePass?.convert(s);
    if (one != null) return one;
    let parts = fastSeg && fastNormal.length ? fastSeg.segment(s, normal) : null;
    if (!parts) {
      const n = fastNormal.reduce((x, t) => t.convert(x), s);
      parts = fastSeg ? fastSeg.segment(n)! : [n];
    }
    let out = '';
    for (const p of parts) {
      let x = p;
      for (const t of fastChain) x = t.convert(x);
      out += x;
    }
    return out;
  };
  return Object.assign(convert, { lines: (s: string, only: Uint8Array) => onePass?.convertLines(s, only) ?? null });
}
