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
import { closeSync, existsSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { analyze } from '../../core/analyze.ts';
import { consolidate, worstUnits, type ConsolidateInput, type Unreadable } from '../../core/sheet/consolidate.ts';
import { SUMMARY_SHEET } from '../../core/sheet/summary.ts';
import { writeXlsxStream } from '../../core/xlsx/stream.ts';
import { EXIT, UsageError, type CommandArgs, type OptionSpec } from '../command.ts';
import { readInput } from '../input.ts';
import { FILE_KIND_ZH, type FileKind } from '../../core/extract/extract.ts';
import { paintFor, type Paint } from '../output/colour.ts';
import { progressFor, type Progress } from '../progress.ts';
import { reportFiles } from '../walk.ts';
import { checkWorkbookFile, isWorkbookPath } from '../workbook-input.ts';
import { NODE_CODEC } from '../zlib-codec.ts';

export const options: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  name: { type: 'string' },
  force: { type: 'boolean' },
};

export const usage = [
  '用法：gouji consolidate <文件或文件夹>… -o <输出.xlsx> [--name <县名>] [--force]',
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
  '文件夹中读取 .txt .md .html .docx .pdf 和 gouji 生成的 .xlsx（其中的标准表），',
  '跳过 README、隐藏文件和 Office 临时文件。',
  '',
  '一个工作簿只汇总一个年度；同一批单位连续几年的年报可以放在一起，此时核对上年结转（R3.6），',
  '汇总最近一年。同一单位同一年度出现两次会被拒绝（避免重复计入）。',
  '个别单位使用另一版格式时照样汇总：按两版格式的对应关系折算，并对该单位给出警告（C1）。',
  '',
  '选项：',
  '  -o, --output <文件>  要写出的工作簿（.xlsx）',
  '  --name <名称>        汇总单位的名称，如“青岚县”（默认取各单位名称的共同前缀）',
  '  --force              输出文件已存在时覆盖它（默认不覆盖）',
  '  -h, --help           显示本帮助',
  '',
  '退出码：0 没有错误级问题；1 有单位存在错误级问题；2 有文件无法读取（工作簿仍会写出，',
  '  并在“目录”中列出）、或无法汇总（年度不一、单位重复，此时不写出）、或用法有误、或输出文件已存在。',
  '',
  '示例：',
  '  gouji consolidate samples -o 青岚县汇总.xlsx',
  '  gouji consolidate 2024年报/ 补交/柳庄镇.docx -o 全县2024.xlsx --name 青岚县',
].join('\n');

const kindOf = (path: string, kind: string) => (kind === 'text' && /\.(md|markdown)$/i.test(path) ? 'Markdown' : FILE_KIND_ZH[kind as FileKind] ?? kind);

interface Read {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
}

async function readAll(files: string[], progress: Progress): Promise<Read> {
  const inputs: ConsolidateInput[] = [];
  const unreadable: Unreadable[] = [];
  for (const [k, path] of files.entries()) {
    progress.update(k, files.length, '读取年报');
    if (isWorkbookPath(path)) {
      const w = await checkWorkbookFile(path);
      if (!w.ok) {
        unreadable.push({ source: path, reason: w.message });
        continue;
      }
      for (const p of w.problems) unreadable.push({ source: path, reason: p });
      for (const { sheet, analysis } of w.sheets) {
        // the summary of an earlier consolidation is no unit: reading it would count every unit twice
        if (sheet === SUMMARY_SHEET) continue;
        inputs.push({ report: analysis.report, findings: analysis.findings, source: `${path}（工作表“${sheet}”）`, kind: 'Excel 标准表' });
      }
      continue;
    }
    const input = await readInput(path);
    if (!input.ok) {
      unreadable.push({ source: path, reason: input.message });
      continue;
    }
    let a: ReturnType<typeof analyze>;
    try {
      a = analyze(input.text, path, input);
    } catch (e) {
      unreadable.push({ source: path, reason: `读取时程序出错（${(e as Error).message}），请把这个文件报告给维护者。` });
      continue;
    }
    if (!a.ok) {
      unreadable.push({ source: path, reason: `“${path}”：${a.message}` });
      continue;
    }
    inputs.push({ report: a.report, findings: a.findings, source: path, kind: kindOf(path, input.kind) });
  }
  progress.update(files.length, files.length, '读取年报');
  return { inputs, unreadable };
}

/** write the workbook as it is made; never leave half a file behind */
async function writeOut(out: string, force: boolean, write: (emit: (b: Uint8Array) => void) => Promise<void>): Promise<string | null> {
  let fd: number;
  try {
    // 'wx' fails if the file is there: never overwrite without --force
    fd = openSync(out, force ? 'w' : 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EEXIST' ? `输出文件“${out}”已存在，未覆盖。要覆盖它，请加上 --force。` : `无法写入“${out}”（${code ?? (e as Error).message}）。`;
  }
  try {
    await write((b) => {
      for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
    });
    closeSync(fd);
    return null;
  } catch (e) {
    closeSync(fd);
    unlinkSync(out);
    return `写入“${out}”时出错（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），已删除未写完的文件。`;
  }
}

function summaryText(c: Extract<ReturnType<typeof consolidate>, { ok: true }>, out: string, p: Paint): string {
  const latest = c.units.filter((u) => u.year === c.year);
  const earlier = c.units.length - latest.length;
  const errorUnits = c.units.filter((u) => u.counts.errors > 0);
  const warnUnits = c.units.filter((u) => u.counts.warnings > 0);
  const errors = c.units.reduce((n, u) => n + u.counts.errors, 0);
  const warnings = c.units.reduce((n, u) => n + u.counts.warnings, 0);
  const lines = [
    p.bold(`已写出 ${out}：${c.name} ${c.year} 年 ${latest.length} 个单位`) +
      (earlier ? `（另有 ${c.years.slice(0, -1).join('、')} 年的 ${earlier} 份，用于核对上年结转）` : '') +
      '，含目录、汇总、校验总览、校验、明细和各单位的标准表。',
    `${errors ? p.red(`错误 ${errors} 处`) : '错误 0 处'}（${errorUnits.length} 个单位），` +
      `${warnings ? p.yellow(`警告 ${warnings} 处`) : '警告 0 处'}（${warnUnits.length} 个单位）` +
      (c.unreadable.length ? `；${p.red(`${c.unreadable.length} 个文件未能读取`)}，已列在“目录”末尾` : '') +
      '。',
  ];
  const worst = worstUnits(c.units, 5);
  if (worst.length) lines.push(`问题最多的单位：${worst.map((u) => `${u.sheet}（${u.counts.total} 处）`).join('、')}。`);
  const s = c.summary.counts;
  if (s.errors) lines.push(`汇总表自身有 ${s.errors} 处勾稽关系不成立（来自上述单位的错误）。`);
  lines.push(`在 Excel 中打开“校验总览”查看各单位的问题分布，或在“校验”表中按“结果”筛选“不符”。`);
  return lines.join('\n') + '\n';
}

export async function run(args: CommandArgs): Promise<number> {
  const paths = args.positionals;
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
  const { files } = reportFiles(paths, [out]);
  if (!files.length) {
    process.stderr.write(`gouji：在 ${paths.join('、')} 中没有找到年报文件（.txt .md .html .docx .pdf .xlsx）。\n`);
    return EXIT.trouble;
  }
  const progress = progressFor(process.stderr);
  const read = await readAll(files, progress);
  progress.end();
  const c = consolidate(read.inputs, { ...(name ? { name } : {}), unreadable: read.unreadable });
  for (const u of c.ok ? c.unreadable : read.unreadable) {
    process.stderr.write(`${errPaint.red('无法读取')}：${u.reason.startsWith('“') ? u.reason : `“${u.source}”：${u.reason}`}\n`);
  }
  if (!c.ok) {
    process.stderr.write(`gouji：无法汇总。${c.message}\n`);
    return EXIT.trouble;
  }
  progress.update(0, 1, '写出工作簿');
  const failed = await writeOut(out, force, (emit) => writeXlsxStream(c.workbook, emit, NODE_CODEC));
  progress.end();
  if (failed) {
    process.stderr.write(`gouji：${failed}\n`);
    return EXIT.trouble;
  }
  process.stdout.write(summaryText(c, out, paint));
  return c.unreadable.length ? EXIT.trouble : c.units.some((u) => u.counts.errors > 0) ? EXIT.findings : EXIT.ok;
}
