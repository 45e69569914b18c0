/**
 * `gouji consolidate FILES_OR_FOLDERS... -o OUT.xlsx [--name 县名] [--force]`: the county
 * workbook (core/sheet/consolidate.ts) from every report given — text, Markdown, web pages,
 * Word, PDF, and the standard sheets of .xlsx workbooks.
 *
 * A file that cannot be read is listed in 目录 with the reason, and the rest go on. Refused
 * (exit 2, nothing written): no readable report, several years (unless the same units over
 * consecutive years), the same unit twice in a year. OUT is never overwritten without --force.
 * Exit code as `check`: 2 when a file could not be read, else 1 when a unit has an error, else 0.
 */
import { existsSync } from 'node:fs';
import { SOURCE_SHEET } from '../../core/sheet/source.ts';
import { readUnitFile } from '../../core/intake.ts';
import { consolidate, INDEX_SHEETS, worstUnits, type ConsolidateInput, type ConsolidateOptions, type Unreadable } from '../../core/sheet/consolidate.ts';
import { readRosterFile } from '../round-files.ts';
import { writeXlsxStream } from '../../core/xlsx/stream.ts';
import { EXIT, UsageError, type CommandArgs, type OptionSpec } from '../command.ts';
import { extractOptions, internalFailure, readPath } from '../input.ts';
import { writeWhole } from '../io/atomic.ts';
import { paintFor, type Paint } from '../output/colour.ts';
import { progressFor, type Progress } from '../progress.ts';
import { reportFiles } from '../walk.ts';
import { cityInputs, isCity, lastYearInputs, yoyLine } from '../consolidate-more.ts';
import { NODE_CODEC } from '../zlib-codec.ts';

export const options: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  name: { type: 'string' },
  force: { type: 'boolean' },
  roster: { type: 'string' },
  into: { type: 'string' },
  'last-year': { type: 'string' },
};

export const usage = [
  '用法：gouji consolidate <文件或文件夹>… -o <输出.xlsx> [--name <县名>] [--roster <名单>] [--last-year <上年工作簿或文件夹>] [--force]',
  '      gouji consolidate --into <全县汇总.xlsx> <新交的文件或文件夹>… [--roster <名单>]',
  '',
  '把全县各乡镇、街道、部门的年报汇总成一个 Excel 工作簿：',
  '  目录      每个单位一行：年度、格式、来源文件、错误和警告数（公式）、跳转链接；未能读取的文件及原因',
  '  汇总      标准表，每个数字都是各单位之和的公式，带自己的勾稽校验格',
  '  校验总览  单位 × 规则组，每格是“不符”的条数（公式），问题最多的单位标红',
  '  校验      每张表每条规则一行：左边、右边、差额、结果',
  '  明细      每个单位一行、每个格子一列，汇总表由此求和',
  '  各单位的标准表（按单位名称排列），最后是“原文”表',
  '修改任何单位的数字，汇总、校验和各项计数都会随之更新。',
  '',
  '文件夹中读取 .txt .md .html .docx .doc .wps .pdf 和 gouji 生成的 .xlsx（其中的标准表），',
  '跳过 README、隐藏文件和 Office 临时文件。',
  '',
  '一个工作簿只汇总一个年度；同一批单位连续几年的年报可以放在一起，此时核对上年结转（R3.6），',
  '汇总最近一年。同一单位同一年度出现两次会被拒绝（避免重复计入）。',
  '个别单位使用另一版格式时照样汇总：按两版格式的对应关系折算，并对该单位给出警告（C1）。',
  '',
  '选项：',
  '  -o, --output <文件>  要写出的工作簿（.xlsx）',
  '  --name <名称>        汇总单位的名称，如“青岚县”（默认取各单位名称的共同前缀）',
  '  --last-year <路径>   上一年的汇总工作簿或年报文件夹：逐单位核对上年结转（R3.6）、现行有效件数（R2.3），',
  '                       生成“同比”表（主要数字的本年、上年、增减、倍数），变化过大的标出并列入校验（Y1），',
  '                       列出本年新增和上年有、本年没有的单位',
  '  --force              输出文件已存在时覆盖它（默认不覆盖）',
  '  --roster <文件>      应报单位名单（.xlsx .txt .csv，一行一个单位，可带“类别”列：乡镇/街道/部门）：',
  '                       “目录”按名单列出每个单位的状态（已报送、未报送、有错误、有警告、无法读取）和各状态的个数，',
  '                       名单保存在工作簿的“名单”表中',
  '  --into <工作簿>      用新交的年报更新 gouji 生成的汇总工作簿：同一单位的新版本替换旧表（逐项说明），补报的单位加入；',
  '                       “问题清单”中的整改状态和备注、“名单”都保留，已不存在的问题自动标为“已整改”，',
  '                       改动的格子和出现、消失的问题记入“变更记录”表。工作簿正在别处打开或不是 gouji 生成的，不会改写',
  '  -h, --help           显示本帮助',
  '',
  '退出码：0 没有错误级问题；1 有单位存在错误级问题；2 有文件无法读取（工作簿仍会写出，',
  '  并在“目录”中列出）、或无法汇总（年度不一、单位重复，此时不写出）、或用法有误、或输出文件已存在。',
  '',
  '示例：',
  '  gouji consolidate samples -o 青岚县汇总.xlsx',
  '  gouji consolidate 2024年报/ 补交/柳庄镇.docx -o 全县2024.xlsx --name 青岚县',
].join('\n');


export interface Read {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
  /** files passed over, with why */
  notes: string[];
}

/** one file through the same core path as the page outside Excel (core/intake.ts) */
async function readOne(path: string, inFolder: boolean, read: Read): Promise<void> {
  const bytes = readPath(path);
  if (!(bytes instanceof Uint8Array)) {
    read.unreadable.push({ source: path, reason: bytes.ok ? '' : bytes.message });
    return;
  }
  const got = await readUnitFile(bytes, path, { ...extractOptions(path), inFolder });
  read.inputs.push(...got.inputs);
  read.unreadable.push(...got.unreadable);
  read.notes.push(...got.notes);
}

export async function readAll(files: string[], found: Set<string>, progress: Progress): Promise<Read> {
  const read: Read = { inputs: [], unreadable: [], notes: [] };
  for (const [k, path] of files.entries()) {
    progress.update(k, files.length, '读取年报');
    try {
      await readOne(path, found.has(path), read);
    } catch (e) {
      // one file's trouble, even a bug of ours, is that unit's 无法读取 row, never the round's
      read.unreadable.push({ source: path, reason: internalFailure(path, e).message });
    }
  }
  progress.update(files.length, files.length, '读取年报');
  return read;
}

export function summaryText(c: Extract<ReturnType<typeof consolidate>, { ok: true }>, out: string, p: Paint): string {
  const latest = c.units.filter((u) => u.year === c.year);
  const earlier = c.units.length - latest.length;
  const errorUnits = c.units.filter((u) => u.counts.errors > 0);
  const warnUnits = c.units.filter((u) => u.counts.warnings > 0);
  const errors = c.units.reduce((n, u) => n + u.counts.errors, 0);
  const warnings = c.units.reduce((n, u) => n + u.counts.warnings, 0);
  const lines = [
    p.bold(`已写出 ${out}：${c.name} ${c.year} 年 ${latest.length} 个单位`) +
      (earlier ? `（另有 ${c.years.slice(0, -1).join('、')} 年的 ${earlier} 份，用于核对上年结转）` : '') +
      `，含${c.workbook.sheets.filter((s) => INDEX_SHEETS.includes(s.name) && !s.hidden && s.name !== SOURCE_SHEET).map((s) => s.name).join('、')}和各单位的标准表。`,
    `${errors ? p.red(`错误 ${errors} 处`) : '错误 0 处'}（${errorUnits.length} 个单位），` +
      `${warnings ? p.yellow(`警告 ${warnings} 处`) : '警告 0 处'}（${warnUnits.length} 个单位）` +
      (c.unreadable.length ? `；${p.red(`${c.unreadable.length} 个文件未能读取`)}，已列在“目录”末尾` : '') +
      '。',
  ];
  if (c.yoy) lines.push(yoyLine(c.yoy, c.year));
  const worst = worstUnits(c.units, 5);
  if (worst.length) lines.push(`问题最多的单位：${worst.map((u) => `${u.sheet}（${u.counts.total} 处）`).join('、')}。`);
  const s = c.summary.counts;
  if (s.errors) lines.push(`汇总表自身有 ${s.errors} 处勾稽关系不成立（来自上述单位的错误）。`);
  lines.push(`在 Excel 中打开“校验总览”查看各单位的问题分布，或在“校验”表中按“结果”筛选“不符”。`);
  return lines.join('\n') + '\n';
}

export async function run(args: CommandArgs): Promise<number> {
  const paths = args.positionals;
  if (typeof args.values.into === 'string') return (await import('../update.ts')).runUpdate(args, readAll);
  const out = args.values.output;
  if (!paths.length) throw new UsageError('请指定年报文件或文件夹，例如：gouji consolidate samples -o 汇总.xlsx');
  if (typeof out !== 'string' || !out) throw new UsageError('请用 -o 指定要写出的工作簿，例如：-o 汇总.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`输出文件应以 .xlsx 结尾：${out}`);
  const name = typeof args.values.name === 'string' ? args.values.name : undefined;
  const force = args.values.force === true;
  const paint = paintFor(process.stdout);
  const errPaint = paintFor(process.stderr);

  if (!force && existsSync(out)) {
    process.stderr.write(`gouji：输出文件“${out}”已存在，未覆盖。要覆盖它，请加上 --force。\n`);
    return EXIT.trouble;
  }
  const { files, notes, found, missing } = reportFiles(paths, [out]);
  for (const n of notes) process.stderr.write(`${n}\n`);
  if (!files.length && !missing.length) {
    process.stderr.write(`gouji：在 ${paths.join('、')} 中没有找到年报文件（.txt .md .html .docx .doc .wps .pdf .xlsx）。\n`);
    return EXIT.trouble;
  }
  const lastYear = typeof args.values['last-year'] === 'string' ? args.values['last-year'] : undefined;
  const progress = progressFor(process.stderr);
  // county workbooks only (two or more): a city, each county's 汇总 one unit
  const city = !lastYear && (await isCity(files));
  const read = city ? { ...(await cityInputs(files, progress)), notes: ['给出的都是县级汇总工作簿：按“汇总的汇总”汇总成市，每个县一行。'] } : await readAll(files, found, progress);
  if (lastYear) {
    const prev = await lastYearInputs(lastYear, read.inputs, readAll, progress, [out]);
    read.inputs.push(...prev.inputs);
    read.unreadable.push(...prev.unreadable);
    read.notes.push(...prev.notes);
  }
  progress.end();
  for (const m of missing) read.unreadable.push({ source: m.path, reason: m.reason });
  for (const n of read.notes) process.stderr.write(`${n}\n`);
  let round: ConsolidateOptions['round'];
  if (typeof args.values.roster === 'string') {
    const r = readRosterFile(args.values.roster);
    if (!r.ok) {
      process.stderr.write(`gouji：${r.message}\n`);
      return EXIT.trouble;
    }
    for (const p of r.value.problems) process.stderr.write(`名单：${p}\n`);
    round = { roster: r.value.entries };
  }
  const c = consolidate(read.inputs, { ...(name ? { name } : {}), unreadable: read.unreadable, acrossYears: lastYear !== undefined, ...(round ? { round } : {}) });
  for (const u of c.ok ? c.unreadable : read.unreadable) {
    process.stderr.write(`${errPaint.red('无法读取')}：${u.reason.startsWith('“') ? u.reason : `“${u.source}”：${u.reason}`}\n`);
  }
  if (!c.ok) {
    process.stderr.write(`gouji：无法汇总。${c.message}\n`);
    return EXIT.trouble;
  }
  progress.update(0, 1, '写出工作簿');
  const written = await writeWhole(out, (emit) => writeXlsxStream(c.workbook, emit, NODE_CODEC), { replace: force });
  progress.end();
  if (!written.ok) {
    process.stderr.write(`gouji：${written.message}\n`);
    return EXIT.trouble;
  }
  process.stdout.write(summaryText(c, out, paint));
  return c.unreadable.length ? EXIT.trouble : c.units.some((u) => u.counts.errors > 0) ? EXIT.findings : EXIT.ok;
}
