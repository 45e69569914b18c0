/** The sheet model: the official tables' labels and merges, a formula for every rule instance, paint over every equation's cells, inert text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellIds } from '../core/format/cells.ts';
import { FORMATS, T3_COLUMNS, T3_GROUPS, T3_NOTE, T4_BLOCKS, T4_COLUMNS } from '../core/format/tables.ts';
import { FORMAT_IDS, type FormatId } from '../core/format/types.ts';
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from '../core/rules/definitions.ts';
import { SECTION_TITLES } from '../core/rules/messages.ts';
import { amountVerdict, brokenFormula, equationInputs, equationVerdict, refs, showCellExpr, sumExpr, UnrepresentableRule, valueVerdict, verdictFormula } from '../core/sheet/formulas.ts';
import { ref, unparse } from '../core/formula/index.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { parseAddress, rangeAddresses, type SheetModel } from '../core/sheet/model.ts';
import { VERIFY_COL } from '../core/sheet/verify.ts';
import { buildWorkbook, sheetNames } from '../core/sheet/workbook.ts';
import { generated, reportFrom } from './support/reports.ts';

const textAt = (s: SheetModel, a: string) => {
  const c = s.cells.get(a)?.content;
  return c?.kind === 'text' ? c.text : undefined;
};
const texts = (s: SheetModel) => [...s.cells.values()].flatMap((c) => (c.content.kind === 'text' ? [c.content.text] : []));
const mergeAt = (s: SheetModel, a: string) => s.merges.find((m) => m.startsWith(`${a}:`));

function sampleReport(format: FormatId, seed = 3) {
  let g = generated(seed);
  for (let s = seed; g.report.format !== format; s++) g = generated(s);
  return g;
}

for (const format of FORMAT_IDS) {
  describe(`standard sheet (${format})`, () => {
    const layout = standardLayout(format);
    const g = sampleReport(format);
    const wb = buildWorkbook([{ report: g.report }]);
    const sheet = wb.sheets[0]!;
    const all = texts(sheet);

    it('carries every label of the official tables, exactly as the template writes it', () => {
      const def = FORMATS[format];
      const want = [
        ...SECTION_TITLES.slice(1, 4),
        ...def.t2.flatMap((b) => [b.caption, ...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]),
        '信息内容',
        T3_NOTE,
        '申请人情况',
        '法人或其他组织',
        ...T3_COLUMNS.map((c) => c.label),
        ...def.t3Rows.map((r) => r.label),
        ...T3_GROUPS.filter((gr) => def.t3Rows.some((r) => r.key === gr.rows[0])).map((gr) => gr.label),
        '行政复议',
        '行政诉讼',
        ...T4_BLOCKS.slice(1).map((b) => b.label),
        ...T4_COLUMNS.map((c) => c.label),
      ];
      assert.deepEqual(want.filter((w) => !all.includes(w)), []);
      assert.equal(all.filter((t) => t === '（六）其他处理').length, 1);
    });

    it('merges the 勾稽 note over three header rows, and 申请人情况 over the seven columns', () => {
      const note = [...sheet.cells].find(([, c]) => c.content.kind === 'text' && c.content.text === T3_NOTE)![0];
      const m = mergeAt(sheet, note)!;
      const [a, b] = m.split(':').map(parseAddress) as [ReturnType<typeof parseAddress>, ReturnType<typeof parseAddress>];
      assert.equal(b.row - a.row, 2, m);
      const head = [...sheet.cells].find(([, c]) => c.content.kind === 'text' && c.content.text === '申请人情况')![0];
      const hm = mergeAt(sheet, head)!.split(':').map(parseAddress);
      assert.equal(hm[1]!.col - hm[0]!.col + 1, T3_COLUMNS.length);
      // 表三's numbers sit under their headers, in column order
      const row = FORMATS[format].t3Rows[0]!.key;
      const cols = T3_COLUMNS.map((c) => parseAddress(layout.addresses[`t3.${row}.${c.key}`]!).col);
      assert.deepEqual(cols, cols.map((_, i) => hm[0]!.col + i));
    });

    it('puts every cell id at its own address, its number in it, and a blank where the value is null', () => {
      const ids = cellIds(format);
      const addresses = ids.map((id) => layout.addresses[id]);
      assert.equal(new Set(addresses).size, ids.length);
      for (const id of ids) {
        const c = sheet.cells.get(layout.addresses[id]!)!.content;
        const v = g.report.cells[id]!.value;
        assert.deepEqual(c, v === null ? { kind: 'blank' } : { kind: 'number', value: v }, id);
      }
    });

    it('writes a title with the unit and year, and prints A4 landscape, one page wide', () => {
      assert.match(textAt(sheet, layout.meta.title)!, new RegExp(`^${g.report.unit}${g.report.year}年`));
      assert.equal(textAt(sheet, layout.meta.unit), g.report.unit);
      assert.deepEqual(sheet.cells.get(layout.meta.year)!.content, { kind: 'number', value: g.report.year });
      assert.deepEqual([sheet.print.paper, sheet.print.orientation, sheet.print.fitToWidth, sheet.print.fitToHeight], ['A4', 'landscape', 1, 0]);
      assert.match(wb.font, /宋体|黑体|等线/);
    });

    it('gives every rule instance a 结果 formula in 校验, and every check cell beside the tables a formula', () => {
      const verify = wb.sheets.find((s) => s.kind === 'verify')!;
      const rows = new Map<string, number>();
      for (const [a, c] of verify.cells) {
        const { col, row } = parseAddress(a);
        if (col === VERIFY_COL.规则 && row > 1 && c.content.kind === 'text') rows.set(c.content.text, row);
      }
      for (const r of ruleInstances(format)) {
        const row = rows.get(instanceId(r));
        assert.ok(row, instanceId(r));
        const result = verify.cells.get(`H${row}`)!.content;
        assert.equal(result.kind, 'formula');
        // 结果 reads the sums (or the value) shown in 左边/右边 of its own row, and the report sheet only to count blanks
        const w = { at: (id: string) => layout.addresses[id]!, sheet: sheet.name };
        const formula = (col: string) => { const c = verify.cells.get(`${col}${row}`)!.content; return c.kind === 'formula' ? c.formula : ''; };
        const [E, F] = [ref(`E${row}`), ref(`F${row}`)];
        const want =
          r.kind === 'equation' ? equationVerdict(r, { ...equationInputs(r, w), L: E, R: F })
          : r.kind === 'value' ? valueVerdict(r, E)
          : amountVerdict(E, F);
        assert.equal(formula('H'), unparse(want), instanceId(r));
        if (r.kind === 'equation') assert.deepEqual([formula('E'), formula('F'), formula('G')], [unparse(sumExpr(r.left, w)), unparse(sumExpr(r.right, w)), `E${row}-F${row}`]);
        if (r.kind === 'value') assert.equal(formula('E'), unparse(showCellExpr(r.cell, w)));
      }
      const wanted = ruleInstances(format).filter((r) => /^R(3\.[123]|4\.[123]|2\.[245])$/.test(r.rule)).map(instanceId);
      assert.deepEqual(wanted.filter((id) => !layout.checkSlots.has(id)), []);
      for (const a of layout.checkSlots.values()) assert.equal(sheet.cells.get(a)!.content.kind, 'formula', a);
    });

    it('paints, for every equation, its check cell and every input cell it reads, with its own formula', () => {
      const at = (id: string) => layout.addresses[id]!;
      const missing: string[] = [];
      for (const r of ruleInstances(format)) {
        if (r.kind === 'value' || (r.kind === 'equation' && r.explains)) continue;
        const id = instanceId(r);
        const cf = sheet.conditionalFormats.find((c) => c.instance === id);
        if (!cf) {
          missing.push(id);
          continue;
        }
        assert.equal(cf.formula, brokenFormula(r, { at, absolute: true }), id);
        const covered = new Set(cf.ranges.flatMap(rangeAddresses));
        const want = [...instanceCells(r).map(at), ...(layout.checkSlots.has(id) ? [layout.checkSlots.get(id)!] : [])];
        assert.deepEqual(want.filter((a) => !covered.has(a)), [], id);
      }
      assert.deepEqual(missing, []);
      // one-cell rules: every input cell is under a format of its own rule
      const valueRules = ruleInstances(format).filter((r): r is Extract<RuleInstance, { kind: 'value' }> => r.kind === 'value');
      const broken = sheet.conditionalFormats.filter((c) => c.style === 'broken' && !c.instance);
      for (const r of valueRules) {
        assert.ok(broken.some((c) => c.ranges.flatMap(rangeAddresses).includes(at(r.cell))), instanceId(r));
      }
    });
  });
}

describe('formulas', () => {
  const at = (id: string) => ({ 't3.a.x': 'F10', 't3.b.x': 'G10', 't3.c.x': 'H10', 't3.d.x': 'F12' })[id]!;
  it('quote the sheet name, join neighbours into ranges, and start with no =', () => {
    assert.deepEqual(refs(['t3.a.x', 't3.b.x', 't3.c.x', 't3.d.x'], { at, sheet: "O'Brien镇" }), ["'O''Brien镇'!F10:H10", "'O''Brien镇'!F12"]);
    assert.deepEqual(refs(['t3.a.x', 't3.d.x'], { at, absolute: true }), ['$F$10', '$F$12']);
    const f = verdictFormula({ kind: 'equation', rule: 'R3.3', at: 'a', severity: 'error', relation: '=', left: ['t3.a.x'], right: ['t3.b.x', 't3.c.x'] }, { at, sheet: '青山镇' });
    assert.ok(!f.startsWith('='));
    assert.ok(f.includes("COUNT('青山镇'!G10:H10)=2"), f);
  });
  it('throw at model time for a rule they cannot express', () => {
    const base = { rule: 'X', at: 'y', severity: 'error' as const };
    assert.throws(() => verdictFormula({ ...base, kind: 'equation', relation: '<' as '=', left: ['t3.a.x'], right: ['t3.b.x'] }, { at }), UnrepresentableRule);
    assert.throws(() => verdictFormula({ ...base, kind: 'ratio' } as unknown as RuleInstance, { at }), UnrepresentableRule);
  });
});

describe('sheet names and text from a report', () => {
  it('are at most 31 characters, without * ? : \\ / [ ], unique, never 校验 or 原文', () => {
    const names = sheetNames([
      { unit: '青山镇', year: 2020 },
      { unit: '青山镇', year: 2021 },
      { unit: '青山镇', year: 2021 },
      { unit: 'a*b?c:d\\e/f[g]h', year: 2021 },
      { unit: '某某省某某市某某县某某镇人民政府办公室政府信息公开工作领导小组', year: 2021 },
      { unit: '校验', year: null },
      { unit: null, year: null },
    ]);
    assert.deepEqual(names.slice(0, 4), ['青山镇2020', '青山镇2021', '青山镇2021（2）', 'abcdefgh']);
    assert.equal(names[4]!.length, 31);
    assert.notEqual(names[5], '校验');
    assert.equal(names[6], '报告');
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.doesNotMatch(n, /[*?:\\/[\]]/);
  });

  it('stays text: a unit or a line reading =HYPERLINK(…) or +cmd|… is no formula', () => {
    const evil = ['=HYPERLINK("http://example.invalid","点击")', "+cmd|' /C calc'!A0", '@SUM(1)', '-1+2'];
    const inputs = evil.map((unit, i) =>
      ({ report: reportFrom({ format: 'gov2021', unit, year: 2021, values: {}, lines: [unit, `=1+${i}`], source: unit }) }),
    );
    const wb = buildWorkbook(inputs);
    // a sheet named after the unit is quoted in formulas ('@SUM(1)'!F10): that is a name, not code
    const formulas = wb.sheets.flatMap((s) =>
      [...s.cells.values()].flatMap((c) => (c.content.kind === 'formula' ? [c.content.formula.replace(/'(?:[^']|'')*'!/g, '')] : [])),
    );
    for (const e of evil) {
      assert.ok(wb.sheets.some((s) => texts(s).includes(e)), e);
      assert.ok(!formulas.some((f) => f.includes(e)), e);
    }
    assert.ok(wb.sheets.some((s) => texts(s).includes('=1+0')));
  });
});
