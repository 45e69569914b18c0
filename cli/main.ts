/**
 * `gouji <command> …`: the command table, argument checking and help. A command is a module
 * under cli/commands/ (see command.ts); adding one is one line in COMMANDS.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeOcr, setOcrLangDir } from './ocr-engine.ts';
import { EXIT, UsageError, type CommandArgs, type CommandModule, type OptionSpec } from './command.ts';

interface CommandEntry {
  /** one line for `gouji --help` */
  summary: string;
  /** loaded only when the command runs, so one command's dependencies never slow another */
  load: () => Promise<CommandModule>;
}

const COMMANDS: Record<string, CommandEntry> = {
  check: { summary: '读取年报文本，校验表格的勾稽关系', load: () => import('./commands/check.ts') },
  xlsx: { summary: '生成 Excel 工作簿：标准表、校验表（公式重算勾稽关系）和原文表', load: () => import('./commands/xlsx.ts') },
  consolidate: { summary: '汇总全县各单位的年报：目录、汇总表、校验总览、校验表和各单位的标准表', load: () => import('./commands/consolidate.ts') },
  notices: { summary: '由汇总工作簿的“问题清单”为每个有问题的单位写一份退回修改通知（Word）', load: () => import('./commands/notices.ts') },
};

const HELP: OptionSpec = { type: 'boolean', short: 'h' };

function mainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'gouji —— 政府信息公开工作年度报告：读取、勾稽校验',
    '',
    '用法：gouji <命令> [参数…]',
    '',
    '命令：',
    ...list,
    '',
    '选项：',
    '  -h, --help     显示帮助（gouji <命令> --help 显示该命令的用法）',
    '  -V, --version  显示版本号',
    '  --ocr-lang-dir 文件夹  扫描件文字识别（OCR）的模型 chi_sim.traineddata 和 eng.traineddata 所在的文件夹',
    '                 （默认 /usr/share/tesseract-ocr/5/tessdata，Debian 的 tesseract-ocr-chi-sim 装在这里）',
    '',
    '退出码：0 没有发现错误；1 有报告存在错误级问题；2 用法有误或文件无法读取。',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '';
}

/** Check argv against the command's options; parseArgs's own errors are in English, so ours are checked here. */
export function parseCommandArgs(argv: string[], options: Record<string, OptionSpec>): CommandArgs & { help: boolean } {
  const all: Record<string, OptionSpec> = { help: HELP, ...options };
  const config = Object.fromEntries(
    Object.entries(all).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  const { values, positionals, tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = all[t.name];
    if (!spec) throw new UsageError(`未知选项：${t.rawName}`);
    if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(`选项 ${t.rawName} 不带参数值`);
    if (spec.type === 'string' && t.value === undefined) throw new UsageError(`选项 ${t.rawName} 需要一个值`);
  }
  const { help, ...rest } = values;
  return { values: rest, positionals, help: help === true };
}

/** print to stdout and succeed: help and version */
function show(text: string): number {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  return EXIT.ok;
}

function misuse(message: string, hint: string): number {
  process.stderr.write(`gouji：${message}\n${hint}\n`);
  return EXIT.trouble;
}

function onPipeError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
}

export async function main(argv: string[]): Promise<number> {
  // `gouji check … | head` closes the pipe early: that is not an error worth a stack trace
  if (!process.stdout.listeners('error').includes(onPipeError)) process.stdout.on('error', onPipeError);
  const [first, ...rest] = argv;
  if (first === undefined) return misuse('缺少命令。', mainUsage());
  if (first === '-h' || first === '--help') return show(mainUsage());
  if (first === '-V' || first === '--version') return show(version());
  if (first === 'help') {
    const name = rest[0];
    if (name === undefined) return show(mainUsage());
    argv = [name, '--help'];
  }
  try {
    argv = takeOcrLangDir(argv);
  } catch (e) {
    return misuse((e as Error).message, '运行 gouji --help 查看用法。');
  }
  const name = argv[0]!;
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    const what = name.startsWith('-') ? `未知选项：${name}` : `未知命令：${name}`;
    return misuse(what, `可用的命令：${Object.keys(COMMANDS).join('、')}。运行 gouji --help 查看用法。`);
  }
  const hint = `运行 gouji ${name} --help 查看用法。`;
  try {
    const mod = await entry.load();
    const usage = mod.usage ?? `用法：gouji ${name} …\n\n${entry.summary}`;
    const args = parseCommandArgs(argv.slice(1), mod.options ?? {});
    if (args.help) return show(usage);
    return await mod.run(args);
  } catch (e) {
    if (e instanceof UsageError) return misuse(e.message, hint);
    return internal(e);
  } finally {
    await closeOcr();
  }
}

/** --ocr-lang-dir DIR (or =DIR), for every command that reads files: taken out before the command's own options */
function takeOcrLangDir(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return [...out, ...argv.slice(i)];
    if (a === '--ocr-lang-dir' || a.startsWith('--ocr-lang-dir=')) {
      const dir = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!dir) throw new UsageError('选项 --ocr-lang-dir 需要一个文件夹');
      setOcrLangDir(dir);
    } else out.push(a);
  }
  return out;
}

/** a bug of ours: say so in Chinese; the stack only when asked for */
function internal(e: unknown): number {
  const detail = process.env.GOUJI_DEBUG ? `\n${(e as Error).stack ?? e}` : '';
  process.stderr.write(`gouji：内部错误（${(e as Error).message ?? e}）。请把命令和所用文件报告给维护者。${detail}\n`);
  return EXIT.trouble;
}
