/**
 * The collection round's part of the pane inside Excel: the question before a unit's sheet is
 * replaced (替换 / 取消 in the pane itself — Office blocks window.confirm), and 下载退回通知
 * with an optional deadline. The Excel jobs are office/host.ts's.
 */
import type { Report } from '../../core/report.ts';
import type { ExcelHost } from '../office/host.ts';
import type { Inserted } from '../office/writer.ts';
import { saveBytes, ZIP_TYPE } from '../save.ts';
import { byId } from './dom.ts';

type Say = (text: string, kind?: 'info' | 'ok' | 'error') => void;

const ask = {
  box: byId<HTMLElement>('ask'),
  text: byId<HTMLElement>('ask-text'),
  yes: byId<HTMLButtonElement>('ask-yes'),
  no: byId<HTMLButtonElement>('ask-no'),
};

/** a yes/no question in the pane; true on 替换 */
function question(text: string): Promise<boolean> {
  ask.text.textContent = text;
  ask.box.hidden = false;
  ask.yes.focus();
  return new Promise((done) => {
    const answer = (yes: boolean) => () => {
      ask.box.hidden = true;
      ask.yes.onclick = ask.no.onclick = null;
      done(yes);
    };
    ask.yes.onclick = answer(true);
    ask.no.onclick = answer(false);
  });
}

/**
 * 插入为新工作表: a new sheet, or — when the unit has one already and the user says so — that
 * sheet replaced. Returns the sheet the report is on now, or null when the user said 取消.
 */
export async function insertOrReplace(excel: ExcelHost, report: Report, say: Say): Promise<string | null> {
  const there = await excel.unitSheet(report);
  if (!there) {
    const done: Inserted = await excel.insertReport(report);
    say(`已插入为新工作表“${done.sheet}”。点击下面的问题可以在表中选中对应的格子。`, 'ok');
    return done.sheet;
  }
  say('');
  if (!(await question(`工作簿中已有“${there.unit}”的工作表（来自 ${there.source}）。替换为新版本？`))) {
    say(`未插入：“${there.unit}”的工作表“${there.sheet}”保持原样。`);
    return null;
  }
  say(`正在替换工作表“${there.sheet}”……`);
  const done = await excel.replaceReport(report);
  if (!done.ok) {
    say(done.message, 'error');
    return null;
  }
  const changed = done.cells ? `${done.cells} 个格子有变化` : '数字没有变化';
  const county = done.county?.ok
    ? '，并重新生成了汇总：改动已记入“变更记录”，“问题清单”保留了已设的整改状态和备注，已不存在的问题标为“已整改”。'
    : '。工作簿中还没有汇总，需要时请点“生成汇总”。';
  say(`已用新版本替换工作表“${done.sheet}”（原来自 ${done.before}，现来自 ${done.after}；${changed}）${county}`, 'ok');
  return done.sheet;
}

/** 下载退回通知: one .zip of the notices, or a word that there is nothing to send back */
export async function downloadNotices(excel: ExcelHost, deadline: string, say: Say): Promise<void> {
  const got = await excel.notices(deadline);
  if (!got.ok) {
    say(got.message, 'error');
    return;
  }
  if (!got.bytes) {
    say('“问题清单”中没有待整改的问题，没有需要退回的单位，未下载通知。', 'ok');
    return;
  }
  const name = saveBytes(got.bytes, got.name, ZIP_TYPE);
  say(`已下载“${name}”：${got.units.length} 个单位的退回修改通知，共 ${got.problems} 个问题（${got.units.join('、')}）。`, 'ok');
}
