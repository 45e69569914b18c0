/**
 * Small PDFs made by hand for the tests: pages of placed text (any Chinese, through a font
 * with no glyphs but a ToUnicode map, which is all text extraction reads), a page that is
 * only a scanned image, and a file locked with an open password.
 */

export interface TextRun {
  text: string;
  /** from the left edge, in points */
  x: number;
  /** from the top edge, in points (PDF counts from the bottom; this is turned round) */
  y: number;
  size: number;
}

/** a straight line from (x0, y0) to (x1, y1), in the same points as a run */
export interface Line {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  runs?: TextRun[];
  /** lines stroked on the page, as a writer draws a table's borders */
  lines?: Line[];
  /** draw a full-page grey image, as a scanner does */
  image?: boolean;
}

const W = 595;
const H = 842;

/** a text's UTF-16 code units as the 2-byte codes of an Identity-H font */
const hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');

/** code = Unicode code unit, for the whole BMP, in ranges that never cross a first byte */
const TO_UNICODE = [
  '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
  '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
  '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
  '1 begincodespacerange <0000> <FFFF> endcodespacerange',
  ...Array.from({ length: 2 }, (_, k) => {
    const lines = [];
    for (let hi = k * 128; hi < k * 128 + 128; hi++) {
      const h = hi.toString(16).padStart(2, '0');
      // skip the surrogate block: no character of ours lives there
      if (hi >= 0xd8 && hi <= 0xdf) continue;
      lines.push(`<${h}00> <${h}ff> <${h}00>`);
    }
    return `${lines.length} beginbfrange\n${lines.join('\n')}\nendbfrange`;
  }),
  'endcmap CMapName currentdict /CMap defineresource pop end end',
].join('\n');

function pageContent(p: PdfPage): string {
  const ops: string[] = [];
  if (p.image) ops.push(`q ${W} 0 0 ${H} 0 0 cm /Im1 Do Q`);
  for (const l of p.lines ?? []) ops.push(`0.5 w ${l.x0} ${H - l.y0} m ${l.x1} ${H - l.y1} l S`);
  for (const r of p.runs ?? []) ops.push(`BT /F1 ${r.size} Tf 1 0 0 1 ${r.x.toFixed(2)} ${(H - r.y).toFixed(2)} Tm <${hex(r.text)}> Tj ET`);
  return ops.join('\n');
}

export interface PdfOptions {
  /** lock the file with an open password nobody here knows */
  encrypted?: boolean;
}

/** the bytes of a PDF with these pages */
export function makePdf(pages: PdfPage[], opts: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const stream = (dict: string, data: string) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

  // 1 catalog, 2 pages, 3 font, 4 descendant font, 5 ToUnicode, 6 image, 7 font descriptor, then per page: page, content
  const kids = pages.map((_, i) => `${8 + i * 2} 0 R`).join(' ');
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>');
  add('<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /W [32 126 500] >>');
  add(stream('', TO_UNICODE));
  add(stream('/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x80\x90\xa0\xb0'));
  // without a descriptor pdf.js takes the font for one of the 14 standard ones, with one-byte codes
  add('<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 860 /StemV 80 >>');
  pages.forEach((p, i) => {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> /Contents ${9 + i * 2} 0 R >>`);
    add(stream('', pageContent(p)));
  });
  let encrypt = '';
  if (opts.encrypted) {
    // the standard handler, revision 2: the empty password does not match /U, so a reader must ask for one
    add(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`);
    encrypt = ` /Encrypt ${objects.length} 0 R`;
  }

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} /ID [<${'0123456789abcdef'.repeat(2)}> <${'0123456789abcdef'.repeat(2)}>] >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
