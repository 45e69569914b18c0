/**
 * What a paste puts into the text area. A table copied from a web page or Word arrives as
 * HTML too: then the HTML is kept and read with core/extract (merged cells expanded as Word
 * pastes them, one line per row), which the browser's own plain text loses.
 */
import { htmlToText } from '../../core/extract/html.ts';

export interface Pasted {
  text: string;
  /** the clipboard's HTML, when it held a table */
  html: string | null;
}

export function fromClipboard(data: Pick<DataTransfer, 'getData'>): Pasted | null {
  const html = data.getData('text/html');
  if (html && /<table[\s>]/i.test(html)) {
    const text = htmlToText(html);
    if (text.trim()) return { text, html };
  }
  const plain = data.getData('text/plain');
  return plain ? { text: plain, html: null } : null;
}
