/**
 * A light reader of an .xlsx: the sheets' names and, for the sheets asked for, each cell's
 * shown value (number, text, or a formula's cached result) and formula text. For the
 * collection round, which reads a county workbook of a hundred unit sheets back in well
 * under the time exceljs takes to build its objects. Reads what gouji, Excel, WPS and
 * LibreOffice write (shared strings, inline strings, rich text).
 */
import { strFromU8, unzipSync } from 'fflate';

export interface CellRead {
  value: number | string | null;
  formula?: string;
}

export interface SheetCells {
  name: string;
  cells: Map<string, CellRead>;
}

export interface LightWorkbook {
  names: string[];
  /** the cells of a sheet, parsed on first use; null if there is no such sheet */
  sheet(name: string): SheetCells | null;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeXml = (s: string): string =>
  s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
        e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!)
    : s;

/** the text of every <t> inside, joined (rich text runs), without phonetic runs */
const textOf = (xml: string) => unescapeXml([...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((m) => m[1]).join(''));

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** null when the bytes are no xlsx */
export function readLight(bytes: Uint8Array): LightWorkbook | null {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') && f.name.endsWith('.xml') || f.name.endsWith('.rels') });
  } catch {
    return null;
  }
  const text = (p: string) => (files[p] ? strFromU8(files[p]!) : null);
  const wbXml = text('xl/workbook.xml');
  if (!wbXml) return null;
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, resolve('xl/workbook.xml', unescapeXml(target)));
  }
  const sheets = new Map<string, string>();
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\bid="([^"]*)"/.exec(m[0])?.[1];
    if (name !== undefined && rid && rels.has(rid)) sheets.set(unescapeXml(name), rels.get(rid)!);
  }
  let shared: string[] | null = null;
  const strings = () => {
    if (!shared) {
      const sst = [...rels.values()].find((p) => /sharedStrings\.xml$/i.test(p)) ?? 'xl/sharedStrings.xml';
      shared = [...(text(sst) ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!));
    }
    return shared;
  };
  const parsed = new Map<string, SheetCells>();
  return {
    names: [...sheets.keys()],
    sheet(name) {
      const path = sheets.get(name);
      if (!path) return null;
      let s = parsed.get(name);
      if (s) return s;
      const xml = text(path) ?? '';
      const cells = new Map<string, CellRead>();
      for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = m[1]!;
        const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
        if (!ref) continue;
        const body = m[2] ?? '';
        const t = /\bt="(\w+)"/.exec(attrs)?.[1];
        const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value: CellRead['value'] = null;
        if (t === 's') value = v !== undefined ? strings()[Number(v)] ?? null : null;
        else if (t === 'inlineStr') value = textOf(body);
        else if (t === 'str') value = v !== undefined ? unescapeXml(v) : null;
        else if (t === 'b' || t === 'e') value = v !== undefined ? unescapeXml(v) : null;
        else if (v !== undefined && v !== '') value = Number(v);
        cells.set(ref, f !== undefined ? { value, formula: unescapeXml(f) } : { value });
      }
      s = { name, cells };
      parsed.set(name, s);
      return s;
    },
  };
}

/** the shown value of a cell as text ('' when blank) */
export const shownText = (c: CellRead | undefined): string => (c?.value === null || c?.value === undefined ? '' : String(c.value));
