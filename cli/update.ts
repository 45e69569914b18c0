/**
 * `gouji consolidate --into 全县2024.xlsx 新交的/…`: the county workbook updated with newly
 * handed-in reports (core/round/update.ts), written over the old one through a temp file —
 * only after it is made, and never when the workbook is open elsewhere or not gouji's.
 */
import { matchName } from '../core/round/names.ts';
import { logTime } from '../core/round/changes.ts';
import { planUpdate } from '../core/round/update.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { writeXlsxStream } from '../core/xlsx/stream.ts';
import { writeWhole } from './io/atomic.ts';
import { EXIT, UsageError, type CommandArgs } from './command.ts';
import type { Read } from './commands/consolidate.ts';
import { summaryText } from './commands/consolidate.ts';
import { paintFor } from './output/colour.ts';
import { progressFor, type Progress } from './progress.ts';
import { openElsewhere, readCountyWorkbook, readRosterFile } from './round-files.ts';
import { reportFiles } from './walk.ts';
import { NODE_CODEC } from './zlib-codec.ts';

const stem = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]*$/, '');

export async function runUpdate(args: CommandArgs, readAll: (files: string[], found: Set<string>, p: Progress) => Promise<Read>, now = new Date()): Promise<number> {
  const into = args.values.into as string;
  const paths = args.positionals;
  if (args.values.output !== undefined) throw new UsageError('--into 就地更新给出的工作簿，不能同时用 -o。要另存一份，请先复制工作簿再更新副本。');
  if (!paths.length) throw new UsageError('请指定新交的年报文件或文件夹，例如：gouji consolidate --into 全县2024.xlsx 新交的/');
  const paint = paintFor(process.stdout);
  const say = (s: string) => process.stderr.write(`gouji：${s}\n`);

  const county = readCountyWorkbook(into);
  if (!county.ok) {
    say(county.message);
    return EXIT.trouble;
  }
  const { state } = county.value;
  const { files, notes, found, missing } = reportFiles(paths, [into]);
  for (const n of notes) process.stderr.write(`${n}\n`);
  if (!files.length && !missing.length) {
    say(`在 ${paths.join('、')} 中没有找到年报文件（.txt .md .html .docx .pdf .xlsx）。`);
    return EXIT.trouble;
  }
  let roster = state.roster?.entries;
  if (typeof args.values.roster === 'string') {
    const r = readRosterFile(args.values.roster);
    if (!r.ok) {
      say(r.message);
      return EXIT.trouble;
    }
    roster = r.value.entries;
  }
  const progress = progressFor(process.stderr);
  const read = await readAll(files, found, progress);
  progress.end();
  for (const m of missing) read.unreadable.push({ source: m.path, reason: m.reason });
  for (const n of read.notes) process.stderr.write(`${n}\n`);
  const when = logTime(now);
  const plan = planUpdate(state.units, read.inputs, when);
  for (const p of plan.problems) say(p);
  // a file that could not be read before stays listed, unless its unit has now been read
  const freshUnits = read.inputs.map((i) => i.report.unit ?? i.source);
  const stillUnreadable = state.unreadable.filter((u) => !read.unreadable.some((r) => r.source === u.source) && matchName(stem(u.source), freshUnits).kind === 'none');
  const name = typeof args.values.name === 'string' ? args.values.name : state.county || undefined;
  const c = consolidate(plan.inputs, {
    ...(name ? { name } : {}),
    unreadable: [...stillUnreadable, ...read.unreadable],
    round: { ...(roster ? { roster } : {}), before: state.problems, changes: [...state.changes, ...plan.changes], when },
  });
  for (const u of read.unreadable) process.stderr.write(`${paintFor(process.stderr).red('无法读取')}：${u.reason.startsWith('“') ? u.reason : `“${u.source}”：${u.reason}`}\n`);
  if (!c.ok) {
    say(`无法更新，工作簿未改动。${c.message}`);
    return EXIT.trouble;
  }
  for (const r of plan.replaced) process.stdout.write(`替换：${r.unit}（工作表“${r.sheet}”）原来自 ${r.before}，换为 ${r.after}\n`);
  for (const a of plan.added) process.stdout.write(`补报：${a.unit}（${a.source}）\n`);
  for (const e of plan.edited) process.stdout.write(`保留：${e.unit} 在 Excel 中改过的 ${e.cells} 个格子\n`);
  // it may have been opened while we read
  const lock = openElsewhere(into);
  if (lock) {
    say(`工作簿“${into}”刚被打开（有锁文件“${lock}”）：请关闭后重试。未做任何修改。`);
    return EXIT.trouble;
  }
  const wrote = await writeWhole(into, (emit) => writeXlsxStream(c.workbook, emit, NODE_CODEC), { replace: true });
  if (!wrote.ok) {
    say(wrote.message);
    return EXIT.trouble;
  }
  const r = c.round;
  process.stdout.write(
    `变更记录新增 ${r.changes.length - state.changes.length} 条：替换 ${plan.replaced.length} 个单位、补报 ${plan.added.length} 个；` +
      `问题新出现 ${r.appeared.length} 个、已消失 ${r.gone.length} 个（已自动标为“已整改”）。\n`,
  );
  process.stdout.write(summaryText(c, into, paint));
  return c.unreadable.length ? EXIT.trouble : c.units.some((u) => u.counts.errors > 0) ? EXIT.findings : EXIT.ok;
}
