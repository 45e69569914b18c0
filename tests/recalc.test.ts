/**
 * The proof that the workbook says what the TypeScript check says: write workbooks for the
 * corpus and for generated reports with injected mistakes, let LibreOffice recompute every
 * formula, and require each 结果 of 校验 to equal `verdicts()` for its rule instance. Then
 * edit input cells (fixing and breaking equations, clearing cells, typing — or 不适用 into
 * them, as a reviewer in Excel would), recompute, and require exactly the expected verdicts
 * to flip.
 *
 * Three judges, none taking its answer from another: LibreOffice's 校验, the TypeScript
 * check, and the generator's own judge (core/generate/oracle.ts, from the tables' structure):
 * the 不符 errors and warnings of every sheet must be the same for all three.
 *
 * The corpus's workbooks are written as `gouji xlsx` writes them (exceljs), the generated ones
 * by the streaming writer (`gouji consolidate`'s, a fifth of the cost). The edits are typed
 * into a copy of the workbook as written, so that both rounds and the corpus go through one
 * soffice call; every formula is recomputed on load (tests/support/libreoffice.ts), so each
 * file is judged from its numbers alone. What LibreOffice computed comes back as each sheet's
 * values (recalcValues, CSV: half the office's time of saving .xlsx files); reading a file
 * LibreOffice saved, and an edit by another program to it recomputed again, are
 * consolidate-recalc.test.ts's.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NODE_CODEC } from '../cli/zlib-codec.ts';
import { analyze } from '../core/analyze.ts';
import { t3Id, t4Id } from '../core/format/cells.ts';
import { T3_COLUMNS, T4_BLOCKS, T4_COLUMNS, FORMATS } from '../core/format/tables.ts';
import { createRng } from '../core/generate/random.ts';
import { brokenInstances } from '../core/generate/oracle.ts';
import type { Report } from '../core/report.ts';
import { verdicts } from '../core/rules/check.ts';
import { ruleInstances, instanceId } from '../core/rules/definitions.ts';
import { VERDICT_ZH } from '../core/sheet/formulas.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import type { CellModel, WorkbookModel } from '../core/sheet/model.ts';
import { VERIFY_SHEET } from '../core/sheet/verify.ts';
import { buildWorkbook, type WorkbookInput } from '../core/sheet/workbook.ts';
import { xlsxBytes } from '../core/xlsx/stream.ts';
import { writeXlsx } from '../core/xlsx/write.ts';
import { answers, CORE_SCOPE, corpusPresent, reportText } from './support/corpus.ts';
import { csvCells, findSoffice, libreOfficeSkip, recalcValues, type ComputedBook } from './support/libreoffice.ts';
import { generated, reportFrom, type Generated } from './support/reports.ts';
import { howMany } from './support/thorough.ts';
import { verifyRows } from './support/verify-rows.ts';

// 50 reports give ~90 verdicts flipped each way by the edits, every kind of edit among them
// (asserted below); GOUJI_THOROUGH=1 runs 200 (~370 each way)
const GENERATED = howMany(50, 200);
const BATCH = 50;

interface Row {
  level: string;
  result: string;
}
/** 校验 as LibreOffice computed it: sheet → rule id → row */
type Verify = Map<string, Map<string, Row>>;

interface Computed {
  verify: Verify;
  /** sheet → its input cells as LibreOffice holds them: a number, the text typed, or null */
  inputs: Map<string, Record<string, number | string | null>>;
  /** sheet → the values in its check cells */
  checks: Map<string, Map<string, number | string | null>>;
}

/** what LibreOffice computed: 校验's rows, and each report sheet's input and check cells (where the sheets of `reports` put them) */
function computed(wb: ComputedBook, reports: Map<string, Report>): Computed {
  const verify: Verify = new Map();
  for (const { sheet, rule, level, result } of verifyRows(wb.sheet(VERIFY_SHEET)!.cells)) {
    if (!verify.has(sheet)) verify.set(sheet, new Map());
    verify.get(sheet)!.set(rule, { level, result });
  }
  const inputs = new Map<string, Record<string, number | string | null>>();
  const checks = new Map<string, Map<string, number | string | null>>();
  for (const [sheet, report] of reports) {
    const ws = wb.sheet(sheet)!.cells;
    const layout = standardLayout(report.format);
    inputs.set(sheet, Object.fromEntries(Object.keys(report.cells).map((id) => [id, ws.get(layout.addresses[id]!)?.value ?? null])));
    const m = new Map<string, number | string | null>();
    for (const [id, a] of layout.checkSlots) m.set(id, ws.get(a)?.value ?? null);
    checks.set(sheet, m);
  }
  return { verify, inputs, checks };
}

const lookup = (values: Record<string, number | null>) => (id: string) => values[id] ?? null;
const valuesOf = (r: Report) => Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c.value]));

/** every formula row of a sheet against the TypeScript verdicts; returns the number compared */
function compareVerdicts(rows: Map<string, Row> | undefined, report: Report, values: Record<string, number | null>, label: string): number {
  assert.ok(rows, `${label}：校验表中没有这张工作表的行`);
  const wrong: string[] = [];
  let n = 0;
  for (const [id, e] of verdicts(report.format, lookup(values))) {
    n++;
    const got = rows.get(id)?.result;
    if (got !== VERDICT_ZH[e.verdict]) wrong.push(`${id}: LibreOffice ${got} ≠ TypeScript ${VERDICT_ZH[e.verdict]}`);
  }
  assert.deepEqual(wrong, [], label);
  return n;
}

/** the check cells agree too: an equation's difference (blank when undecided), else the verdict's words */
function compareChecks(checks: Map<string, number | string | null>, report: Report, values: Record<string, number | null>, label: string): void {
  const results = verdicts(report.format, lookup(values));
  const wrong: string[] = [];
  for (const r of ruleInstances(report.format)) {
    const id = instanceId(r);
    if (!checks.has(id)) continue;
    const got = checks.get(id);
    const e = results.get(id)!;
    let want: number | string | null;
    if (r.kind === 'equation' && r.relation === '=') want = e.verdict === 'na' ? null : e.left!.known - e.right!.known;
    else want = VERDICT_ZH[e.verdict];
    if ((got === '' ? null : got) !== want) wrong.push(`${id}: ${got} ≠ ${want}`);
  }
  assert.deepEqual(wrong, [], label);
}

const errorRows = (rows: Map<string, Row>) =>
  [...rows].filter(([, r]) => r.level === '错误' && r.result === VERDICT_ZH.fail).map(([id]) => id).sort();
const warningRows = (rows: Map<string, Row>) =>
  [...rows].filter(([, r]) => r.level === '警告' && r.result === VERDICT_ZH.fail).map(([id]) => id).sort();

/** LibreOffice's 不符 rows against the generator's judge on the same numbers */
function compareJudge(rows: Map<string, Row>, report: Report, values: Record<string, number | null>, label: string): void {
  const judge = brokenInstances(report.format, values);
  assert.deepEqual(errorRows(rows), judge.errors, `${label}：错误`);
  assert.deepEqual(warningRows(rows), judge.warnings, `${label}：警告`);
}

/** one edit a reviewer might make in Excel: a number, a cleared cell, or text typed into a number cell */
type Edit = { id: string; value: number | null | string };
const numberIn = (v: Edit['value'] | undefined): number | null => (typeof v === 'number' ? v : null);

/** the kind of an edit, to show that every kind came up */
const editKind = (e: Edit, old: number | null, clean: number | null): string =>
  typeof e.value === 'string' ? e.value : e.value === null ? 'cleared' : e.value === clean && old !== clean ? (old === null ? 'refilled' : 'restored') : e.value < 0 ? 'negative' : Number.isInteger(e.value) ? 'raised' : 'fraction';
const EDIT_KINDS = ['restored', 'refilled', 'raised', 'cleared', '—', '不适用', 'negative', 'fraction'];

/** the workbook with the edits typed in: the same cells, each edited one holding what was typed (its style kept) */
function typedInto(model: WorkbookModel, edits: Map<string, { address: string; value: Edit['value'] }[]>): WorkbookModel {
  const sheets = model.sheets.map((s) => {
    const list = edits.get(s.name);
    if (!list) return s;
    const cells = new Map(s.cells);
    for (const { address, value } of list) {
      const style = cells.get(address)?.style;
      const content: CellModel['content'] = value === null ? { kind: 'blank' } : typeof value === 'number' ? { kind: 'number', value } : { kind: 'text', text: value };
      cells.set(address, style ? { content, style } : { content });
    }
    return { ...s, cells };
  });
  return { ...model, sheets };
}

function editsFor(g: Generated, i: number): Edit[] {
  const values = valuesOf(g.report);
  if (i % 2 === 0) {
    // fix: put back every number the mistakes changed
    return Object.keys(g.clean)
      .filter((id) => values[id] !== g.clean[id])
      .map((id) => ({ id, value: g.clean[id]! }));
  }
  // break: change a few cells of 表三 and 表四
  const rng = createRng(g.seed * 104729);
  const rows = FORMATS[g.report.format].t3Rows;
  const edits: Edit[] = [];
  const n = 1 + rng.int(0, 2);
  for (let k = 0; k < n; k++) {
    const id = rng.chance(0.75) ? t3Id(rng.pick(rows).key, rng.pick(T3_COLUMNS).key) : t4Id(rng.pick(T4_BLOCKS).key, rng.pick(T4_COLUMNS).key);
    const old = values[id] ?? 0;
    const how = rng.int(0, 9);
    const value = how < 5 ? old + rng.int(1, 5) : how < 7 ? null : how < 8 ? (rng.chance(0.5) ? '—' : '不适用') : how < 9 ? -1 : old + 0.5;
    edits.push({ id, value });
  }
  return edits;
}

// LibreOffice 7.4's own CSV of a sheet holding the text "12", 0.1, a formula's "", an error, TRUE, 12.5 % (formatted as a
// percentage), a number, text with a comma, quotes and a line break, a formula's 0.3; an empty row; text, a blank, numbers
it('LibreOffice\'s CSV comes back as the cells it holds: text quoted stays text, numbers as stored, blanks absent', () => {
  const csv = '"12",0.1,"","#DIV/0!",TRUE,12.5%,1234567,-3,"不符,""引号""\n换行",0.3\n,,,,,,,,,\n"通过",,"13",-0.5,,,,,,\n';
  const cells = Object.fromEntries([...csvCells(csv)].map(([a, c]) => [a, c.value]));
  assert.deepEqual(cells, { A1: '12', B1: 0.1, C1: '', D1: '#DIV/0!', E1: 'TRUE', F1: 0.125, G1: 1234567, H1: -3, I1: '不符,"引号"\n换行', J1: 0.3, A3: '通过', C3: '13', D3: -0.5 });
});

describe('workbooks recomputed by LibreOffice', { skip: libreOfficeSkip() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-recalc-'));
  const corpusCases: { source: string; errors: string[]; sheetOf: 'read' | 'answer'; sheet: string; report: Report }[] = [];
  const gens: { g: Generated; sheet: string; file: number }[] = [];
  const round1 = new Map<number, Computed>();
  const round2 = new Map<number, Computed>();
  /** `${file}|${sheet}` → the input cells after the edits, text typed kept as text (names repeat across files) */
  const typedCells = new Map<string, Record<string, Edit['value']>>();
  /** how many edits of each kind were typed */
  const kinds = new Map<string, number>();
  let corpusComputed: Computed[] = [];
  let seconds = 0;

  before(async () => {
    assert.ok(findSoffice(), '没有找到 LibreOffice（soffice）：CI 中必须安装 libreoffice-calc-nogui');
    const t0 = Date.now();
    const files: string[] = [];
    /** each workbook's report sheets: file → sheet → report */
    const sheetsOf = new Map<string, Map<string, Report>>();
    // the corpus, twice: as the reader reads it, and as the answers say it is
    if (corpusPresent) {
      const inScope = answers().filter((a) => CORE_SCOPE.includes(a.source));
      const read: WorkbookInput[] = [];
      const truth: WorkbookInput[] = [];
      for (const a of inScope) {
        const r = analyze(reportText(a.source), a.source);
        assert.ok(r.ok, `${a.source}: ${r.ok ? '' : r.message}`);
        read.push({ report: r.report, findings: r.findings });
        truth.push({ report: reportFrom({ format: a.format, unit: a.unit, year: a.year, values: a.cells, source: a.source }) });
      }
      for (const [name, inputs] of [['corpus-read', read], ['corpus-answer', truth]] as const) {
        const model = buildWorkbook(inputs);
        const path = join(dir, `${name}.xlsx`);
        writeFileSync(path, await writeXlsx(model));
        files.push(path);
        sheetsOf.set(path, new Map(model.sheets.filter((s) => s.kind === 'report').map((s, i) => [s.name, inputs[i]!.report])));
        model.sheets.filter((s) => s.kind === 'report').forEach((s, i) =>
          corpusCases.push({ source: inScope[i]!.source, errors: inScope[i]!.errors, sheetOf: name === 'corpus-read' ? 'read' : 'answer', sheet: s.name, report: inputs[i]!.report }),
        );
      }
    }
    const genFiles: string[] = [];
    const editedFiles: string[] = [];
    for (let b = 0; b < GENERATED / BATCH; b++) {
      // the original text is the reader's business and the 原文 test's; here it would only cost time
      const batch = Array.from({ length: BATCH }, (_, k) => generated(1 + b * BATCH + k)).map((g) => ({ ...g, report: { ...g.report, lines: [] } }));
      const model = buildWorkbook(batch.map((g) => ({ report: g.report })));
      const typed = new Map<string, { address: string; value: Edit['value'] }[]>();
      model.sheets.filter((s) => s.kind === 'report').forEach((s, k) => {
        const g = batch[k]!;
        gens.push({ g, sheet: s.name, file: b });
        // the edits a reviewer types into this sheet, and what they leave in its cells
        const cells: Record<string, Edit['value']> = valuesOf(g.report);
        const list: { address: string; value: Edit['value'] }[] = [];
        for (const e of editsFor(g, b * BATCH + k)) {
          const kind = editKind(e, numberIn(cells[e.id]), g.clean[e.id] ?? null);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          list.push({ address: standardLayout(g.report.format).addresses[e.id]!, value: e.value });
          cells[e.id] = e.value;
        }
        typed.set(s.name, list);
        typedCells.set(`${b}|${s.name}`, cells);
      });
      // the generated workbooks by the streaming writer (`gouji consolidate`'s), at a fifth of exceljs's cost; the corpus's by exceljs (`gouji xlsx`'s)
      const path = join(dir, `generated-${b}.xlsx`);
      writeFileSync(path, await xlsxBytes(model, NODE_CODEC));
      genFiles.push(path);
      const editedPath = join(dir, `edited-${b}.xlsx`);
      writeFileSync(editedPath, await xlsxBytes(typedInto(model, typed), NODE_CODEC));
      editedFiles.push(editedPath);
      const reports = new Map(model.sheets.filter((s) => s.kind === 'report').map((s, k) => [s.name, batch[k]!.report as Report]));
      sheetsOf.set(path, reports).set(editedPath, reports);
    }
    const lap = (what: string) => process.env.GOUJI_TIMING && console.log(`# ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s, this process ${(process.cpuUsage().user / 1e6).toFixed(1)} s CPU`);
    lap('written');
    // both rounds, and the corpus, in one soffice call
    const all = [...files, ...genFiles, ...editedFiles];
    const out = await recalcValues(all, join(dir, 'out'));
    lap('recomputed');
    const at = (path: string) => computed(out[all.indexOf(path)]!, sheetsOf.get(path)!);
    corpusComputed = files.map(at);
    genFiles.forEach((path, b) => round1.set(b, at(path)));
    editedFiles.forEach((path, b) => round2.set(b, at(path)));
    lap('read');
    seconds = (Date.now() - t0) / 1000;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('soffice is installed (CI must have it)', () => assert.ok(findSoffice()));

  it('corpus: every 结果 equals the TypeScript verdict, and the 不符 errors are exactly the answers\' errors', { skip: corpusPresent ? false : '没有找到 ../shared/corpus：跳过语料部分。' }, () => {
    assert.equal(corpusCases.length, CORE_SCOPE.length * 2);
    let n = 0;
    for (const c of corpusCases) {
      const comp = corpusComputed[c.sheetOf === 'read' ? 0 : 1]!;
      const rows = comp.verify.get(c.sheet);
      const label = `${c.source}（${c.sheetOf === 'read' ? '读取所得' : '答案数值'}）`;
      n += compareVerdicts(rows, c.report, valuesOf(c.report), label);
      assert.deepEqual(errorRows(rows!), [...c.errors].sort(), label);
      compareChecks(comp.checks.get(c.sheet)!, c.report, valuesOf(c.report), label);
    }
    console.log(`# corpus: ${corpusCases.length} sheets, ${n} rule instances compared`);
  });

  it(`${GENERATED} generated reports: every 结果 and check cell equals the TypeScript verdict`, () => {
    assert.equal(gens.length, GENERATED);
    // blanks among them (the generator's 'blank' mistake): their rules must read 无法判断
    assert.ok(gens.some(({ g }) => Object.values(valuesOf(g.report)).includes(null)), 'a report with a blank cell');
    let n = 0;
    for (const { g, sheet, file } of gens) {
      const comp = round1.get(file)!;
      const label = `generated seed ${g.seed}（${sheet}）`;
      n += compareVerdicts(comp.verify.get(sheet), g.report, valuesOf(g.report), label);
      assert.deepEqual(errorRows(comp.verify.get(sheet)!), g.expectedErrors, label);
      compareJudge(comp.verify.get(sheet)!, g.report, valuesOf(g.report), label);
      // LibreOffice holds the numbers as written
      assert.deepEqual(comp.inputs.get(sheet), valuesOf(g.report), label);
      compareChecks(comp.checks.get(sheet)!, g.report, valuesOf(g.report), label);
    }
    console.log(`# generated: ${gens.length} sheets, ${n} rule instances compared; LibreOffice test ${seconds.toFixed(1)} s`);
  });

  it('after editing input cells, exactly the expected verdicts flip', () => {
    let fixed = 0;
    let broken = 0;
    let n = 0;
    for (const { g, sheet, file } of gens) {
      const label = `edited seed ${g.seed}（${sheet}）`;
      // the numbers the rules see: text typed into a number cell counts as blank
      const values = Object.fromEntries(Object.entries(typedCells.get(`${file}|${sheet}`)!).map(([id, v]) => [id, numberIn(v)]));
      const after = round2.get(file)!;
      const beforeRows = round1.get(file)!.verify.get(sheet)!;
      const afterRows = after.verify.get(sheet)!;
      n += compareVerdicts(afterRows, g.report, values, label);
      compareJudge(afterRows, g.report, values, label);
      compareChecks(after.checks.get(sheet)!, g.report, values, label);
      assert.deepEqual(after.inputs.get(sheet), typedCells.get(`${file}|${sheet}`), `${label}：LibreOffice 中的数值`);
      const ts0 = verdicts(g.report.format, lookup(valuesOf(g.report)));
      const ts1 = verdicts(g.report.format, lookup(values));
      const want = [...ts1.keys()].filter((id) => ts0.get(id)!.verdict !== ts1.get(id)!.verdict).sort();
      const got = [...afterRows.keys()].filter((id) => ts1.has(id) && beforeRows.get(id)?.result !== afterRows.get(id)?.result).sort();
      assert.deepEqual(got, want, label);
      for (const id of want) {
        if (ts1.get(id)!.verdict === 'pass') fixed++;
        if (ts1.get(id)!.verdict === 'fail') broken++;
      }
    }
    // the edits both mended and broke equations, so a result that did not follow them could not pass
    assert.ok(fixed > 50 && broken > 50, `fixed ${fixed}, broken ${broken}`);
    // and every kind of typing came up: numbers put back or raised, cells cleared, — and 不适用, a negative, a fraction
    assert.deepEqual(EDIT_KINDS.filter((k) => !kinds.has(k)), [], JSON.stringify(Object.fromEntries(kinds)));
    console.log(`# edited: ${n} rule instances compared again; ${fixed} verdicts flipped to 通过, ${broken} to 不符; edits ${JSON.stringify(Object.fromEntries(kinds))}`);
  });
});
