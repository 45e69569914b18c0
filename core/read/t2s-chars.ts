/** Which characters the traditional → simplified converter (./t2s.ts) changes, known without building it. */
import { api } from './t2s.ts';

/**
 * The characters the converter changes, among the one-character entries of the dictionaries
 * from 'tw' and to 'cn': each such character taken alone through the preset's chain as the
 * library takes it (in each group the first dictionary that has the character decides).
 * Known without building the converter, which costs a tenth of a second: a text with none of
 * these characters never needs it. tests/t2s.test.ts holds this equal to asking the library.
 */
export function changedByConverter(): Uint8Array {
  const preset = api.Locale.configs.tw2s!;
  /** a group's one-character entries (the library loads a group last to first: the first dictionary's entry stands) */
  const singles = (group: unknown[]) => {
    const m = new Map<string, string>();
    for (const [from, to] of entries([...group].reverse())) if (from.length === 1) m.set(from, to);
    return m;
  };
  const chain = [...(preset.normalizationChain ?? []), ...preset.conversionChain].map(singles);
  const map = new Uint8Array(0x10000);
  for (const [from, to] of entries([api.Locale.from.tw ?? [], api.Locale.to.cn ?? []].flat(3))) {
    if (!to || from === to || from.length !== 1) continue;
    // (a step that gave more than one character would be a phrase to the next: not taken alone)
    let x = from;
    for (const step of chain) if (x.length === 1) x = step.get(x) ?? x;
    if (x !== from) map[from.charCodeAt(0)] = 1;
  }
  return map;
}

/** the entries of dictionaries written as the library ships them, "from to|from to|…", in order */
function entries(dicts: unknown[]): [string, string][] {
  const out: [string, string][] = [];
  for (const dict of dicts) {
    for (const pair of String(dict).split('|')) {
      const [from, to] = pair.split(' ');
      if (from && to !== undefined) out.push([from, to]);
    }
  }
  return out;
}
