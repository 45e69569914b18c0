/**
 * `gouji check FILE... [--json]`: read each report, check its 勾稽 rules, print the findings.
 *
 * Exit code, over all files: 2 when any file cannot be read as a report (missing, a folder,
 * binary, no tables …), else 1 when any report has an error-level finding, else 0. Every
 * file is checked even after a failure, so one bad file never hides the others' findings.
 *
 * JSON error codes (`{source, error: {code, message}}`): not_found, is_directory, not_a_file,
 * unreadable, too_large, unsupported_document, binary, unknown_encoding (reading the file);
 * pdf_encrypted, pdf_scanned, pdf_damaged, docx_damaged, docx_no_document, docx_too_complex, too_complex,
 * doc_encrypted, doc_damaged, doc_not_word, ocr_no_model, ocr_no_text, ocr_failed (a document, see core/extract);
 * empty, no_tables (the core's reasons it is no report); internal (a bug of ours).
 */
import { analyze, type Analysis } from '../../core/analyze.ts';
import { MAX_CHARS } from '../../core/read/read.ts';
import { EXIT, UsageError, type CommandArgs, type OptionSpec } from '../command.ts';
import { ENCODING_ZH } from '../../core/extract/decode.ts';
import { internalFailure, readInput, STDIN } from '../input.ts';
import { failureJson, renderJson, reportJson, type FileJson } from '../output/check-json.ts';
import { renderFailure, renderReport } from '../output/check-text.ts';
import { paintFor } from '../output/colour.ts';
import { checkWorkbookFile, isWorkbookPath } from '../workbook-input.ts';

export const options: Record<string, OptionSpec> = {
  json: { type: 'boolean' },
};

export const usage = [
  '用法：gouji check <文件>… [--json]',
  '',
  '读取政府信息公开工作年度报告：文本（.txt，UTF-8、GBK 或 UTF-16 编码均可）、',
  '网页（.html/.htm）、Word 文档（.docx，以及 Word 97–2003 的 .doc 和 WPS 的 .wps）或 PDF',
  '（扫描件在本机做文字识别，模型所在文件夹用 --ocr-lang-dir 指定），',
  '识别表二、表三、表四，按勾稽规则逐项校验，列出错误、警告和提示及其所在的原文行。',
  '文件名写 - 表示从标准输入读取。也可以给出 gouji xlsx 生成的工作簿（.xlsx）：',
  '按其中每张标准表现在的数字重新校验（JSON 中每份报告带 sheet 字段）。',
  '',
  '选项：',
  '  --json      以 JSON 输出：一个文件输出一个对象，多个文件输出数组',
  '  -h, --help  显示本帮助',
  '',
  '退出码：',
  '  0  所有报告都没有错误级问题',
  '  1  至少一份报告存在错误级问题',
  '  2  至少一个文件无法作为年报读取（找不到、是文件夹、不是文本、没有统计表等），或用法有误',
  '  多个文件结果不同时取最严重者：2 优先于 1，1 优先于 0。',
  '',
  '示例：',
  '  gouji check 青山镇2021年报.txt',
  '  gouji check 年报/*.txt --json > 结果.json',
].join('\n');

type Outcome = { ok: true; analysis: Analysis; notes: string[] } | { ok: false; code: string; message: string };

async function checkFile(path: string): Promise<Outcome> {
  try {
    return await checkText(path);
  } catch (e) {
    // the core promises not to throw on bad input; if it does, the other files still get checked
    return internalFailure(path, e);
  }
}

async function checkText(path: string): Promise<Outcome> {
  const input = await readInput(path);
  if (!input.ok) return input;
  const a = analyze(input.text, path === STDIN ? '（标准输入）' : path, input);
  if (!a.ok) return { ok: false, code: a.code, message: `“${path}”：${a.message}` };
  const notes: string[] = [];
  if (input.encoding !== 'utf-8') notes.push(`（文件编码：${ENCODING_ZH[input.encoding]}）`);
  if (input.text.length > MAX_CHARS) notes.push(`（文件有 ${input.text.length} 个字符，只读取了前 ${MAX_CHARS} 个）`);
  if (input.replaced) notes.push(`（有 ${input.replaced} 处字节无法识别为文字，已用 � 代替）`);
  return { ok: true, analysis: a, notes };
}

export async function run(args: CommandArgs): Promise<number> {
  const files = args.positionals;
  if (!files.length) throw new UsageError('请指定要检查的年报文件，例如：gouji check 年报.txt');
  const json = args.values.json === true;
  const paint = paintFor(process.stdout);
  const errPaint = paintFor(process.stderr);

  const results: FileJson[] = [];
  const texts: string[] = [];
  let failed = 0;
  let withErrors = 0;
  for (const path of files) {
    if (isWorkbookPath(path)) {
      // a workbook of standard sheets: one report per sheet, each with its `sheet` in the JSON
      const w = await checkWorkbookFile(path).catch((e: unknown) => internalFailure(path, e));
      if (!w.ok) {
        failed++;
        process.stderr.write(renderFailure(w.message, errPaint));
        results.push(failureJson(path, w.code, w.message));
        continue;
      }
      for (const p of w.problems) process.stderr.write(renderFailure(p, errPaint));
      for (const { sheet, analysis } of w.sheets) {
        if (analysis.findings.some((f) => f.severity === 'error')) withErrors++;
        results.push({ ...reportJson(path, analysis), sheet });
        if (!json) texts.push(renderReport(`${path}（工作表“${sheet}”）`, analysis, paint));
      }
      continue;
    }
    const o = await checkFile(path);
    if (!o.ok) {
      failed++;
      // the reason goes to stderr in both modes, so a script reading stdout still gets clean JSON
      process.stderr.write(renderFailure(o.message, errPaint));
      results.push(failureJson(path, o.code, o.message));
      continue;
    }
    if (o.analysis.findings.some((f) => f.severity === 'error')) withErrors++;
    results.push(reportJson(path, o.analysis));
    if (!json) texts.push(renderReport(path, o.analysis, paint, o.notes));
  }
  if (json) process.stdout.write(renderJson(results));
  else {
    if (files.length > 1) {
      const parts = [`共检查 ${files.length} 个文件`, `${withErrors} 个有错误`];
      if (failed) parts.push(`${failed} 个无法读取`);
      texts.push(paint.bold(parts.join('，') + '。'));
    }
    if (texts.length) process.stdout.write(texts.join('\n') + '\n');
  }
  return failed ? EXIT.trouble : withErrors ? EXIT.findings : EXIT.ok;
}
