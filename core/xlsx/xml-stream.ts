/**
 * One part of a zip read as XML while it inflates: bytes → UTF-8 text → XmlScanner
 * (xml-scan.ts; htmlparser2 read a worksheet at a third of the speed) → a small handler that keeps what it needs. The part is never
 * held whole, and a handler that has read enough stops the inflating. Browser-safe.
 */
import { XmlScanner } from './xml-scan.ts';
import { streamEntry, type StreamLimit, type Streamed, type ZipEntry } from './unzip.ts';

export interface XmlHandler {
  /** an element opens; `name` without its namespace prefix (`x:c` → `c`) */
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /** true once the handler has what it needs: the rest of the part is not inflated */
  done(): boolean;
}

/** nested deeper than any spreadsheet part (they nest some six deep): refused, not parsed */
export const MAX_XML_DEPTH = 256;

/** markup a reader refuses rather than reads; `message` is for the user */
export class XmlRefused extends Error {
  override name = 'XmlRefused';
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** an attribute by its local name, whatever prefix the writer gave it (`r:id`) */
export function attr(attrs: Record<string, string>, name: string): string | undefined {
  if (name in attrs) return attrs[name];
  for (const k in attrs) if (local(k) === name) return attrs[k];
  return undefined;
}

/**
 * Streams `entry` through `handler` within `limit`. Throws XmlRefused for markup nested beyond
 * MAX_XML_DEPTH: no spreadsheet part nests so, and a handler's state need not guard against it.
 */
export function streamXml(b: Uint8Array, entry: ZipEntry, limit: StreamLimit, handler: XmlHandler): Streamed {
  let depth = 0;
  const parser = new XmlScanner({
    open(name, attrs) {
      if (++depth > MAX_XML_DEPTH) throw new XmlRefused(`文件异常：${entry.name} 的标记嵌套超过 ${MAX_XML_DEPTH} 层，不像 Excel 工作簿的内容，无法读取。`);
      if (!handler.done()) handler.open(local(name), attrs);
    },
    close(name) {
      depth--;
      if (!handler.done()) handler.close(local(name));
    },
    text(text) {
      if (!handler.done()) handler.text(text);
    },
  });
  const utf8 = new TextDecoder();
  const got = streamEntry(b, entry, limit, (chunk) => {
    parser.write(utf8.decode(chunk, { stream: true }));
    return !handler.done();
  });
  if (got.ok && !handler.done()) {
    parser.write(utf8.decode());
    parser.end();
  }
  return got;
}
