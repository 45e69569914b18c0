/**
 * The county's report tables as a Word document: the title, sections 二–四 with their standard
 * sentences (sentences.ts), and 表二, 表三, 表四 in the national template's layout — merged
 * headers as the template draws them (the table model the generator renders from) — on A4,
 * 仿宋 for the text and 宋体 in the tables. A blank cell stays blank and is named in a note.
 * Written with the `docx` package; bytes come back as a Uint8Array in node and the browser.
 */
import {
  AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, VerticalMergeType, WidthType,
} from 'docx';
import { cellInfo } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Doc } from '../generate/model.ts';
import { table2, table3, table4, type NumberStyle, type TTable } from '../generate/tablemodel.ts';
import { recomputeSummary, type CountySummary, type StandardSheet } from '../sheet/recompute.ts';
import { standardSentences } from './sentences.ts';

export interface CountyTablesInput {
  name: string;
  year: number;
  format: FormatId;
  values: Record<CellId, number | null>;
  /** how the numbers were obtained, said in the note */
  how: string;
}

const STYLE: NumberStyle = {
  thousands: false, plusSign: false, procurementWan: false, wanHeader: '', yuanSuffix: false, yuanDecimals: false, label: (t) => t,
};

const BODY_FONT = '仿宋';
const TABLE_FONT = '宋体';
/** A4 in twentieths of a point, margins 2 cm */
const PAGE = { width: 11906, height: 16838, margin: 1134 };

const run = (text: string, opts: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: { eastAsia: opts.font ?? BODY_FONT, ascii: opts.font ?? BODY_FONT, hAnsi: opts.font ?? BODY_FONT }, size: opts.size ?? 32, bold: opts.bold ?? false });

const para = (text: string, opts: { font?: string; size?: number; bold?: boolean; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    children: [run(text, opts)],
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
    ...(opts.indent ? { indent: { firstLine: 640 } } : {}),
    spacing: { line: 360 },
  });

/** a table of the model as Word tables it: gridSpan across, vMerge down */
function wordTable(t: TTable, size: number): Table {
  const usable = PAGE.width - 2 * PAGE.margin;
  // label columns wider than number columns, as the template has them
  const weights = t.name === 't2' ? [3, 2, 2, 2] : t.name === 't3' ? [1.3, 1.3, 2.4, ...Array(7).fill(1)] : Array(t.width).fill(1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((usable * w) / total));
  const spanWidth = (from: number, span: number) => widths.slice(from, from + span).reduce((a, b) => a + b, 0);
  // where each cell starts on the grid, to find the cell a continuation continues
  const starts = t.rows.map((r) => {
    let x = 0;
    return r.cells.map((c) => {
      const at = x;
      x += c.span;
      return at;
    });
  });
  const rows = t.rows.map((r, ri) =>
    new TableRow({
      children: r.cells.map((c, ci) => {
        const at = starts[ri]![ci]!;
        const next = t.rows[ri + 1];
        const continued = next?.cells.some((n, k) => n.cont && starts[ri + 1]![k] === at) ?? false;
        const merge = c.cont ? VerticalMergeType.CONTINUE : continued ? VerticalMergeType.RESTART : undefined;
        return new TableCell({
          columnSpan: c.span,
          ...(merge ? { verticalMerge: merge } : {}),
          verticalAlign: VerticalAlign.CENTER,
          width: { size: spanWidth(at, c.span), type: WidthType.DXA },
          children: [new Paragraph({ alignment: c.value ? AlignmentType.CENTER : AlignmentType.LEFT, children: c.cont ? [] : [run(c.text, { font: TABLE_FONT, size })] })],
        });
      }),
    }),
  );
  return new Table({ rows, width: { size: spanWidth(0, t.width), type: WidthType.DXA }, columnWidths: widths });
}

/** amounts summed in floating point: as many decimals as a report writes */
const tidy = (values: Record<CellId, number | null>) =>
  Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v === null ? null : Number(v.toFixed(6))]));

/** the cells left blank, in the words of the tables */
export function blankNote(format: FormatId, values: Record<CellId, number | null>): string | null {
  const blanks = Object.entries(values).filter(([, v]) => v === null).map(([id]) => id);
  if (!blanks.length) return null;
  const names = blanks.slice(0, 12).map((id) => cellInfo(format, id).name);
  return `注：以下 ${blanks.length} 个格子在汇总中为空（有单位未填），表中照样留空，未按 0 计：${names.join('；')}${blanks.length > 12 ? ' 等' : ''}。`;
}

export async function countyTablesDocx(input: CountyTablesInput): Promise<Uint8Array> {
  const values = tidy(input.values);
  const doc: Doc = {
    unit: { name: input.name, kind: 'county', county: input.name },
    year: input.year,
    format: input.format,
    values,
    titleHasYear: true,
    omitSection: null,
    lost: null,
    prose: { general: [], problems: [], other: [] },
  };
  const s = standardSentences(input.format, values);
  const heading = (t: string) => para(t, { font: '黑体', size: 32 });
  const children: (Paragraph | Table)[] = [
    para(`${input.name}${input.year}年政府信息公开工作年度报告`, { font: '宋体', size: 44, bold: true, center: true }),
    para(`（统计表格部分：${input.how}）`, { center: true, size: 24 }),
    heading(s[2].title),
    ...s[2].paragraphs.map((p) => para(p, { indent: true })),
    wordTable(table2(doc, STYLE), 21),
    heading(s[3].title),
    ...s[3].paragraphs.map((p) => para(p, { indent: true })),
    wordTable(table3(doc, STYLE), 18),
    heading(s[4].title),
    ...s[4].paragraphs.map((p) => para(p, { indent: true })),
    wordTable(table4(doc, STYLE), 16),
  ];
  const note = blankNote(input.format, values);
  if (note) children.push(para(note, { size: 24 }));
  const d = new Document({
    styles: { default: { document: { run: { font: BODY_FONT } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } }, children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(d));
}

/**
 * The county's tables from a workbook's standard sheets, for every door (`gouji tables`, the
 * pane's button): 汇总 recomputed from the unit sheets' numbers (core/sheet/recompute.ts), never
 * its cached results; null when the workbook has no 汇总.
 */
export async function countyTablesFromSheets(sheets: StandardSheet[], summed?: string[]): Promise<{ county: CountySummary; bytes: Uint8Array } | null> {
  const county = recomputeSummary(sheets, summed);
  if (!county) return null;
  const bytes = await countyTablesDocx({
    name: county.name,
    year: county.year,
    format: county.format,
    values: county.values,
    how: `${county.members.length} 个单位之和，按各单位工作表重新计算`,
  });
  return { county, bytes };
}
