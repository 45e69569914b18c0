/**
 * The paint as a reader sees it. A county workbook (core/sheet/consolidate.ts) in which one
 * unit has one planted mistake (表三 本年新收 总计 raised by 7) and one blank cell is written
 * to .xlsx; LibreOffice computes it and prints it to PDF; pdftoppm turns the pages to pixels.
 * On the unit's sheet every input cell of the two broken equations (and their check cells)
 * must be red, the blank cell yellow, every other input cell white and every other check
 * cell its own grey; on 校验总览 the unit's name and total red, its broken groups yellow,
 * every other unit white, and the summary's own broken groups red. Cells are found on the
 * page by a marker render (tests/support/pixels.ts), not by guessing the geometry.
 *
 * The PDF is printed from copies in which every other sheet is hidden: the pages looked at,
 * and no others. Then every HYPERLINK of 目录 and 校验总览 is followed in the whole workbook
 * as LibreOffice recomputed it: its sheet exists and its cell holds what the link promises.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkReport } from '../core/analyze.ts';
import { instanceCells, instanceId, ruleInstances } from '../core/rules/definitions.ts';
import { consolidate } from '../core/sheet/consolidate.ts';
import { standardLayout } from '../core/sheet/layout.ts';
import { PAINT, type CellStyle, type SheetModel, type StyleName, type WorkbookModel } from '../core/sheet/model.ts';
import { RULE_GROUPS } from '../core/sheet/overview.ts';
import { STYLES } from '../core/sheet/workbook.ts';
import { readLight, type LightWorkbook } from '../core/xlsx/cells.ts';
import { writeXlsx } from '../core/xlsx/write.ts';
import { convert, libreOfficeSkip, recalc } from './support/libreoffice.ts';
import { MARKERS, near, rasterize, readPaint, type Seen } from './support/pixels.ts';
import { generated, reportFrom } from './support/reports.ts';

const RED = PAINT.broken.fill.slice(2);
const YELLOW = PAINT.undecided.fill.slice(2);
const WHITE = 'FFFFFF';
const GREY = STYLES.check.fill!.slice(2);

const UNITS = ['青岚县白沙镇', '青岚县石门镇', '青岚县桃源乡', '青岚县松林街道', '青岚县河口镇', '青岚县龙潭乡', '青岚县南山镇'];
const PLANTED = UNITS[0]!;
const CHANGED = 't3.new_received.total';
/** what raising 本年新收 总计 breaks: the balance of 表三's 总计 column and the sum of its row */
const BROKEN = ['R3.1@total', 'R3.3@new_received'];

const g = generated(21);
const format = g.report.format;
const layout = standardLayout(format);
/** a cell of 表四 left blank: its rules cannot be decided, none is broken */
const BLANK = Object.keys(layout.addresses).find((id) => id.startsWith('t4.'))!;

function county(): { model: WorkbookModel; overviewRows: Map<string, number> } {
  const inputs = UNITS.map((unit) => {
    const values = { ...g.clean };
    if (unit === PLANTED) {
      values[CHANGED] = (values[CHANGED] ?? 0) + 7;
      values[BLANK] = null;
    }
    const report = reportFrom({ format, unit, year: 2023, values });
    return { report, findings: checkReport(report), source: `${unit}.txt`, kind: '文本' };
  });
  const c = consolidate(inputs, { originals: false });
  assert.ok(c.ok, c.ok ? '' : c.message);
  const ov = c.workbook.sheets.find((s) => s.name === '校验总览')!;
  const overviewRows = new Map<string, number>();
  for (const [a, cell] of ov.cells) {
    const m = /^A(\d+)$/.exec(a);
    const f = cell.content.kind === 'formula' ? /HYPERLINK\("#'?(.+?)'?!A1"/.exec(cell.content.formula) : null;
    if (m && f) overviewRows.set(f[1]!, Number(m[1]));
  }
  return { model: c.workbook, overviewRows };
}

/** the marker copy: the cells asked for carry a fill of their own, their sheets no conditional format */
function markerCopy(model: WorkbookModel, cells: { sheet: string; address: string }[]): { copy: WorkbookModel; marker: Map<string, string> } {
  const styles: Record<string, CellStyle> = { ...model.styles };
  const marker = new Map<string, string>();
  const sheets = model.sheets.map((s): SheetModel => ({ ...s, cells: new Map(s.cells), conditionalFormats: [...s.conditionalFormats] }));
  if (cells.length > MARKERS.length) throw new Error(`${cells.length} cells, ${MARKERS.length} marker colours`);
  cells.forEach(({ sheet, address }, i) => {
    const s = sheets.find((x) => x.name === sheet)!;
    s.conditionalFormats = [];
    const cell = s.cells.get(address) ?? { content: { kind: 'blank' as const } };
    const name = `marker_${i}`;
    styles[name] = { ...(cell.style ? model.styles[cell.style] : {}), fill: `FF${MARKERS[i]}` };
    s.cells.set(address, { ...cell, style: name as StyleName });
    marker.set(`${sheet}!${address}`, MARKERS[i]!);
  });
  return { copy: { ...model, sheets, styles: styles as WorkbookModel['styles'] }, marker };
}

describe('the paint as a reader sees it: LibreOffice → PDF → pixels', { skip: libreOfficeSkip() }, () => {
  const work = mkdtempSync(join(tmpdir(), 'gouji-paint-'));
  const { model, overviewRows } = county();
  /** every cell looked at, with the colour a reader must see */
  const expected: { sheet: string; address: string; colour: string; why: string }[] = [];
  let seen = new Map<string, Seen>();
  let marker = new Map<string, string>();
  let computed: LightWorkbook;

  // the unit's sheet: broken equations red, the blank yellow, other inputs white, other check cells grey
  const broken = ruleInstances(format).filter((r) => BROKEN.includes(instanceId(r)));
  assert.equal(broken.length, BROKEN.length);
  const red = new Set(broken.flatMap((r) => [...instanceCells(r).map((id) => layout.addresses[id]!), layout.checkSlots.get(instanceId(r))!]));
  for (const [id, a] of Object.entries(layout.addresses)) {
    if (red.has(a)) expected.push({ sheet: PLANTED, address: a, colour: RED, why: `${id} is read by a broken equation` });
    else if (id === BLANK) expected.push({ sheet: PLANTED, address: a, colour: YELLOW, why: `${id} is blank` });
    else expected.push({ sheet: PLANTED, address: a, colour: WHITE, why: `${id} is correct` });
  }
  for (const [id, a] of layout.checkSlots) {
    expected.push({ sheet: PLANTED, address: a, colour: red.has(a) ? RED : GREY, why: `check cell of ${id}` });
  }

  // 校验总览: columns A (sheet), B (year), C… (groups), then the total
  const groupCol = (key: string) => String.fromCharCode(67 + RULE_GROUPS.findIndex((x) => x.key === key));
  const T = String.fromCharCode(67 + RULE_GROUPS.length);
  const brokenGroups = ['R3.1', 'R3.3'];
  for (const unit of UNITS) {
    const row = overviewRows.get(unit)!;
    const planted = unit === PLANTED;
    expected.push({ sheet: '校验总览', address: `A${row}`, colour: planted ? RED : WHITE, why: `${unit}: name` });
    expected.push({ sheet: '校验总览', address: `B${row}`, colour: WHITE, why: `${unit}: year` });
    for (const gr of RULE_GROUPS) {
      expected.push({ sheet: '校验总览', address: `${groupCol(gr.key)}${row}`, colour: planted && brokenGroups.includes(gr.key) ? YELLOW : WHITE, why: `${unit}: ${gr.key}` });
    }
    expected.push({ sheet: '校验总览', address: `${T}${row}`, colour: planted ? RED : WHITE, why: `${unit}: total` });
  }
  // the summary's own checks, two rows under the total row: the county's sums break the same equations
  const summaryRow = Math.max(...UNITS.map((u) => overviewRows.get(u)!)) + 3;
  assert.equal(overviewRows.get('汇总'), summaryRow, 'the summary row links 汇总');
  for (const gr of RULE_GROUPS) {
    expected.push({ sheet: '校验总览', address: `${groupCol(gr.key)}${summaryRow}`, colour: brokenGroups.includes(gr.key) ? RED : WHITE, why: `汇总: ${gr.key}` });
  }

  before(async () => {
    // printed: only the two sheets looked at (the others hidden, so LibreOffice neither lays out nor prints their pages)
    const looked = new Set([PLANTED, '校验总览']);
    const printed = (m: WorkbookModel): WorkbookModel => ({ ...m, sheets: m.sheets.map((s) => (looked.has(s.name) ? s : { ...s, hidden: true })) });
    const copy = markerCopy(printed(model), expected);
    marker = copy.marker;
    writeFileSync(join(work, 'paint.xlsx'), await writeXlsx(model));
    writeFileSync(join(work, 'printed.xlsx'), await writeXlsx(printed(model)));
    writeFileSync(join(work, 'marked.xlsx'), await writeXlsx(copy.copy));
    const [real, marked] = await convert([join(work, 'printed.xlsx'), join(work, 'marked.xlsx')], 'pdf', join(work, 'pdf'));
    seen = readPaint(rasterize(real!, 110), rasterize(marked!, 110), [...marker.values()]);
    const [xlsx] = await recalc([join(work, 'paint.xlsx')], join(work, 'recalc'));
    computed = readLight(new Uint8Array(readFileSync(xlsx!)))!;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the overview counts the planted mistake where the test expects it', () => {
    const ov = computed.sheet('校验总览', 'values')!.cells;
    const row = overviewRows.get(PLANTED)!;
    const v = (a: string) => ov.get(a)?.value ?? null;
    for (const gr of RULE_GROUPS) assert.equal(v(`${groupCol(gr.key)}${row}`), brokenGroups.includes(gr.key) ? 1 : 0, gr.key);
    assert.equal(v(`${T}${row}`), 2);
  });

  it(`every cell looked at is found on a page (${expected.length} cells)`, () => {
    const lost = expected.filter((e) => !seen.has(marker.get(`${e.sheet}!${e.address}`)!));
    assert.deepEqual(lost.map((e) => `${e.sheet}!${e.address}`), []);
  });

  it('the unit’s sheet: the broken equations red, the blank yellow, a correct cell white', () => {
    const wrong = expected
      .filter((e) => e.sheet === PLANTED)
      .map((e) => ({ e, s: seen.get(marker.get(`${e.sheet}!${e.address}`)!) }))
      .filter(({ e, s }) => !s || !near(s.colour, e.colour) || s.share < 0.85)
      .map(({ e, s }) => `${e.address} (${e.why}): ${s?.colour} ×${s?.share.toFixed(2)}, want ${e.colour}`);
    assert.deepEqual(wrong, []);
    const counts = (c: string) => expected.filter((e) => e.sheet === PLANTED && e.colour === c).length;
    assert.ok(counts(RED) >= 10 && counts(YELLOW) === 1 && counts(WHITE) > 100, `${counts(RED)} red, ${counts(YELLOW)} yellow, ${counts(WHITE)} white`);
  });

  it('校验总览: the unit with the mistake red, its broken groups yellow, the others white; the county’s own check red', () => {
    const wrong = expected
      .filter((e) => e.sheet === '校验总览')
      .map((e) => ({ e, s: seen.get(marker.get(`${e.sheet}!${e.address}`)!) }))
      .filter(({ e, s }) => !s || !near(s.colour, e.colour) || s.share < 0.85)
      .map(({ e, s }) => `${e.address} (${e.why}): ${s?.colour} ×${s?.share.toFixed(2)}, want ${e.colour}`);
    assert.deepEqual(wrong, []);
  });

  it('every HYPERLINK of 目录 and 校验总览 lands on a sheet and cell that exist', () => {
    const followed: string[] = [];
    for (const name of ['目录', '校验总览']) {
      for (const [address, cell] of computed.sheet(name)!.cells) {
        const f = cell.formula;
        if (!f || !/HYPERLINK/i.test(f)) continue;
        const m = /^HYPERLINK\("#'?((?:[^'!]|'')+)'?!([A-Z]+\d+)","([^"]*)"\)$/.exec(f);
        assert.ok(m, `${name}!${address}: ${f}`);
        const target = computed.sheet(m[1]!.replace(/''/g, "'"), 'values');
        assert.ok(target, `${name}!${address} → sheet “${m[1]}”`);
        // the cell holds the sheet's title (a unit sheet's, or the index sheet's)
        const at = target.cells.get(m[2]!)?.value;
        assert.ok(typeof at === 'string' && at.length > 0, `${name}!${address} → ${m[1]}!${m[2]} is empty`);
        assert.equal(cell.value, m[3], `${name}!${address} shows its text`);
        followed.push(`${m[1]}!${m[2]}`);
      }
    }
    // 目录 links every unit, 校验总览 every unit once more
    for (const u of UNITS) assert.equal(followed.filter((f) => f === `${u}!A1`).length, 2, u);
  });
});
