/**
 * The figures the prose states that a table also holds (N1–N5), read from the figures'
 * surroundings: which count it is, or none. Each pattern looks only at a short window
 * before or after one figure, so none can run long.
 */
import { charSet } from './chars.ts';
import { excluded } from './context.ts';
import { contextAfter, contextBefore, type Figure } from './figures.ts';

/** what a stated figure counts; each has its table cells (tie.ts) */
export type FigureKey =
  | 'received'
  | 'answered'
  | 'review'
  | 'suit'
  | 'normative_doc.made'
  | 'normative_doc.in_force'
  | 'regulation.made'
  | 'regulation.in_force';

export interface Stated {
  key: FigureKey;
  value: number;
  unit: string;
  /** the words of the statement, as the prose has them (spaces dropped) */
  phrase: string;
  /** flow offset of the figure (its line) */
  at: number;
  /** for a document count, the word that says which column: 制发, 新公开, 现行有效 … */
  word?: string;
}

const COUNT_UNITS = new Set(['件', '条', '起', '宗']);
/** words between a noun and its number that say nothing: 申请共计 16 件, 行政诉讼数为 0 件 */
const FILLER_TAIL = /(?:共计|合计|总计|总数为|数量为|数为|共|为|达到|达|是|有|了|的)+$/;
/** the last characters FILLER_TAIL can end with: other clauses skip the regex */
const FILLER_LAST = charSet('计为共到达是有了的');
const strip = (s: string) => (FILLER_LAST.has(s.charCodeAt(s.length - 1)) ? s.replace(FILLER_TAIL, '') : s);

const RECEIVE = /收到|受理|新收|接收|接到|提交|提出|新增/;
/** …申请 16 件, …依申请公开事项 1 件, …申请数量 16 条 */
const APPLICATION_NOUN = /申请(?:公开)?(?:信息|事项)?(?:申请)?(?:数量|件数|总数|总量|数)?$/;
/** words that make an application count something else: a part, a review, a complaint */
const NOT_RECEIVED = /其中|复议|诉讼|信访|举报|投诉|结转|转办|补正/;
const ANSWER = /(?:办结|答复|回复|办理完毕|办理完成|办理完结|处理完毕)(?:政府信息公开|依申请公开)?(?:申请)?$/;
/** an answer of one kind (同意公开答复 9 件) or not this year's (转下一年度办理答复的) */
const NOT_ALL_ANSWERS = /其中|公开答复|予以公开|同意公开|部分公开|不予|无法|其他处理|逾期|结转|转下|顺延|下一?年度|延期|补正|告知|复议|诉讼/;
const REVIEW = /行政复议(?:案件|申请|案)?(?:数量|件数|总数|数)?$/;
const SUIT = /行政诉讼(?:案件|案)?(?:数量|件数|总数|数)?$/;
const NOT_LEGAL = /其中|复议后|直接起诉|维持|纠正|其他结果|审结/;

/** which 表二 column a 规范性文件 count is: the nearest of these words before it decides */
const DOC_WORDS: [RegExp, 'made' | 'in_force' | null][] = [
  [/现行有效|有效|对外公开总数量?|公开总数|总数/g, 'in_force'],
  [/新制作|制作|制发|印发|出台|制定|发布|新公开|公开|新增/g, 'made'],
  [/清理|废止|审查|审核|备案|修订|修改|解读|征求意见|评估|宣传|梳理|报备|失效|起草|合法性/g, null],
];

function docColumn(sentence: string): { col: 'made' | 'in_force' | null; word: string } {
  let best = -1;
  let out: { col: 'made' | 'in_force' | null; word: string } = { col: null, word: '' };
  for (const [re, col] of DOC_WORDS) {
    for (const m of sentence.matchAll(re)) {
      const end = m.index + m[0].length;
      if (end > best || (end === best && m[0].length > out.word.length)) {
        best = end;
        out = { col, word: m[0] };
      }
    }
  }
  return out;
}

/**
 * Each clause pattern runs only where its literal word is in the clause (a builtin search),
 * and only for the last characters it can end with (each ends with $: 申请…数, 办结…申请,
 * 行政复议…数 …): a figure tries only the patterns its clause can meet.
 */
const NOUN_LAST = charSet('请开息项量数');
const ANSWER_LAST = charSet('结复毕成开请');
const REVIEW_LAST = charSet('议件请案量数');
const SUIT_LAST = charSet('讼件案量数');
const IN_FORCE_LAST = charSet('效量数');
const CLAUSE_LAST = charSet('请开息项量数结复毕成议件案讼章效');
/** the first characters of …申请 after the number (政府信息公开, 依申请公开, 信息公开, 的, 申请) */
const AFTER_FIRST = charSet('政依信的申');

/**
 * The statement one figure makes, if any. `previous` is the statement just before it in the
 * same sentence, for …规范性文件 5 件，现行有效 40 件 (the second names no document).
 * Whether it is the report year's is asked last, of a figure that states something: most
 * figures state nothing.
 */
export function statementOf(f: Figure, year: number | null, previous: Stated | null): Stated | null {
  if (!COUNT_UNITS.has(f.unit)) return null;
  const s = whatItStates(f, previous);
  return s && !excluded(f, year) ? s : null;
}

/** the statement of figure `f`: its phrase the clause, the figure as written, and `tail` (made only for a statement) */
const stated = (f: Figure, key: FigureKey, tail = ''): Stated => ({ key, value: f.value, unit: f.unit, phrase: `${f.clause.slice(-40)}${f.value}${f.unit}${tail}`, at: f.start });

/** the statement a count figure would make, by its words alone */
function whatItStates(f: Figure, previous: Stated | null): Stated | null {
  const clause = strip(f.clause);
  const last = clause.charCodeAt(clause.length - 1);
  const afterApplication = AFTER_FIRST.has(f.after.charCodeAt(0));
  const afterLegal = f.after.includes('行政');
  // every rule below needs one of these: skip the patterns when none holds
  if (!CLAUSE_LAST.has(last) && !afterApplication && !afterLegal) return null;
  // number first, noun after: 共收到 70 件申请, 有 1 件涉及…的行政复议
  if (afterApplication && /^(?:政府信息公开|依申请公开|信息公开)?(?:的)?申请(?!人)/.test(f.after) && RECEIVE.test(clause.slice(-4)) && !NOT_RECEIVED.test(f.clause)) {
    return stated(f, 'received', f.after.slice(0, 12));
  }
  if (afterLegal && f.after.length <= 24 && !NOT_LEGAL.test(f.clause + f.after)) {
    if (/行政复议(?:案件|申请|案)?$/.test(f.after) && !f.after.includes('诉讼')) return stated(f, 'review', f.after);
    if (/行政诉讼(?:案件|案)?$/.test(f.after) && !f.after.includes('复议')) return stated(f, 'suit', f.after);
  }
  if (NOUN_LAST.has(last) && clause.includes('申请') && APPLICATION_NOUN.test(clause) && RECEIVE.test(clause) && !NOT_RECEIVED.test(f.clause)) return stated(f, 'received');
  if (ANSWER_LAST.has(last) && ANSWER.test(clause) && f.sentence.includes('申请') && !NOT_ALL_ANSWERS.test(f.clause)) return stated(f, 'answered');
  if (REVIEW_LAST.has(last) && clause.includes('行政复议') && REVIEW.test(clause) && !NOT_LEGAL.test(f.clause) && !f.clause.includes('诉讼')) return stated(f, 'review');
  if (SUIT_LAST.has(last) && clause.includes('行政诉讼') && SUIT.test(clause) && !NOT_LEGAL.test(f.clause) && !f.clause.includes('复议')) return stated(f, 'suit');
  for (const doc of ['normative_doc', 'regulation'] as const) {
    if (!clause.endsWith(doc === 'normative_doc' ? '规范性文件' : '规章') || /^[类制]/.test(f.after)) continue;
    const { col, word } = docColumn(f.sentence);
    if (col) {
      const s = stated(f, `${doc}.${col}`);
      return { key: s.key, value: s.value, unit: s.unit, phrase: s.phrase, at: s.at, word };
    }
  }
  // …规范性文件 5 件，现行有效 40 件: the document of the clause before
  if (previous && IN_FORCE_LAST.has(last) && previous.key.endsWith('.made') && /^(?:其中)?(?:目前|当前|至今)?(?:仍然|仍)?(?:现行有效|对外公开总数量?|公开总数|有效)$/.test(clause)) {
    return stated(f, previous.key.replace('.made', '.in_force') as FigureKey);
  }
  return null;
}

const NEGATION = /(?:未|没有)(?:发生|收到|受理|接到|新收|出现|产生|有)/g;

/**
 * Counts the prose states as none: 未收到政府信息公开申请, 未发生…行政复议, 未发生行政诉讼.
 * Each is a figure 0 for the count it names.
 */
export function zeroStatements(text: string, year: number | null, limit: number): Stated[] {
  const out: Stated[] = [];
  NEGATION.lastIndex = 0;
  for (let m = NEGATION.exec(text); m; m = NEGATION.exec(text)) {
    if (out.length >= limit) break;
    const at = m.index;
    const words = m[0];
    const rest = contextAfter(text, at + words.length);
    const before = contextBefore(text, at);
    if (rest.length > 30 || excluded({ sentence: before.sentence, clause: before.clause + words + rest }, year)) continue;
    const phrase = before.clause.slice(-20) + words + rest;
    const zero = (key: FigureKey): Stated => ({ key, value: 0, unit: '件', phrase, at });
    // 未发生行政复议被纠错 is about outcomes, not counts
    if (/纠|败诉|撤销|违法|责任|追究/.test(rest)) continue;
    const review = /行政复议/.test(rest);
    const suit = /行政诉讼/.test(rest);
    if (review || suit) {
      if (review) out.push(zero('review'));
      if (suit) out.push(zero('suit'));
      continue;
    }
    if (/申请(?!人)/.test(rest) && !NOT_RECEIVED.test(rest) && /收到|受理|接到|新收/.test(words)) out.push(zero('received'));
  }
  return out;
}
