/**
 * The collection round over three rounds of a generated county, through the CLI as users
 * run it: round 1 with units missing, one file unreadable and mistakes made on purpose;
 * notices for exactly the units with findings; round 2 with corrected versions and a late
 * report into the round-1 workbook the user has edited (整改状态, 备注, a roster row); round 3
 * with the rest. Expected answers come from the generator (which cells it changed, which
 * mistakes it made), never from the code under test.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { docxToText } from '../core/extract/docx.ts';
import { cellInfo } from '../core/format/cells.ts';
import { generateReport, type GeneratedReport, type ViolationKind } from '../core/generate/index.ts';
import { readLight, type LightWorkbook } from '../core/xlsx/cells.ts';
import { manyUnits } from './support/county.ts';
import { libreOfficeSkip, recalc } from './support/libreoffice.ts';
import { ooxmlSkip, validateOoxmlAll, withPart, type OoxmlResult } from './support/ooxml.ts';
import { inProcess } from './support/in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'gouji-round-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const UNITS = manyUnits('松溪县', 10, 11);
const name = (i: number) => UNITS[i]!.name;
const gen = (i: number, violations: ViolationKind[] = []): GeneratedReport =>
  generateReport(7_000 + i, { format: 'gov2021', year: 2024, unit: UNITS[i]!, layout: i % 2 ? 'word-tabs' : 'pipe', violations });

// round 1: units 8 and 9 missing (9's file is no report), mistakes in 1, 3, 5, 6
const MISTAKES: Record<number, ViolationKind[]> = { 1: ['t3-cell'], 3: ['t4-cell'], 5: ['r2.2'], 6: ['t3-cell', 't4-cell'] };
const r1 = new Map([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, gen(i, MISTAKES[i])]));
// round 2: 1 and 3 corrected, 8 late; round 3: 5 corrected, 9 at last
const r2 = new Map([1, 3, 8].map((i) => [i, gen(i)]));
const r3 = new Map([5, 9].map((i) => [i, gen(i)]));
const findingCount = (g: GeneratedReport) => g.expected.errors.length + g.expected.warnings.length;
const ADDED = '松溪县新设镇人民政府';

/** the roster as a county office types it: short names and full ones, a 类别 column */
const rosterCsv = (extra: string[] = []) =>
  ['单位,类别', ...UNITS.map((u, i) => `${i % 2 ? u.name : u.name.replace(/^松溪县/, '').replace(/人民政府$/, '')},${u.kind === 'street' ? '街道' : u.kind === 'department' || u.kind === 'county' ? '部门' : '乡镇'}`), ...extra].join('\n');

function writeFiles(folder: string, reports: Map<number, GeneratedReport>): void {
  mkdirSync(folder, { recursive: true });
  for (const [i, g] of reports) writeFileSync(join(folder, `u${i}.txt`), g.text);
}

/** `gouji …` in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command) */
const gouji = inProcess;

/** a workbook as read, once per version of the file (the round-1 and round-2 copies are looked at by several tests) */
const lightRead = new Map<string, { version: string; wb: LightWorkbook }>();
const light = (path: string): LightWorkbook => {
  const s = statSync(path);
  const version = `${s.ino}|${s.size}|${s.mtimeMs}`;
  const known = lightRead.get(path);
  if (known?.version === version) return known.wb;
  const wb = readLight(new Uint8Array(readFileSync(path)))!;
  lightRead.set(path, { version, wb });
  return wb;
};
const col = (wb: LightWorkbook, sheet: string, header: string, headRow: number): number => {
  const s = wb.sheet(sheet)!;
  for (let c = 1; c < 40; c++) if (s.cells.get(`${String.fromCharCode(64 + c)}${headRow}`)?.value === header) return c;
  throw new Error(`${sheet} has no column ${header}`);
};
const at = (c: number, r: number) => `${String.fromCharCode(64 + c)}${r}`;
function table(wb: LightWorkbook, sheet: string, headRow: number): Record<string, string>[] {
  const s = wb.sheet(sheet)!;
  const heads: string[] = [];
  for (let c = 1; c < 40; c++) heads.push(String(s.cells.get(at(c, headRow))?.value ?? ''));
  let last = 0;
  for (const a of s.cells.keys()) last = Math.max(last, Number(/\d+/.exec(a)![0]));
  const out: Record<string, string>[] = [];
  for (let r = headRow + 1; r <= last; r++) {
    const row: Record<string, string> = {};
    heads.forEach((h, k) => h && (row[h] = String(s.cells.get(at(k + 1, r))?.value ?? '')));
    row['@formula状态'] = s.cells.get(at(heads.indexOf('状态') + 1, r))?.formula ?? '';
    out.push(row);
  }
  return out;
}

const p = {
  r1: join(dir, 'r1'),
  new2: join(dir, 'new2'),
  new3: join(dir, 'new3'),
  all2: join(dir, 'all2'),
  wb: join(dir, '全县2024.xlsx'),
  wb1: join(dir, '第一轮.xlsx'),
  wb2: join(dir, '第二轮.xlsx'),
  scratch: join(dir, '重建.xlsx'),
  roster: join(dir, '名单.csv'),
  roster2: join(dir, '名单2.csv'),
};

describe('the collection round over three rounds', () => {
  before(async () => {
    writeFiles(p.r1, r1);
    writeFileSync(join(p.r1, `${name(9)}.txt`), '这份文件只有一句话，不是年报。\n');
    writeFiles(p.new2, r2);
    writeFiles(p.new3, r3);
    writeFileSync(p.roster, rosterCsv());
    writeFileSync(p.roster2, rosterCsv([`${ADDED},乡镇`]));
    const r = await gouji(['consolidate', p.r1, '-o', p.wb, '--roster', p.roster]);
    assert.equal(r.code, 2, r.stderr); // one file is no report
    copyFileSync(p.wb, p.wb1);
  });

  it('round 1: notices for exactly the units with findings, naming exactly their findings', async () => {
    const out = join(dir, '通知1');
    const r = await gouji(['notices', p.wb1, '-o', out, '--deadline', '2025-03-15']);
    assert.equal(r.code, 0, r.stderr);
    const want = [...r1].filter(([, g]) => findingCount(g) > 0).map(([i]) => name(i)).sort();
    assert.deepEqual(want.length, 4);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, want.map((u) => `${u}-退回修改通知.docx`).sort());
    for (const [i, g] of r1) {
      if (!findingCount(g)) continue;
      const doc = docxToText(new Uint8Array(readFileSync(join(out, `${name(i)}-退回修改通知.docx`))));
      assert.ok(doc.ok);
      const lines = doc.text.split('\n').map((l) => l.trim()).filter(Boolean);
      assert.match(lines[0]!, new RegExp(`关于退回《${name(i)}2024年政府信息公开工作年度报告》修改的通知`));
      assert.equal(lines[1], `${name(i)}：`);
      const from = lines.findIndex((l) => l.includes('现退回修改'));
      const to = lines.findIndex((l) => l.startsWith('请对照上述问题'));
      const items = lines.slice(from + 1, to);
      assert.equal(items.length, findingCount(g), `${name(i)}: ${items.join('\n')}`);
      assert.match(lines[from]!, new RegExp(`发现以下 ${findingCount(g)} 处问题`));
      assert.match(lines[to]!, /于2025年3月15日前将修改后的年度报告重新报送/);
      for (const id of [...g.expected.errors, ...g.expected.warnings]) {
        const table = id.startsWith('R3') ? '表三' : id.startsWith('R4') ? '表四' : id.startsWith('R2') ? '表二' : '';
        assert.ok(items.some((t) => t.includes(table)), `${name(i)} ${id}`);
      }
      // no internal key in what a user reads
      assert.doesNotMatch(items.join(''), /t[234]\.|R\d\.\d@/);
    }
  });

  it('round 2: corrected versions and a late report go into the workbook the user has edited', async () => {
    // the user, in Excel: 无需整改 and a note for unit 5, a note for unit 1, a unit added to 名单
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p.wb);
    const ws = wb.getWorksheet('问题清单')!;
    let set = 0;
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      const unit = String(row.getCell(2).value ?? '');
      if (unit === name(5)) (row.getCell(13).value = '无需整改'), (row.getCell(14).value = '已电话核实，口径不同'), set++;
      if (unit === name(1)) (row.getCell(14).value = '已发通知'), set++;
    });
    assert.ok(set >= 2);
    const roster = wb.getWorksheet('名单')!;
    roster.getCell(`B${roster.rowCount + 1}`).value = ADDED;
    roster.getCell(`C${roster.rowCount}`).value = '乡镇';
    await wb.xlsx.writeFile(p.wb);

    const r = await gouji(['consolidate', '--into', p.wb, p.new2]);
    assert.equal(r.code, 2, r.stderr); // unit 9's file is still no report
    assert.match(r.stdout, new RegExp(`替换：${name(1)}`));
    assert.match(r.stdout, new RegExp(`替换：${name(3)}`));
    assert.match(r.stdout, new RegExp(`补报：${name(8)}`));
    copyFileSync(p.wb, p.wb2);
  });

  it('round 2 equals a fresh consolidation of the round-2 files, but for 整改状态, 备注 and 变更记录', async () => {
    mkdirSync(p.all2, { recursive: true });
    for (const f of readdirSync(p.r1)) if (!/^u[13]\.txt$/.test(f)) copyFileSync(join(p.r1, f), join(p.all2, f));
    for (const f of readdirSync(p.new2)) copyFileSync(join(p.new2, f), join(p.all2, f));
    const r = await gouji(['consolidate', p.all2, '-o', p.scratch, '--roster', p.roster2]);
    assert.equal(r.code, 2, r.stderr);
    const a = light(p.wb2);
    const b = light(p.scratch);
    assert.deepEqual(a.names.filter((n) => n !== '变更记录'), b.names);
    const norm = (v: unknown) => String(v ?? '').replace(/\/[^'"\s]*\/(r1|new2|all2)\//g, '…/');
    const differ: string[] = [];
    for (const sheet of b.names) {
      const sa = a.sheet(sheet)!;
      const sb = b.sheet(sheet)!;
      const skip = new Set<number>();
      if (sheet === '问题清单') skip.add(col(a, sheet, '整改状态', 3)).add(col(a, sheet, '备注', 3));
      for (const addr of new Set([...sa.cells.keys(), ...sb.cells.keys()])) {
        const c = addr.charCodeAt(0) - 64;
        const row = Number(/\d+/.exec(addr)![0]);
        if (skip.has(c) && row > 3) continue;
        const x = sa.cells.get(addr);
        const y = sb.cells.get(addr);
        if (sheet === '问题清单' && !y && row > 3) continue; // checked below: problems gone since round 1
        if (norm(x?.value) !== norm(y?.value) || norm(x?.formula) !== norm(y?.formula)) differ.push(`${sheet}!${addr}: ${norm(x?.value)}|${x?.formula ?? ''} ≠ ${norm(y?.value)}|${y?.formula ?? ''}`);
      }
    }
    assert.deepEqual(differ.slice(0, 10), []);
    // the rows past the fresh list are exactly the problems of units 1 and 3 in round 1, now 已整改
    const before = table(light(p.wb1), '问题清单', 3).filter((r) => r.键);
    const now = table(a, '问题清单', 3).filter((r) => r.键);
    const fresh = table(b, '问题清单', 3).filter((r) => r.键);
    const extra = now.slice(fresh.length);
    assert.deepEqual(extra.map((r) => r.键).sort(), before.filter((r) => r.单位 === name(1) || r.单位 === name(3)).map((r) => r.键).sort());
    assert.ok(extra.every((r) => r.整改状态 === '已整改' && r.当前 === '已消失'));
  });

  it('nothing the user typed is lost: statuses and notes carried, gone problems 已整改, the roster row kept', () => {
    const wb = light(p.wb2);
    const rows = table(wb, '问题清单', 3).filter((r) => r.键);
    const of = (i: number) => rows.filter((r) => r.单位 === name(i));
    assert.ok(of(5).length > 0 && of(5).every((r) => r.整改状态 === '无需整改' && r.备注 === '已电话核实，口径不同' && r.当前 === '存在'));
    assert.ok(of(1).length > 0 && of(1).every((r) => r.整改状态 === '已整改' && r.备注 === '已发通知' && r.当前 === '已消失'));
    assert.ok(of(6).length > 0 && of(6).every((r) => r.整改状态 === '待整改'));
    const roster = table(wb, '名单', 1);
    assert.ok(roster.some((r) => r.单位 === ADDED && r.类别 === '乡镇'));
    const cat = table(wb, '目录', 4);
    assert.equal(cat.find((r) => r.单位 === ADDED)?.状态, '未报送');
    assert.equal(cat.find((r) => (r.来源文件 ?? '').endsWith(`${name(9)}.txt`))?.状态, '无法读取');
  });

  it('变更记录 lists exactly the cells the generator changed, the units replaced and added, the findings gone', () => {
    const log = table(light(p.wb2), '变更记录', 1).filter((r) => r.时间);
    const cells = log.filter((r) => r.变更 === '格子').map((r) => `${r.单位}|${r.位置}|${r.原来}→${r.现在}`).sort();
    const want: string[] = [];
    for (const i of [1, 3]) {
      const [a, b] = [r1.get(i)!.truth.values, r2.get(i)!.truth.values];
      for (const id of Object.keys(b)) {
        if (a[id] !== b[id]) want.push(`${name(i)}|${cellInfo('gov2021', id).name}|${a[id] ?? '（空）'}→${b[id] ?? '（空）'}`);
      }
    }
    assert.ok(want.length >= 2);
    assert.deepEqual(cells, want.sort());
    assert.deepEqual(log.filter((r) => r.变更 === '替换').map((r) => r.单位).sort(), [name(1), name(3)].sort());
    assert.deepEqual(log.filter((r) => r.变更 === '补报').map((r) => r.单位), [name(8)]);
    const gone = log.filter((r) => r.变更 === '问题消失');
    assert.equal(gone.length, findingCount(r1.get(1)!) + findingCount(r1.get(3)!) + table(light(p.wb1), '问题清单', 3).filter((r) => r.级别 === '提示' && (r.单位 === name(1) || r.单位 === name(3))).length);
    assert.deepEqual(log.filter((r) => r.变更 === '问题出现'), []); // unit 8 came clean
  });

  it('notices after round 2: unit 5 marked 无需整改 is not sent back; unit 6 is', async () => {
    const out = join(dir, '通知2');
    const r = await gouji(['notices', p.wb2, '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(out), [`${name(6)}-退回修改通知.docx`]);
    const doc = docxToText(new Uint8Array(readFileSync(join(out, readdirSync(out)[0]!))));
    assert.ok(doc.ok && doc.text.includes('尽快将修改后的年度报告重新报送'));
  });

  it('round 3: the log keeps round 2 and adds round 3; the unreadable file is replaced by the report', async () => {
    const r = await gouji(['consolidate', '--into', p.wb, p.new3]);
    assert.equal(r.code, 1, r.stderr); // unit 6 still has errors
    const wb = light(p.wb);
    const log = table(wb, '变更记录', 1).filter((x) => x.时间);
    const log2 = table(light(p.wb2), '变更记录', 1).filter((x) => x.时间);
    assert.deepEqual(log.slice(0, log2.length), log2);
    const round3 = log.slice(log2.length);
    assert.deepEqual(round3.filter((x) => x.变更 === '补报').map((x) => x.单位), [name(9)]);
    assert.deepEqual(round3.filter((x) => x.变更 === '替换').map((x) => x.单位), [name(5)]);
    const [a, b] = [r1.get(5)!.truth.values, r3.get(5)!.truth.values];
    assert.equal(round3.filter((x) => x.变更 === '格子').length, Object.keys(b).filter((id) => a[id] !== b[id]).length);
    const cat = table(wb, '目录', 4);
    assert.equal(cat.some((x) => x.状态 === '无法读取'), false);
    const rows = table(wb, '问题清单', 3).filter((x) => x.单位 === name(5));
    // gone now: 已整改 whatever was set, the note kept
    assert.ok(rows.length > 0 && rows.every((x) => x.整改状态 === '已整改' && x.当前 === '已消失' && x.备注 === '已电话核实，口径不同'));
  });

  it('refuses a workbook open elsewhere, one not made by gouji, and -o with --into; nothing is changed', async () => {
    const other = join(dir, '别人的.xlsx');
    const x = await gouji(['xlsx', join(p.r1, 'u0.txt'), '-o', other]);
    assert.equal(x.code, 0, x.stderr);
    const bytes = readFileSync(other);
    const r = await gouji(['consolidate', '--into', other, p.new2]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /不是 gouji 生成的全县汇总工作簿/);
    assert.deepEqual(readFileSync(other), bytes);
    const mine = readFileSync(p.wb);
    writeFileSync(join(dir, '~$全县2024.xlsx'), '');
    const open = await gouji(['consolidate', '--into', p.wb, p.new2]);
    rmSync(join(dir, '~$全县2024.xlsx'));
    assert.equal(open.code, 2);
    assert.match(open.stderr, /正在 Excel、WPS 或 LibreOffice 中打开/);
    assert.deepEqual(readFileSync(p.wb), mine);
    const both = await gouji(['consolidate', '--into', p.wb, p.new2, '-o', join(dir, 'x.xlsx')]);
    assert.equal(both.code, 2);
    assert.deepEqual(readFileSync(p.wb), mine);
  });

  /** the round-2 workbook, a notice, and the notice with two elements swapped: checked in one run of the validators */
  let schemas: Promise<OoxmlResult[]> | undefined;
  const checkedSchemas = () => {
    if (schemas) return schemas;
    const notice = new Uint8Array(readFileSync(join(dir, '通知1', readdirSync(join(dir, '通知1'))[0]!)));
    const broken = withPart(notice, 'word/document.xml', (xml) => {
      const sect = /<w:sectPr\b[\s\S]*?<\/w:sectPr>/.exec(xml)![0];
      return xml.replace(sect, '').replace('<w:body>', `<w:body>${sect}`);
    });
    schemas = validateOoxmlAll([new Uint8Array(readFileSync(p.wb2)), notice, broken]);
    return schemas;
  };

  it('every part of the workbook and of a notice holds to the ECMA-376 schemas', { skip: ooxmlSkip() }, async () => {
    const [xlsx, docx] = (await checkedSchemas()) as [OoxmlResult, OoxmlResult];
    assert.deepEqual(xlsx.problems, []);
    assert.ok(xlsx.checked.size > 20);
    assert.deepEqual(docx.problems, []);
    assert.ok(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml'].every((part) => docx.checked.has(part)), [...docx.checked.keys()].join(' '));
  });

  it('the schema check can fail: two elements swapped in the notice are reported', { skip: ooxmlSkip() }, async () => {
    assert.ok((await checkedSchemas())[2]!.problems.some((e) => e.includes('document.xml')));
  });

  it('LibreOffice recomputes 目录: each unit\'s status and the count of each status', { skip: libreOfficeSkip() }, async () => {
    const [done] = await recalc([p.wb2], join(dir, 'recalc'));
    const wb = light(done!);
    const cat = table(wb, '目录', 4);
    const expected = new Map<string, string>();
    for (let i = 0; i < 10; i++) {
      const g = i === 9 ? null : (r2.get(i) ?? r1.get(i))!;
      expected.set(`u${i}.txt`, g === null ? '无法读取' : g.expected.errors.length ? '有错误' : g.expected.warnings.length ? '有警告' : '已报送');
    }
    const got = new Map<string, string>();
    for (const r of cat) {
      const f = /u\d\.txt$/.exec(r.来源文件 ?? '')?.[0];
      if (f) got.set(f, r.状态 ?? '');
    }
    got.set('u9.txt', cat.find((r) => (r.来源文件 ?? '').endsWith(`${name(9)}.txt`))?.状态 ?? '');
    assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...expected].sort()));
    assert.ok(cat.filter((r) => r.单位 && r.状态 && r.状态 !== '未报送' && r.状态 !== '无法读取').every((r) => r['@formula状态'] !== ''), 'statuses of reported units are formulas');
    const counts = new Map<string, number>();
    for (const s of [...expected.values(), '未报送']) counts.set(s, (counts.get(s) ?? 0) + 1);
    const s = wb.sheet('目录')!;
    for (let c = 1; c <= 12; c += 2) {
      const label = String(s.cells.get(at(c, 3))?.value ?? '');
      if (!label) continue;
      assert.equal(s.cells.get(at(c + 1, 3))?.value, counts.get(label) ?? 0, label);
    }
  });
});
