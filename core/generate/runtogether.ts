/**
 * Cells run together, as some government web pages give a report: the page's text with
 * every table row's numbers glued to its label and to each other (a stray space here and
 * there meaning nothing), and the whole body on one line. Made from the pipe layout.
 */
import type { Rng } from './random.ts';

const NUMBER = /^[+\-]?\d[\d,]*(?:\.\d+)?(?:元|万元)?$/;

export function runTogether(pipeText: string, rng: Rng): string {
  const out: string[] = [];
  for (const line of pipeText.split('\n')) {
    if (!line.includes('|')) {
      if (line.trim()) out.push(line.trim());
      continue;
    }
    if (/^\|?[ ]*-{3,}/.test(line.trim())) continue;
    const cells = line.split('|').map((c) => c.trim()).filter((c) => c !== '');
    const label = cells.filter((c) => !NUMBER.test(c)).join('');
    const numbers = cells.filter((c) => NUMBER.test(c));
    // a stray space now and then, as the pages have them
    const run = numbers.map((n, i) => (i > 0 && rng.chance(0.1) ? ' ' : '') + n).join('');
    out.push(label + run);
  }
  return out.join('');
}
