/**
 * 表二 and 表四 as `pdftotext` (default mode) gives them from a bordered PDF — as LibreOffice's
 * PDF of a Word report showed them (tests/pdftotext.test.ts makes the real thing):
 *
 * 表二, block by block: the caption (now and then wrapped: 第二十 / 条第（一）项); the header
 * cells' words wrapped two or three characters a line, line by line across the cells; then
 * each row: its label wrapped so, its numbers one a line, centred in the tall row — before
 * the label when the label is one line, else among its pieces. A number longer than its
 * narrow cell wraps too (`169.` / `67`, `43,9` / `24`). Where the page breaks inside the next
 * block, now and then the block's last number is held back to the foot of the page, after
 * the next block's caption. The blocks flow over the pages, page numbers at their feet.
 *
 * 表四: the two top headers, the five column headers of 行政复议 wrapped, its five numbers;
 * then for each 行政诉讼 block 结果维持 and its number, the block's caption (未经复议直接起诉
 * now and then wrapped), the next three headers side by side two lines, their three numbers,
 * 总计 and its number. A blank cell leaves no line at all.
 *
 * The cells whose place the text cannot show (a wrapped number, a number held back: the
 * generator knows where it did that) are listed in `unsure`: a correct reader flags or leaves
 * them unread, never reads them as another number.
 */
import { t4Id } from '../format/cells.ts';
import { T4_BLOCKS, T4_COLUMNS } from '../format/tables.ts';
import type { CellId } from '../format/types.ts';
import type { Rng } from './random.ts';
import type { TTable } from './tablemodel.ts';

/** a text cut into pieces of `width` characters (a narrow table column) */
export const pieces = (text: string, width: number): string[] => {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
};

/** the header cells' pieces, line by line across the cells, one piece a line */
const across = (texts: string[], width: number): string[] => {
  const cut = texts.map((t) => pieces(t, width));
  const out: string[] = [];
  for (let i = 0; i < Math.max(...cut.map((c) => c.length)); i++) for (const c of cut) if (c[i]) out.push(c[i]!);
  return out;
};

const nonEmpty = (lines: string[]) => lines.filter((l) => l.trim()).length;

interface Block {
  lines: string[];
  ids: CellId[];
  /** the index in `lines` of the block's last number line, if it ends its last row's numbers */
  lastValue: number;
}

function t2Block(t: TTable, block: number, rng: Rng, unsure: Set<CellId>): Block {
  const rows = t.rows.filter((r) => r.block === block);
  const width = rng.int(2, 3);
  const numWidth = rng.int(4, 6);
  const lines: string[] = [];
  const ids: CellId[] = [];
  let lastValue = -1;
  for (const row of rows) {
    const texts = row.cells.filter((c) => !c.cont && !c.value && c.text).map((c) => c.text);
    if (row.kind === 'caption') {
      const cap = texts[0]!;
      lines.push(...(rng.chance(0.2) ? [cap.slice(0, 3), cap.slice(3)] : [cap]));
      continue;
    }
    if (row.kind === 'header') {
      lines.push(...across(texts, width));
      continue;
    }
    const values = row.cells.filter((c) => c.value);
    ids.push(...values.map((c) => c.id!));
    const label = pieces(texts[0] ?? '', width);
    const nums: string[] = [];
    let wrapped = false;
    for (const v of values) {
      if (v.text === '') continue;
      // a number's pieces on lines one after another, a gap after it now and then
      const cut = pieces(v.text, numWidth);
      if (cut.length > 1) wrapped = true;
      nums.push(...cut, ...(rng.chance(0.5) ? [''] : []));
    }
    // a wrapped number, or a blank cell (no line): the count cannot place the block's numbers
    if (wrapped || values.some((v) => v.text === '')) for (const c of rows.flatMap((r) => r.cells).filter((c) => c.value)) unsure.add(c.id!);
    // centred in the tall row: before a one-line label, else among its pieces
    const at = label.length === 1 ? (rng.chance(0.7) ? 0 : 1) : rng.int(1, label.length - 1);
    // the row's last number line (a blank cell has none)
    let last = -1;
    nums.forEach((n, i) => {
      if (n) last = i;
    });
    lastValue = last >= 0 ? lines.length + at + last : -1;
    lines.push(...label.slice(0, at), ...nums, ...label.slice(at));
  }
  return { lines, ids, lastValue };
}

/**
 * 表二's blocks flowed over the pages by `flow` (pdfblocks.ts), a block's last number held
 * back to the page's foot where the page breaks inside the next block.
 */
export function t2Lines(t: TTable, rng: Rng, page: { lines: number; used: number }, flow: (lines: string[]) => string[], unsure: Set<CellId>): string[] {
  const count = Math.max(...t.rows.map((r) => r.block ?? 0)) + 1;
  const blocks = Array.from({ length: count }, (_, b) => t2Block(t, b, rng, unsure));
  const out: string[] = [];
  blocks.forEach((b, k) => {
    const next = blocks[k + 1];
    if (next && b.lastValue >= 0 && rng.chance(0.4)) {
      // where this block fits the page and the next one breaks it: its last number at the page's foot
      const after = page.used + nonEmpty(b.lines) - 1;
      const room = page.lines - after;
      if (after < page.lines && room >= 1 && nonEmpty(next.lines) > room) {
        const [held] = b.lines.splice(b.lastValue, 1);
        let seen = 0;
        let at = 0;
        while (at < next.lines.length && seen < room - 1) if (next.lines[at++]!.trim()) seen++;
        next.lines.splice(at, 0, held!);
        for (const id of [...b.ids, ...next.ids]) unsure.add(id);
      }
    }
    out.push(...flow(b.lines));
  });
  return out;
}

/** 表四 as pdftotext gives it (see above); a blank cell ('' in the table) writes no line */
export function t4Lines(t: TTable, rng: Rng): string[] {
  const data = t.rows.find((r) => r.kind === 'data')!;
  const text = new Map(data.cells.filter((c) => c.id).map((c) => [c.id!, c.text]));
  const val = (b: string, c: string) => {
    const v = text.get(t4Id(b, c)) ?? '';
    return v === '' ? [] : [v, ...(rng.chance(0.5) ? [''] : [])];
  };
  const head = (label: string) => pieces(label, 2);
  const caption = (label: string) => (label.length > 5 && rng.chance(0.3) ? [label.slice(0, 3), label.slice(3)] : [label]);
  const [review, ...suits] = T4_BLOCKS;
  const [first, ...middle] = T4_COLUMNS.slice(0, 4);
  const total = T4_COLUMNS[4]!;
  const out: string[] = [review!.label, '', '行政诉讼', ''];
  for (const c of T4_COLUMNS) out.push(...head(c.label), '');
  for (const c of T4_COLUMNS) out.push(...val(review!.key, c.key));
  // now and then the next block's caption comes before this block's 总计
  let early = false;
  suits.forEach((b, k) => {
    out.push(...head(first!.label), ...val(b.key, first!.key), '');
    if (!early) out.push(...caption(b.label));
    // three headers side by side, two lines
    const cut = middle.map((c) => head(c.label));
    out.push(cut.map((p) => p[0]).join(' '), cut.map((p) => p[1]).join(' '));
    for (const c of middle) out.push(...val(b.key, c.key));
    const next = suits[k + 1];
    early = !!next && rng.chance(0.3);
    out.push('', ...(early ? caption(next!.label) : []), ...head(total.label), ...val(b.key, total.key), '');
  });
  return out;
}
