/**
 * 退回修改通知: one Word document per unit with problems, from the problem list
 * (round/problems.ts) — the unit, the report, each problem in plain words with its table
 * and cell, and a closing line with the deadline. Official register: A4 with the margins of
 * 党政机关公文格式 (GB/T 9704), title in 宋体 bold, body in 仿宋 三号 at a fixed 28-point line.
 * Written with the `docx` package; bytes come from Packer.toArrayBuffer, which runs in the
 * browser as in node.
 */
import { AlignmentType, Document, LevelFormat, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import type { Problem } from '../round/problems.ts';

export interface NoticeInput {
  unit: string;
  year: number;
  /** the county (or office) that consolidates */
  county: string;
  problems: Problem[];
  /** 2025-03-15, 2025年3月15日, or free words; absent: 尽快 */
  deadline?: string;
  /** who signs; default `${county}政府信息公开工作主管部门` */
  sender?: string;
  date: Date;
}

const BODY = '仿宋';
const TITLE = '宋体';
/** 三号 = 16 pt; docx sizes are half-points */
const SIZE = 32;
const TITLE_SIZE = 44;
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** 1 mm in twips */
const MM = 56.7;

export const chineseDate = (d: Date): string => `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;

/** 2025-03-15 or 2025/3/15 → 2025年3月15日; other words stay as written */
export function deadlineText(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : s.trim();
}

const run = (text: string, opts: { bold?: boolean; font?: string; size?: number } = {}) =>
  new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? SIZE, font: { ascii: opts.font ?? BODY, eastAsia: opts.font ?? BODY, hAnsi: opts.font ?? BODY } });

const para = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ children: [run(text)], spacing: LINE, alignment: opts.align ?? AlignmentType.JUSTIFIED, indent: opts.indent === false ? undefined : { firstLine: 640 } });

/** one problem in one sentence: where (table, cell, source line), what, how to fix */
export function problemSentence(p: Problem): string {
  const where = p.table === '正文' ? '正文' : `${p.place || p.table}（标准表 ${p.address.replace(/ 等$/, '')} 格${p.address.endsWith(' 等') ? '等' : ''}）`;
  const quote = p.quote.replace(/\s+/g, ' ');
  const line = p.line !== null ? `，原文第 ${p.line} 行“${quote.length > 40 ? quote.slice(0, 40) + '…' : quote}”` : '';
  return `${where}${line}：${p.what.replace(/[。；]$/, '')}。${p.fix}`;
}

export function noticeDocument(n: NoticeInput): Document {
  const sender = n.sender ?? `${n.county}政府信息公开工作主管部门`;
  const deadline = n.deadline ? `于${deadlineText(n.deadline)}前` : '尽快';
  const report = `《${n.unit}${n.year}年政府信息公开工作年度报告》`;
  const items = n.problems.map(
    (p) => new Paragraph({ children: [run(problemSentence(p))], numbering: { reference: 'problems', level: 0 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED }),
  );
  return new Document({
    creator: sender,
    title: `关于退回${report}修改的通知`,
    styles: { default: { document: { run: { font: BODY, size: SIZE } } } },
    numbering: {
      config: [
        {
          reference: 'problems',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 0, firstLine: 640 } }, run: { font: BODY, size: SIZE } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        children: [
          new Paragraph({ children: [run(`关于退回${report}修改的通知`, { bold: true, font: TITLE, size: TITLE_SIZE })], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 560 } }),
          para(`${n.unit}：`, { indent: false, align: AlignmentType.LEFT }),
          para(`你单位报送的${report}经核对，发现以下 ${n.problems.length} 处问题，现退回修改：`),
          ...items,
          para(`请对照上述问题逐项核实、修改，${deadline}将修改后的年度报告重新报送。如有疑问，请及时联系。`),
          new Paragraph({ children: [], spacing: LINE }),
          para(sender, { indent: false, align: AlignmentType.RIGHT }),
          para(chineseDate(n.date), { indent: false, align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
}

export async function noticeBytes(n: NoticeInput): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(noticeDocument(n)));
}

/** the file name of a unit's notice: no characters a file system refuses */
export const noticeFileName = (unit: string): string => `${unit.replace(/[\\/:*?"<>|\s]+/g, '_')}-退回修改通知.docx`;

/** the problems a notice names: errors and warnings still there and still to fix, by unit in list order */
export function noticeUnits(problems: Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    // 提示 (R3.5, N8) explain or hint; a notice sends back what is wrong
    if (!p.current || p.status !== '待整改' || p.severity === 'info') continue;
    out.set(p.unit, [...(out.get(p.unit) ?? []), p]);
  }
  return out;
}
