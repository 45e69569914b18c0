/**
 * Traditional → simplified, exactly as opencc-js's Converter({ from: 'tw', to: 'cn' }) does
 * it (its 'tw2s' preset: normalise compatibility ideographs, cut at TSPhrases, then the
 * TW-variant and the TS dictionaries, each segment alone), but faster: the library looks
 * every character up in a Map; here a table over the BMP says which characters start a
 * dictionary entry at all, and an entry of one character with no longer one after it is
 * replaced without walking the trie. A string with a surrogate pair or an ideographic
 * description character goes through the library's own code at that step (its rules for
 * those differ). The same tries, loaded by the library, decide every match.
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

/** the converter, built from the library's tries as its Converter builds the 'tw2s' preset */
export function traditionalToSimplified(): (s: string) => string {
  const preset = api.Locale.configs.tw2s!;
  const fast = (group: unknown[]) => new FastTrie(load(group));
  const fastNormal = (preset.normalizationChain ?? []).map(fast);
  const fastSeg = preset.segmentation ? fast(preset.segmentation) : null;
  const fastChain = preset.conversionChain.map(fast);
  // the characters the normalisation (compatibility ideographs) changes: rare, so its pass
  // rides on the segmentation's where the text has none
  const normal = new Uint8Array(0x10000);
  for (const t of fastNormal) for (let c = 0; c < 0x10000; c++) if (t.kind[c]) normal[c] = 1;
  return (s: string): string => {
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
}
