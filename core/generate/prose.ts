/**
 * The narrative of a report, in Chinese, invented here. Every figure it states is taken
 * from the tables (as a correct reader reads them), so the text agrees with the tables;
 * a figure whose cell is blank is not stated.
 */
import { t2Id, t3Id, t4Id } from '../format/cells.ts';
import type { FormatId } from '../format/types.ts';
import type { Prose } from './model.ts';
import type { Values } from './numbers.ts';
import type { Rng } from './random.ts';
import { isTownLevel, type Unit } from './units.ts';

const OPENINGS = [
  '坚持以公开为常态、不公开为例外，围绕中心工作推进政务公开，各项工作有序开展。',
  '认真贯彻落实《中华人民共和国政府信息公开条例》，健全工作机制，规范公开流程，公开质量稳步提升。',
  '对照上级政务公开工作要点，细化任务分工，压实工作责任，推动政府信息公开工作提质增效。',
  '围绕群众关心关注的事项加大公开力度，不断完善公开平台和工作制度，保障群众的知情权、参与权和监督权。',
];

const MANAGEMENT = [
  '严格执行信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”，全年未发生泄密事件。',
  '落实专人负责信息发布，定期梳理公开目录，对过时信息及时调整，确保信息准确、完整。',
  '建立公文公开属性源头认定机制，拟文时即明确公开方式，减少事后补公开。',
];

const PLATFORM = [
  '依托县人民政府门户网站政府信息公开专栏发布信息，同步利用政务公开栏、微信公众号等渠道扩大覆盖面。',
  '在便民服务中心设置政府信息查阅点，为群众提供现场查阅和咨询服务。',
  '对网站栏目开展日常巡查，及时修正错链、空栏目等问题，栏目更新保持及时。',
];

const SUPERVISION = [
  '将政务公开工作纳入年度考核，定期通报工作情况，本年度未发生责任追究情况。',
  '组织工作人员参加政务公开业务培训，提升依法公开的意识和能力。',
  '主动接受社会监督，公布监督电话，对群众反映的问题及时核实处理。',
];

const PROBLEMS = [
  '部分信息发布不够及时，政策解读形式较为单一，图解、视频等群众喜闻乐见的形式运用不多。',
  '公开内容与群众需求的契合度还有差距，基层工作人员业务水平有待进一步提高。',
  '依申请公开办理的规范化程度仍需加强，答复文书的格式和说理还不够统一。',
  '政务新媒体更新频率不高，互动回应不够充分。',
];

const IMPROVEMENTS = [
  '加强业务培训，定期组织学习《条例》和相关规定，提升工作人员的业务能力。',
  '完善信息发布审核流程，明确时限要求，确保信息发布及时准确。',
  '丰富政策解读形式，多用图表、案例等方式解读政策，提高解读的可读性。',
  '规范依申请公开办理流程，统一答复文书格式，做到依法依规、说理充分。',
  '加强对公开栏目的日常维护，及时更新内容，提升平台的实用性。',
];

const CATEGORIES = ['机构职能类', '政策文件类', '工作动态类', '财政资金类', '民生保障类', '重大项目类', '人事信息类', '公告公示类'];

/** a figure the prose states, by what it counts; a deliberate mistake changes one of them */
export type ProseFigure =
  | 'received'
  | 'answered'
  | 'review'
  | 'suit'
  | 'normative_doc.made'
  | 'normative_doc.in_force'
  | 'list.total'
  | 'list.item'
  | 'list.pct';

/** the N finding a changed figure causes (spec §6) */
export const PROSE_FIGURE_RULE: Record<ProseFigure, string> = {
  received: 'N1',
  answered: 'N2',
  review: 'N3',
  suit: 'N4',
  'normative_doc.made': 'N5',
  'normative_doc.in_force': 'N5',
  'list.total': 'N6',
  'list.item': 'N6',
  'list.pct': 'N6',
};

/**
 * One prose figure made to disagree: which of the stated figures (as a share of their list),
 * and by how much — at least 2, so that a percentage leaves the ±1 rounding allows.
 */
export interface ProseChange {
  pick: number;
  delta: number;
}

export interface ProseChanged {
  figure: ProseFigure;
  rule: string;
  detail: string;
}

/** counts that add up to the total, and percentages (whole numbers) that add up to exactly 100 */
function categoryCounts(rng: Rng, total: number): { cats: string[]; counts: number[]; pct: number[] } {
  const cats = rng.shuffle(CATEGORIES).slice(0, rng.int(3, 5));
  const cuts = cats.slice(1).map(() => rng.int(0, total)).sort((a, b) => a - b);
  const counts = cats.map((_, i) => (i === cats.length - 1 ? total : cuts[i]!) - (i === 0 ? 0 : cuts[i - 1]!));
  // largest remainder: the shortfall is counted once, before any is handed out
  const exact = counts.map((n) => (n / total) * 100);
  const pct = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const short = 100 - pct.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) pct[order[k]![1]]! += 1;
  return { cats, counts, pct };
}

const num = (v: number | null | undefined): v is number => typeof v === 'number';

/**
 * The figures of 一、总体情况, each a slot the deliberate mistake may change. A slot's text is
 * made from its value when the paragraph is written, so a change shows wherever it is said.
 */
class Figures {
  private slots: { figure: ProseFigure; value: number }[] = [];
  constructor(private change: ProseChange | undefined) {}
  /** register a stated figure; its value as the prose will state it is given by say() */
  slot(figure: ProseFigure, value: number): number {
    this.slots.push({ figure, value });
    return this.slots.length - 1;
  }
  say(i: number): number {
    const s = this.slots[i]!;
    return this.changedIndex() === i ? Math.max(0, s.value + this.deltaFor(s.value)) : s.value;
  }
  changedIndex(): number {
    return this.change && this.slots.length ? Math.min(this.slots.length - 1, Math.floor(this.change.pick * this.slots.length)) : -1;
  }
  /** a change never lands on the same value (a zero goes up) */
  private deltaFor(v: number): number {
    const d = this.change!.delta;
    return v + d < 0 ? Math.abs(d) : d;
  }
  changed(): ProseChanged | undefined {
    const i = this.changedIndex();
    if (i < 0) return undefined;
    const s = this.slots[i]!;
    return { figure: s.figure, rule: PROSE_FIGURE_RULE[s.figure], detail: `正文 ${s.figure} ${s.value} → ${this.say(i)}` };
  }
}

/** how a category of the list is written (N6 reads them all) */
const ITEM_WORDINGS: ((c: string, n: number | string, p: number | string) => string)[] = [
  (c, n, p) => `${c}信息${n}条，占${p}%`,
  (c, n, p) => `${c}信息${n}条、占比${p}%`,
  (c, n, p) => `${c}类信息${n}条，约占${p}%`,
  (c, n, p) => `${c}信息${n}条，所占比例为${p}%`,
  (c, n, p) => `${c}信息${n}条（占比${p}%）`,
];

/** how the 现行有效 count of 规范性文件 follows the count made (N5 reads them all) */
const IN_FORCE_WORDINGS: ((n: number | string, year: number) => string)[] = [
  (n) => `，现行有效${n}件。`,
  (n) => `，现行有效的行政规范性文件共${n}件。`,
  (n, year) => `。截至${year}年底，现行有效规范性文件数量为${n}件。`,
  (n) => `，目前仍然有效的${n}件。`,
];

export function generateProse(
  rng: Rng,
  unit: Unit,
  year: number,
  format: FormatId,
  values: Values,
  change?: ProseChange,
): Prose & { changed?: ProseChanged } {
  const who = isTownLevel(unit) ? rng.pick(['我镇', '本单位', '我们']).replace('我镇', unit.kind === 'street' ? '我街道' : unit.kind === 'township' ? '我乡' : '我镇') : rng.pick(['本单位', '我局', '本机关']);
  const name = unit.kind === 'county' ? '县人民政府' : unit.name;
  const general: string[] = [];
  general.push(`${year}年，${name}${rng.pick(OPENINGS)}`);

  // every figure is registered first (in a fixed order), then the paragraphs are written
  const fig = new Figures(change);
  const published = rng.int(12, isTownLevel(unit) ? 160 : 900);
  const list = categoryCounts(rng, published);
  const listTotal = fig.slot('list.total', published);
  const itemAt = rng.int(0, list.cats.length - 1);
  const listItem = fig.slot('list.item', list.counts[itemAt]!);
  const pctAt = rng.int(0, list.cats.length - 1);
  const listPct = fig.slot('list.pct', list.pct[pctAt]!);
  const made = values[t2Id('art20_1', 'normative_doc', format === 'gov2021' ? 'made' : 'new_published')];
  const inForce = values[t2Id('art20_1', 'normative_doc', format === 'gov2021' ? 'in_force' : 'total_published')];
  const madeAt = num(made) && made > 0 ? fig.slot('normative_doc.made', made) : -1;
  const inForceAt = madeAt >= 0 && num(inForce) ? fig.slot('normative_doc.in_force', inForce) : -1;
  const received = values[t3Id('new_received', 'total')];
  const done = values[t3Id('results_total', 'total')];
  const out = values[t3Id('carried_out', 'total')];
  const receivedAt = num(received) ? fig.slot('received', received) : -1;
  const doneAt = num(done) && done > 0 ? fig.slot('answered', done) : -1;
  const review = values[t4Id('review', 'total')];
  const suitA = values[t4Id('suit_direct', 'total')];
  const suitB = values[t4Id('suit_after_review', 'total')];
  const reviewAt = num(review) ? fig.slot('review', review) : -1;
  const suitAt = num(suitA) && num(suitB) ? fig.slot('suit', suitA + suitB) : -1;

  general.push('（一）主动公开情况');
  // wordings vary from page to page (a fork: the other draws stay as they were)
  const wording = rng.fork(41);
  const itemWords = wording.pick(ITEM_WORDINGS);
  const items = list.cats.map((c, i) => {
    const n = i === itemAt ? fig.say(listItem) : list.counts[i];
    const p = i === pctAt ? fig.say(listPct) : list.pct[i];
    return itemWords(c, n!, p!);
  });
  let active = `本年度通过门户网站等渠道主动公开政府信息${fig.say(listTotal)}条，其中${items.join('；')}。`;
  if (madeAt >= 0) {
    const m = fig.say(madeAt);
    active += format === 'gov2021' ? rng.pick([`本年制发行政规范性文件${m}件`, `本年印发规范性文件${m}件`]) : `本年新公开规范性文件${m}件`;
    active += inForceAt >= 0 ? (format === 'gov2021' ? wording.pick(IN_FORCE_WORDINGS)(fig.say(inForceAt), year) : `，对外公开总数${fig.say(inForceAt)}件。`) : '。';
  }
  if (rng.chance(0.3)) active += `截至${year}年底，累计公开政府信息${published + rng.int(100, 5000)}条。`;
  general.push(active);

  general.push('（二）依申请公开情况');
  const parts: string[] = [];
  if (receivedAt >= 0) {
    const r = fig.say(receivedAt);
    parts.push(
      r === 0
        ? '本年未收到政府信息公开申请'
        : rng.pick([`本年新收政府信息公开申请${r}件`, `全年共受理政府信息公开申请${r}件`, `本年度共收到${r}件政府信息公开申请`]),
    );
  }
  // a count of answers is one only beside the applications it answers
  if (doneAt >= 0) parts.push(receivedAt >= 0 ? rng.pick([`全年办结${fig.say(doneAt)}件`, `共答复${fig.say(doneAt)}件`]) : `办结政府信息公开申请${fig.say(doneAt)}件`);
  if (num(out) && out > 0) parts.push(`结转下年度继续办理${out}件`);
  if (parts.length) general.push(`${parts.join('，')}。${num(received) && received > 0 ? '均在法定期限内予以答复。' : ''}`);
  else general.push('严格按照法定程序和时限办理政府信息公开申请。');
  const legal: string[] = [];
  if (reviewAt >= 0) {
    const v = fig.say(reviewAt);
    legal.push(v ? rng.pick([`因政府信息公开被申请行政复议${v}件`, `发生政府信息公开行政复议案件${v}起`]) : '未发生因政府信息公开引起的行政复议');
  }
  if (suitAt >= 0) {
    const v = fig.say(suitAt);
    legal.push(v ? rng.pick([`被提起行政诉讼${v}件`, `行政诉讼案件${v}起`]) : '未发生行政诉讼');
  }
  if (legal.length) general.push(`本年度${legal.join('，')}。`);
  // figures about other things, in the words the rules use: none of them is compared
  if (rng.chance(0.4)) general.push(`全年通过12345热线受理群众咨询${rng.int(3, 400)}件，均按时办结，办结率100%。`);
  if (rng.chance(0.3)) general.push(`历年累计受理政府信息公开申请${rng.int(50, 3000)}件。`);

  general.push('（三）政府信息管理');
  general.push(rng.pick(MANAGEMENT));
  general.push('（四）平台建设');
  general.push(rng.shuffle(PLATFORM).slice(0, 2).join(''));
  general.push('（五）监督保障');
  general.push(rng.pick(SUPERVISION));

  const problems = [
    `${who}的政府信息公开工作虽然取得了一定成效，但也存在一些不足：${rng.shuffle(PROBLEMS).slice(0, 2).join('')}`,
    `下一步，${who}将重点做好以下工作：${rng
      .shuffle(IMPROVEMENTS)
      .slice(0, 3)
      .map((s, i) => `${['一是', '二是', '三是'][i]}${s}`)
      .join('')}`,
  ];
  const other = rng.pick([
    ['无。'],
    ['本年度未收取信息处理费。'],
    ['根据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。', '本年度无其他需要报告的事项。'],
    [`${who}本年度未发生其他需要报告的事项。`],
  ]);
  const changed = fig.changed();
  return changed ? { general, problems, other, changed } : { general, problems, other };
}
