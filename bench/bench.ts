/**
 * `npm run bench [-- --json] [--reports N] [--rounds N] [--only parse,addin,consolidate,round,pane,recalc,ocr,readback,desk]`
 *
 * Each measurement is one function in MEASUREMENTS that returns named figures; the figures
 * of all of them make one flat JSON object, printed as the LAST line with --json. Times are
 * taken on one core after a warm-up, over several rounds; the median round counts.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze } from '../core/analyze.ts';
import { bundleFiles, ROOT } from '../scripts/test-bundle.ts';
import { addinSyncs } from './addin.ts';
import { measureConsolidate } from './consolidate.ts';
import { measureDesk } from './desk.ts';
import { measureOcr } from './ocr.ts';
import { measurePanePreview } from './pane.ts';
import { readback } from './readback.ts';
import { measureRecalc } from './recalc.ts';
import { measureUpdate } from './round.ts';
import { benchTexts, TEXTS_FROM, type BenchText } from './texts.ts';

export interface Figure {
  /** the JSON key: snake_case, unit in the name */
  key: string;
  value: number;
  /** for people */
  label: string;
}

interface Context {
  texts: BenchText[];
  rounds: number;
}

interface Measured {
  figures: Figure[];
  details?: string[];
}

interface Measurement {
  /** for --only */
  key: string;
  name: string;
  /** figures for the JSON, and lines that only people read */
  measure(ctx: Context): Measured | Promise<Measured>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** keeps results alive so the engine cannot skip the work being timed */
let sink = 0;

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

type Analyze = typeof analyze;

/**
 * analyze() as the pane and the offline desk run it: the core in one bundle. Loaded through
 * tsx (as this script and the command line are), each module also names every named closure
 * when it is made (tsx's keepNames), some sixty calls a report: the figures would be tsx's.
 */
async function shippedAnalyze(): Promise<Analyze> {
  const [bundle] = (await bundleFiles([join(ROOT, 'core', 'analyze.ts')])).files;
  return ((await import(pathToFileURL(bundle!).href)) as { analyze: Analyze }).analyze;
}

function analyzeAll(texts: BenchText[], analyze: Analyze): void {
  for (const t of texts) {
    const a = analyze(t.text);
    sink += a.ok ? a.findings.length + 1 : 0;
  }
}

/** the least any reader must do: split into lines and find every number with one regex */
const NUMBER = /\d+(?:\.\d+)?/g;
function floorAll(texts: BenchText[]): void {
  for (const t of texts) {
    for (const line of t.text.split(/\r?\n/)) {
      for (const m of line.matchAll(NUMBER)) sink += m[0].length;
    }
  }
}

const parsing: Measurement = {
  key: 'parse',
  name: '读取与校验（analyze = read + check；按任务窗格和离线版打包后的代码计）',
  async measure({ texts, rounds }) {
    const shipped = await shippedAnalyze();
    // warm-up: let the JIT settle and OpenCC build its tables before anything is timed
    for (let i = 0; i < 2; i++) analyzeAll(texts, shipped);
    for (let i = 0; i < 2; i++) analyzeAll(texts, analyze);
    for (let i = 0; i < 5; i++) floorAll(texts);
    const parse: number[] = [];
    const floor: number[] = [];
    const throughTsx: number[] = [];
    // interleaved, so that a slow patch of the machine hits every side alike
    for (let r = 0; r < rounds; r++) {
      floor.push(time(() => floorAll(texts)));
      parse.push(time(() => analyzeAll(texts, shipped)));
      throughTsx.push(time(() => analyzeAll(texts, analyze)));
    }
    const p = median(parse);
    const f = median(floor);
    // by layout, to see which shape of paste costs the most (three rounds each, for people only)
    const layouts = [...new Set(texts.map((t) => t.kind.split('/')[0]!))];
    const details = layouts.map((layout) => {
      const some = texts.filter((t) => t.kind.startsWith(`${layout}/`));
      const ms = median([0, 1, 2].map(() => time(() => analyzeAll(some, shipped)))) / some.length;
      return `${layout.padEnd(20)} 每份 ${ms.toFixed(2)} ms`;
    });
    details.push(`经 tsx 逐个模块加载（命令行 npx gouji 的运行方式）：相对倍数 ${(median(throughTsx) / f).toFixed(1)}`);
    return {
      figures: [
        { key: 'parse_reports_per_s', value: Math.round((texts.length / p) * 1000), label: '每秒读取并校验的报告数（单核）' },
        { key: 'parse_vs_floor', value: Math.round((p / f) * 10) / 10, label: '相对“按行切分并用一个正则扫出所有数字”的耗时倍数' },
      ],
      details,
    };
  },
};

const addin: Measurement = {
  key: 'addin',
  name: 'Excel 加载项与 Excel 的往返（context.sync 次数，按 Excel 的批处理与 5 MB 请求上限计）',
  async measure() {
    const got = await addinSyncs(50);
    return {
      figures: [
        { key: 'addin_syncs_insert', value: got.insertSyncs, label: '插入一张标准表的 context.sync 次数' },
        { key: 'addin_syncs_consolidate_50', value: got.consolidateSyncs, label: `${got.units} 张标准表生成汇总的 context.sync 次数` },
      ],
      details: [`生成汇总共发送 ${got.consolidateMb} MB`],
    };
  },
};

const consolidation: Measurement = {
  key: 'consolidate',
  name: '全县汇总（gouji consolidate：1 000 个单位的年报文本 → 一个工作簿，在子进程中计时）',
  measure({ rounds }) {
    const m = measureConsolidate(rounds);
    const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      figures: [
        { key: 'consolidate_1000_s', value: round(m.s1000, 2), label: '1 000 个单位汇总为一个工作簿的耗时（秒，含启动、读取与写出；目标 ≤ 10）' },
        { key: 'consolidate_1000_peak_mb', value: m.mb1000, label: '其峰值常驻内存（MB；目标 ≤ 1000）' },
        { key: 'consolidate_scaling', value: round(m.s1000 / (10 * m.s100), 2), label: '1 000 个单位的耗时 ÷ 100 个单位耗时的 10 倍（目标 ≤ 1.3）' },
      ],
      details: [
        `100 个单位 ${m.s100.toFixed(2)} 秒`,
        m.bundled ? '命令行从 dist-cli/ 的打包启动（用户运行 npm run build 之后的方式）' : '命令行经 tsx 运行源码（dist-cli/ 不存在或旧于源码：npm run build:cli 后再测）',
      ],
    };
  },
};

const desk: Measurement = {
  key: 'desk',
  name: '离线版页面（Chromium，无网络）：选中 100 个单位的文件夹 → 下载全县汇总工作簿',
  async measure() {
    const m = await measureDesk(100);
    if (!m) return { figures: [], details: ['没有 Chromium：未测'] };
    const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      figures: [
        { key: 'browser_consolidate_100_s', value: round(m.seconds, 2), label: '从选中文件夹到拿到工作簿的耗时（秒；目标 ≤ 10）' },
        { key: 'browser_consolidate_100_peak_heap_mb', value: m.peakHeapMb, label: '页面与读取线程的 JavaScript 堆峰值（MB）' },
        { key: 'browser_consolidate_100_worker_heap_mb', value: m.peakWorkerMb, label: '其中读取线程（web worker）的堆（MB，在合计的峰值时）' },
      ],
      details: [`其中读取 ${m.readSeconds.toFixed(2)} 秒；工作簿 ${m.fileMb.toFixed(1)} MB；堆峰值时页面 ${m.peakPageMb} MB、读取线程 ${m.peakWorkerMb} MB`],
    };
  },
};

const roundUpdate: Measurement = {
  key: 'round',
  name: '收集轮次（100 个单位的县：第二轮 20 份新交的年报 consolidate --into 第一轮的工作簿，与重新汇总相比）',
  measure({ rounds }) {
    const m = measureUpdate(rounds);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      figures: [
        { key: 'update_100_s', value: r2(m.update), label: '把第二轮的年报更新进第一轮工作簿的耗时（秒，含启动、读取旧工作簿与写出；目标 < 重新汇总）' },
        { key: 'fresh_100_s', value: r2(m.fresh), label: '同样 100 份年报重新汇总的耗时（秒）' },
      ],
    };
  },
};

const pane: Measurement = {
  key: 'pane',
  name: '任务窗格（Chromium 中的生成版加载项，粘贴一份年报到预览画出）',
  async measure({ rounds }) {
    const m = await measurePanePreview(rounds);
    return {
      figures: [{ key: 'pane_preview_ms', value: Math.round(m.medianMs * 10) / 10, label: '粘贴 → 预览的耗时（毫秒，中位数；目标 ≤ 50）' }],
      details: [`第一次粘贴（含读取器预热）${m.firstMs.toFixed(1)} 毫秒`],
    };
  },
};

const recalc: Measurement = {
  key: 'recalc',
  name: 'LibreOffice 打开并重算 100 个单位的全县汇总工作簿',
  async measure() {
    const m = await measureRecalc();
    const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      figures: [
        { key: 'recalc_100_s', value: round(m.seconds, 2), label: '打开、全部重算并写回的耗时（秒，含启动）' },
        { key: 'county_100_mb', value: round(m.mb, 2), label: '该工作簿的大小（MB）' },
      ],
      details: [`其中 LibreOffice 启动并处理一个只有一个公式的工作簿 ${m.startupSeconds.toFixed(2)} 秒`],
    };
  },
};

const ocr: Measurement = {
  key: 'ocr',
  name: '扫描件文字识别（OCR：Chromium 打印 → 150 dpi 图片 → 只有图片的 PDF → gouji 读取；占全部格子的比例）',
  async measure() {
    const { t, scores } = await measureOcr();
    return {
      figures: [
        { key: 'ocr_cells_right_pct', value: t.rightPct, label: '读对的格子（%）' },
        { key: 'ocr_cells_flagged_pct', value: t.flaggedPct, label: '标为待确认（附可能的取值）的格子（%）' },
        { key: 'ocr_cells_unread_pct', value: t.unreadPct, label: '没找到所在行、留空并已提示的格子（%）' },
        { key: 'ocr_cells_silently_wrong_pct', value: t.silentlyWrongPct, label: '读错且未提示的格子（%；目标 0）' },
        { key: 'ocr_s_per_page', value: t.sPerPage, label: '每页耗时（秒）' },
      ],
      details: scores.map(
        (s) => `${s.name}：${s.pages} 页，对 ${s.right}、待确认 ${s.flagged}、留空已提示 ${s.unread}、读错未提示 ${s.silentlyWrong.length}（共 ${s.cells} 格）${s.failure ? `；未能读取：${s.failure}` : ''}`,
      ),
    };
  },
};

/** add a measurement here: its figures join the JSON */
const MEASUREMENTS: Measurement[] = [parsing, addin, consolidation, roundUpdate, pane, recalc, ocr, readback, desk];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, reports: { type: 'string' }, rounds: { type: 'string' }, only: { type: 'string' } },
    strict: true,
  });
  const count = Number(values.reports ?? 360);
  const rounds = Number(values.rounds ?? 7);
  if (!(count > 0) || !(rounds > 0)) throw new Error('--reports and --rounds take a positive number');
  const texts = benchTexts(count);
  const chars = texts.reduce((n, t) => n + t.text.length, 0);
  console.log(`基准：${texts.length} 份报告（平均 ${Math.round(chars / texts.length)} 字，${TEXTS_FROM}）；每项 ${rounds} 轮，取中位数。`);

  const figures: Figure[] = [];
  // --only parse,pane: just those measurements (by the first word of their key)
  const only = values.only?.split(',');
  const chosen = only ? MEASUREMENTS.filter((m) => only.includes(m.key)) : MEASUREMENTS;
  for (const m of chosen) {
    const got = await m.measure({ texts, rounds });
    console.log(`\n${m.name}`);
    for (const f of got.figures) console.log(`  ${f.label}：${f.value}（${f.key}）`);
    for (const d of got.details ?? []) console.log(`    ${d}`);
    figures.push(...got.figures);
  }
  if (values.json) console.log(JSON.stringify(Object.fromEntries(figures.map((f) => [f.key, f.value]))));
}

await main();
