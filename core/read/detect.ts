/** Which format a report's tables are in, from the fingerprints of each in their text. */
import { FINGERPRINTS, FORMATS } from '../format/tables.ts';
import { FORMAT_IDS, type FormatId } from '../format/types.ts';
import { isGap } from './normalize.ts';


/**
 * A fingerprint (a literal pattern) as its characters, to be found in the lines as they are,
 * joined by line breaks, with any gaps between them (holdsGapped): exactly where the
 * fingerprint matches the lines compacted and joined — without compacting every line of the tables.
 */
function literal(re: RegExp): string {
  let out = '';
  for (let i = 0; i < re.source.length; i++) {
    const ch = re.source[i]!;
    // an escaped punctuation mark stands for itself; anything else with a meaning in a pattern
    // (\d, a class, a repeat) would make the fingerprint more than a literal, which this cannot express
    if (ch === '\\' && /[^0-9A-Za-z]/.test(re.source[i + 1] ?? 'x')) out += re.source[++i];
    else if ('\\^$.|?*+()[]{}'.includes(ch) || isGap(ch.charCodeAt(0))) throw new Error(`fingerprint ${re.source} is not a literal`);
    else out += ch;
  }
  if (re.flags) throw new Error(`fingerprint ${re.source} has flags`);
  return out;
}

/**
 * Whether `text` holds `lit`'s characters in order with only gaps between them. From each
 * place its first character is found (a native search) the rest is matched skipping gaps:
 * a pattern of the characters with gaps between them, run over the text, is several times slower.
 */
function holdsGapped(text: string, lit: string): boolean {
  const first = lit[0]!;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    let i = at + 1;
    let k = 1;
    for (; k < lit.length; k++, i++) {
      while (i < text.length && isGap(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== lit.charCodeAt(k)) break;
    }
    if (k === lit.length) return true;
  }
  return false;
}

const LITERALS: Record<FormatId, string[]> = { gov2019: FINGERPRINTS.gov2019.map(literal), gov2021: FINGERPRINTS.gov2021.map(literal) };

/**
 * each format with the caption of 表二's last block, the format with more blocks first: 2019's
 * last （九） is absent from 2021's text, whose last （八） 2019's text has too
 */
const LAST_T2_CAPTION = FORMAT_IDS.map((id) => [id, FORMATS[id].t2] as const)
  .sort((x, y) => y[1].length - x[1].length)
  .map(([id, t2]) => [id, t2[t2.length - 1]!.caption] as const);

/**
 * @param tableLines the tables' lines as they are, joined by line breaks
 * @param compacted the same lines compacted and joined (asked for only when no fingerprint is found)
 */
export function detectFormat(tableLines: string, compacted: () => string): FormatId | null {
  const score = (id: FormatId) => LITERALS[id].filter((lit) => holdsGapped(tableLines, lit)).length;
  const a = score('gov2019');
  const b = score('gov2021');
  // headers wrapped a few characters a line and interleaved (pdftotext) may leave no fingerprint
  // whole: 表二's blocks end at （八） in 2021's template, at （九） in 2019's (a caption broken
  // by a page number read without it)
  if (a === 0 && b === 0) {
    const captions = compacted().replace(/\d+/g, '');
    return LAST_T2_CAPTION.find(([, caption]) => captions.includes(caption))?.[0] ?? null;
  }
  return b > a ? 'gov2021' : 'gov2019';
}
