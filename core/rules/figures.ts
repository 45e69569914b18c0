/**
 * The figures that matter from one year to the next (REPORT-FORMAT.md §6, Y1): the columns of
 * the 同比 sheet and the loci of Y1. Each says which cells of a format add up to it and by what
 * factor, so that both formats meet in one unit (amounts in 元).
 */
import { t2Id, t3Id, t4Id } from '../format/cells.ts';
import { FORMATS } from '../format/tables.ts';
import type { CellId, FormatId } from '../format/types.ts';

export interface Figure {
  key: string;
  /** the column header of 同比, and the figure's name in messages */
  label: string;
  /** the cells of a format that add up to the figure, and their factor to the common unit; null: the format has none */
  of: (format: FormatId) => { cells: CellId[]; factor: number } | null;
  /** an amount (元), not a count */
  amount?: boolean;
}

const DENIED = FORMATS.gov2021.t3Rows.filter((r) => r.key.startsWith('denied_')).map((r) => t3Id(r.key, 'total'));
const same = (cells: CellId[]) => () => ({ cells, factor: 1 });

export const FIGURES: readonly Figure[] = [
  { key: 'new_received', label: '新收申请', of: same([t3Id('new_received', 'total')]) },
  { key: 'results_total', label: '办结', of: same([t3Id('results_total', 'total')]) },
  { key: 'granted', label: '予以公开', of: same([t3Id('granted', 'total')]) },
  { key: 'denied', label: '不予公开', of: same(DENIED) },
  { key: 'review', label: '行政复议', of: same([t4Id('review', 'total')]) },
  { key: 'suit', label: '行政诉讼', of: same([t4Id('suit_direct', 'total'), t4Id('suit_after_review', 'total')]) },
  {
    key: 'normative_made',
    label: '规范性文件制发',
    of: (f) => ({ cells: [t2Id('art20_1', 'normative_doc', f === 'gov2021' ? 'made' : 'new_published')], factor: 1 }),
  },
  {
    key: 'normative_in_force',
    label: '规范性文件现行有效',
    of: (f) => ({ cells: [t2Id('art20_1', 'normative_doc', f === 'gov2021' ? 'in_force' : 'total_published')], factor: 1 }),
  },
  {
    key: 'fee',
    label: '收费金额（元）',
    amount: true,
    // gov2019's 表二 has no fee amount (only the number of items): not comparable with gov2019
    of: (f) => (f === 'gov2021' ? { cells: [t2Id('art20_8', 'fee', 'amount_wan')], factor: 10000 } : null),
  },
];

export const figureOf = (key: string): Figure => FIGURES.find((f) => f.key === key)!;
