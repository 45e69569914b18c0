/** The Chinese words of the N findings: the phrase quoted with its line, then the table's side. */
import { cellInfo } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import { fmt } from '../rules/messages.ts';

const quote = (line: number, phrase: string) => `正文第 ${line} 行“${phrase}”`;

export function cellNames(format: FormatId, cells: CellId[]): string {
  return cells.map((id) => cellInfo(format, id).name).join('与');
}

export const NARRATIVE_MESSAGES = {
  /** `table` null: a cell is blank and the known part (`known`) already exceeds the text's figure */
  mismatch: (format: FormatId, line: number, phrase: string, about: string, value: number, cells: CellId[], table: number | null, known: number) =>
    `${quote(line, phrase)}所述${about}为 ${fmt(value)}，而${cellNames(format, cells)}${cells.length > 1 ? '之和' : ''}${
      table === null ? `的已知部分已达 ${fmt(known)}` : `为 ${fmt(table)}`
    }，正文与表格不符。`,
  /** one message for a list: what it says, then each way it fails */
  list: (line: number, phrase: string | null, listLine: number, items: string, problems: string[]) =>
    `${phrase !== null ? `${quote(line, phrase)}，` : ''}${listLine !== line || phrase === null ? `第 ${listLine} 行` : ''}分类列举（${items}）：${problems.join('；')}。`,
  listCounts: (total: number, sum: number, n: number) => `所列 ${n} 类的条数合计 ${fmt(sum)}，与所述总数 ${fmt(total)} 不符`,
  listPercent: (pctSum: number) => `各类的百分比合计 ${fmt(pctSum)}%，应为 100%（允许 ±1）`,
  twice: (about: string, a: { line: number; phrase: string; value: number }, b: { line: number; phrase: string; value: number }) =>
    `正文两处所述${about}不一致：${quote(a.line, a.phrase)}为 ${fmt(a.value)}，${quote(b.line, b.phrase)}为 ${fmt(b.value)}。`,
  overHundred: (line: number, phrase: string) => `${quote(line, phrase)}：比率超过 100%，请核实。`,
};
