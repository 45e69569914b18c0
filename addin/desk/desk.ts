/**
 * The county desk, for the page opened outside Excel: drop a folder of reports, see each unit
 * read (or why not), click one to see its tables and findings as for a pasted report, and
 * download the county workbook — the same workbook `gouji consolidate` writes for the same
 * files. Reading and writing run in a web worker (worker-client.ts); the page only shows.
 */
import type { Finding } from '../../core/findings.ts';
import type { Report } from '../../core/report.ts';
import type { ConsolidateInput, Unreadable } from '../../core/sheet/consolidate.ts';
import { byId, h } from '../ui/dom.ts';
import { fromDrop, fromFileList, passedOver, type Gathered } from './files.ts';
import { ReadingWorker } from './worker-client.ts';

export interface DeskHost {
  /** show one unit in the pane's preview, as for a pasted report */
  show(report: Report, findings: Finding[], origin: string): void;
  say(text: string, kind?: 'info' | 'ok' | 'error'): void;
}

interface State {
  inputs: ConsolidateInput[];
  unreadable: Unreadable[];
  worker: ReadingWorker | null;
  busy: boolean;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function saveBytes(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const count = (fs: Finding[], s: Finding['severity']) => fs.filter((f) => f.severity === s).length;

export function mountDesk(host: DeskHost): void {
  const section = byId<HTMLElement>('desk');
  const drop = byId<HTMLElement>('drop');
  const filesInput = byId<HTMLInputElement>('files');
  const folderInput = byId<HTMLInputElement>('folder');
  const bar = byId<HTMLProgressElement>('desk-bar');
  const progress = byId<HTMLElement>('desk-progress');
  const progressText = byId<HTMLElement>('desk-progress-text');
  const cancel = byId<HTMLButtonElement>('desk-cancel');
  const build = byId<HTMLButtonElement>('desk-build');
  const clear = byId<HTMLButtonElement>('desk-clear');
  const county = byId<HTMLInputElement>('county');
  const list = byId<HTMLElement>('desk-units');
  const state: State = { inputs: [], unreadable: [], worker: null, busy: false };
  section.hidden = false;

  const worker = () => (state.worker ??= new ReadingWorker());

  function render(): void {
    build.disabled = state.busy || state.inputs.length === 0;
    clear.disabled = state.busy || (state.inputs.length === 0 && state.unreadable.length === 0);
    if (!state.inputs.length && !state.unreadable.length) {
      list.replaceChildren();
      return;
    }
    const errors = state.inputs.filter((i) => count(i.findings ?? [], 'error') > 0).length;
    const warnings = state.inputs.filter((i) => count(i.findings ?? [], 'warning') > 0).length;
    const rows = state.inputs.map((input, k) => {
      const e = count(input.findings ?? [], 'error');
      const w = count(input.findings ?? [], 'warning');
      const tr = h(
        'tr',
        { class: e ? 'unit has-errors' : w ? 'unit has-warnings' : 'unit', tabindex: 0, 'data-k': k },
        h('td', {}, input.report.unit ?? '（未读出单位）'),
        h('td', {}, input.report.year === null ? '—' : String(input.report.year)),
        h('td', { class: e ? 'n error' : 'n' }, String(e)),
        h('td', { class: w ? 'n warning' : 'n' }, String(w)),
        h('td', { class: 'src', title: input.source }, input.source),
      );
      const open = () => host.show(input.report, input.findings ?? [], `${input.source}（${input.kind}）`);
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') open();
      });
      return tr;
    });
    const bad = state.unreadable.map((u) =>
      h('tr', { class: 'unreadable' }, h('td', { colspan: 4 }, `无法读取：${u.reason}`), h('td', { class: 'src', title: u.source }, u.source)),
    );
    list.replaceChildren(
      h(
        'p',
        { class: 'desk-count' },
        `已读 ${state.inputs.length} 个单位：有错误 ${errors} 个，有警告 ${warnings} 个` + (state.unreadable.length ? `；无法读取 ${state.unreadable.length} 个文件` : '') + '。',
      ),
      h(
        'table',
        { class: 'units' },
        h('thead', {}, h('tr', {}, h('th', {}, '单位'), h('th', {}, '年度'), h('th', {}, '错误'), h('th', {}, '警告'), h('th', {}, '来源文件'))),
        h('tbody', {}, ...rows, ...bad),
      ),
    );
  }

  function setBusy(on: boolean, total = 0): void {
    state.busy = on;
    progress.hidden = !on;
    bar.max = Math.max(1, total);
    bar.value = 0;
    render();
  }

  async function readAll(g: Gathered): Promise<void> {
    if (state.busy) return;
    if (!g.files.length) {
      host.say(`没有找到年报文件（.txt .md .html .docx .doc .wps .pdf 或 gouji 生成的 .xlsx）。${passedOver(g)}`, 'error');
      return;
    }
    setBusy(true, g.files.length);
    let done = 0;
    let cancelled = false;
    const stop = () => {
      cancelled = true;
      state.worker?.terminate();
      state.worker = null;
    };
    cancel.onclick = stop;
    for (const { path, file } of g.files) {
      if (cancelled) break;
      progressText.textContent = `正在读取 ${done + 1}/${g.files.length}：${path}`;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        state.unreadable.push({ source: path, reason: `“${path}”：无法读取这个文件（可能已被移走或正被其他程序占用）。` });
        done++;
        continue;
      }
      const got = await worker().read(path, bytes);
      if (got === null) break; // cancelled while reading
      // the same unit read again replaces nothing silently: consolidate() refuses duplicates by name
      state.inputs.push(...got.inputs);
      state.unreadable.push(...got.unreadable);
      done++;
      bar.value = done;
      render();
    }
    setBusy(false);
    const skipped = passedOver(g);
    if (cancelled) host.say(`已取消：读了 ${g.files.length} 个文件中的 ${done} 个，已读的保留在列表中。${skipped}`, 'info');
    else host.say(`读完 ${g.files.length} 个文件。${skipped}点击单位查看它的表格和问题；全部放入后，点“下载全县汇总工作簿”。`, 'ok');
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
  byId<HTMLButtonElement>('pick-files').addEventListener('click', () => filesInput.click());
  byId<HTMLButtonElement>('pick-folder').addEventListener('click', () => folderInput.click());
  filesInput.addEventListener('change', () => {
    const g = fromFileList(filesInput.files ?? []);
    filesInput.value = '';
    void readAll(g);
  });
  folderInput.addEventListener('change', () => {
    const g = fromFileList(folderInput.files ?? []);
    folderInput.value = '';
    void readAll(g);
  });
  clear.addEventListener('click', () => {
    state.inputs = [];
    state.unreadable = [];
    render();
    host.say('');
  });
  build.addEventListener('click', async () => {
    if (state.busy || !state.inputs.length) return;
    setBusy(true, 1);
    progressText.textContent = `正在生成全县汇总工作簿（${state.inputs.length} 个单位）……`;
    cancel.onclick = () => {
      state.worker?.terminate();
      state.worker = null;
    };
    const name = county.value.trim();
    const got = await worker().build(state.inputs, state.unreadable, name || undefined, (text) => (progressText.textContent = text));
    setBusy(false);
    if (got === null) {
      host.say('已取消生成工作簿。', 'info');
      return;
    }
    if (!got.ok) {
      host.say(`无法汇总：${got.message}`, 'error');
      return;
    }
    const s = got.summary;
    const file = `${s.county}${s.year}年政府信息公开年报汇总.xlsx`;
    saveBytes(got.bytes, file);
    host.say(
      `已下载“${file}”：${s.units} 个单位，错误 ${s.errors} 处，警告 ${s.warnings} 处` + (s.unreadable ? `，${s.unreadable} 个文件未能读取（列在“目录”末尾）` : '') + '。',
      'ok',
    );
  });
  render();
}
