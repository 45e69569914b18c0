/**
 * `node --import tsx scripts/make-icons.ts`: the add-in's icons (assets/icon-16/32/64/80.png),
 * drawn here so that they need no image tool: a white check mark on Excel's green, over the
 * faint rows of a table. Each pixel is the coverage of 8×8 samples; written with a tiny PNG
 * encoder (zlib from node).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const SIZES = [16, 32, 64, 80];

type RGBA = [number, number, number, number];
const GREEN: RGBA = [33, 115, 70, 255];
const ROWS: RGBA = [255, 255, 255, 56];
const WHITE: RGBA = [255, 255, 255, 255];

/** distance from p to the segment a–b */
function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** the layers at a point in the unit square, bottom to top */
function layers(x: number, y: number): RGBA[] {
  const out: RGBA[] = [];
  // rounded square
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return out;
  out.push(GREEN);
  // table rows
  if (x > 0.14 && x < 0.86 && [0.3, 0.5, 0.7].some((ry) => Math.abs(y - ry) < 0.03)) out.push(ROWS);
  // the check mark
  const w = 0.085;
  if (segment(x, y, 0.24, 0.52, 0.43, 0.71) < w || segment(x, y, 0.43, 0.71, 0.78, 0.3) < w) out.push(WHITE);
  return out;
}

function over(dst: RGBA, src: RGBA): RGBA {
  const a = src[3] / 255;
  const b = dst[3] / 255;
  const outA = a + b * (1 - a);
  if (outA === 0) return [0, 0, 0, 0];
  const mix = (i: number) => (src[i]! * a + dst[i]! * b * (1 - a)) / outA;
  return [mix(0), mix(1), mix(2), outA * 255];
}

function draw(size: number): Buffer {
  const S = 8;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = layers((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size).reduce<RGBA>(over, [0, 0, 0, 0]);
          // premultiplied, so that edges average correctly
          acc[0]! += (c[0] * c[3]) / 255;
          acc[1]! += (c[1] * c[3]) / 255;
          acc[2]! += (c[2] * c[3]) / 255;
          acc[3]! += c[3];
        }
      }
      const n = S * S;
      const a = acc[3]! / n;
      const at = py * (size * 4 + 1) + 1 + px * 4;
      raw[at] = a ? Math.round(((acc[0]! / n) * 255) / a) : 0;
      raw[at + 1] = a ? Math.round(((acc[1]! / n) * 255) / a) : 0;
      raw[at + 2] = a ? Math.round(((acc[2]! / n) * 255) / a) : 0;
      raw[at + 3] = Math.round(a);
    }
  }
  return png(size, size, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** 8-bit RGBA, no interlace */
function png(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT, `icon-${size}.png`);
  writeFileSync(file, draw(size));
  console.log(`已写出 ${file}`);
}
