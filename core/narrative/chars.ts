/**
 * Sets of characters tested by code, many times per report (every character of the prose
 * passes some of them). A table by full code takes 64 KB per set and a Set hashes on every
 * lookup; this is a 256-entry index by the code's high byte and one 256-entry table per high
 * byte that holds a member — a few hundred bytes, which stay in cache beside the reader's data.
 */
export interface CharSet {
  has(code: number): boolean;
  /** some character of `text` is in the set */
  inText(text: string): boolean;
}

export function charSet(chars: string): CharSet {
  const codes = [...chars].map((c) => c.charCodeAt(0));
  const highs = [...new Set(codes.map((c) => c >> 8))];
  // page 0 of `table` stays empty: the index holds 0 for a high byte with no member
  const index = new Uint8Array(256);
  highs.forEach((h, k) => (index[h] = k + 1));
  const table = new Uint8Array(256 * (highs.length + 1));
  for (const c of codes) table[(index[c >> 8]! << 8) | (c & 255)] = 1;
  // NaN (past the end of a string) reads index[0]'s page at 0, where no member is: false
  const has = (code: number) => table[(index[code >> 8]! << 8) | (code & 255)] === 1;
  return {
    has,
    inText: (text: string) => {
      for (let i = 0; i < text.length; i++) if (has(text.charCodeAt(i))) return true;
      return false;
    },
  };
}
