/**
 * A generated report written out the way people paste it: from Word (one cell a line, or
 * tab-separated), from mirror sites (pipes, traditional characters, pinyin), from Markdown
 * converters, from PDF text (with and without layout), and with the label slips people make.
 */
import * as OpenCC from 'opencc-js/cn2t';
import { SECTION_TITLES } from '../rules/messages.ts';
import { docxWriter, documentXml } from './docx.ts';
import { htmlDocument, htmlWriter } from './html.ts';
import type { AnyLayout, Doc } from './model.ts';
import { createRng, type Rng } from './random.ts';
import { rowWidth, table2, table3, table4, type NumberStyle, type TCell, type TRow, type TTable } from './tablemodel.ts';

export interface Writer {
  title(lines: string[]): string[];
  heading(text: string, level: 2 | 3): string[];
  para(text: string): string[];
  table(t: TTable): string[];
}

const NBSP = '\u00a0';
const IDEO = '\u3000';

// ------------------------------------------------------------------ Word: one cell a line

function wordCells(rng: Rng): Writer {
  const pad = (text: string) => {
    const r = rng.next();
    return r < 0.35 ? `${NBSP}${text}` : r < 0.6 ? `${text}${NBSP}` : text;
  };
  const blank = () => rng.pick(['', NBSP, IDEO, ' ']);
  // Word breaks a long header inside its cell: the rest of the words come on a line of their own
  const header = (text: string) =>
    text.length >= 6 && text.length <= 8 && rng.chance(0.3) ? `${text.slice(0, 3)}\n${text.slice(3)}` : text;
  return {
    title: (lines) => ['', ...lines, ''],
    heading: (t) => [t],
    para: (t) => [rng.chance(0.5) ? `${IDEO}${IDEO}${t}` : t],
    table: (t) => {
      const out: string[] = [];
      for (const row of t.rows) {
        for (const c of row.cells) {
          if (c.cont) out.push('\t');
          else if (c.value) out.push(`\t${c.text === '' ? blank() : pad(c.text)}`);
          else out.push(`\t${row.kind === 'header' && t.name === 't2' ? header(c.text) : c.text}`);
        }
        out.push('');
      }
      out.push('');
      return out.join('\n').split('\n');
    },
  };
}

// ------------------------------------------------------------------ cells of a delimited row

/** a row's cells as a grid: merged cells followed by empty ones, the lower part of a merge empty */
function gridCells(row: TRow): string[] {
  const out: string[] = [];
  for (const c of row.cells) {
    out.push(c.cont ? '' : c.text);
    for (let i = 1; i < c.span; i++) out.push('');
  }
  return out;
}

/** a row as HTML has it: each cell once, the lower part of a merge absent */
const htmlCells = (row: TRow): string[] => row.cells.filter((c) => !c.cont).map((c) => c.text);

/** the row lost a cell: converters that lose one also drop the merge padding (write it tight) */
const isShort = (t: TTable, row: TRow) => row.kind === 'data' && t.name !== 't2' && rowWidth(row) < t.width;

/** label cells without their merge padding, then the values */
const tightCells = (row: TRow): string[] => row.cells.map((c) => (c.cont ? '' : c.text));

// ------------------------------------------------------------------ Word: tab-separated rows

function wordTabs(rng: Rng, noPadding: boolean): Writer {
  const trailing = noPadding ? 0 : rng.pick([0, 0, 1, 2]);
  return {
    title: (lines) => ['', ...lines, ''],
    heading: (t) => ['', t, ''],
    para: (t) => [t, ''],
    table: (t) => {
      const out = t.rows.map((row) => {
        if (isShort(t, row)) return tightCells(row).join('\t');
        const cells = gridCells(row);
        while (cells.length < t.width) cells.push('');
        for (let i = 0; i < trailing; i++) cells.push('');
        return cells.join('\t');
      });
      return [...out, ''];
    },
  };
}

// ------------------------------------------------------------------ mirror sites: a | b | c |

function pipe(rng: Rng, padRows: boolean): Writer {
  return {
    title: (lines) => lines,
    heading: (t) => [t],
    para: (t) => [t],
    table: (t) =>
      t.rows.map((row) => {
        if (isShort(t, row)) return `${tightCells(row).filter((x) => x !== '').join(' | ')} |`;
        const cells = htmlCells(row).map((c) => (c === '' ? rng.pick([' ', '&nbsp;', '']) : c));
        const pads = padRows ? Math.max(0, t.width - cells.length) : 0;
        return `${cells.join(' | ')} |${'|'.repeat(pads)}`;
      }),
  };
}

// ------------------------------------------------------------------ Markdown converters

function markdown(rng: Rng): Writer {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return {
    title: (lines) => (lines.length === 2 ? ['', `# ${lines[0]}`, '', `## ${lines[1]}`, ''] : ['', `# ${lines[0]}`, '']),
    heading: (t, level) => [`${'#'.repeat(level === 2 ? rng.pick([2, 3]) : 4)} ${t}`, ''],
    para: (t) => [t, ''],
    table: (t) => {
      const out: string[] = [];
      t.rows.forEach((row, i) => {
        if (isShort(t, row)) {
          out.push(line(tightCells(row).filter((x) => x !== '')));
        } else {
          const cells = gridCells(row);
          while (cells.length < t.width) cells.push('');
          out.push(line(cells));
        }
        if (i === 0) out.push(`|${'---|'.repeat(Math.max(gridCells(row).length, t.width))}`);
      });
      return [...out, ''];
    },
  };
}

// ------------------------------------------------------------------ PDF text

/** pdftotext puts spaces around runs of digits between Chinese characters */
const spaceDigits = (s: string) => s.replace(/(?<=[\u4e00-\u9fff])(\d[\d.]*)/g, ' $1').replace(/(\d)(?=[\u4e00-\u9fff])/g, '$1 ');

/** break a paragraph into lines of a page's width, never inside a run of digits */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  const tokens = text.match(/[\dA-Za-z.:%/@-]+ ?| |./gu) ?? [];
  for (const tok of tokens) {
    if ([...cur].length + [...tok].length > width && cur) {
      lines.push(cur.trimEnd());
      cur = '';
    }
    cur += tok;
  }
  if (cur.trim()) lines.push(cur.trimEnd());
  return lines;
}

/** a space dropped into a label, as PDF text breaks words of a table cell */
function breakLabel(rng: Rng, s: string): string {
  if (s.length < 3 || !rng.chance(0.3)) return s;
  const at = rng.int(1, s.length - 1);
  return /\d/.test(s[at - 1]! + s[at]!) ? s : `${s.slice(0, at)} ${s.slice(at)}`;
}

/** PDF text with -layout: a row a line (also the writer `pdf-blocks` uses for 表二 and 表四) */
export function pdfText(rng: Rng): Writer {
  const width = rng.int(26, 34);
  let page = 1;
  const footer = () => ['', `- ${++page} -`, ''];
  return {
    title: (lines) => lines.map(spaceDigits),
    heading: (t) => [t],
    para: (t) => wrap(spaceDigits(t), width),
    table: (t) => {
      const out: string[] = [];
      const footerAt = t.name === 't3' && rng.chance(0.6) ? rng.int(5, t.rows.length - 2) : -1;
      t.rows.forEach((row, i) => {
        if (i === footerAt) out.push(...footer());
        const labels = row.cells.filter((c) => !c.cont && !c.value && c.text).map((c) => breakLabel(rng, c.text));
        const values = row.cells.filter((c) => c.value).map((c) => c.text);
        const last = labels.length - 1;
        const wide = row.kind === 'header' ? labels.findIndex((l) => l.length > 20) : -1;
        if (wide >= 0) {
          // the note of 表三 wraps in its cell; the other headers share its first line
          out.push(labels.map((l, k) => (k === wide ? l.slice(0, 20) : l)).join(' '), labels[wide]!.slice(20));
          return;
        }
        const long = last >= 0 && row.kind === 'data' && labels[last]!.replace(/ /g, '').length > 16 && rng.chance(0.7);
        if (long) {
          // a long label wraps in its narrow column; the numbers sit on its first or its last line
          const text = labels[last]!.replace(/ /g, '');
          const head = [...labels.slice(0, last), text.slice(0, 14)].join(' ');
          const tail = text.slice(14);
          if (rng.chance(0.5)) out.push([head, ...values].join(' '), tail);
          else out.push(head, [tail, ...values].join(' '));
        } else {
          out.push([...labels, ...values].join(' '));
        }
      });
      return out;
    },
  };
}

/** pdftotext without -layout: a block's labels one a line, then its numbers one a line */
function pdfStream(rng: Rng, byColumn: boolean): Writer {
  const width = rng.int(26, 34);
  const spaced = (lines: string[]) => lines.flatMap((l) => [l, '']);
  const numbers = (rows: TCell[][]) => {
    const w = Math.max(...rows.map((r) => r.length));
    if (!byColumn) return rows.flat().map((c) => c.text);
    const out: string[] = [];
    for (let c = 0; c < w; c++) for (const r of rows) if (r[c]) out.push(r[c]!.text);
    return out;
  };
  const verticalGroup = rng.chance(0.5);
  return {
    title: (lines) => spaced(lines.map(spaceDigits)),
    heading: (t) => spaced([t]),
    para: (t) => spaced(wrap(spaceDigits(t), width)),
    table: (t) => {
      const out: string[] = [];
      const blocks = new Map<number, TRow[]>();
      t.rows.forEach((r) => blocks.set(r.block ?? 0, [...(blocks.get(r.block ?? 0) ?? []), r]));
      for (const rows of blocks.values()) {
        const heads = rows.filter((r) => r.kind !== 'data');
        const data = rows.filter((r) => r.kind === 'data');
        // captions and the first header word come first, the column headers after the row labels
        const headTexts = heads.flatMap((r) => r.cells.filter((c) => !c.cont && c.text).map((c) => c.text));
        const lead = t.name === 't3' ? [headTexts[0]!, headTexts[1]!] : t.name === 't2' ? headTexts.slice(0, 2) : headTexts;
        const rest = t.name === 't4' ? [] : headTexts.slice(2);
        const labels = data.flatMap((r) =>
          r.cells
            .filter((c) => !c.cont && !c.value && c.text)
            .flatMap((c) => (verticalGroup && c.text === '三、本年度办理结果' ? ['三、', ...'本年度办理结果'] : [c.text])),
        );
        out.push(...lead, ...labels, ...rest);
        const vals = numbers(data.map((r) => r.cells.filter((c) => c.value)));
        const footerAt = t.name === 't3' && rng.chance(0.5) ? rng.int(3, vals.length - 3) : -1;
        vals.forEach((v, i) => {
          if (i === footerAt) out.push(`- ${rng.int(3, 6)} -`);
          out.push(v);
        });
      }
      return spaced(out);
    },
  };
}

// ------------------------------------------------------------------ document

const LABEL_SLIPS: [string, string[]][] = [
  ['（三）不予公开', ['（三）不子公开']],
  ['（五）不予处理', ['（五）不子处理']],
  ['2.没有现成信息需要另行制作', ['12.没有现成信息需要另行制作']],
  ['3.补正后申请内容仍不明确', ['3.补正启申请内容仍不明确', '3.补正啟申请内容仍不明确']],
  ['三、本年度办理结果', ['三本年度办理结果本年度办理结果']],
  ['四、结转下年度继续办理', ['四，结转下年度继续办理', '四,结转下年度继续办理']],
];

/** the slips people make in labels: 不子, 12., 补正启, a doubled group label, 8、, (一) */
function slips(rng: Rng): (s: string) => string {
  return (s) => {
    let out = s;
    const slip = LABEL_SLIPS.find(([from]) => from === s);
    if (slip && rng.chance(0.7)) out = rng.pick(slip[1]);
    if (rng.chance(0.3)) out = out.replace(/^(\d)\./, '$1、');
    if (rng.chance(0.4)) out = out.replace(/（([一二三四五六七])）/, '($1)');
    return out;
  };
}

export function numberStyle(rng: Rng, doc: Doc, label: (s: string) => string): NumberStyle {
  return {
    thousands: rng.chance(0.2),
    plusSign: rng.chance(0.3),
    procurementWan: doc.format === 'gov2019' && rng.chance(0.15) && Number.isInteger(doc.values['t2.art20_9.procurement.amount_yuan'] ?? 0),
    wanHeader: rng.pick(['采购总金额（单位：万元，保留4位小数）', '采购总金额(单位:万元,保留4位小数)', '采购总金额（万元）']),
    yuanSuffix: rng.chance(0.5),
    yuanDecimals: rng.chance(0.5),
    label,
  };
}

function titleLines(doc: Doc, rng: Rng): string[] {
  const y = doc.titleHasYear ? `${doc.year}年${rng.chance(0.3) ? '度' : ''}` : '';
  const name = '政府信息公开工作年度报告';
  return rng.chance(0.5) ? [`${doc.unit.name}${y}${name}`] : [doc.unit.name, `${y}${name}`];
}

function intro(doc: Doc): string {
  return (
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。` +
    `报告所列数据的统计期限自${doc.year}年1月1日起至${doc.year}年12月31日止。` +
    `本报告电子版可在${doc.unit.county}人民政府门户网站查阅或下载。`
  );
}

export function documentLines(doc: Doc, w: Writer, rng: Rng, style: NumberStyle): string[] {
  const drawn = (t: TTable) => (doc.drawn ? doc.drawn(t) : t);
  const title = titleLines(doc, rng);
  const out: string[] = [...(doc.noTitle ? [] : w.title(title)), ...w.para(intro(doc))];
  const body: Record<number, () => string[]> = {
    1: () => doc.prose.general.flatMap((p) => (/^（[一二三四五六]）/.test(p) ? w.heading(p, 3) : w.para(p))),
    2: () => w.table(drawn(table2(doc, style))),
    3: () => w.table(drawn(table3(doc, style))),
    4: () => w.table(drawn(table4(doc, style))),
    5: () => doc.prose.problems.flatMap((p) => w.para(p)),
    6: () => doc.prose.other.flatMap((p) => w.para(p)),
  };
  for (let n = 1; n <= 6; n++) {
    if (doc.omitSection === n) continue;
    out.push(...w.heading(SECTION_TITLES[n - 1]!, 2), ...body[n]!());
  }
  out.push(...w.para(doc.unit.name), ...w.para(`${doc.year + 1}年${rng.int(1, 3)}月${rng.int(1, 28)}日`));
  return out;
}

// ------------------------------------------------------------------ traditional, with pinyin

let cn2t: ((s: string) => string) | null = null;
function toTraditional(s: string): string {
  if (!cn2t) cn2t = (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }).Converter({ from: 'cn', to: 'tw' });
  return cn2t(s);
}

const PINYIN: Record<string, string> = {
  鄉: 'xiāng', 鎮: 'zhèn', 縣: 'xiàn', 區: 'qū', 關: 'guān', 項: 'xiàng', 體: 'tǐ', 況: 'kuàng', 報: 'bào', 處: 'chǔ',
  結: 'jié', 轉: 'zhuǎn', 計: 'jì', 機: 'jī', 數: 'shù', 據: 'jù', 議: 'yì', 訴: 'sù', 審: 'shěn', 費: 'fèi',
  護: 'hù', 權: 'quán', 導: 'dǎo', 責: 'zé', 強: 'qiáng', 領: 'lǐng', 實: 'shí', 設: 'shè', 點: 'diǎn', 範: 'fàn',
};

/** what a mirror site does to a page: traditional characters, pinyin after some, ? for some spaces */
function mirror(text: string, rng: Rng): string {
  let s = toTraditional(text);
  s = s.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':');
  s = [...s].map((ch) => (PINYIN[ch] && rng.chance(0.6) ? `${ch}(${PINYIN[ch]})` : ch)).join('');
  return s
    .split('\n')
    .map((line) => {
      if (line.includes('|')) return line.replace(/ /g, () => (rng.chance(0.15) ? '?' : ' ')).replace(/^/, rng.chance(0.2) ? '?' : '');
      if (line.length > 30 && rng.chance(0.3)) return `? ? ? ? ${line}`;
      return rng.chance(0.15) ? `?${line}` : line;
    })
    .join('\n');
}

/** write the document in one layout; the same rng gives the same text */
export function render(doc: Doc, layout: AnyLayout, rng: Rng = createRng(0)): string {
  const plain = (s: string) => s;
  const withSlips = layout === 'typos' || (layout === 'traditional' && rng.chance(0.5));
  const style = numberStyle(rng, doc, withSlips ? slips(rng.fork(7)) : plain);
  const r = rng.fork(11);
  let w: Writer;
  switch (layout) {
    case 'word-cells':
      w = wordCells(r);
      break;
    case 'word-tabs':
      w = wordTabs(r, doc.lost !== null);
      break;
    case 'pipe':
    case 'traditional':
      w = pipe(r, r.chance(0.7));
      break;
    case 'markdown':
      w = markdown(r);
      break;
    case 'pdf-text':
      w = pdfText(r);
      break;
    case 'pdf-stream-rows':
    case 'pdf-stream-columns':
      w = pdfStream(r, layout === 'pdf-stream-columns');
      break;
    case 'typos':
      w = r.chance(0.5) ? pipe(r, r.chance(0.7)) : wordTabs(r, doc.lost !== null);
      break;
    case 'html':
      w = htmlWriter(r);
      break;
    case 'docx':
      w = docxWriter(r);
      break;
  }
  const text = documentLines(doc, w, r, style).join('\n');
  if (layout === 'html') return htmlDocument(text, rng.fork(17), `${doc.unit.name}${doc.year}年政府信息公开工作年度报告`);
  if (layout === 'docx') return documentXml(text);
  return layout === 'traditional' ? mirror(text, rng.fork(13)) : text;
}
