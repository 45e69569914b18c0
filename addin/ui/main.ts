/**
 * The task pane: paste a report, see at once what was read and what breaks the 勾稽 rules,
 * insert it as a standard sheet, re-check a sheet after editing, build the county summary.
 * Outside Excel the same page reads, checks and downloads the workbook.
 *
 * View code only: every Excel job goes through office/host.ts.
 */
import { analyze, checkReport } from '../../core/analyze.ts';
import type { Finding } from '../../core/findings.ts';
import type { Report } from '../../core/report.ts';
import { connectExcel, describeError, type ExcelHost } from '../office/host.ts';
import { byId, h } from './dom.ts';
import { findingsView } from './findings.ts';
import { findingAddresses, lineSpan } from './locate.ts';
import { fromClipboard } from './paste.ts';
import { wireFiles } from './files.ts';
import type { OcrMeta } from '../../core/extract/ocr.ts';
import { FILE_KIND_ZH } from '../../core/extract/extract.ts';
import { metaView, tablesView } from './preview.ts';
import { mountDesk } from '../desk/desk.ts';
import { downloadNotices, insertOrReplace } from './round.ts';
import { DOCX_TYPE, saveBytes } from '../save.ts';

interface Shown {
  report: Report;
  findings: Finding[];
  /** the sheet the report is on (inserted, or read back), where a finding's cells can be selected */
  sheet: string | null;
  /** where it came from, in words */
  origin: string;
}

const state: { html: string | null; shown: Shown | null; excel: ExcelHost | null; file: { name: string; kind: string; ocr?: OcrMeta } | null } = {
  html: null,
  shown: null,
  excel: null,
  // the text in the box came from this file (a scan's numbers keep their confidences) until edited
  file: null,
};

const paste = byId<HTMLTextAreaElement>('paste');
const preview = byId<HTMLElement>('preview');
const statusLine = byId<HTMLElement>('status');
const buttons = {
  insert: byId<HTMLButtonElement>('insert'),
  recheck: byId<HTMLButtonElement>('recheck'),
  consolidate: byId<HTMLButtonElement>('consolidate'),
  tables: byId<HTMLButtonElement>('tables'),
  download: byId<HTMLButtonElement>('download'),
  clear: byId<HTMLButtonElement>('clear'),
  notices: byId<HTMLButtonElement>('notices'),
};
const deadline = byId<HTMLInputElement>('deadline');

function say(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

/** a button's job, with the button busy meanwhile and any failure said in words */
async function busy(button: HTMLButtonElement, working: string, job: () => Promise<void>): Promise<void> {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  say(working);
  try {
    await job();
  } catch (e) {
    say(describeError(e), 'error');
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
    refreshButtons();
  }
}

function refreshButtons(): void {
  const inExcel = state.excel !== null;
  const hasReport = state.shown !== null;
  document.body.dataset.host = inExcel ? 'excel' : 'browser';
  buttons.insert.hidden = !inExcel;
  buttons.recheck.hidden = !inExcel;
  buttons.consolidate.hidden = !inExcel;
  buttons.tables.hidden = !inExcel;
  buttons.download.hidden = inExcel;
  byId<HTMLElement>('round').hidden = !inExcel;
  buttons.insert.disabled = !hasReport || state.shown?.sheet !== null;
  buttons.download.disabled = !hasReport;
  buttons.clear.disabled = !paste.value && !hasReport;
}

function show(shown: Shown | null, failure?: string): void {
  state.shown = shown;
  preview.replaceChildren();
  if (failure) {
    preview.append(h('div', { class: 'failure', role: 'alert' }, failure));
  } else if (shown) {
    preview.append(
      metaView(shown.report, shown.origin),
      h('h2', { id: 'findings-title' }, '校验结果'),
      h('div', { id: 'findings', 'aria-labelledby': 'findings-title' }, findingsView(shown.report, shown.findings, pick)),
      tablesView(shown.report, shown.findings),
    );
  } else {
    preview.append(h('p', { class: 'hint' }, '粘贴后，这里立即显示读到的单位、年度、格式、三张表，以及不成立的勾稽关系。'));
  }
  refreshButtons();
}

/** read what is in the text area now */
function update(): void {
  const text = paste.value;
  if (!text.trim()) {
    show(null);
    return;
  }
  try {
    const f = state.file;
    const a = analyze(text, f?.name ?? '粘贴的文本', f?.ocr ? { ocr: f.ocr } : {});
    const origin = f ? `文件“${f.name}”（${f.kind}）` : state.html ? '粘贴的表格（网页或 Word）' : '粘贴的文本';
    if (!a.ok) show(null, a.message);
    else show({ report: a.report, findings: a.findings, sheet: null, origin });
  } catch (e) {
    show(null, `读取时出错：${(e as Error).message}`);
  }
}

/** a finding, located: its cells in the sheet when there is one, else its line in the text */
async function pick(f: Finding): Promise<void> {
  const shown = state.shown;
  if (!shown) return;
  if (state.excel && shown.sheet) {
    const addresses = findingAddresses(f, shown.report.format);
    if (addresses.length) {
      try {
        await state.excel.select(shown.sheet, addresses);
        say(`已在工作表“${shown.sheet}”中选中 ${f.rule} 涉及的格子。`);
      } catch (e) {
        say(describeError(e), 'error');
      }
      return;
    }
  }
  const line = f.lines[0];
  const span = line !== undefined && shown.sheet === null ? lineSpan(paste.value, line) : null;
  if (!span) {
    say(`${f.rule}：${shown.sheet ? '这一条没有对应的格子。' : '这一条没有对应的原文行。'}`);
    return;
  }
  paste.focus();
  paste.setSelectionRange(span[0], span[1]);
  // bring the line into view: the text area scrolls by lines of its own height
  const lineHeight = parseFloat(getComputedStyle(paste).lineHeight) || 18;
  paste.scrollTop = Math.max(0, (line! - 3) * lineHeight);
  say(`已选中原文第 ${line} 行。`);
}

let timer: ReturnType<typeof setTimeout> | undefined;
paste.addEventListener('input', () => {
  // typed or edited by hand: the pasted HTML (or the file) no longer says what the text says
  state.html = null;
  state.file = null;
  clearTimeout(timer);
  timer = setTimeout(update, 150);
});

paste.addEventListener('paste', (e) => {
  const got = e.clipboardData ? fromClipboard(e.clipboardData) : null;
  if (!got) return;
  e.preventDefault();
  const replacesAll = paste.selectionStart === 0 && paste.selectionEnd === paste.value.length;
  paste.setRangeText(got.text, paste.selectionStart, paste.selectionEnd, 'end');
  state.html = got.html && (replacesAll || paste.value === got.text) ? got.html : null;
  state.file = null;
  clearTimeout(timer);
  update();
});

wireFiles(byId<HTMLInputElement>('file'), [paste, byId<HTMLElement>('file-zone')], {
  read(r, name) {
    clearTimeout(timer);
    paste.value = r.text;
    state.html = null;
    state.file = { name, kind: FILE_KIND_ZH[r.kind], ...(r.ocr ? { ocr: r.ocr } : {}) };
    update();
    const doubtful = state.shown ? Object.keys(state.shown.report.ambiguous).length : 0;
    if (!state.shown) say(`已读取“${name}”，但没有读出年报：见下方说明。`, 'error');
    else say(r.ocr ? `已识别扫描件“${name}”（${r.ocr.pages} 页）。文字识别可能认错数字${doubtful ? `：${doubtful} 个格子把握不大，已标为待确认` : ''}，请对照原件核对。` : `已读取“${name}”。`, 'ok');
  },
  failed(message) {
    show(null, message);
    say(message, 'error');
  },
  progress(message) {
    say(message);
  },
});

buttons.clear.addEventListener('click', () => {
  paste.value = '';
  state.html = null;
  state.file = null;
  show(null);
  say('');
  paste.focus();
});

buttons.download.addEventListener('click', () =>
  busy(buttons.download, '正在生成 Excel 文件……', async () => {
    const shown = state.shown;
    if (!shown) return;
    const { downloadWorkbook } = await import(/* webpackChunkName: "download" */ '../download.ts');
    const name = await downloadWorkbook(shown.report, shown.findings);
    say(`已下载“${name}”：标准表、“校验”表和“原文”表。`, 'ok');
  }),
);

buttons.insert.addEventListener('click', () =>
  busy(buttons.insert, '正在插入工作表……', async () => {
    const shown = state.shown;
    if (!shown || !state.excel) return;
    const sheet = await insertOrReplace(state.excel, shown.report, say);
    if (sheet) state.shown = { ...shown, sheet };
  }),
);

buttons.notices.addEventListener('click', () =>
  busy(buttons.notices, '正在按“问题清单”生成退回修改通知……', async () => {
    if (state.excel) await downloadNotices(state.excel, deadline.value, say);
  }),
);

buttons.recheck.addEventListener('click', () =>
  busy(buttons.recheck, '正在读取当前工作表……', async () => {
    if (!state.excel) return;
    const read = await state.excel.readActive();
    if (read.kind === 'other') {
      say(`当前工作表“${read.sheet}”不是标准表：请先选中由本加载项插入的年报工作表。`, 'error');
      return;
    }
    if (read.kind === 'moved') {
      say(read.message, 'error');
      return;
    }
    const findings = checkReport(read.report);
    show({ report: read.report, findings, sheet: read.sheet, origin: `工作表“${read.sheet}”（按表中现有数字重新校验）` });
    const errors = findings.filter((f) => f.severity === 'error').length;
    say(errors ? `工作表“${read.sheet}”有 ${errors} 处错误。` : `工作表“${read.sheet}”的勾稽关系全部成立。`, errors ? 'error' : 'ok');
  }),
);

buttons.consolidate.addEventListener('click', () =>
  busy(buttons.consolidate, '正在读取全部标准表并生成汇总……', async () => {
    if (!state.excel) return;
    const got = await state.excel.consolidate();
    if (!got.ok) {
      say(got.message, 'error');
      return;
    }
    const skipped = got.skipped.length ? `另有 ${got.skipped.length} 张表未能读取，已列在“目录”中。` : '';
    say(`已汇总 ${got.units} 个单位 ${got.year} 年的年报：${got.written.map((s) => `“${s}”`).join('、')}。${skipped}`, 'ok');
  }),
);

buttons.tables.addEventListener('click', () =>
  busy(buttons.tables, '正在按汇总表生成本级报告表格……', async () => {
    if (!state.excel) return;
    const got = await state.excel.tables();
    if (!got.ok) {
      say(got.message, 'error');
      return;
    }
    const name = saveBytes(got.bytes, `${got.name}${got.year}年报告表格.docx`, DOCX_TYPE);
    const blanks = got.blanks ? `汇总中有 ${got.blanks} 个格子为空，表中留空并在文末注明。` : '';
    say(`已生成“${name}”：${got.name} ${got.year} 年的表二、表三、表四和标准表述（${got.units} 个单位之和，按各单位工作表重新计算）。${blanks}`, 'ok');
  }),
);

show(null);
say('');

// Office tells whether the page runs in Excel; in a plain browser everything but the Excel jobs works
void connectExcel()
  .then((excel) => {
    state.excel = excel;
    // outside Excel the page is also the county desk: many files in, the county workbook out
    if (!excel) mountDesk({ show: (report, findings, origin) => show({ report, findings, sheet: null, origin }), say });
    document.body.dataset.ready = 'true';
    byId<HTMLElement>('mode').textContent = excel
      ? ''
      : '未在 Excel 中打开：可以把各单位的年报拖进来生成全县汇总工作簿，也可以粘贴一份年报校验并下载；插入工作表需要在 Excel 的任务窗格中使用。';
    refreshButtons();
  })
  .catch((e) => {
    document.body.dataset.ready = 'true';
    say(describeError(e), 'error');
  });
