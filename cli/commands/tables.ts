/**
 * `gouji tables 全县2024.xlsx -o 县报告表格.docx [--force]`: the county's own report tables
 * (表二, 表三, 表四 in the national layout) and the standard sentences of sections 二–四, as a
 * Word document, from the workbook's 汇总 as it is now. The numbers are recomputed with the
 * core's own evaluation of 汇总's definition from the unit sheets' inputs (core/sheet/recompute.ts),
 * not taken from cached formula results, which may be stale or absent.
 */
import { countyTablesFromSheets } from '../../core/docx/county-tables.ts';
import { cellInfo } from '../../core/format/cells.ts';
import { writeWhole } from '../io/atomic.ts';
import { EXIT, UsageError, type CommandArgs, type OptionSpec } from '../command.ts';
import { checkWorkbookFile } from '../workbook-input.ts';

export const options: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
};

export const usage = [
  '用法：gouji tables <汇总工作簿.xlsx> -o <输出.docx> [--force]',
  '',
  '按全国统一格式生成本级年度报告的表二、表三、表四（Word 表格，合并表头同模板，A4），',
  '并写出第二至第四部分的标准表述（本年新收政府信息公开申请 N 件，办结 N 件……），与表格数字一致。',
  '数字取自工作簿“汇总”表的定义：按各单位工作表中现在的数字重新计算（不用可能过时的缓存结果）。',
  '汇总中为空的格子在表中照样留空，并在文末注明，不按 0 计。',
  '',
  '选项：',
  '  -o, --output <文件>  要写出的 Word 文档（.docx）',
  '  --force              输出文件已存在时覆盖它（默认不覆盖）',
  '  -h, --help           显示本帮助',
  '',
  '示例：',
  '  gouji tables 全县2024.xlsx -o 县报告表格.docx',
].join('\n');

export async function run(args: CommandArgs): Promise<number> {
  const [path, ...rest] = args.positionals;
  const out = args.values.output;
  if (!path) throw new UsageError('请指定汇总工作簿，例如：gouji tables 全县2024.xlsx -o 县报告表格.docx');
  if (rest.length) throw new UsageError(`只能给出一个汇总工作簿：${args.positionals.join('、')}`);
  if (typeof out !== 'string' || !/\.docx$/i.test(out)) throw new UsageError('请用 -o 指定要写出的 Word 文档（.docx），例如：-o 县报告表格.docx');
  const w = await checkWorkbookFile(path);
  if (!w.ok) {
    process.stderr.write(`gouji：${w.message}\n`);
    return EXIT.trouble;
  }
  const made = await countyTablesFromSheets(w.sheets.map((s) => ({ sheet: s.sheet, report: s.analysis.report })), w.summed);
  if (!made) {
    process.stderr.write(`gouji：“${path}”中没有“汇总”表：请先用 gouji consolidate 生成汇总工作簿。\n`);
    return EXIT.trouble;
  }
  const { county, bytes } = made;
  const written = await writeWhole(out, bytes, { replace: args.values.force === true });
  if (!written.ok) {
    process.stderr.write(`gouji：${written.message}\n`);
    return EXIT.trouble;
  }
  const lines = [`已写出 ${out}：${county.name} ${county.year} 年的表二、表三、表四和第二至第四部分的标准表述（${county.members.length} 个单位之和）。`];
  if (county.blanks.length) lines.push(`汇总中有 ${county.blanks.length} 个格子为空（有单位未填），表中留空并已在文末注明。`);
  if (county.differs.length) {
    const d = county.differs.slice(0, 5).map((x) => `${cellInfo(county.format, x.id).name}（汇总表显示 ${x.shown}，各单位之和 ${x.sum}）`);
    lines.push(`注意：“汇总”表中有 ${county.differs.length} 个数字与各单位之和不同（公式被改写或结果过时），已按各单位之和写出：${d.join('；')}。`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return EXIT.ok;
}
