/**
 * `gouji notices WORKBOOK -o 文件夹/ [--deadline 2025-03-15] [--from 发文单位] [--force]`:
 * one 退回修改通知 (.docx) per unit that has problems still to fix (问题清单 rows with
 * 整改状态 待整改 that still hold), written from the workbook's problem list — so what the
 * user set there (无需整改, 已整改) is respected.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { noticeFileName, noticeUnits } from '../../core/docx/notice.ts';
import { noticeFiles } from '../../core/docx/notice-set.ts';
import { writeWhole } from '../io/atomic.ts';
import { EXIT, UsageError, type CommandArgs, type OptionSpec } from '../command.ts';
import { readCountyWorkbook } from '../round-files.ts';

export const options: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  deadline: { type: 'string' },
  from: { type: 'string' },
  force: { type: 'boolean' },
};

export const usage = [
  '用法：gouji notices <全县汇总.xlsx> -o <文件夹> [--deadline <日期>] [--from <发文单位>] [--force]',
  '',
  '按汇总工作簿“问题清单”表，为每个还有“待整改”问题的单位写一份《退回修改通知》（Word .docx，A4，仿宋）：',
  '单位、年报名称、逐条列出问题（所在表格、格子和原文行，错在哪里、怎样改正），最后写明重新报送的期限。',
  '在“问题清单”中标为“已整改”或“无需整改”的问题不写入通知。',
  '',
  '选项：',
  '  -o, --output <文件夹>  通知写到这个文件夹（不存在时新建），每个单位一个文件：<单位>-退回修改通知.docx',
  '  --deadline <日期>      重新报送的期限，如 2025-03-15（写作“2025年3月15日前”）；不给时写“尽快”',
  '  --from <发文单位>      落款，默认“<县名>政府信息公开工作主管部门”',
  '  --force                文件夹中已有同名通知时覆盖（默认不覆盖）',
  '  -h, --help             显示本帮助',
  '',
  '示例：',
  '  gouji notices 全县2024.xlsx -o 退回通知/ --deadline 2025-03-15',
].join('\n');

export async function run(args: CommandArgs): Promise<number> {
  const [path, ...extra] = args.positionals;
  const out = args.values.output;
  if (!path) throw new UsageError('请指定 gouji 生成的汇总工作簿，例如：gouji notices 全县2024.xlsx -o 退回通知/');
  if (extra.length) throw new UsageError(`一次只能给出一个工作簿，多出了：${extra.join('、')}`);
  if (typeof out !== 'string' || !out) throw new UsageError('请用 -o 指定通知写到哪个文件夹，例如：-o 退回通知/');
  const deadline = typeof args.values.deadline === 'string' ? args.values.deadline : undefined;
  const sender = typeof args.values.from === 'string' ? args.values.from : undefined;
  const force = args.values.force === true;
  const say = (s: string) => process.stderr.write(`gouji：${s}\n`);

  const county = readCountyWorkbook(path);
  if (!county.ok) {
    say(county.message);
    return EXIT.trouble;
  }
  const { state } = county.value;
  const units = noticeUnits(state.problems);
  if (!units.size) {
    process.stdout.write(`“问题清单”中没有待整改的问题，没有需要退回的单位，未写出通知。\n`);
    return EXIT.ok;
  }
  if (existsSync(out) && !statSync(out).isDirectory()) {
    say(`“${out}”是一个文件，不是文件夹。`);
    return EXIT.trouble;
  }
  mkdirSync(out, { recursive: true });
  const names = [...units.keys()].map((u) => join(out, noticeFileName(u)));
  const there = names.filter((n) => existsSync(n));
  if (there.length && !force) {
    say(`文件夹中已有 ${there.length} 份同名通知（如“${there[0]}”），未覆盖。要覆盖，请加上 --force。`);
    return EXIT.trouble;
  }
  const files = await noticeFiles(state.problems, { year: state.year ?? new Date().getFullYear() - 1, county: state.county || '', date: new Date(), ...(deadline ? { deadline } : {}), ...(sender ? { sender } : {}) });
  for (const f of files) {
    const wrote = await writeWhole(join(out, f.name), f.bytes, { replace: force });
    if (!wrote.ok) {
      say(wrote.message);
      return EXIT.trouble;
    }
  }
  const total = [...units.values()].reduce((n, l) => n + l.length, 0);
  process.stdout.write(`已在“${out}”写出 ${units.size} 份退回修改通知，共 ${total} 个问题：${[...units.keys()].join('、')}。\n`);
  return EXIT.ok;
}
