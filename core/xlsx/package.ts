/**
 * What a workbook package says before any cell is read: its worksheets in tab order (the
 * workbook part and its relationships), and its shared strings. Handlers for streamXml.
 */
import { attr, type XmlHandler } from './xml-stream.ts';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
/** the strict (ISO 29500) namespace says the same with another URI */
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

const relType = (type: string) => (type.startsWith(REL) ? type.slice(REL.length) : type.startsWith(STRICT_REL) ? type.slice(STRICT_REL.length) : type);

/** a part's path resolved against the folder of the part that names it (`xl/`), as zip entries name it */
export function resolvePart(from: string, target: string): string {
  const out = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

/** the relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels` */
export function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** a relationships part: Id → { type (its last word: worksheet, sharedStrings …), target } */
export class Relationships implements XmlHandler {
  readonly byId = new Map<string, { type: string; target: string }>();
  open(name: string, a: Record<string, string>): void {
    if (name !== 'Relationship' || a.TargetMode === 'External') return;
    if (a.Id && a.Target) this.byId.set(a.Id, { type: relType(a.Type ?? ''), target: a.Target });
  }
  close(): void {}
  text(): void {}
  done(): boolean {
    return false;
  }
  /** the first target of a type */
  ofType(type: string): string | undefined {
    for (const r of this.byId.values()) if (r.type === type) return r.target;
    return undefined;
  }
}

/** the workbook part: its sheets in tab order, each with the relationship that finds its part */
export class SheetList implements XmlHandler {
  readonly sheets: { name: string; rel: string }[] = [];
  open(name: string, a: Record<string, string>): void {
    if (name !== 'sheet') return;
    const rel = attr(a, 'id');
    if (a.name !== undefined && rel) this.sheets.push({ name: a.name, rel });
  }
  close(): void {}
  text(): void {}
  done(): boolean {
    return false;
  }
}

/**
 * The shared strings, in order. A rich-text string is its runs' text joined (LibreOffice
 * writes text in several fonts so); phonetic guides (<rPh>) are not part of the text.
 */
export class SharedStrings implements XmlHandler {
  readonly strings: string[] = [];
  private cur: string | null = null;
  private inText = false;
  private phonetic = 0;
  open(name: string): void {
    if (name === 'si') this.cur = '';
    else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.cur !== null && !this.phonetic) this.inText = true;
  }
  close(name: string): void {
    if (name === 'si') {
      this.strings.push(this.cur ?? '');
      this.cur = null;
    } else if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inText = false;
  }
  text(t: string): void {
    if (this.inText) this.cur += t;
  }
  done(): boolean {
    return false;
  }
}
