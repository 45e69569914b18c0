/**
 * A generated report as a Word document: a minimal but valid WordprocessingML package
 * ([Content_Types].xml, _rels/.rels, word/document.xml) with the tables merged as Word
 * merges them (w:gridSpan across, w:vMerge down), text split into runs the way Word splits it.
 */
import { strToU8, zipSync } from 'fflate';
import { placeCells } from './merges.ts';
import type { Rng } from './random.ts';
import type { Writer } from './render.ts';
import type { TCell, TTable } from './tablemodel.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const t = (s: string) => `<w:t xml:space="preserve">${esc(s)}</w:t>`;

/** run properties: East Asian text, bold, a size in half-points (none: the document's default) */
const rPr = (bold = false, size?: number) => `<w:rPr><w:rFonts w:hint="eastAsia"/>${bold ? '<w:b/>' : ''}${size ? `<w:sz w:val="${size}"/>` : ''}</w:rPr>`;

/** text as Word stores it: runs split where formatting or proofing marks fell, a bookmark here and there */
function runs(rng: Rng, s: string, bold = false, size?: number): string {
  const pr = rPr(bold, size);
  const pieces: string[] = [];
  let rest = s;
  while (rest.length > 4 && rng.chance(0.35)) {
    const at = rng.int(1, rest.length - 1);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces
    .map((p, i) => (i && rng.chance(0.3) ? '<w:proofErr w:type="spellStart"/>' : '') + `<w:r>${pr}${t(p)}</w:r>`)
    .join(rng.chance(0.1) ? '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' : '');
}

const para = (body: string, ppr = '') => `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}${body}</w:p>`;

/** the page's text width (A4, the margins of documentXml) in twentieths of a point */
const TEXT_WIDTH = 11906 - 1474 - 1588;
/** a column's width where the table fits at it; a wider table (表四's fifteen columns) is narrowed to the page */
const COLUMN = 800;
/** the small type (小五, 9 pt) real reports set a narrowed table in, its header words wrapped two characters a line */
const SMALL = 18;

function cellXml(rng: Rng, c: TCell, rows: number, col: number, size?: number): string {
  const pr =
    (c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : '') + (c.cont ? '<w:vMerge/>' : rows > 1 ? '<w:vMerge w:val="restart"/>' : '') + '<w:vAlign w:val="center"/>';
  let body: string;
  if (c.cont || c.text === '') body = para('', '<w:jc w:val="center"/>');
  else if (!c.value && c.text.length >= 6 && c.text.length <= 12 && rng.chance(0.2)) {
    // a header Word was told to break: a line break inside the cell's paragraph
    body = para(`<w:r>${size ? rPr(false, size) : ''}${t(c.text.slice(0, 3))}<w:br/>${t(c.text.slice(3))}</w:r>`, '<w:jc w:val="center"/>');
  } else if (!c.value && c.text.length > 20 && rng.chance(0.5)) {
    // a long note typed as two paragraphs in its cell
    const at = Math.floor(c.text.length / 2);
    body = para(runs(rng, c.text.slice(0, at), false, size)) + para(runs(rng, c.text.slice(at), false, size));
  } else body = para(runs(rng, c.text, false, size), '<w:jc w:val="center"/>');
  return `<w:tc><w:tcPr><w:tcW w:w="${col * c.span}" w:type="dxa"/>${pr}</w:tcPr>${body}</w:tc>`;
}

function table(rng: Rng, tb: TTable): string[] {
  // a table as wide as the page allows, as real reports fit 表四: narrow columns, small type, thin cell margins
  const col = Math.min(COLUMN, Math.floor(TEXT_WIDTH / tb.width));
  const narrow = col < COLUMN;
  const size = narrow ? SMALL : undefined;
  const margins = narrow ? '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>' : '';
  const out = [
    '<w:tbl>',
    `<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>${margins}</w:tblPr>`,
    `<w:tblGrid>${`<w:gridCol w:w="${col}"/>`.repeat(tb.width)}</w:tblGrid>`,
  ];
  for (const row of placeCells(tb)) {
    const covered = row.reduce((n, p) => n + p.cell.span, 0);
    // a row that lost a cell ends early: Word records the missing grid columns as gridAfter
    const trPr = covered < tb.width ? `<w:trPr><w:gridAfter w:val="${tb.width - covered}"/></w:trPr>` : '';
    out.push(`<w:tr>${trPr}${row.map((p) => cellXml(rng, p.cell, p.rows, col, size)).join('')}</w:tr>`);
  }
  out.push('</w:tbl>');
  // Word keeps a paragraph after every table
  out.push(para(''));
  return out;
}

export function docxWriter(rng: Rng): Writer {
  const indent = '<w:ind w:firstLineChars="200" w:firstLine="640"/>';
  return {
    title: (lines) => lines.map((l) => para(runs(rng, l, true), '<w:jc w:val="center"/>')),
    heading: (text) => [para(runs(rng, text, true), indent)],
    para: (text) => [para(runs(rng, text), indent), ...(rng.chance(0.1) ? [para('')] : [])],
    table: (tb) => table(rng, tb),
  };
}

/** the body's paragraphs and tables → word/document.xml */
export function documentXml(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>\n${body}\n` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

/** a footer with the page number alone, centred (a PAGE field), as many reports print it */
const FOOTER =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>';

const FOOTER_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' +
  '</Relationships>';

export interface DocxOptions {
  /** page numbers in the footer (a PDF made from it then has a number at each page's foot) */
  pageNumbers?: boolean;
}

/** word/document.xml → the bytes of a .docx file */
export function docxPackage(documentXmlText: string, opts: DocxOptions = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(documentXmlText),
  };
  if (opts.pageNumbers) {
    files['[Content_Types].xml'] = strToU8(
      CONTENT_TYPES.replace(
        '</Types>',
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>',
      ),
    );
    // the footer reference comes first in the section's properties
    files['word/document.xml'] = strToU8(documentXmlText.replace('<w:sectPr>', '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>'));
    files['word/_rels/document.xml.rels'] = strToU8(FOOTER_RELS);
    files['word/footer1.xml'] = strToU8(FOOTER);
  }
  return zipSync(files, { level: 6, mtime: new Date(2024, 0, 1) });
}
