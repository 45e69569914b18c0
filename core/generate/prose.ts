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

/** counts that add up to the total, and percentages (whole numbers) that add up to 100 ± 1 */
function categoryList(rng: Rng, total: number): string {
  const cats = rng.shuffle(CATEGORIES).slice(0, rng.int(3, 5));
  const cuts = cats.slice(1).map(() => rng.int(0, total)).sort((a, b) => a - b);
  const counts = cats.map((_, i) => (i === cats.length - 1 ? total : cuts[i]!) - (i === 0 ? 0 : cuts[i - 1]!));
  // largest remainder, so the percentages add up to exactly 100
  const exact = counts.map((n) => (n / total) * 100);
  const pct = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < 100 - pct.reduce((a, b) => a + b, 0); k++) pct[order[k]![1]]! += 1;
  return cats.map((c, i) => `${c}信息${counts[i]}条，占${pct[i]}%`).join('；');
}

const num = (v: number | null | undefined): v is number => typeof v === 'number';

export function generateProse(rng: Rng, unit: Unit, year: number, format: FormatId, values: Values): Prose {
  const who = isTownLevel(unit) ? rng.pick(['我镇', '本单位', '我们']).replace('我镇', unit.kind === 'street' ? '我街道' : unit.kind === 'township' ? '我乡' : '我镇') : rng.pick(['本单位', '我局', '本机关']);
  const name = unit.kind === 'county' ? '县人民政府' : unit.name;
  const general: string[] = [];
  general.push(`${year}年，${name}${rng.pick(OPENINGS)}`);

  general.push('（一）主动公开情况');
  const published = rng.int(12, isTownLevel(unit) ? 160 : 900);
  let active = `本年度通过门户网站等渠道主动公开政府信息${published}条，其中${categoryList(rng, published)}。`;
  const made = values[t2Id('art20_1', 'normative_doc', format === 'gov2021' ? 'made' : 'new_published')];
  const inForce = values[t2Id('art20_1', 'normative_doc', format === 'gov2021' ? 'in_force' : 'total_published')];
  if (num(made) && made > 0) {
    active += format === 'gov2021' ? `本年制发行政规范性文件${made}件` : `本年新公开规范性文件${made}件`;
    active += num(inForce) ? (format === 'gov2021' ? `，现行有效${inForce}件。` : `，对外公开总数${inForce}件。`) : '。';
  }
  general.push(active);

  general.push('（二）依申请公开情况');
  const received = values[t3Id('new_received', 'total')];
  const done = values[t3Id('results_total', 'total')];
  const out = values[t3Id('carried_out', 'total')];
  const parts: string[] = [];
  if (num(received)) parts.push(received === 0 ? '本年未收到政府信息公开申请' : `本年新收政府信息公开申请${received}件`);
  if (num(done) && done > 0) parts.push(`全年办结${done}件`);
  if (num(out) && out > 0) parts.push(`结转下年度继续办理${out}件`);
  if (parts.length) general.push(`${parts.join('，')}。${num(received) && received > 0 ? '均在法定期限内予以答复。' : ''}`);
  else general.push('严格按照法定程序和时限办理政府信息公开申请。');
  const review = values[t4Id('review', 'total')];
  const suitA = values[t4Id('suit_direct', 'total')];
  const suitB = values[t4Id('suit_after_review', 'total')];
  const legal: string[] = [];
  if (num(review)) legal.push(review ? `因政府信息公开被申请行政复议${review}件` : '未发生因政府信息公开引起的行政复议');
  if (num(suitA) && num(suitB)) legal.push(suitA + suitB ? `被提起行政诉讼${suitA + suitB}件` : '未发生行政诉讼');
  if (legal.length) general.push(`本年度${legal.join('，')}。`);

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
  return { general, problems, other };
}
