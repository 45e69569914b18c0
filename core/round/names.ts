/**
 * Unit names as people write them → one key, so that a report finds its row of the roster
 * (名单): 青岚县凤岩镇人民政府 / 凤岩镇 / 凤岩镇政府 / 鳳岩鎮人民政府 are one unit. A name
 * that fits two roster rows is a question for the user, never a guess.
 */
import { normalizeText } from '../read/normalize.ts';

/** what a government body's name may end with, longest first */
const SUFFIXES = ['人民政府', '办事处', '政府'];
/** the kind of a town-level unit, dropped only as a last resort (凤岩 for 凤岩镇) */
const KINDS = /(镇|乡|街道)$/;
/** a county-level prefix nobody told us about: two to eight characters up to the first 县/区/市/旗 */
const COUNTY = /^[\u3400-\u9fff]{2,8}?(?:自治县|自治旗|县|区|市|旗)/;

export interface NameOptions {
  /** county names known to prefix unit names (the consolidation's --name, the roster's own prefix) */
  counties?: string[];
}

/** traditional → simplified, full-width → half, no spaces, brackets unified */
export function cleanName(name: string): string {
  return normalizeText(name)
    .replace(/\s+/g, '')
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .replace(/[【［\[]/g, '（')
    .replace(/[】］\]]/g, '）');
}

function dropSuffix(s: string): string {
  // 凤岩街道办 → 凤岩街道
  if (s.endsWith('街道办') && s.length > 3) return s.slice(0, -1);
  for (const suf of SUFFIXES) if (s.endsWith(suf) && s.length > suf.length) return s.slice(0, -suf.length);
  return s;
}

/** 青岚县人民政府 keeps its county: 人民政府 alone names nobody */
const standsAlone = (rest: string) => !SUFFIXES.includes(rest) && dropSuffix(rest).length >= 2;

/** the name with any county prefix removed, when what is left is still a name of its own */
function dropCounty(s: string, counties: string[]): string {
  for (const c of counties) {
    if (c && s.startsWith(c) && standsAlone(s.slice(c.length))) return s.slice(c.length);
  }
  // 新市镇 keeps its 市 (the pattern wants two characters before it)
  const m = COUNTY.exec(s);
  return m && standsAlone(s.slice(m[0].length)) ? s.slice(m[0].length) : s;
}

/** the three keys of a name, strictest first: full; without bracketed remarks; without 镇/乡/街道 */
export function nameKeys(name: string, opts: NameOptions = {}): [string, string, string] {
  const counties = (opts.counties ?? []).map(cleanName);
  const clean = cleanName(name);
  // a remark in brackets (（本级）) stays in the strictest key only
  const remark = /（[^）]*）$/.exec(clean)?.[0] ?? '';
  const base = clean.slice(0, clean.length - remark.length) || clean;
  const bare = dropSuffix(dropCounty(base, counties));
  const full = bare + (base === clean ? '' : remark);
  const kindless = bare.replace(KINDS, '');
  return [full, bare, kindless.length >= 2 ? kindless : bare];
}

export type NameMatch =
  | { kind: 'matched'; row: number }
  | { kind: 'ambiguous'; rows: number[] }
  | { kind: 'none' };

/**
 * The roster row a name belongs to: the strictest key that finds any row decides; if it
 * finds more than one, the answer is a question (ambiguous), not the first.
 */
export function matchName(name: string, roster: readonly string[], opts: NameOptions = {}): NameMatch {
  const keys = nameKeys(name, opts);
  const rosterKeys = roster.map((r) => nameKeys(r, opts));
  for (let level = 0; level < 3; level++) {
    const k = keys[level]!;
    const rows = rosterKeys.flatMap((rk, i) => (rk[level] === k ? [i] : []));
    if (rows.length === 1) return { kind: 'matched', row: rows[0]! };
    if (rows.length > 1) return { kind: 'ambiguous', rows };
  }
  return { kind: 'none' };
}
