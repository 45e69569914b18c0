/**
 * Hostile files of the project's own making: zip bombs (a part that inflates to gigabytes,
 * declared honestly or not), markup nested deeper than any report.
 */
import { constants, deflateRawSync } from 'node:zlib';

/** raw deflate of `mb` megabytes of zeros, cheaply: one flushed megabyte repeated, then a final empty block */
export function deflatedZeros(mb: number): Uint8Array {
  const one = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...new Array<Buffer>(mb).fill(one), Buffer.from([0x03, 0x00])]);
}

export interface ZipPart {
  name: string;
  /** raw deflate data */
  data: Uint8Array;
  /** the size the zip declares (a bomb may lie) */
  declared: number;
}

/** a zip of deflated parts, with whatever sizes they declare (CRCs are not checked before the limits) */
export function zipOf(parts: ZipPart[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = enc.encode(p.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(p.data.length, 18);
    h.writeUInt32LE(Math.min(p.declared, 0xffffffff), 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(Math.min(p.declared, 0xffffffff), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, Buffer.from(name));
    chunks.push(h, Buffer.from(name), Buffer.from(p.data));
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cd, end]);
}

const small = (s: string) => ({ name: s, data: deflateRawSync(Buffer.from('<x/>')), declared: 4 });

/** a .docx whose word/document.xml inflates to `mb` MB; `lie` declares it 1 KB */
export function docxBomb(mb: number, lie = false): Uint8Array {
  return zipOf([small('[Content_Types].xml'), { name: 'word/document.xml', data: deflatedZeros(mb), declared: lie ? 1024 : mb * 1024 * 1024 }]);
}

/** an .xlsx whose shared strings inflate to `mb` MB, declared as 1 KB */
export function xlsxBomb(mb: number): Uint8Array {
  return zipOf([small('[Content_Types].xml'), small('xl/workbook.xml'), { name: 'xl/sharedStrings.xml', data: deflatedZeros(mb), declared: 1024 }]);
}

/** a page with the report `html` inside `depth` nested <div>s */
export const deepHtml = (html: string, depth: number) => '<div>'.repeat(depth) + html + '</div>'.repeat(depth);

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** word/document.xml with tables nested `depth` deep, a line of text in each */
export function deepTablesXml(depth: number): string {
  const open = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p>';
  return `<w:document ${W}><w:body>${open.repeat(depth)}${'</w:tc></w:tr></w:tbl>'.repeat(depth)}</w:body></w:document>`;
}
