/** Mutations of an input: bytes flipped, cut, repeated and spliced, and words the reader cares about put in. */

export interface Rng {
  next(): number;
  int(n: number): number;
}

export function rng(seed: number): Rng {
  let s = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

const enc = new TextEncoder();
/** tokens of reports, markup and numbers: the fuzzer finds structure faster with them */
const DICTIONARY = [
  '表三', '表二', '表四', '合计', '总计', '本年新收', '上年结转', '予以公开', '部分公开', '不予公开', '（一）', '（二）', '（三）', '（六）',
  '\t', '\t\t', '\n', '\r\n', '|', '  ', '0', '1', '-', '—', '－', '999999999999', '1e308', '12.5', '１２', '(', ')', '（', '）',
  '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<td colspan="3">', '<td rowspan="0">', '<div>', '</div>', '<p>', '<br>',
  '<w:tbl>', '</w:tbl>', '<w:tr>', '</w:tr>', '<w:tc>', '</w:tc>', '<w:p>', '</w:p>', '<w:t>', '</w:t>', '<w:gridSpan w:val="9"/>',
  '<w:vMerge/>', '&amp;', '&#0;', '\u0000', '\ufeff', '年', '2024', '政府信息公开工作年度报告',
].map((s) => enc.encode(s));

const MAX = 512 * 1024;

export function mutate(input: Uint8Array, other: Uint8Array, r: Rng): Uint8Array {
  let b = input;
  const rounds = 1 + r.int(4);
  for (let k = 0; k < rounds; k++) b = once(b, other, r);
  return b.length > MAX ? b.subarray(0, MAX) : b;
}

function once(b: Uint8Array, other: Uint8Array, r: Rng): Uint8Array {
  const at = r.int(b.length + 1);
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let i = 0;
    for (const p of parts) {
      out.set(p, i);
      i += p.length;
    }
    return out;
  };
  switch (r.int(8)) {
    case 0: {
      // flip a byte
      if (!b.length) return b;
      const c = b.slice();
      const i = r.int(c.length);
      c[i] = c[i]! ^ (1 << r.int(8));
      return c;
    }
    case 1: {
      // random bytes in
      const n = 1 + r.int(8);
      return cat(b.subarray(0, at), Uint8Array.from({ length: n }, () => r.int(256)), b.subarray(at));
    }
    case 2: {
      // a range out
      const n = 1 + r.int(Math.max(1, b.length >> 3));
      return cat(b.subarray(0, at), b.subarray(Math.min(b.length, at + n)));
    }
    case 3: {
      // a range repeated (lines twice, tables nested deeper)
      // now and then thousands of times: markup nested deeper than any call stack
      const deep = r.next() < 0.1;
      const piece = b.subarray(at, at + 1 + r.int(deep ? 24 : 64));
      const times = 1 + r.int(deep ? 20_000 : 8);
      return cat(b.subarray(0, at), ...new Array<Uint8Array>(times).fill(piece), b.subarray(at));
    }
    case 4:
    case 5:
      // a token in
      return cat(b.subarray(0, at), DICTIONARY[r.int(DICTIONARY.length)]!, b.subarray(at));
    case 6: {
      // a piece of another input spliced in
      const from = r.int(other.length + 1);
      return cat(b.subarray(0, at), other.subarray(from, from + r.int(4096)), b.subarray(at));
    }
    default: {
      // a digit changed: numbers decide which rules hold
      const c = b.slice();
      for (let i = 0, j = r.int(c.length); i < c.length; i++, j = (j + 1) % c.length) {
        if (c[j]! >= 0x30 && c[j]! <= 0x39) {
          c[j] = 0x30 + r.int(10);
          break;
        }
      }
      return c;
    }
  }
}
