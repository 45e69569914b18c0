/** Markup → a small element tree, with htmlparser2 (pure JS, so it runs in the browser too). */
import { Parser } from 'htmlparser2';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
export type Node = El | string;

/**
 * HTML leniently (unclosed <p>, <td>, <tr> closed as browsers close them), or XML when
 * `xml` is set (tag names keep their prefix and case: `w:tc`).
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
  parser.write(markup);
  parser.end();
  return root;
}

export const elements = (el: El): El[] => el.children.filter((c): c is El => typeof c !== 'string');
