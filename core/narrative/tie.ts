/** Which table cells a stated figure must equal (spec §6, N1–N5), and what they hold. */
import { t2Id, t3Id, t4Id } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import type { FigureKey } from './statements.ts';

export const RULE_OF: Record<FigureKey, 'N1' | 'N2' | 'N3' | 'N4' | 'N5'> = {
  received: 'N1',
  answered: 'N2',
  review: 'N3',
  suit: 'N4',
  'normative_doc.made': 'N5',
  'normative_doc.in_force': 'N5',
  'regulation.made': 'N5',
  'regulation.in_force': 'N5',
};

/** what the figure counts, in words, for messages */
export const ABOUT: Record<FigureKey, string> = {
  received: '本年新收政府信息公开申请数',
  answered: '本年办结（答复）申请数',
  review: '行政复议数',
  suit: '行政诉讼数',
  'normative_doc.made': '本年制发（新公开）规范性文件数',
  'normative_doc.in_force': '现行有效（对外公开总数）规范性文件数',
  'regulation.made': '本年制发（新公开）规章数',
  'regulation.in_force': '现行有效（对外公开总数）规章数',
};

/** the words that make a gov2019 document count one of documents made (else published) */
const MADE_WORD = /制发|制作|印发|出台|制定/;

export interface Tie {
  /** the cells whose sum the figure must equal */
  cells: readonly CellId[];
  /** what is counted and where: two statements with one group state one count (N7) */
  group: string;
}

/** per format, figure key and made-word or not: made once, so each id is one string the report's maps know */
const ties = new Map<FormatId, Map<FigureKey, [Tie?, Tie?]>>();

/** the cells a figure must equal and its group, as cellsOf() gives them */
export function tieOf(format: FormatId, key: FigureKey, word = ''): Tie {
  let byKey = ties.get(format);
  if (!byKey) ties.set(format, (byKey = new Map()));
  let pair = byKey.get(key);
  if (!pair) byKey.set(key, (pair = [undefined, undefined]));
  const made = word !== '' && MADE_WORD.test(word) ? 1 : 0;
  let tie = pair[made];
  if (!tie) {
    const cells = cellsOf(format, key, made ? '制发' : '');
    pair[made] = tie = { cells, group: `${key}|${cells.join('+')}` };
  }
  return tie;
}

/** the cells whose sum the figure must equal */
export function cellsOf(format: FormatId, key: FigureKey, word = ''): CellId[] {
  switch (key) {
    case 'received':
      return [t3Id('new_received', 'total')];
    case 'answered':
      return [t3Id('results_total', 'total')];
    case 'review':
      return [t4Id('review', 'total')];
    case 'suit':
      return [t4Id('suit_direct', 'total'), t4Id('suit_after_review', 'total')];
    default: {
      const [row, col] = key.split('.') as ['normative_doc' | 'regulation', 'made' | 'in_force'];
      if (format === 'gov2021') return [t2Id('art20_1', row, col)];
      // gov2019 counts documents made and published apart: 制发/制作 are made, 公开 published
      if (col === 'in_force') return [t2Id('art20_1', row, 'total_published')];
      return [t2Id('art20_1', row, MADE_WORD.test(word) ? 'new_made' : 'new_published')];
    }
  }
}

export interface TableSide {
  /** the cells' sum; null when a cell is blank */
  value: number | null;
  /** the sum of the cells that hold a number */
  known: number;
  /** true: equal; false: different (or the known part alone already exceeds it); null: not assessable */
  agrees: boolean | null;
}

/** the table's side of a stated figure, with the spec's null semantics */
export function compare(report: Report, cells: readonly CellId[], stated: number): TableSide {
  let known = 0;
  let partial = false;
  let ambiguous = false;
  for (const id of cells) {
    const c = report.cells[id];
    if (!c || c.value === null) partial = true;
    else known += c.value;
    if (report.ambiguous[id]) ambiguous = true;
  }
  if (partial) return { value: null, known, agrees: known > stated ? false : null };
  if (known === stated) return { value: known, known, agrees: true };
  if (!ambiguous) return { value: known, known, agrees: false };
  // a cell the reader could not settle disagrees only if the text's figure is none of its candidates
  const only = cells.length === 1 ? report.ambiguous[cells[0]!] : undefined;
  return { value: known, known, agrees: only && only.candidates.length && !only.candidates.includes(stated) ? false : null };
}
