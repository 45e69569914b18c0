/**
 * Validate every part of an .xlsx or .docx that gouji writes against the ECMA-376
 * transitional schemas beside the checkout (../shared/ooxml-schemas): Excel and Word reject
 * what LibreOffice forgives. Parts are matched to their schema by content type; markup
 * compatibility is applied first, as Office does (namespaces listed in mc:Ignorable dropped,
 * mc:AlternateContent replaced by its mc:Fallback). One known gap of the RELAX NG translation
 * is ignored: it does not allow xml:space on text elements, which Office itself writes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { appears } from '../../scripts/alive.ts';
import { which } from './which.ts';
import render from 'dom-serializer';
import type { ChildNode, Element } from 'domhandler';

export const OOXML_SCHEMAS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/ooxml-schemas');

/** why the check cannot run here, or null when it can */
export function ooxmlSkip(): string | false {
  if (!existsSync(OOXML_SCHEMAS)) return '没有 ../shared/ooxml-schemas：跳过 OOXML 架构校验。';
  if (!existsSync(JING_JAR)) return '没有 jing：跳过 OOXML 架构校验（apt-get install jing）。';
  // looked up on PATH: asking `javac -version` would start a JVM for every test file
  if (!which('javac') || !which('java')) return '没有 javac：跳过 OOXML 架构校验（apt-get install default-jdk-headless）。';
  return false;
}

/** Debian's jing, used as a library by JingBatch.java: every RELAX NG schema of a package in one JVM */
const JING_JAR = '/usr/share/java/jing.jar';
/**
 * a short run's JVM: the quick compiler only and one GC thread. The same validation, at under
 * half the CPU (the optimising compiler's threads were most of it, on code that runs seconds).
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
const JING_BATCH = join(dirname(fileURLToPath(import.meta.url)), 'JingBatch.java');

/** the compiled JingBatch, made once per version of its source and shared by the test files */
function jingBatchClasses(): string {
  const source = readFileSync(JING_BATCH);
  const dir = join(tmpdir(), `gouji-jingbatch-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, 'JingBatch.class'))) return dir;
  const tmp = mkdtempSync(`${dir}.tmp-`);
  const javac = spawnSync('javac', ['-nowarn', '-cp', JING_JAR, '-d', tmp, JING_BATCH], { encoding: 'utf8' });
  if (javac.status !== 0) throw new Error(`javac JingBatch.java: ${javac.stderr}`);
  try {
    renameSync(tmp, dir);
  } catch {
    // another test file compiled it first
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** java's arguments to run JingBatch (compiled once) with these of its own */
const jingBatch = (...args: string[]) => [...JVM_FLAGS, '-cp', `${JING_JAR}:${jingBatchClasses()}`, 'JingBatch', ...args];

/** what scripts/test.ts tells the test processes of the run's jing: the socket it listens on */
const SERVER_SOCKET = 'GOUJI_JING_SOCKET';

/**
 * One JVM of jing for a whole test run (scripts/test.ts), like its LibreOffice and Chromium: the
 * test files' checks are its requests, each schema loaded once. A JVM of each check's own cost
 * about a CPU-second, most of it start-up and the schemas' loading. Resolves once it listens,
 * or null when it cannot run here (each check then starts its own).
 */
export async function startJingServer(): Promise<{ env: Record<string, string>; stop: () => void } | null> {
  if (ooxmlSkip()) return null;
  const socket = join(tmpdir(), `gouji-jing-${process.pid}.sock`);
  rmSync(socket, { force: true });
  const jvm = spawn('java', jingBatch('--serve', socket), { stdio: 'ignore' });
  jvm.on('error', () => {});
  jvm.unref();
  const stop = () => {
    jvm.kill('SIGKILL');
    rmSync(socket, { force: true });
  };
  if (await appears(socket, jvm, 20_000)) return { env: { [SERVER_SOCKET]: socket }, stop };
  stop();
  return null;
}

/** the run's jing asked to check: its messages and exit status, or null when it could not be reached */
function askServer(socket: string, args: string[]): Promise<{ output: string; status: number } | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const c = connect(socket);
    c.on('connect', () => c.end(`${args.join('\t')}\n`));
    c.on('data', (d: Buffer) => chunks.push(d));
    c.on('error', () => resolve(null));
    c.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /\n(\d+)\n$/.exec(text);
      resolve(m ? { output: text.slice(0, m.index), status: Number(m[1]) } : null);
    });
  });
}

/** jing over `args` (JingBatch's: -s schema files… …): the run's JVM, or one of its own */
async function jing(args: string[]): Promise<{ output: string; status: number | null; error?: string }> {
  const socket = process.env[SERVER_SOCKET];
  const served = socket ? await askServer(socket, args) : null;
  if (served) return served;
  const run = spawnSync('java', jingBatch(...args), { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { output: `${run.stdout}\n${run.stderr}`, status: run.status, error: run.error?.message };
}

const SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml.';
const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';
const SCHEMA_OF: Record<string, string> = {
  [`${SML}sheet.main+xml`]: 'SpreadsheetML_Workbook.rnc',
  [`${SML}template.main+xml`]: 'SpreadsheetML_Workbook.rnc',
  [`${SML}worksheet+xml`]: 'SpreadsheetML_Worksheet.rnc',
  [`${SML}styles+xml`]: 'SpreadsheetML_Styles.rnc',
  [`${SML}sharedStrings+xml`]: 'SpreadsheetML_Shared_String_Table.rnc',
  [`${SML}calcChain+xml`]: 'SpreadsheetML_Calculation_Chain.rnc',
  [`${SML}table+xml`]: 'SpreadsheetML_Table_Definitions.rnc',
  [`${SML}comments+xml`]: 'SpreadsheetML_Comments.rnc',
  'application/vnd.openxmlformats-officedocument.drawing+xml': 'dml-spreadsheetDrawing.rnc',
  'application/vnd.openxmlformats-officedocument.theme+xml': 'DrawingML_Theme.rnc',
  [`${WML}document.main+xml`]: 'WordprocessingML_Main_Document.rnc',
  [`${WML}styles+xml`]: 'WordprocessingML_Style_Definitions.rnc',
  [`${WML}numbering+xml`]: 'WordprocessingML_Numbering_Definitions.rnc',
  [`${WML}settings+xml`]: 'WordprocessingML_Document_Settings.rnc',
  [`${WML}fontTable+xml`]: 'WordprocessingML_Font_Table.rnc',
  [`${WML}webSettings+xml`]: 'WordprocessingML_Web_Settings.rnc',
  [`${WML}header+xml`]: 'WordprocessingML_Header.rnc',
  [`${WML}footer+xml`]: 'WordprocessingML_Footer.rnc',
  [`${WML}footnotes+xml`]: 'WordprocessingML_Footnotes.rnc',
  [`${WML}endnotes+xml`]: 'WordprocessingML_Endnotes.rnc',
  [`${WML}comments+xml`]: 'WordprocessingML_Comments.rnc',
  'application/vnd.openxmlformats-package.relationships+xml': 'opc/opc-relationships.xsd',
};

/** parts with no schema in the set (docProps/app.xml has none) are listed, not failed */
const NO_SCHEMA = new Set([
  // its XSD imports the Dublin Core schemas, which are not in the set
  'application/vnd.openxmlformats-package.core-properties+xml',
  'application/vnd.openxmlformats-officedocument.extended-properties+xml', 'application/vnd.openxmlformats-officedocument.custom-properties+xml']);

export interface OoxmlResult {
  /** part → schema file it was checked against */
  checked: Map<string, string>;
  /** parts whose content type has no schema here */
  unchecked: string[];
  /** `part: message`, empty when valid */
  problems: string[];
}

function contentTypes(xml: string): { defaults: Map<string, string>; overrides: Map<string, string> } {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  // attributes in either order: the docx package writes ContentType first
  const attr = (el: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(el)?.[1] ?? '';
  for (const m of xml.matchAll(/<Default\b[^>]*>/g)) defaults.set(attr(m[0], 'Extension').toLowerCase(), attr(m[0], 'ContentType'));
  for (const m of xml.matchAll(/<Override\b[^>]*>/g)) overrides.set(attr(m[0], 'PartName').replace(/^\//, ''), attr(m[0], 'ContentType'));
  return { defaults, overrides };
}

/** markup compatibility, as Office reads a part: drop what mc:Ignorable names, keep mc:Fallback */
export function applyMarkupCompatibility(xml: string): string {
  // nothing to apply (most parts): the part as written, without a parse and a re-serialisation
  if (!xml.includes('mc:Ignorable') && !xml.includes('mc:AlternateContent')) return xml;
  const decl = /^\s*<\?xml[^?]*\?>/.exec(xml)?.[0] ?? '';
  const doc = parseDocument(xml.slice(decl.length), { xmlMode: true, decodeEntities: false });
  const root = doc.children.find((c): c is Element => c.type === 'tag');
  if (!root) return xml;
  const ignorable = new Set((root.attribs['mc:Ignorable'] ?? '').split(/\s+/).filter(Boolean));
  const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');
  // iterative, so that deep documents cannot overflow the stack
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    for (const a of Object.keys(el.attribs)) {
      if (ignorable.has(prefixOf(a)) || a === 'mc:Ignorable') delete el.attribs[a];
    }
    const kept: ChildNode[] = [];
    for (const c of el.children) {
      if (c.type !== 'tag') {
        kept.push(c);
        continue;
      }
      const e = c as Element;
      if (e.name === 'mc:AlternateContent') {
        const fallback = e.children.find((x): x is Element => x.type === 'tag' && (x as Element).name === 'mc:Fallback');
        for (const fc of fallback?.children ?? []) {
          fc.parent = el;
          kept.push(fc);
          if (fc.type === 'tag') stack.push(fc as Element);
        }
        continue;
      }
      if (ignorable.has(prefixOf(e.name))) continue;
      kept.push(e);
      stack.push(e);
    }
    el.children = kept;
  }
  return decl + render(doc, { xmlMode: true, decodeEntities: false });
}

const KNOWN_GAP = /attribute "xml:space"/;

/** validate every part of an Office Open XML package */
export const validateOoxml = async (bytes: Uint8Array): Promise<OoxmlResult> => (await validateOoxmlAll([bytes]))[0]!;

/**
 * validate every part of several packages: one xmllint per XSD and one JVM for all of them
 * (the JVM's start-up and the schemas' loading are most of a check's time; under `npm test`, the
 * run's JVM); a result per package
 */
export async function validateOoxmlAll(packages: Uint8Array[]): Promise<OoxmlResult[]> {
  const results: OoxmlResult[] = packages.map(() => ({ checked: new Map(), unchecked: [], problems: [] }));
  const dir = mkdtempSync(join(tmpdir(), 'gouji-ooxml-'));
  try {
    /** schema → the files to check against it, each with its package and part */
    const bySchema = new Map<string, { pkg: number; part: string; path: string }[]>();
    let n = 0;
    packages.forEach((bytes, pkg) => {
      const { checked, unchecked, problems } = results[pkg]!;
      const files = unzipSync(bytes);
      const ctXml = files['[Content_Types].xml'];
      if (!ctXml) {
        problems.push('[Content_Types].xml: 缺少');
        return;
      }
      const ct = contentTypes(strFromU8(ctXml));
      const add = (schema: string, part: string, text: string) => {
        const path = join(dir, `p${n++}.xml`);
        writeFileSync(path, text);
        checked.set(part, schema);
        const list = bySchema.get(schema) ?? [];
        list.push({ pkg, part, path });
        bySchema.set(schema, list);
      };
      add('opc/opc-contentTypes.xsd', '[Content_Types].xml', strFromU8(ctXml));
      for (const [part, data] of Object.entries(files)) {
        if (part === '[Content_Types].xml' || part.endsWith('/')) continue;
        const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
        const type = ct.overrides.get(part) ?? ct.defaults.get(ext);
        if (!type) {
          problems.push(`${part}: [Content_Types].xml 没有给出它的类型`);
          continue;
        }
        const schema = SCHEMA_OF[type];
        if (!schema) {
          if (NO_SCHEMA.has(type) || !/xml/.test(type)) unchecked.push(part);
          else problems.push(`${part}: 没有对应 ${type} 的架构`);
          continue;
        }
        add(schema, part, applyMarkupCompatibility(strFromU8(data)));
      }
    });
    /** a message about no file of ours belongs to every package that had files in the run */
    const report = (text: string, all: { pkg: number; part: string; path: string }[], schema: string) => {
      for (const line of text.split('\n')) {
        if (!line.trim() || / validates$/.test(line) || KNOWN_GAP.test(line.replace(/^\S+\.xml:\d+:\d+: error: /, ''))) continue;
        const p = all.find((x) => line.startsWith(x.path + ':'));
        if (p) results[p.pkg]!.problems.push(`${p.part}: ${line.slice(p.path.length)}`);
        else for (const pkg of new Set(all.map((x) => x.pkg))) results[pkg]!.problems.push(`${schema}: ${line}`);
      }
    };
    // the XSDs (content types, relationships) with xmllint; every RELAX NG schema in one JVM
    const rnc: string[] = [];
    const rncParts: { pkg: number; part: string; path: string }[] = [];
    for (const [schema, parts] of bySchema) {
      const full = join(OOXML_SCHEMAS, schema);
      if (schema.endsWith('.xsd')) {
        const run = spawnSync('xmllint', ['--noout', '--schema', full, ...parts.map((p) => p.path)], { encoding: 'utf8', maxBuffer: 64 << 20 });
        report(`${run.stdout}\n${run.stderr}`, parts, schema);
      } else {
        rnc.push('-s', full, ...parts.map((p) => p.path));
        rncParts.push(...parts);
      }
    }
    if (rnc.length) {
      const run = await jing(rnc);
      if (run.error || (run.status !== 0 && run.status !== 1)) for (const r of results) r.problems.push(`jing: ${run.error ?? ''} ${run.output}`);
      report(run.output, rncParts, 'jing');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** a copy of the package with one part changed (to prove the validator can fail) */
export function withPart(bytes: Uint8Array, part: string, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[part] = strToU8(change(strFromU8(files[part]!)));
  return zipSync(files);
}
