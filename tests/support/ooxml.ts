/**
 * Every part of an .xlsx or .docx checked against the ECMA-376 transitional schemas in
 * ../shared/ooxml-schemas: RELAX NG (jing) by the part's content type, the OPC XSDs (xmllint)
 * for [Content_Types].xml and the .rels. Markup compatibility first, as Office does: what the
 * part lists in mc:Ignorable is dropped. The one known gap of the translation (xml:space on
 * text elements) is not counted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

const SCHEMAS = new URL('../../../shared/ooxml-schemas/', import.meta.url).pathname;

const BY_TYPE: [RegExp, string][] = [
  [/spreadsheetml\.worksheet\+xml$/, 'SpreadsheetML_Worksheet.rnc'],
  [/spreadsheetml\.sheet\.main\+xml$/, 'SpreadsheetML_Workbook.rnc'],
  [/spreadsheetml\.styles\+xml$/, 'SpreadsheetML_Styles.rnc'],
  [/spreadsheetml\.sharedStrings\+xml$/, 'SpreadsheetML_Shared_String_Table.rnc'],
  [/wordprocessingml\.document\.main\+xml$/, 'WordprocessingML_Main_Document.rnc'],
  [/wordprocessingml\.styles\+xml$/, 'WordprocessingML_Style_Definitions.rnc'],
  [/wordprocessingml\.numbering\+xml$/, 'WordprocessingML_Numbering_Definitions.rnc'],
  [/wordprocessingml\.settings\+xml$/, 'WordprocessingML_Document_Settings.rnc'],
  [/wordprocessingml\.fontTable\+xml$/, 'WordprocessingML_Font_Table.rnc'],
  [/wordprocessingml\.footnotes\+xml$/, 'WordprocessingML_Footnotes.rnc'],
  [/wordprocessingml\.endnotes\+xml$/, 'WordprocessingML_Endnotes.rnc'],
  [/wordprocessingml\.comments\+xml$/, 'WordprocessingML_Comments.rnc'],
  [/wordprocessingml\.header\+xml$/, 'WordprocessingML_Header.rnc'],
  [/wordprocessingml\.footer\+xml$/, 'WordprocessingML_Footer.rnc'],
  [/officedocument\.theme\+xml$/, 'DrawingML_Theme.rnc'],
  [/extended-properties\+xml$/, 'Shared_Extended_File_Properties.rnc'],
  [/custom-properties\+xml$/, 'Shared_Custom_File_Properties.rnc'],
];

export const jingSkip = (): string | false => (spawnSync('jing', [], { encoding: 'utf8' }).error ? 'jing is not installed (Debian package jing)' : false);

/** drop what mc:Ignorable lists, keep mc:Fallback of mc:AlternateContent */
export function markupCompatible(xml: string): string {
  const ign = /mc:Ignorable="([^"]*)"/.exec(xml)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  let s = xml.replace(/<mc:AlternateContent\b[^>]*>[\s\S]*?<mc:Fallback>([\s\S]*?)<\/mc:Fallback>[\s\S]*?<\/mc:AlternateContent>/g, '$1');
  for (const p of ign) {
    s = s.replace(new RegExp(`<${p}:(\\w+)\\b[^>]*?/>`, 'g'), '').replace(new RegExp(`<${p}:(\\w+)\\b[^>]*>[\\s\\S]*?</${p}:\\1>`, 'g'), '');
    s = s.replace(new RegExp(`\\s${p}:[\\w-]+="[^"]*"`, 'g'), '');
  }
  return s.replace(/\smc:Ignorable="[^"]*"/, '');
}

/** the messages of every part that fails its schema (empty when all hold), and how many parts were checked */
export function validatePackage(bytes: Uint8Array, label = 'package'): { checked: number; errors: string[] } {
  const files = unzipSync(bytes);
  const types = strFromU8(files['[Content_Types].xml']!);
  const attr = (el: string, a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(el)?.[1] ?? '';
  const overrides = new Map([...types.matchAll(/<Override\b[^>]*>/g)].map((m) => [attr(m[0], 'PartName').slice(1), attr(m[0], 'ContentType')]));
  const defaults = new Map([...types.matchAll(/<Default\b[^>]*>/g)].map((m) => [attr(m[0], 'Extension').toLowerCase(), attr(m[0], 'ContentType')]));
  const dir = mkdtempSync(join(tmpdir(), 'gouji-ooxml-'));
  const errors: string[] = [];
  let checked = 0;
  try {
    for (const [name, data] of Object.entries(files)) {
      if (name.endsWith('/')) continue;
      const type = overrides.get(name) ?? defaults.get(name.split('.').pop()!.toLowerCase()) ?? '';
      const file = join(dir, name.replace(/[\/\[\]]/g, '_'));
      let cmd: [string, string[]] | null = null;
      if (name === '[Content_Types].xml') cmd = ['xmllint', ['--noout', '--schema', join(SCHEMAS, 'opc/opc-contentTypes.xsd'), file]];
      else if (name.endsWith('.rels')) cmd = ['xmllint', ['--noout', '--schema', join(SCHEMAS, 'opc/opc-relationships.xsd'), file]];
      // its XSD imports the Dublin Core schemas from the web, which are not here: well-formed only
      else if (/core-properties\+xml$/.test(type)) cmd = ['xmllint', ['--noout', file]];
      else {
        const rnc = BY_TYPE.find(([re]) => re.test(type))?.[1];
        if (!rnc) {
          errors.push(`${label} ${name}: no schema for content type ${type || '(none)'}`);
          continue;
        }
        cmd = ['jing', ['-c', join(SCHEMAS, rnc), file]];
      }
      writeFileSync(file, markupCompatible(strFromU8(data)));
      const r = spawnSync(cmd[0], cmd[1], { encoding: 'utf8' });
      checked++;
      const out = `${r.stdout}${r.stderr}`
        .split('\n')
        .filter((l) => l.trim() && !/validates$/.test(l) && !/^\[warning\]/.test(l) && !/found attribute "xml:space"/.test(l));
      if (r.status !== 0 && out.length) errors.push(...out.map((l) => `${label} ${name}: ${l.replace(file, '')}`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { checked, errors };
}
