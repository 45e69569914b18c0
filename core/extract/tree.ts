/** Markup → a small element tree, with htmlparser2 (pure JS, so it runs in the browser too). */
import { Parser } from 'htmlparser2';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}

export type Node = El | string;

/**
 * Markup a reader refuses rather than reads: nested deeper than any report, or so tangled that
 * parsing would not end in reasonable time. `message` is for the user, in Chinese.
 */
export class MarkupRefused extends Error {
  override name = 'MarkupRefused';
}

/**
 * Deeper than this, no report: web editors nest some ten thousand elements, fine. The limit
 * is there because htmlparser2 keeps its open elements with Array.unshift and looks closing
 * tags up with indexOf, so time grows with the square of the depth.
 */
export const MAX_DEPTH = 20_000;
/** parsing is fed in slices; past this many milliseconds the markup is refused (a backstop for the square above) */
const PARSE_BUDGET_MS = 8_000;
const SLICE = 256 * 1024;

/**
 * HTML leniently (unclosed <p>, <td>, <tr> closed as browsers close them), or XML when
 * `xml` is set (tag names keep their prefix and case: `w:tc`). Throws MarkupRefused beyond
 * MAX_DEPTH or the time budget.
 */
export function parseTree(markup: string, xml = false): El {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: El = { tag: name, attrs, children: [] };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
        if (stack.length > MAX_DEPTH) throw new MarkupRefused(`文件异常：标记嵌套超过 ${MAX_DEPTH} 层，不像一份年度报告，无法读取。`);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
      ontext(text) {
        stack[stack.length - 1]!.children.push(text);
      },
    },
    xml
      ? { xmlMode: true, decodeEntities: true }
      : { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  const t0 = Date.now();
  for (let at = 0; at < markup.length; at += SLICE) {
    parser.write(markup.slice(at, at + SLICE));
    if (Date.now() - t0 > PARSE_BUDGET_MS) throw new MarkupRefused('文件异常：标记结构过于复杂，无法在合理的时间内读取。');
  }
  parser.end();
  return root;
}

export const elements = (el: El): El[] => el.children.filter((c): c is El => typeof c !== 'string');

/** the elements that hold a `tag` element somewhere inside: one pass over the tree, not one per question */
export function holding(root: El, isTag: (el: El) => boolean): Set<El> {
  const out = new Set<El>();
  const parent = new Map<El, El>();
  const stack: El[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      parent.set(c, el);
      if (isTag(c)) for (let p = parent.get(c); p && !out.has(p); p = parent.get(p)) out.add(p);
      stack.push(c);
    }
  }
  return out;
}
