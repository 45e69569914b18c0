/**
 * `gouji xlsx FILE... -o OUT.xlsx [--force]`: one standard sheet per report, then 校验 and 原文.
 *
 * Nothing is written when any file cannot be read as a report (exit 2): a workbook missing
 * one unit would pass for complete. An existing OUT is never overwritten without --force.
 * Exit code otherwise as `check`: 1 when a report has an error-level finding, else 0.
 */
import { existsSync } from 'node:fs';
import { analyze } from '../../core/analyze.ts';
import { buildWorkbook, type WorkbookInput } from '../../core/sheet/workbook.ts';
import { VERIFY_SHEET } from '../../core/sheet/verify.ts';
import { writeXlsx } from '../../core/xlsx/write.ts';
import { EXIT, UsageError, type CommandArgs, type OptionSpec } from '../command.ts';
import { internalFailure, readInput, STDIN } from '../input.ts';
import { writeWhole } from '../io/atomic.ts';
import { renderFailure } from '../output/check-text.ts';
import { paintFor } from '../output/colour.ts';

export const options: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
};

export const usage = [
  '用法：gouji xlsx <文件>… -o <输出.xlsx> [--force]',
  '',
  '读取每份年报，生成 Excel 工作簿：每份年报一张标准表（表二、表三、表四，按国办格式排版，',
  '表旁的校验格用公式重算勾稽关系，出错的格子自动标红），再加“校验”表（每条规则一行，',
  '结果为 通过 / 不符 / 无法判断，可按结果筛选）和“原文”表（原文逐行，便于核对）。',
  '',
  '选项：',
  '  -o, --output <文件>  要写出的工作簿（.xlsx）',
  '  --force              输出文件已存在时覆盖它（默认不覆盖）',
  '  -h, --help           显示本帮助',
  '',
  '退出码：0 所有报告都没有错误级问题；1 至少一份报告存在错误级问题；',
  '  2 有文件无法作为年报读取（此时不写出工作簿），或用法有误，或输出文件已存在。',
  '',
  '示例：',
  '  gouji xlsx 年报/*.txt -o 全县年报.xlsx',
].join('\n');

async function readReport(path: string): Promise<{ ok: true; input: WorkbookInput } | { ok: false; message: string }> {
  const input = await readInput(path);
  if (!input.ok) return input;
  const a = analyze(input.text, path === STDIN ? '（标准输入）' : path, input);
  if (!a.ok) return { ok: false, message: `“${path}”：${a.message}` };
  return { ok: true, input: { report: a.report, findings: a.findings } };
}

export async function run(args: CommandArgs): Promise<number> {
  const files = args.positionals;
  const out = args.values.output;
  if (!files.length) throw new UsageError('请指定年报文件，例如：gouji xlsx 年报.txt -o 年报.xlsx');
  if (typeof out !== 'string' || !out) throw new UsageError('请用 -o 指定要写出的工作簿，例如：-o 年报.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`输出文件应以 .xlsx 结尾：${out}`);
  const force = args.values.force === true;
  const errPaint = paintFor(process.stderr);
  if (!force && existsSync(out)) {
    process.stderr.write(`gouji：输出文件“${out}”已存在，未覆盖。要覆盖它，请加上 --force。\n`);
    return EXIT.trouble;
  }

  const inputs: WorkbookInput[] = [];
  let failed = 0;
  for (const path of files) {
    const read = await readReport(path).catch((e: unknown) => internalFailure(path, e));
    if (!read.ok) {
      failed++;
      process.stderr.write(renderFailure(read.message, errPaint));
      continue;
    }
    inputs.push(read.input);
  }
  if (failed) {
    process.stderr.write(`有 ${failed} 个文件无法读取，没有写出工作簿。\n`);
    return EXIT.trouble;
  }

  const model = buildWorkbook(inputs);
  const bytes = await writeXlsx(model);
  const written = await writeWhole(out, bytes, { replace: force });
  if (!written.ok) {
    process.stderr.write(`gouji：${written.message}\n`);
    return EXIT.trouble;
  }
  const sheets = model.sheets.filter((s) => s.kind === 'report').map((s) => s.name);
  const withErrors = inputs.filter((i) => i.findings?.some((f) => f.severity === 'error')).length;
  process.stdout.write(
    `已写出 ${out}：${sheets.length} 张标准表（${sheets.join('、')}），另有“${VERIFY_SHEET}”表和“原文”表。` +
      (withErrors ? `其中 ${withErrors} 份报告有错误，请在“${VERIFY_SHEET}”表中按“结果”筛选“不符”查看。` : '') +
      '\n',
  );
  return withErrors ? EXIT.findings : EXIT.ok;
}
