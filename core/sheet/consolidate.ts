/**
 * The county workbook: the reports of all units of one year → one WorkbookModel with
 *
 *   目录 · 汇总 · 校验总览 · 校验 · 明细 · one standard sheet per unit (by name) · 原文
 *
 * 汇总 sums 明细, which reads the unit sheets: every number stays live, and so do the counts
 * of 目录 and 校验总览 (over 校验). Engine-free: the CLI writes it with a file writer, the
 * add-in through Office.js.
 *
 * Refused, with a Chinese message: no report at all; reports of several years, unless the
 * same units over consecutive years, or (acrossYears) this year's and last year's units, new
 * and gone ones allowed; the same unit twice in a year. Across years the rules across years
 * (R3.6, R2.3, Y1: rules/crossyear.ts) are checked in TypeScript and in 校验, 同比 sets the
 * latest year beside the one before, and 汇总 is of the latest year.
 */
import { verdicts } from '../rules/check.ts';
import { citedLines } from '../describe.ts';
import type { Finding } from '../findings.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import { checkCrossYear, CROSS_YEAR_RULES } from '../rules/crossyear.ts';
import { bulkSourceSheet, unitSheet, VerifyRows } from './bulk.ts';
import { CATALOGUE_SHEET, catalogueSheet, type CatalogueRow, type Unreadable } from './catalogue.ts';
import { catalogueLines, rosterStatuses, type StatusLine } from './catalogue-lines.ts';
import { crossYearRows, crossYearVerdicts } from './crossyear.ts';
import { FORMAT_ZH } from '../format/facts.ts';
import { standardLayout } from './layout.ts';
import { columnLetter, type SheetModel, type WorkbookModel } from './model.ts';
import { countRows, OVERVIEW_SHEET, overviewSheet, verifyVerdicts, type Counts, type OverviewRow, type RowVerdict, type VerifyBlock } from './overview.ts';
import { SOURCE_SHEET } from './source.ts';
import { DETAIL_SHEET, detailSheet, SUMMARY_SHEET, summaryFormat, summarySheet, summaryValues } from './summary.ts';
import { resultPaint, VERIFY_HEADERS, VERIFY_SHEET, verifySheet } from './verify.ts';
import { YOY_SHEET, yoySheet, yoyTable, type YoyRow, type YoyUnit } from './yoy.ts';
import { CHANGES_SHEET } from './changes.ts';
import { PROBLEMS_SHEET } from './problems.ts';
import { ROSTER_SHEET } from './roster.ts';
import { roundSheets, type RoundOptions, type RoundResult } from './round.ts';
import { CACHE_SHEET, cacheSheet } from '../round/cache.ts';
import { FONT, sheetNames, SHEET_NAME_MAX, STYLES } from './workbook.ts';

export type { Unreadable } from './catalogue.ts';

export interface ConsolidateInput {
  report: Report;
  /** the findings of analyze(), or of checkReport() for a sheet read back */
  findings?: Finding[];
  /** the file it came from */
  source: string;
  /** what the file was, in words: 文本, Markdown, 网页, Word, PDF, Excel 标准表 */
  kind?: string;
  /** the unit's sheet already exists under this name (the open workbook): formulas use it */
  sheet?: string;
  /** a unit of the county named so, which is itself an input (a city from its counties): it
   * has its sheet and its row in 目录, but is not summed again */
  partOf?: string;
}

export interface ConsolidateOptions {
  /** the county (or whoever consolidates); by default the common prefix of the units up to 县/区/市/旗 */
  name?: string;
  /** files that could not be read: listed in 目录 with the reason */
  unreadable?: Unreadable[];
  /** the 原文 sheet (default true) */
  originals?: boolean;
  /** this year's reports beside last year's (gouji consolidate --last-year): units may be new or gone */
  acrossYears?: boolean;
  /** the collection round: roster, the problem list and change log of the workbook updated */
  round?: RoundOptions;
}

export interface ConsolidatedUnit {
  sheet: string;
  unit: string;
  year: number;
  format: FormatId;
  source: string;
  /** the findings of the input, with those of consolidation: C1 (format mapped), R3.6 and R2.3 */
  findings: Finding[];
  counts: Counts;
  report: Report;
}

export type Consolidation =
  | {
      ok: true;
      workbook: WorkbookModel;
      name: string;
      year: number;
      /** every year present: one, or consecutive years of the same units */
      years: number[];
      format: FormatId;
      /** in sheet order */
      units: ConsolidatedUnit[];
      summary: { values: Record<CellId, number | null>; counts: Counts };
      unreadable: Unreadable[];
      /** with two years or more: 同比 as TypeScript computes it (county first), and the units new or gone */
      yoy?: { rows: YoyRow[]; newUnits: string[]; goneUnits: string[] };
      /** 问题清单 and 变更记录 as data (the notices are written from them) */
      round: Omit<RoundResult, 'front' | 'back'>;
      /** with a roster: 目录's lines as statuses (each roster row's, then those apart), as 目录 shows them computed */
      roster?: StatusLine[];
    }
  | { ok: false; code: 'no_reports' | 'mixed_years' | 'duplicate_unit'; message: string };

/** sheet names of the workbook itself: no unit sheet may take one */
export const INDEX_SHEETS = [CATALOGUE_SHEET, SUMMARY_SHEET, YOY_SHEET, OVERVIEW_SHEET, VERIFY_SHEET, DETAIL_SHEET, SOURCE_SHEET, ROSTER_SHEET, PROBLEMS_SHEET, CHANGES_SHEET, CACHE_SHEET];

const collator = new Intl.Collator('zh-CN');

const stem = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]*$/, '');
const unitName = (i: ConsolidateInput) => (i.report.unit ?? stem(i.source)).replace(/\s+/g, '');

/** 青岚县 from 青岚县人民政府, 青岚县凤岩镇人民政府, … */
export function countyName(units: string[]): string | null {
  if (!units.length) return null;
  let prefix = units[0]!;
  for (const u of units) while (!u.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return /^.+?(?:自治县|自治旗|县|区|市|旗)/.exec(prefix)?.[0] ?? null;
}

const yearList = (years: number[]) => years.map((y) => `${y}`).join('、');

/** the checks of consolidation that refuse: one year (or consecutive years of the same units), no unit twice */
function refuse(inputs: ConsolidateInput[], acrossYears: boolean): Consolidation | null {
  const byKey = new Map<string, ConsolidateInput[]>();
  for (const i of inputs) {
    const k = `${unitName(i)}\n${i.report.year}`;
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  }
  const dups = [...byKey.values()].filter((l) => l.length > 1);
  if (dups.length) {
    const lines = dups.map((l) => `“${unitName(l[0]!)}”${l[0]!.report.year} 年的年报出现了 ${l.length} 次：${l.map((i) => i.source).join('、')}`);
    return {
      ok: false,
      code: 'duplicate_unit',
      message: `${lines.join('；\n')}。\n同一单位同一年度只能有一份年报，否则会重复计入汇总。请去掉多余的文件后重试。`,
    };
  }
  const years = [...new Set(inputs.map((i) => i.report.year!))].sort((a, b) => a - b);
  if (years.length < 2) return null;
  const consecutive = years.every((y, k) => k === 0 || y === years[k - 1]! + 1);
  const unitsOf = (y: number) => new Set(inputs.filter((i) => i.report.year === y).map(unitName));
  const all = new Set(inputs.map(unitName));
  const partial = [...all].filter((u) => years.some((y) => !unitsOf(y).has(u)));
  if (consecutive && (!partial.length || (acrossYears && years.length === 2))) return null;
  const counts = years.map((y) => `${y} 年 ${unitsOf(y).size} 份`).join('，');
  const why = !consecutive
    ? `年度不连续`
    : `单位不一致（${partial.slice(0, 5).map((u) => `“${u}”只有 ${years.filter((y) => unitsOf(y).has(u)).join('、')} 年`).join('；')}${partial.length > 5 ? ` 等 ${partial.length} 个单位` : ''}）`;
  return {
    ok: false,
    code: 'mixed_years',
    message:
      `这些年报属于 ${yearList(years)} ${years.length} 个年度（${counts}）。一个汇总工作簿只汇总一个年度：请按年度分开汇总。` +
      `只有同一批单位连续几年的年报可以放在一起（用来核对上年结转），而这里${why}。`,
  };
}

const C1 = (unit: FormatId, to: FormatId): Finding => ({
  id: 'C1',
  rule: 'C1',
  at: '',
  severity: 'warning',
  message:
    `本单位使用${FORMAT_ZH[unit]}，汇总表使用${FORMAT_ZH[to]}：已按两版格式的对应关系计入汇总——` +
    (to === 'gov2021' ? '表三“（六）其他处理”计入“3.其他”' : '表三“（六）其他处理”下的三行合并计入“（六）其他处理”') +
    '，表二中两版格式不同的格子不计入汇总。',
  cells: [],
  lines: [],
});

/** unique sheet names, none of them one of the workbook's own */
function unitSheetNames(reports: Report[]): string[] {
  const reserved = new Set(INDEX_SHEETS.map((s) => s.toLowerCase()));
  const names = sheetNames(reports);
  const taken = new Set(names.map((n) => n.toLowerCase()));
  return names.map((name) => {
    if (!reserved.has(name.toLowerCase())) return name;
    for (let n = 2; ; n++) {
      const s = `${name.slice(0, SHEET_NAME_MAX - 4)}（${n}）`;
      if (!taken.has(s.toLowerCase()) && !reserved.has(s.toLowerCase())) {
        taken.add(s.toLowerCase());
        return s;
      }
    }
  });
}

/** the 校验 sheet's frame (headers, widths, print) from verify.ts, its rows written by VerifyRows */
function verifyFrame(): SheetModel {
  const sheet = verifySheet([]);
  sheet.conditionalFormats = [];
  return sheet;
}

function finishVerify(sheet: SheetModel, lastRow: number): void {
  const last = Math.max(lastRow, 2);
  const H = columnLetter(VERIFY_HEADERS.indexOf('结果') + 1);
  const results = `${H}2:${H}${last}`;
  sheet.conditionalFormats.push(...resultPaint(results, `${H}2`));
  sheet.autoFilter = `A1:${columnLetter(VERIFY_HEADERS.length)}${last}`;
}

export function consolidate(inputs: ConsolidateInput[], options: ConsolidateOptions = {}): Consolidation {
  const unreadable = [...(options.unreadable ?? [])];
  const usable: ConsolidateInput[] = [];
  for (const i of inputs) {
    if (i.report.year === null) unreadable.push({ source: i.source, reason: '没有识别出报告年度（标题和统计期限中都没有“YYYY年”），无法确定计入哪一年的汇总。' });
    else usable.push(i);
  }
  if (!usable.length) {
    const why = unreadable.length ? `给出的 ${unreadable.length} 个文件都没能作为年报读入。` : '没有给出任何年报。';
    return { ok: false, code: 'no_reports', message: `${why}没有可以汇总的年报。` };
  }
  const refused = refuse(usable, options.acrossYears === true);
  if (refused) return refused;

  const years = [...new Set(usable.map((i) => i.report.year!))].sort((a, b) => a - b);
  const year = years[years.length - 1]!;
  const sorted = [...usable].sort((a, b) => collator.compare(unitName(a), unitName(b)) || a.report.year! - b.report.year!);
  const latest = sorted.filter((i) => i.report.year === year && !i.partOf);
  const members = sorted.filter((i) => i.partOf).length;
  const format = summaryFormat(latest.map((i) => i.report.format));
  const name = options.name?.trim() || countyName(latest.map(unitName)) || '各单位';
  const names = unitSheetNames(sorted.map((i) => i.report));
  const sheetOf = new Map(sorted.map((i, k) => [i, i.sheet ?? names[k]!]));
  const byUnitYear = new Map(sorted.map((i) => [`${unitName(i)}\n${i.report.year}`, i]));
  const previousOf = (i: ConsolidateInput) => byUnitYear.get(`${unitName(i)}\n${i.report.year! - 1}`);

  // the findings each unit carries into 校验: its own, then those of consolidation
  const findingsOf = new Map<ConsolidateInput, Finding[]>();
  for (const i of sorted) {
    const own = i.findings ?? [];
    const extra: Finding[] = [];
    if (i.report.year === year && i.report.format !== format) extra.push(C1(i.report.format, format));
    const prev = previousOf(i);
    if (prev) extra.push(...checkCrossYear(i.report, prev.report));
    findingsOf.set(i, [...own, ...extra]);
  }

  const originals = options.originals !== false;
  const source = bulkSourceSheet(
    originals ? sorted.map((i) => ({ sheet: sheetOf.get(i)!, lines: i.report.lines, cited: citedLines(i.report, findingsOf.get(i)!) })) : [],
  );

  // 校验: the summary's rows first, then each unit's, in sheet order
  const verify = verifyFrame();
  const rows = new VerifyRows(verify);
  const blockOf = (write: () => void): VerifyBlock => {
    const first = rows.row;
    write();
    return { first, last: Math.max(rows.row - 1, first) };
  };
  // the summary's own broken rules are shown (and printed) like a unit's; it gets no suggested fix, that belongs to a unit
  const sums = summaryValues(format, latest.map((i) => i.report));
  const summaryBroken = new Set([...verdicts(format, (id) => sums[id] ?? null)].filter(([id, e]) => e.verdict === 'fail' && !id.startsWith('R3.5@')).map(([id]) => id));
  const summaryBlock = blockOf(() =>
    rows.unit({ sheet: SUMMARY_SHEET, layout: standardLayout(format), findings: [], shown: summaryBroken, lineAddress: () => undefined }),
  );
  const blocks = new Map<ConsolidateInput, VerifyBlock>();
  for (const i of sorted) {
    const sheet = sheetOf.get(i)!;
    const layout = standardLayout(i.report.format);
    // the rows across years (R3.6, R2.3) are written by crossYearRows; their TypeScript findings stay out of the static rows
    const findings = findingsOf.get(i)!.filter((f) => !CROSS_YEAR_RULES.has(f.rule));
    const prev = previousOf(i);
    blocks.set(
      i,
      blockOf(() =>
        rows.unit({ sheet, layout, findings, numbers: i.report, lineAddress: (line) => (originals ? source.lineAddress(sheet, line) : undefined) }, prev
          ? () => crossYearRows(rows, { sheet, layout, report: i.report }, { sheet: sheetOf.get(prev)!, layout: standardLayout(prev.report.format), report: prev.report })
          : undefined),
      ),
    );
  }
  finishVerify(verify, rows.row - 1);

  const units: ConsolidatedUnit[] = sorted.map((i) => {
    const prev = previousOf(i);
    const findings = findingsOf.get(i)!;
    const verdicts = verifyVerdicts(i.report, findings.filter((f) => !CROSS_YEAR_RULES.has(f.rule)), prev ? crossYearVerdicts(i.report, prev.report) : []);
    return {
      sheet: sheetOf.get(i)!,
      unit: unitName(i),
      year: i.report.year!,
      format: i.report.format,
      source: i.source,
      findings,
      counts: countRows(verdicts),
      report: i.report,
    };
  });

  const detailUnits = latest.map((i) => ({ sheet: sheetOf.get(i)!, report: i.report }));
  const values = sums;
  const summaryReport: Report = {
    source: DETAIL_SHEET,
    format,
    title: null,
    titleLine: null,
    unit: name,
    year,
    titleYear: year,
    cells: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v === null ? { value: null, nullReason: 'blank' as const } : { value: v }])),
    sections: [],
    ambiguous: {},
    lines: [],
  };
  const summaryCounts = countRows(verifyVerdicts(summaryReport, []));

  const multi = years.length > 1;
  const title = `${name}${year}年政府信息公开工作年度报告汇总`;
  const overviewRows: OverviewRow[] = sorted.map((i) => ({ sheet: sheetOf.get(i)!, unit: unitName(i), year: i.report.year, block: blocks.get(i)! }));
  const summaryRow = { sheet: SUMMARY_SHEET, unit: `${name}（汇总）`, year, block: summaryBlock };
  const catalogueRows: CatalogueRow[] = sorted.map((i) => ({
    sheet: sheetOf.get(i)!,
    unit: unitName(i),
    year: i.report.year,
    format: i.report.format,
    kind: i.kind ?? '',
    source: i.source,
    block: blocks.get(i)!,
    note: [
      i.report.year === year && i.report.format !== format ? `使用另一版格式，已折算计入汇总（见“${VERIFY_SHEET}”表 C1）` : '',
      multi && i.report.year !== year ? `${i.report.year} 年，只用于跨年核对（上年结转、同比），不计入汇总` : '',
      multi && i.report.year === year - 1 && !byUnitYear.has(`${unitName(i)}\n${year}`) ? `${year} 年没有这个单位的年报` : '',
      multi && i.report.year === year && !previousOf(i) ? `本年新增的单位：没有 ${year - 1} 年的年报` : '',
      i.partOf ? `“${i.partOf}”的单位，已计入“${i.partOf}”一行，不重复计入汇总` : '',
    ].filter(Boolean).join('；') || undefined,
  }));
  const intro =
    `共 ${latest.length} 个单位的 ${year} 年年报（按单位名称排列）` +
    (multi ? `，另有 ${yearList(years.slice(0, -1))} 年的年报，用于跨年核对（上年结转 R3.6、现行有效 R2.3、同比跳变 Y1，见“${YOY_SHEET}”表）` : '') +
    (members ? `；另列出各下级汇总所含的 ${members} 个单位，只供查看，不重复计入` : '') +
    (unreadable.length ? `；${unreadable.length} 个文件未能读入，列在最后` : '') +
    `。错误、警告两列是公式，随各表的修改自动更新；点击工作表名称可以跳转。`;
  const roster = options.round?.roster;
  const lines = catalogueLines(catalogueRows, unreadable, roster ? { entries: roster, counties: [name], year } : undefined);
  const catalogue = catalogueSheet(title, intro, {
    sheet: SUMMARY_SHEET, unit: `${name}（${latest.length} 个单位汇总）`, year, format, kind: '汇总', source: `“${DETAIL_SHEET}”表`, block: summaryBlock,
  }, lines);
  const round = roundSheets(title, units.filter((u) => u.year === year), options.round);

  const yoyUnits = multi ? yoyInputs(sorted, year, (i) => ({ sheet: sheetOf.get(i)!, layout: standardLayout(i.report.format), report: i.report })) : [];
  const sheets: SheetModel[] = [
    catalogue,
    summarySheet(format, { name, year, units: detailUnits }),
    ...(multi ? [yoySheet({ name, year, format, units: yoyUnits })] : []),
    overviewSheet(`${title} · 校验总览`, overviewRows, summaryRow),
    verify,
    detailSheet(format, detailUnits),
    ...round.front,
    ...round.back,
    ...sorted.map((i) => unitSheet(i.report, sheetOf.get(i)!)),
    ...(originals ? [source.sheet, cacheSheet(sorted.map((i) => ({ sheet: sheetOf.get(i)!, report: i.report, findings: i.findings ?? [] })))] : []),
  ];
  return {
    ok: true,
    workbook: { sheets, styles: STYLES, font: FONT },
    name,
    year,
    years,
    format,
    units,
    summary: { values, counts: summaryCounts },
    unreadable,
    round: { problems: round.problems, appeared: round.appeared, gone: round.gone, changes: round.changes },
    ...(roster ? { roster: rosterStatuses(lines, ((m) => (sheet: string) => m.get(sheet)!)(new Map(units.map((u) => [u.sheet, u.counts])))) } : {}),
    ...(multi
      ? {
          yoy: {
            rows: yoyTable(yoyUnits, { format, values }),
            newUnits: yoyUnits.filter((u) => !u.previous).map((u) => u.unit),
            goneUnits: yoyUnits.filter((u) => !u.current).map((u) => u.unit),
          },
        }
      : {}),
  };
}

/** the units of 同比: every unit of the latest year or the one before, by name */
function yoyInputs(sorted: ConsolidateInput[], year: number, sheetOf: (i: ConsolidateInput) => YoyUnit['current']): YoyUnit[] {
  const out = new Map<string, YoyUnit>();
  for (const i of sorted) {
    if ((i.report.year !== year && i.report.year !== year - 1) || i.partOf) continue;
    const u = out.get(unitName(i)) ?? { unit: unitName(i) };
    if (i.report.year === year) u.current = sheetOf(i);
    else u.previous = sheetOf(i);
    out.set(u.unit, u);
  }
  return [...out.values()];
}

/** the units with the most 不符, worst first (ties by sheet order) */
export function worstUnits(units: ConsolidatedUnit[], n: number): ConsolidatedUnit[] {
  return units
    .map((u, k) => ({ u, k }))
    .filter(({ u }) => u.counts.total > 0)
    .sort((a, b) => b.u.counts.total - a.u.counts.total || a.k - b.k)
    .slice(0, n)
    .map(({ u }) => u);
}

export type { RowVerdict };
