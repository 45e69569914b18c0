/**
 * The county desk, for the page opened outside Excel: drop a folder of reports, see each unit
 * read (or why not), click one to see its tables and findings as for a pasted report, and
 * download the county workbook — the same workbook `gouji consolidate` writes for the same
 * files, with the roster (名单) and last year's reports (同比) as its --roster and --last-year
 * take them — and the 退回修改通知 as one .zip. Reading and writing run in a web worker
 * (worker-client.ts); the page only shows.
 */
import type { Finding } from '../../core/findings.ts';
import type { Report } from '../../core/report.ts';
import { rosterFromBytes } from '../../core/round/roster-file.ts';
import type { RosterEntry } from '../../core/round/roster.ts';
import type { StatusLine } from '../../core/sheet/catalogue-lines.ts';
import type { ConsolidateInput, Unreadable } from '../../core/sheet/consolidate.ts';
import { saveBytes, XLSX_TYPE, ZIP_TYPE } from '../save.ts';
import { byId } from '../ui/dom.ts';
import { fromDrop, fromFileList, passedOver, type Gathered, type Picked } from './files.ts';
import type { RoundRequest } from './protocol.ts';
import { offlineOcrCode, pickModels } from './ocr-models.ts';
import { rosterView, unitsView } from './units-view.ts';
import { ReadingWorker } from './worker-client.ts';

export interface DeskHost {
  /** show one unit in the pane's preview, as for a pasted report */
  show(report: Report, findings: Finding[], origin: string): void;
  say(text: string, kind?: 'info' | 'ok' | 'error'): void;
}

interface Read {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
}

interface State extends Read {
  worker: ReadingWorker | null;
  busy: boolean;
  roster: { file: string; entries: RosterEntry[] } | null;
  /** everything read from the files picked as last year's (the year before is kept when building) */
  last: (Read & { files: string[] }) | null;
  /** the roster's statuses as 目录 shows them, for what has been read */
  statuses: StatusLine[] | null;
}

export function mountDesk(host: DeskHost): void {
  const el = <T extends HTMLElement>(id: string) => byId<T>(id);
  const [drop, list, progress, progressText] = ['drop', 'desk-units', 'desk-progress', 'desk-progress-text'].map((id) => el<HTMLElement>(id)) as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
  const [filesInput, folderInput, rosterInput, lastInput, county, deadline] = ['files', 'folder', 'desk-roster', 'desk-last-year', 'county', 'desk-deadline'].map((id) => el<HTMLInputElement>(id)) as [HTMLInputElement, HTMLInputElement, HTMLInputElement, HTMLInputElement, HTMLInputElement, HTMLInputElement];
  const [cancel, build, notices, clear] = ['desk-cancel', 'desk-build', 'desk-notices', 'desk-clear'].map((id) => el<HTMLButtonElement>(id)) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
  const bar = el<HTMLProgressElement>('desk-bar');
  const rosterName = el<HTMLElement>('desk-roster-name');
  const lastName = el<HTMLElement>('desk-last-name');
  const state: State = { inputs: [], unreadable: [], worker: null, busy: false, roster: null, last: null, statuses: null };
  el<HTMLElement>('desk').hidden = false;

  const worker = () => (state.worker ??= new ReadingWorker());
  const stopWorker = () => {
    state.worker?.terminate();
    state.worker = null;
  };

  const round = (): RoundRequest => {
    const name = county.value.trim();
    const files = state.last?.files ?? [];
    return {
      inputs: state.inputs,
      unreadable: state.unreadable,
      ...(name ? { name } : {}),
      ...(state.roster ? { roster: state.roster.entries } : {}),
      ...(state.last ? { last: { inputs: state.last.inputs, unreadable: state.last.unreadable, where: files.length === 1 ? files[0]! : `${files[0]} 等 ${files.length} 个上年文件` } } : {}),
    };
  };

  function openSource(source: string): void {
    const input = [...state.inputs, ...(state.last?.inputs ?? [])].find((i) => i.source === source);
    if (input) host.show(input.report, input.findings ?? [], `${input.source}（${input.kind}）`);
  }

  function render(): void {
    build.disabled = notices.disabled = state.busy || state.inputs.length === 0;
    clear.disabled = state.busy || (state.inputs.length === 0 && state.unreadable.length === 0);
    rosterName.textContent = state.roster ? `${state.roster.file}（${state.roster.entries.length} 个单位）` : '';
    lastName.textContent = state.last ? lastYearWords(state.last) : '';
    const parts: HTMLElement[] = [];
    if (state.statuses) parts.push(...rosterView(state.statuses, openSource));
    if (state.inputs.length || state.unreadable.length) parts.push(...unitsView(state.inputs, state.unreadable, (i) => openSource(i.source), state.last !== null));
    list.replaceChildren(...parts);
  }

  function setBusy(on: boolean, total = 0): void {
    state.busy = on;
    progress.hidden = !on;
    bar.max = Math.max(1, total);
    bar.value = 0;
    render();
  }

  /** the files, one by one through the worker, into `into`; false when cancelled */
  async function readFiles(files: Picked[], into: Read): Promise<{ done: number; cancelled: boolean }> {
    setBusy(true, files.length);
    let done = 0;
    let cancelled = false;
    cancel.onclick = () => {
      cancelled = true;
      stopWorker();
    };
    for (const { path, file } of files) {
      if (cancelled) break;
      const reading = `正在读取 ${done + 1}/${files.length}：${path}`;
      progressText.textContent = reading;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        into.unreadable.push({ source: path, reason: `“${path}”：无法读取这个文件（可能已被移走或正被其他程序占用）。` });
        done++;
        continue;
      }
      // a scan tells its pages as they are recognised
      const got = await worker().read(path, bytes, (text) => (progressText.textContent = `${reading}（${text}）`));
      if (got === null) break; // cancelled while reading
      // the same unit read again replaces nothing silently: consolidate() refuses duplicates by name
      into.inputs.push(...got.inputs);
      into.unreadable.push(...got.unreadable);
      done++;
      bar.value = done;
      render();
    }
    setBusy(false);
    return { done, cancelled };
  }

  /** the roster's statuses for what has been read, from the worker's consolidation; why not, or '' */
  async function refreshStatuses(): Promise<string> {
    state.statuses = null;
    if (!state.roster || !state.inputs.length) {
      render();
      return '';
    }
    setBusy(true, 1);
    progressText.textContent = '正在按名单核对各单位……';
    cancel.onclick = stopWorker;
    const got = await worker().status(round());
    setBusy(false);
    if (got?.ok) state.statuses = got.lines;
    render();
    return got === null ? '已取消按名单核对。' : got.ok ? '' : `无法按名单核对：${got.message}`;
  }

  async function readAll(g: Gathered): Promise<void> {
    if (state.busy) return;
    if (!g.files.length) {
      host.say(`没有找到年报文件（.txt .md .html .docx .doc .wps .pdf 或 gouji 生成的 .xlsx）。${passedOver(g)}`, 'error');
      return;
    }
    const { done, cancelled } = await readFiles(g.files, state);
    const skipped = passedOver(g);
    if (cancelled) host.say(`已取消：读了 ${g.files.length} 个文件中的 ${done} 个，已读的保留在列表中。${skipped}`, 'info');
    else {
      const trouble = await refreshStatuses();
      host.say(`读完 ${g.files.length} 个文件。${skipped}` + (trouble || '点击单位查看它的表格和问题；全部放入后，点“下载全县汇总工作簿”。'), trouble ? 'error' : 'ok');
    }
  }

  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (!e.dataTransfer) return;
    void fromDrop(e.dataTransfer.items).then(readAll);
  });
  const picker = (button: string, input: HTMLInputElement) => el<HTMLButtonElement>(button).addEventListener('click', () => input.click());
  picker('pick-files', filesInput);
  picker('pick-folder', folderInput);
  picker('desk-pick-roster', rosterInput);
  picker('desk-pick-last', lastInput);
  for (const input of [filesInput, folderInput]) {
    input.addEventListener('change', () => {
      const g = fromFileList(input.files ?? []);
      input.value = '';
      void readAll(g);
    });
  }

  rosterInput.addEventListener('change', async () => {
    const file = rosterInput.files?.[0];
    rosterInput.value = '';
    if (!file || state.busy) return;
    const got = rosterFromBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!got.ok) {
      host.say(got.message, 'error');
      return;
    }
    if (!got.value.entries.length) {
      host.say(`名单“${file.name}”中没有读出任何单位：请每行写一个单位名称（可带“类别”列）。`, 'error');
      return;
    }
    state.roster = { file: file.name, entries: got.value.entries };
    const trouble = await refreshStatuses();
    const problems = got.value.problems;
    host.say(`已读入名单“${file.name}”：${got.value.entries.length} 个单位。` + (problems.length ? `请注意：${problems.join('')}` : '') + trouble, problems.length || trouble ? 'error' : 'ok');
  });

  lastInput.addEventListener('change', async () => {
    const files = Array.from(lastInput.files ?? []).map((file) => ({ path: file.name, file }));
    lastInput.value = '';
    if (!files.length || state.busy) return;
    const read: Read = { inputs: [], unreadable: [] };
    const { cancelled } = await readFiles(files, read);
    if (cancelled) {
      host.say('已取消读取上年的文件，未用于同比。', 'info');
      return;
    }
    state.last = { ...read, files: files.map((f) => f.path) };
    const trouble = await refreshStatuses();
    host.say(`已读入上年的文件：${lastYearWords(state.last)}。生成工作簿时只用比本年早一年的年报做同比。${trouble}`, trouble ? 'error' : 'ok');
  });

  // the offline copy carries the recognition program; the clerk brings the models
  if (offlineOcrCode()) {
    const modelInput = el<HTMLInputElement>('desk-model');
    el<HTMLElement>('desk-ocr').hidden = false;
    picker('desk-pick-model', modelInput);
    modelInput.addEventListener('change', async () => {
      const files = Array.from(modelInput.files ?? []);
      modelInput.value = '';
      if (!files.length) return;
      const got = await pickModels(files);
      if (got.ok) el<HTMLElement>('desk-model-name').textContent = '已选识别模型';
      host.say(got.message, got.ok ? 'ok' : 'error');
    });
  }

  clear.addEventListener('click', () => {
    // the roster and last year's files stay: the next files read are checked against them
    Object.assign(state, { inputs: [], unreadable: [], statuses: null });
    render();
    host.say('');
  });

  build.addEventListener('click', async () => {
    if (state.busy || !state.inputs.length) return;
    setBusy(true, 1);
    progressText.textContent = `正在生成全县汇总工作簿（${state.inputs.length} 个单位）……`;
    cancel.onclick = stopWorker;
    const got = await worker().build(round(), (text) => (progressText.textContent = text));
    setBusy(false);
    if (got === null) return host.say('已取消生成工作簿。', 'info');
    if (!got.ok) return host.say(`无法汇总：${got.message}`, 'error');
    const s = got.summary;
    const file = `${s.county}${s.year}年政府信息公开年报汇总.xlsx`;
    saveBytes(got.bytes, file, XLSX_TYPE);
    host.say(
      `已下载“${file}”：${s.units} 个单位，错误 ${s.errors} 处，警告 ${s.warnings} 处` +
        (s.unreadable ? `，${s.unreadable} 个文件未能读取（列在“目录”末尾）` : '') +
        '。' +
        s.notes.join(''),
      'ok',
    );
  });

  notices.addEventListener('click', async () => {
    if (state.busy || !state.inputs.length) return;
    setBusy(true, 1);
    progressText.textContent = '正在生成退回修改通知……';
    cancel.onclick = stopWorker;
    const got = await worker().notices(round(), deadline.value.trim() || undefined, (text) => (progressText.textContent = text));
    setBusy(false);
    if (got === null) return host.say('已取消生成退回修改通知。', 'info');
    if (!got.ok) return host.say(`无法生成退回修改通知：${got.message}`, 'error');
    if (!got.bytes) return host.say('各单位都没有待整改的问题，不需要退回修改通知。', 'ok');
    saveBytes(got.bytes, got.name, ZIP_TYPE);
    host.say(`已下载“${got.name}”：${got.units.length} 份退回修改通知（${got.units.join('、')}），共 ${got.problems} 个问题。`, 'ok');
  });
  render();
}

/** 全县2023.xlsx：2023 年 12 份 */
function lastYearWords(last: Read & { files: string[] }): string {
  const years = new Map<string, number>();
  for (const i of last.inputs) {
    const y = i.report.year === null ? '年度不明' : `${i.report.year} 年`;
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  const files = last.files.length === 1 ? last.files[0]! : `${last.files[0]} 等 ${last.files.length} 个文件`;
  const got = [...years].map(([y, n]) => `${y} ${n} 份`).join('、') || '没有读出年报';
  return `${files}：${got}` + (last.unreadable.length ? `，${last.unreadable.length} 个文件无法读取` : '');
}
