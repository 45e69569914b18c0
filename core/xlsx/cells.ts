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
  /** every part of the package, by its path */
  parts: string[];
  /** the cells of a sheet, parsed on first use; null if there is no such sheet. `values`: without formula text (faster) */
  sheet(name: string, only?: 'values'): SheetCells | null;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeXml = (s: string): string =>
  s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
        e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!)
    : s;

/** the text of every <t> inside, joined (rich text runs), without phonetic runs */
const textOf = (xml: string) => {
  // the common case, one plain run: <t>…</t> or <t xml:space="preserve">…</t>
  if (!xml.includes('<r>') && !xml.includes('<r ') && !xml.includes('<rPh')) {
    const open = xml.indexOf('>', xml.indexOf('<t'));
    const close = xml.lastIndexOf('</t>');
    if (xml.startsWith('<t') && open > 0 && close > open) return unescapeXml(xml.slice(open + 1, close));
  }
  return richText(xml);
};
const richText = (xml: string) => unescapeXml([...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((m) => m[1]).join(''));

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

const attr = (attrs: string, name: string): string | undefined => {
  const k = attrs.indexOf(` ${name}="`) >= 0 ? attrs.indexOf(` ${name}="`) + name.length + 3 : attrs.startsWith(`${name}="`) ? name.length + 2 : -1;
  return k < 0 ? undefined : attrs.slice(k, attrs.indexOf('"', k));
};
/** the text of the first <name>…</name> (or <name …>…</name>) in a cell's body */
const element = (body: string, name: string): string | undefined => {
  const at = body.indexOf(`<${name}`);
  if (at < 0) return undefined;
  const open = body.indexOf('>', at);
  if (body[open - 1] === '/') return '';
  const close = body.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : body.slice(open + 1, close);
};

/** null when the bytes are no xlsx */
export function readLight(bytes: Uint8Array): LightWorkbook | null {
  // each part is inflated when asked for: the 校验 and 明细 of a large workbook never are
  const unzip = (want: (name: string) => boolean): Record<string, Uint8Array> | null => {
    try {
      return unzipSync(bytes, { filter: (f) => want(f.name) });
    } catch {
      return null;
    }
  };
  const parts: string[] = [];
  const head = unzip((n) => (parts.push(n), n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels'));
  if (!head) return null;
  const text = (p: string) => {
    const f = head[p] ?? unzip((n) => n === p)?.[p];
    return f ? strFromU8(f) : null;
  };
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
      shared = [];
      const xml = text(sst) ?? '';
      for (let at = xml.indexOf('<si>'); at >= 0; ) {
        const end = xml.indexOf('</si>', at);
        if (end < 0) break;
        shared.push(textOf(xml.slice(at + 4, end)));
        at = xml.indexOf('<si>', end);
      }
    }
    return shared;
  };
  const parsed = new Map<string, SheetCells>();
  const parsedValues = new Map<string, SheetCells>();
  return {
    names: [...sheets.keys()],
    parts,
    sheet(name, only) {
      const path = sheets.get(name);
      if (!path) return null;
      const formulas = only !== 'values';
      let s = parsed.get(name) ?? (formulas ? undefined : parsedValues.get(name));
      if (s) return s;
      const xml = text(path) ?? '';
      const cells = new Map<string, CellRead>();
      // by indexOf, not regular expressions: a hundred unit sheets of a thousand cells each
      for (let at = xml.indexOf('<c '); at >= 0; at = xml.indexOf('<c ', at + 3)) {
        const open = xml.indexOf('>', at);
        if (open < 0) break;
        // a styled blank: nothing to read
        if (xml[open - 1] === '/') continue;
        const attrs = xml.slice(at + 3, open);
        const close = xml.indexOf('</c>', open);
        if (close < 0) break;
        const ref = attr(attrs, 'r');
        if (!ref) continue;
        const body = xml.slice(open + 1, close);
        at = close;
        const t = attr(attrs, 't');
        const f = formulas ? element(body, 'f') : undefined;
        const v = element(body, 'v');
        let value: CellRead['value'] = null;
        if (t === 's') value = v !== undefined ? strings()[Number(v)] ?? null : null;
        else if (t === 'inlineStr') value = textOf(body);
        else if (t === 'str') value = v !== undefined ? unescapeXml(v) : null;
        else if (t === 'b' || t === 'e') value = v !== undefined ? unescapeXml(v) : null;
        else if (v !== undefined && v !== '') value = Number(v);
        cells.set(ref, f !== undefined ? { value, formula: unescapeXml(f) } : { value });
      }
      s = { name, cells };
      (formulas ? parsed : parsedValues).set(name, s);
      return s;
    },
  };
}

/** the shown value of a cell as text ('' when blank) */
export const shownText = (c: CellRead | undefined): string => (c?.value === null || c?.value === undefined ? '' : String(c.value));
