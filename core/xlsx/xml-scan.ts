/**
 * A small streaming XML scanner for spreadsheet parts: tags, attributes and text, with the
 * five named entities and character references decoded; comments, processing instructions
 * and declarations skipped, CDATA as text. No DTD is expanded (no entity bombs). It finds
 * each tag with indexOf rather than a character at a time, which is what a worksheet of
 * mostly empty styled cells needs; text may arrive in pieces (the handler joins them).
 */

export interface ScanHandler {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export class XmlScanner {
  private rest = '';
  constructor(private readonly h: ScanHandler) {}

  write(chunk: string): void {
    const s = this.rest + chunk;
    let at = 0;
    const n = s.length;
    while (at < n) {
      const lt = s.indexOf('<', at);
      if (lt < 0) {
        // hold back a reference cut in two
        const amp = s.lastIndexOf('&');
        const cut = amp >= at && s.indexOf(';', amp) < 0 ? amp : n;
        if (cut > at) this.h.text(decodeXml(s.slice(at, cut)));
        at = cut;
        break;
      }
      if (lt > at) this.h.text(decodeXml(s.slice(at, lt)));
      at = lt;
      const end = this.tag(s, lt);
      if (end < 0) break;
      at = end;
    }
    this.rest = s.slice(at);
  }

  /** the markup at `lt`, handled; the index after it, or -1 when it is not all there yet */
  private tag(s: string, lt: number): number {
    const c = s.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) return this.skip(s, lt, '-->');
      if (s.startsWith('<![CDATA[', lt)) {
        const e = s.indexOf(']]>', lt + 9);
        if (e < 0) return -1;
        this.h.text(s.slice(lt + 9, e));
        return e + 3;
      }
      if (lt + 9 > s.length) return -1;
      return this.skip(s, lt, '>');
    }
    if (c === 63 /* ? */) return this.skip(s, lt, '?>');
    // the closing '>', outside quoted attribute values
    let i = lt + 1;
    let quote = 0;
    for (; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) break;
    }
    if (i >= s.length) return -1;
    if (c === 47 /* / */) {
      this.h.close(s.slice(lt + 2, i).trim());
      return i + 1;
    }
    const self = s.charCodeAt(i - 1) === 47;
    const body = s.slice(lt + 1, self ? i - 1 : i);
    let sp = 0;
    while (sp < body.length && !/\s/.test(body[sp]!)) sp++;
    const name = body.slice(0, sp);
    const attrs: Record<string, string> = {};
    if (sp < body.length) {
      for (const m of body.slice(sp).matchAll(ATTR)) attrs[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
    }
    this.h.open(name, attrs, self);
    if (self) this.h.close(name);
    return i + 1;
  }

  private skip(s: string, lt: number, close: string): number {
    const e = s.indexOf(close, lt + 2);
    return e < 0 ? -1 : e + close.length;
  }

  end(): void {
    if (this.rest && this.rest.indexOf('<') < 0) this.h.text(decodeXml(this.rest));
    this.rest = '';
  }
}
