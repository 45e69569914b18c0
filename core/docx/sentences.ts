/**
 * The standard sentences of sections 二–四 of a report, stated from the table values they
 * describe, so that the prose agrees with the tables by construction (N1–N5), with no list of
 * percentages (N6) and no figure said twice (N7). A blank figure is left out of the sentence,
 * never said as 0; the caller names it in a note.
 */
import { t2Id, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';

export interface Sections {
  /** section number (2–4) → its heading and paragraphs */
  2: { title: string; paragraphs: string[] };
  3: { title: string; paragraphs: string[] };
  4: { title: string; paragraphs: string[] };
}

const n = (v: number) => (Number.isInteger(v) ? String(v) : String(+v.toFixed(4)));

export function standardSentences(format: FormatId, values: Record<CellId, number | null>): Sections {
  const v = (id: CellId) => values[id] ?? null;
  const sumOf = (ids: CellId[]) => (ids.some((id) => v(id) === null) ? null : ids.reduce((s, id) => s + v(id)!, 0));
  const clauses = (parts: [string, number | null, string?][]) =>
    parts.filter(([, x]) => x !== null).map(([words, x, unit]) => `${words}${n(x!)}${unit ?? '件'}`);

  const doc = (col: string) => v(t2Id('art20_1', 'normative_doc', col));
  const t2 =
    format === 'gov2021'
      ? clauses([['本年制发行政规范性文件', doc('made')], ['废止', doc('repealed')], ['现行有效行政规范性文件', doc('in_force')]])
      : clauses([['本年新公开规范性文件', doc('new_published')], ['对外公开规范性文件总数', doc('total_published')]]);

  const results = FORMATS[format].resultRows;
  const total = (row: string) => v(t3Id(row, 'total'));
  const group = (prefix: string) => sumOf(results.filter((r) => r.startsWith(prefix)).map((r) => t3Id(r, 'total')));
  const received = clauses([['本年新收政府信息公开申请', total('new_received')]]);
  const done = clauses([
    ['办结', total('results_total')],
  ]);
  const kinds = clauses([
    ['予以公开', total('granted')],
    ['部分公开', total('partly_granted')],
    ['不予公开', group('denied_')],
    ['无法提供', group('unable_')],
    ['不予处理', group('unprocessed_')],
    ['其他处理', group('other_')],
  ]);
  const carried = clauses([['结转下年度继续办理', total('carried_out')]]);
  const t3 = [...received, ...done].join('，') + (kinds.length ? `，其中${kinds.join('，')}` : '') + (carried.length ? `；${carried[0]}` : '');

  const review = clauses([['本年发生政府信息公开行政复议', v(t4Id('review', 'total'))]]);
  const suits = sumOf([t4Id('suit_direct', 'total'), t4Id('suit_after_review', 'total')]);
  const suit = clauses([['行政诉讼', suits]]);
  const t4 = [...review, ...suit].join('，');

  const end = (s: string) => (s ? `${s}。` : '');
  return {
    2: { title: '二、主动公开政府信息情况', paragraphs: [end(t2.join('，'))].filter(Boolean) },
    3: { title: '三、收到和处理政府信息公开申请情况', paragraphs: [end(t3)].filter(Boolean) },
    4: { title: '四、政府信息公开行政复议、行政诉讼情况', paragraphs: [end(t4)].filter(Boolean) },
  };
}
