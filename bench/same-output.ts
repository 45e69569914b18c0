/**
 * Guard for speed work on the reader: analyze()'s whole result, hashed per input, over a fixed
 * large set of inputs — generated reports of every layout (plain, markup through core/extract,
 * and the odd ones), both formats, without and with each kind of mistake, some of them bent
 * (line ends, stray tabs and spaces), plus every text
 * report of the real corpus beside the checkout (read at run time, never copied). A change
 * meant only to be faster must leave every hash as it was.
 *
 *   node --import tsx bench/same-output.ts --write /tmp/base.json    (on the unchanged code)
 *   node --import tsx bench/same-output.ts --check /tmp/base.json    (after a change)
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../core/analyze.ts';
import { htmlToText } from '../core/extract/html.ts';
import { documentXmlToText } from '../core/extract/docx.ts';
import { FORMAT_IDS } from '../core/format/types.ts';
import { generateReport, LAYOUTS, MARKUP_LAYOUTS, ODD_LAYOUTS, oddFits, VIOLATION_KINDS, type GenerateOptions } from '../core/generate/index.ts';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpus/reports');
const SEEDS = Number(process.env.SAME_SEEDS ?? 12);

interface Input {
  name: string;
  text: () => string;
}

function generated(): Input[] {
  const out: Input[] = [];
  const add = (name: string, seed: number, opts: GenerateOptions) =>
    out.push({
      name,
      text: () => {
        const g = generateReport(seed, opts);
        if (g.layout === 'html') return htmlToText(g.text);
        if (g.layout === 'docx') return documentXmlToText(g.text);
        return g.text;
      },
    });
  for (const format of FORMAT_IDS) {
    for (const layout of [...LAYOUTS, ...MARKUP_LAYOUTS]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        add(`${layout}/${format}/${seed}/clean`, seed, { format, layout, violations: [] });
        // each kind of mistake alone, in turn, and now and then several at once
        const kind = VIOLATION_KINDS[seed % VIOLATION_KINDS.length]!;
        add(`${layout}/${format}/${seed}/${kind}`, 1000 + seed, { format, layout, violations: [kind] });
        const several = VIOLATION_KINDS.filter((_, i) => (i + seed) % 3 === 0);
        add(`${layout}/${format}/${seed}/${several.join('+')}`, 2000 + seed, { format, layout, violations: several });
      }
    }
    for (const odd of ODD_LAYOUTS) {
      if (!oddFits(odd, format)) continue;
      for (let seed = 1; seed <= SEEDS; seed++) {
        add(`odd:${odd}/${format}/${seed}/clean`, seed, { format, odd, violations: [] });
        const kind = VIOLATION_KINDS[seed % VIOLATION_KINDS.length]!;
        add(`odd:${odd}/${format}/${seed}/${kind}`, 3000 + seed, { format, odd, violations: [kind] });
      }
    }
  }
  return out;
}

/**
 * Generated texts bent the ways pasted text bends (line ends, stray tabs and spaces at a
 * line's ends, doubled spaces): paths of the reader the layouts alone may not take.
 */
function bent(): Input[] {
  const out: Input[] = [];
  const bends: [string, (t: string) => string][] = [
    ['crlf', (t) => t.replace(/\n/g, '\r\n')],
    ['tab-first', (t) => t.replace(/^/gm, '\t')],
    ['space-tab-last', (t) => t.replace(/$/gm, ' \t')],
    ['double-spaces', (t) => t.replace(/ /g, '  ')],
    ['pipes-spaced', (t) => t.replace(/\|/g, ' | ')],
  ];
  for (const format of FORMAT_IDS) {
    for (const layout of LAYOUTS) {
      for (let seed = 1; seed <= Math.ceil(SEEDS / 4); seed++) {
        for (const [name, bend] of bends) {
          out.push({ name: `bent:${name}:${layout}/${format}/${seed}`, text: () => bend(generateReport(4000 + seed, { format, layout, violations: [] }).text) });
        }
      }
    }
  }
  return out;
}

function corpus(): Input[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .sort()
    .map((f) => ({
      name: `corpus:${f}`,
      text: () => {
        const raw = readFileSync(join(CORPUS, f), 'utf8');
        return f.endsWith('.html') ? htmlToText(raw) : raw;
      },
    }));
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

const [mode, file] = process.argv.slice(2);
const hashes: Record<string, string> = {};
const all = createHash('sha256');
for (const input of [...generated(), ...bent(), ...corpus()]) {
  const text = input.text();
  const h = sha(JSON.stringify(analyze(text, input.name)));
  hashes[input.name] = h;
  all.update(`${input.name} ${h}\n`);
}
const overall = all.digest('hex').slice(0, 16);
const count = Object.keys(hashes).length;
console.log(`${count} inputs (${corpus().length} from the corpus), overall ${overall}`);
if (mode === '--write' && file) writeFileSync(file, JSON.stringify({ overall, hashes }, null, 1));
if (mode === '--check' && file) {
  const base = JSON.parse(readFileSync(file, 'utf8')) as { overall: string; hashes: Record<string, string> };
  const differ = Object.keys(base.hashes).filter((k) => base.hashes[k] !== hashes[k]);
  const missing = Object.keys(hashes).filter((k) => !(k in base.hashes));
  if (differ.length || missing.length || base.overall !== overall) {
    console.log(`DIFFERENT: ${differ.length} inputs (${differ.slice(0, 12).join(', ')}), ${missing.length} not in the baseline`);
    process.exitCode = 1;
  } else console.log(`same as ${file}: every hash equal`);
}
