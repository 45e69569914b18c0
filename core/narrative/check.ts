/**
 * Text against tables (spec §6, N1–N8): the figures the prose states for the report year,
 * each tied to the cells it must equal. Every statement is kept — agreeing ones too, so
 * that the pane and the sheet can show them — and each disagreement is a finding.
 */
import type { CellId } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Regions } from '../read/structure.ts';
import type { Report } from '../report.ts';
import { scanFigures, type Figure } from './figures.ts';
import { lineAt, proseFlow, type Flow, type ParsedLines } from './flow.ts';
import { categoryLists, type ListItem } from './lists.ts';
import { NARRATIVE_MESSAGES as M } from './messages.ts';
import { statementOf, zeroStatements, type Stated } from './statements.ts';
import { ABOUT, compare, RULE_OF, tieOf } from './tie.ts';

export type NarrativeRule = 'N1' | 'N2' | 'N3' | 'N4' | 'N5' | 'N6' | 'N7' | 'N8';

export interface Statement {
  rule: NarrativeRule;
  /** the prose's words (spaces dropped) */
  phrase: string;
  /** 1-based source line */
  line: number;
  value: number;
  /** what the figure counts, in words */
  about: string;
  /** the cells it must equal (their sum); none for N6 and N8 */
  cellIds: CellId[];
  /** the cells' value; for N6 the list's own sum (or its percentages' sum) */
  tableValue: number | null;
  /** null: not assessable (a blank or unsettled cell, a list with no total) */
  agrees: boolean | null;
}

export interface NarrativeResult {
  findings: Finding[];
  statements: Statement[];
}

/** more figures than any report states: a pasted file of many copies is read this far */
const MAX_FIGURES = 5_000;
const MAX_STATEMENTS = 500;
/** lists and rates: a real report has a handful */
const MAX_OTHERS = 200;

const finding = (rule: NarrativeRule, severity: Finding['severity'], message: string, cells: CellId[], lines: number[]): Finding => ({
  id: rule,
  rule,
  at: '',
  severity,
  message,
  cells,
  lines,
});

export function checkNarrative(report: Report, regions: Regions, parsed?: ParsedLines): NarrativeResult {
  const flow = proseFlow(report.lines, regions, parsed);
  const figures = scanFigures(flow.text, MAX_FIGURES);
  const statements: Statement[] = [];
  const findings: Finding[] = [];
  const stated = collect(flow, figures, report.year);

  // N1–N5: each figure against its cells
  // by what is counted and where the table holds it (gov2019 制发 and 新公开 are two columns)
  const byKey = new Map<string, { s: Stated; line: number; cells: CellId[] }[]>();
  for (const s of stated) {
    const line = lineAt(flow, s.at);
    const tie = tieOf(report.format, s.key, s.word);
    // each statement and finding its own array: the tie's is shared by every report
    const cells = [...tie.cells];
    const side = compare(report, cells, s.value);
    const rule = RULE_OF[s.key];
    statements.push({ rule, phrase: s.phrase, line, value: s.value, about: ABOUT[s.key], cellIds: cells, tableValue: side.value, agrees: side.agrees });
    if (side.agrees === false) findings.push(finding(rule, 'warning', M.mismatch(report.format, line, s.phrase, ABOUT[s.key], s.value, cells, side.value, side.known), [...cells], [line]));
    const same = byKey.get(tie.group);
    if (same) same.push({ s, line, cells });
    else byKey.set(tie.group, [{ s, line, cells }]);
  }

  // N7: one count stated twice with two values
  for (const list of byKey.values()) {
    const a = list[0]!;
    const other = list.find((x) => x.s.value !== a.s.value);
    if (!other) continue;
    const said = (x: typeof a) => ({ line: x.line, phrase: x.s.phrase, value: x.s.value });
    findings.push(finding('N7', 'warning', M.twice(ABOUT[a.s.key], said(a), said(other)), a.cells, [a.line, other.line]));
  }

  // N6: category lists against their total and 100%
  const lists = categoryLists(flow.text, figures, report.year);
  for (let k = 0; k < lists.length && k < MAX_OTHERS; k++) {
    const list = lists[k]!;
    const head = list.total ?? null;
    const at = head ? head.start : list.items[0]!.at;
    const line = lineAt(flow, at);
    const totalPhrase = head ? `${head.clause.slice(-30)}${head.value}${head.unit}` : null;
    const phrase = totalPhrase ?? itemsText(list.items);
    const countsOff = list.whole && head !== null && list.sum !== head.value;
    const pctOff = list.pctSum !== null && Math.abs(list.pctSum - 100) > 1;
    if (head && list.whole) {
      statements.push({ rule: 'N6', phrase, line, value: head.value, about: '分类条数之和', cellIds: [], tableValue: list.sum, agrees: !countsOff });
    }
    if (list.pctSum !== null) {
      statements.push({ rule: 'N6', phrase, line, value: 100, about: '分类百分比之和', cellIds: [], tableValue: list.pctSum, agrees: !pctOff });
    }
    const parts: string[] = [];
    if (countsOff) parts.push(M.listCounts(head!.value, list.sum, list.items.length));
    if (pctOff) parts.push(M.listPercent(list.pctSum!));
    const listLine = lineAt(flow, list.items[0]!.at);
    if (parts.length) findings.push(finding('N6', 'warning', M.list(line, totalPhrase, listLine, itemsText(list.items), parts), [], [...new Set([line, listLine])]));
  }

  // N8: a rate above 100%
  let rates = 0;
  for (const f of figures) {
    if (rates >= MAX_OTHERS) break;
    if (f.unit !== '%' || !isOverHundred(f)) continue;
    rates++;
    const line = lineAt(flow, f.start);
    const phrase = `${f.clause.slice(-30)}${f.value}%${f.after.slice(0, 6)}`;
    statements.push({ rule: 'N8', phrase, line, value: f.value, about: '比率', cellIds: [], tableValue: null, agrees: false });
    findings.push(finding('N8', 'info', M.overHundred(line, phrase), [], [line]));
  }
  return { findings, statements };
}

/** the statements of N1–N5 in the flow's order, report-year figures only */
function collect(flow: Flow, figures: Figure[], year: number | null): Stated[] {
  const out: Stated[] = [];
  let previous: Stated | null = null;
  let previousEnd = -1;
  for (const f of figures) {
    if (out.length >= MAX_STATEMENTS) break;
    // the statement before counts only within the same sentence
    const sameSentence = previous !== null && f.start - f.sentence.length <= previousEnd;
    const s = statementOf(f, year, sameSentence ? previous : null);
    if (s) {
      out.push(s);
      previous = s;
      previousEnd = f.end;
    }
  }
  return mergeByAt(out, zeroStatements(flow.text, year, MAX_STATEMENTS));
}

/**
 * Two lists each in the flow's order as one, a figure's statement before a none at the same
 * place (as a stable sort of the two lists one after the other)
 */
function mergeByAt(a: Stated[], b: Stated[]): Stated[] {
  if (!b.length) return a;
  const out: Stated[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.at <= b[j]!.at ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** a rate (…率) above 100%, or 100% 以上 / 超过 100% — not a growth (增长 150%) */
function isOverHundred(f: Figure): boolean {
  if (f.value < 100) return false;
  if (/增长|增加|提高|提升|上升|同比|环比|较|比上年|翻/.test(f.clause)) return false;
  const rate = /率/.test(f.clause);
  if (!rate) return false;
  if (f.value > 100) return true;
  return f.value === 100 && (/^以上|^多/.test(f.after) || /(?:超过|超出|高于|大于)$/.test(f.clause));
}

function itemsText(items: ListItem[]): string {
  const shown = items.slice(0, 4).map((i) => `${i.label}${i.value}${i.unit}${i.pct !== null ? `，占${i.pct}%` : ''}`);
  return `${shown.join('；')}${items.length > 4 ? `……共 ${items.length} 类` : ''}`;
}
