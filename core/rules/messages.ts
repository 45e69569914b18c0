/** The one table of Chinese words for findings. Problems are data; the words come last, here. */
import type { Output } from '../findings.ts';
import { cellInfo, t3Id } from '../format/cells.ts';
import { cellName, t3ColumnName, t3RowName, t4BlockName } from '../format/names.ts';
import { FORMAT_SHORT, FORMAT_ZH, formatOfYear, SECTION_TITLES } from '../format/facts.ts';
import { FORMATS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { RuleInstance } from './definitions.ts';
import { figureOf } from './figures.ts';
import type { Evaluation, Lookup, SideValue } from './evaluate.ts';

const t3RowShort = (format: FormatId, key: string) => FORMATS[format].t3Rows.find((r) => r.key === key)?.short ?? key;

export const fmt = (v: number | null): string => (v === null ? '（空）' : Number.isInteger(v) ? String(v) : String(+v.toFixed(6)));

const colName = (key: string) => t3ColumnName(key);
const t2RowName = (at: string) => (at === 'regulation' ? '规章' : '规范性文件');

/** what each rule checks, in words, for its locus: the 校验 sheet's 说明 and the start of every message */
export const RULE_TITLES: Record<string, (format: FormatId, at: string) => string> = {
  'R3.1': (_f, at) => `表三“${colName(at)}”列：一、本年新收与二、上年结转之和，应等于（七）总计与四、结转下年度之和`,
  'R3.2': (_f, at) => `表三“${colName(at)}”列：（七）总计应等于各项办理结果之和`,
  'R3.3': (f, at) => `表三“${t3RowName(f, at)}”行：总计应等于各类申请人之和`,
  'R3.4': () => `表三的数字应为非负整数`,
  'R3.5': (_f, at) => `表三“${colName(at)}”列：若一、二两项之和与三、四两项之和不等，而各项办理结果之和加结转下年度恰好等于新收加结转，则是（七）总计一行填错`,
  'R4.1': (_f, at) => `表四“${t4BlockName(at)}”：总计应等于结果维持、结果纠正、其他结果、尚未审结之和`,
  'R4.2': (_f, at) => `表四“${t4BlockName(at)}”：总计应等于结果维持、结果纠正、其他结果、尚未审结之和`,
  'R4.3': (_f, at) => `表四“${t4BlockName(at)}”：总计应等于结果维持、结果纠正、其他结果、尚未审结之和`,
  'R4.4': () => `表四的数字应为非负整数`,
  'R2.1': () => `表二的数字应为非负整数（本年增/减可为负，金额可有小数）`,
  'R2.2': (_f, at) => `表二“${t2RowName(at)}”：现行有效件数应不少于本年制发件数减本年废止件数`,
  'R2.4': (_f, at) => `表二“${t2RowName(at)}”：对外公开总数量应不少于本年新公开数量`,
  'R2.5': () => `表二“政府集中采购”：有采购总金额时，采购项目数量不应为 0 或空`,
  'R3.6': (_f, at) => `表三“${colName(at)}”列：本年“二、上年结转”应等于上一年年报的“四、结转下年度”`,
  'R2.3': (_f, at) => `表二“${t2RowName(at)}”：本年现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数`,
  'Y1': (_f, at) => `“${figureOf(at).label}”与上年相比变化过大（增至 5 倍以上或减至五分之一以下，且较大的一年不少于 10）`,
};

/** the name of a cell inside its sum: the row for a column rule, the column for a row rule */
function termName(format: FormatId, r: RuleInstance, id: CellId): string {
  const info = cellInfo(format, id);
  if (r.rule === 'R3.3' || r.rule.startsWith('R4.')) return info.column.short;
  if (info.table === 't3') return t3RowShort(format, info.row);
  return info.column.short;
}

/** “予以公开 9、部分公开 5，其余为 0” — the parts that are not 0, the zeros counted */
function parts(format: FormatId, r: RuleInstance, cells: CellId[], get: Lookup): string {
  const shown: string[] = [];
  let zeros = 0;
  let blanks = 0;
  for (const id of cells) {
    const v = get(id);
    if (v === 0 && cells.length > 4) zeros++;
    else if (v === null && cells.length > 4) blanks++;
    else shown.push(`${termName(format, r, id)} ${fmt(v)}`);
  }
  const rest = [zeros && shown.length ? '其余为 0' : '', blanks ? `${blanks} 项空格` : ''].filter(Boolean);
  const text = [shown.join('、'), ...rest].filter(Boolean).join('，');
  return text ? `（${text}）` : '';
}

/** a side's value in the sentence: its sum, or what is known of it when a cell is blank */
const sum = (s: SideValue) => (s.partial ? `已知部分 ${fmt(s.known)}` : fmt(s.known));

/**
 * The sentence of a broken rule, numbers in it: one sentence for every output (the terminal,
 * the pane, the sheets and the notices say the same; only a cause's lead line asks, in a notice).
 */
export function ruleMessage(format: FormatId, r: RuleInstance, e: Evaluation, get: Lookup, _output: Output = 'sheet'): string {
  switch (r.kind) {
    case 'equation': {
      const L = e.left!;
      const R = e.right!;
      const gap = L.partial || R.partial ? '；有空格，但已知部分已超出，填什么都不能相等' : `，相差 ${fmt(Math.abs(L.known - R.known))}`;
      const v = (id: CellId) => fmt(get(id));
      const c = (row: string) => t3Id(row, r.at);
      switch (r.rule) {
        case 'R3.1':
          return `表三“${colName(r.at)}”列：本年新收 ${v(c('new_received'))} 加上年结转 ${v(c('carried_in'))}，为 ${sum(L)}；（七）总计 ${v(c('results_total'))} 加结转下年度 ${v(c('carried_out'))}，为 ${sum(R)}${gap}。`;
        case 'R3.2':
          return `表三“${colName(r.at)}”列：（七）总计为 ${sum(L)}，各项办理结果之和为 ${sum(R)}${parts(format, r, r.right, get)}${gap}。`;
        case 'R3.3':
          return `表三“${t3RowName(format, r.at)}”行：总计为 ${sum(L)}，各类申请人之和为 ${sum(R)}${parts(format, r, r.right, get)}${gap}。`;
        case 'R3.5':
          return `表三“${colName(r.at)}”列：各项办理结果之和 ${fmt(R.known - (get(c('carried_out')) ?? 0))} 加结转下年度，恰好等于本年新收加上年结转（${sum(L)}），所以是（七）总计一行填错或漏填，而非收支不平。`;
        case 'R2.2':
          return `表二“${t2RowName(r.at)}”：现行有效件数 ${v(r.left[0]!)}，少于本年制发件数 ${v(r.right[0]!)} 减本年废止件数 ${v(r.left[1]!)}。`;
        case 'R2.4':
          return `表二“${t2RowName(r.at)}”：对外公开总数量 ${sum(L)}，少于本年新公开数量 ${sum(R)}。`;
        default:
          // R4.1–R4.3
          return `表四“${t4BlockName(r.at)}”：总计为 ${sum(L)}，而${r.right.map((id) => `${termName(format, r, id)} ${v(id)}`).join('、')}，之和为 ${sum(R)}${gap}。`;
      }
    }
    case 'value': {
      const want = r.valueKind === 'amount' ? '不小于 0 的金额' : r.valueKind === 'signed' ? '整数' : '非负整数';
      return `${cellName(format, r.cell)}为 ${fmt(get(r.cell))}，应为${want}。`;
    }
    case 'amount_without_count': {
      const c = get(r.count);
      return `表二“政府集中采购”：采购总金额 ${fmt(get(r.amount))} 元，采购项目数量却为 ${c === null ? '空' : fmt(c)}。`;
    }
    case 'jump':
      return `${RULE_TITLES[r.rule]?.(format, r.at) ?? r.rule}：上年 ${fmt(e.right?.known ?? null)}，本年 ${fmt(e.left?.known ?? null)}。`;
  }
}

// ------------------------------------------------------------------ structural findings

// the section titles are a fact of the format (format/facts.ts); re-exported for the reader
export { SECTION_TITLES };

export const MESSAGES = {
  S1_missing: (n: number) => `缺少第${n}部分“${SECTION_TITLES[n - 1]}”。`,
  S1_order: (n: number) => `第${n}部分“${SECTION_TITLES[n - 1]}”的位置不对：六个部分应按一至六的顺序排列。`,
  S2_absent: (name: string) => `${name}整行缺失：这一行的数字都按空处理。`,
  S2_short: (name: string, got: number, want: number) =>
    `${name}只有 ${got} 个数字，应有 ${want} 个：丢失的格子按空处理，已有数字从左起依次填入。`,
  S2_extra: (name: string, got: number, want: number) => `${name}有 ${got} 个数字，多于应有的 ${want} 个：多出的未读入。`,
  S3_blank: (name: string) => `${name}为空格：不按 0 计，相关勾稽关系无法判断。`,
  S3_na: (name: string, written: string) => `${name}填写为“${written}”（不适用），按空处理。`,
  S4_noYear: () => `标题没有写明报告年度。`,
  S4_unitFrom: (where: string, unit: string) => `没有找到报告标题：单位名称“${unit}”取自${where}，请核对。`,
  S4_mismatch: (title: number, period: number) => `标题写的是 ${title} 年，正文的统计期限却是 ${period} 年。`,
  S5: (format: FormatId, year: number) =>
    `按表格判断为 ${FORMAT_ZH[format]}，` +
    `与报告年度 ${year} 年应使用的 ${FORMAT_SHORT[formatOfYear(year)]}格式不符。`,
  R2_6_yuanUnderWan: (name: string, written: string) => `${name}写作“${written}”，单位是元，而表头的单位是万元。`,
  R2_6_tooLarge: (name: string, v: number) => `${name}为 ${fmt(v)} 万元（${fmt(v / 10000)} 亿元），对乡镇（街道）而言不合常理，可能把“元”当成了“万元”。`,
  ambiguous: (name: string) => `${name}的列位置无法从原文确定：本行丢失了格子，已有数字可能属于其他列。`,
  /** a cell of 表三 read from PDF text's blocks (numbers in order, no labels) whose place the rules do not settle */
  pdfT3Unsure: (name: string, could: (number | null)[]) =>
    `${name}：PDF 文字中表三的数字按顺序排列、没有标签，可能读作 ${could.map((v) => (v === null ? '空' : v)).join('、')}，无法确定：请核对原表。`,
  /** a cell of 表二 in a block of PDF text whose order is not provable */
  pdfT2Unsure: (name: string, could: (number | null)[]) =>
    `${name}：PDF 文字中表二的数字与标签交错、次序在分页处可能错开${could.length ? `，可能是 ${could.map((v) => (v === null ? '空' : v)).join('、')} 中的一个` : ''}，无法确定：请核对原表。`,
  unplaced: (name: string) => `${name}的一端是空格，数字从哪一列开始无法从原文确定：可能属于相邻的列，请对照原表核实。`,
  rowShift: (name: string, neighbour: string, line?: number) =>
    `${name}的数字属于哪一行无法从原文确定：${neighbour}没有读到数字，${line ? `第 ${line} 行又有一行没有行名的数字，` : ''}本行读到的数字可能是${neighbour}的。请对照原表核实。`,
  strayNumbers: (line: number) => `第 ${line} 行的数字没能对应到表格中的任何一行，未读入。`,
  moreStrays: (count: number, from: number) => `另有 ${count} 行数字（从第 ${from} 行起）没能对应到表格中的任何一行，未读入。`,
  otherAsOneRow: (line: number) =>
    `第 ${line} 行是 2019 年版的单一“（六）其他处理”行，而本表是 2021 年版（应分三行）：这一行的数字不拆分到三行，三行按缺失处理。`,
  splitsAllBreak: (digits: string, line: number, splits: string, more: number) =>
    `第 ${line} 行的数字连在一起（${digits.length > 40 ? digits.slice(0, 40) + '…' : digits}），每一种拆法都不满足勾稽关系，无论原表是哪种拆法本行都有错：${splits}${more > 0 ? `；另有 ${more} 种拆法，同样不成立` : ''}。这一行按空处理，请核对原表。`,
  unsplittable: (digits: string, line: number) =>
    `第 ${line} 行的数字连在一起（${digits.length > 40 ? digits.slice(0, 40) + '…' : digits}），没有一种拆法能满足勾稽关系：这一行按空处理，请核对原文。`,
} as const;
