/**
 * A GB18030 encoder for tests, built honestly from node's own decoder: decode every two-byte
 * and BMP four-byte sequence once and invert the table. Node ships no GB18030 encoder.
 */
let table: Map<string, number[]> | null = null;

function build(): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030', { fatal: true });
  const add = (bytes: number[]) => {
    let ch: string;
    try {
      ch = dec.decode(new Uint8Array(bytes));
    } catch {
      return;
    }
    if (ch.length === 1 && !map.has(ch)) map.set(ch, bytes);
  };
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) add([a, b]);
  }
  // four-byte sequences 81 30 81 30 … 84 31 A4 39 cover the rest of the BMP
  for (let a = 0x81; a <= 0x84; a++)
    for (let b = 0x30; b <= 0x39; b++)
      for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) add([a, b, c, d]);
  return map;
}

export function encodeGb18030(text: string): Uint8Array {
  table ??= build();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`no GB18030 bytes for U+${code.toString(16)}`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
}
