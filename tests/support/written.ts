/** The double's sheet compared with the sheet model it was written from: everything, exactly. */
import assert from 'node:assert/strict';
import { ALL_CAPABILITIES, type Capabilities } from '../../addin/office/api.ts';
import { CF_COLOURS, colour, widthPoints } from '../../addin/office/writer.ts';
import type { SheetModel } from '../../core/sheet/model.ts';
import { FONT, STYLES } from '../../core/sheet/workbook.ts';
import type { SheetState } from './excel-double.ts';

/** every cell, merge, format and conditional format of the model is in the double, and nothing else */
export function assertWritten(state: SheetState, model: SheetModel, caps: Capabilities = ALL_CAPABILITIES): void {
  // contents: a number stays a number, text stays text (never a formula, number or date), a formula a formula
  for (const [a, cell] of model.cells) {
    const got = state.cells.get(a);
    const c = cell.content;
    if (c.kind === 'blank' || (c.kind === 'text' && c.text === '')) assert.equal(got, undefined, `${a} should be empty`);
    else if (c.kind === 'formula') assert.deepEqual(got, { formula: c.formula }, `${a} formula`);
    else if (c.kind === 'number') assert.deepEqual(got, { value: c.value }, `${a} number`);
    else assert.deepEqual(got, { value: c.text }, `${a} text`);
  }
  for (const a of state.cells.keys()) assert.ok(model.cells.has(a), `${a} was written but is not in the model`);
  assert.deepEqual([...state.merges].sort(), [...model.merges].sort(), 'merges');

  // formats: the workbook's font everywhere, then each style as the model names it
  for (const [a, cell] of model.cells) {
    const f = state.formats.get(a) ?? {};
    const s = cell.style ? STYLES[cell.style] : {};
    assert.equal(f.font, FONT, `${a} font`);
    assert.equal(f.size, s.size ?? 11, `${a} size`);
    assert.equal(f.bold ?? false, s.bold ?? false, `${a} bold`);
    assert.equal(f.italic ?? false, s.italic ?? false, `${a} italic`);
    assert.equal(f.color, s.color ? colour(s.color) : undefined, `${a} colour`);
    assert.equal(f.fill, s.fill ? colour(s.fill) : undefined, `${a} fill`);
    assert.equal(f.h, s.h ? { left: 'Left', center: 'Center', right: 'Right' }[s.h] : undefined, `${a} h`);
    assert.equal(f.v, s.v ? { top: 'Top', middle: 'Center', bottom: 'Bottom' }[s.v] : undefined, `${a} v`);
    assert.equal(f.wrap ?? false, s.wrap ?? false, `${a} wrap`);
    assert.equal(f.numberFormat ?? 'General', s.numFmt ?? 'General', `${a} number format`);
    if (s.border) assert.deepEqual(f.borders, { top: 'Continuous', bottom: 'Continuous', left: 'Continuous', right: 'Continuous' }, `${a} borders`);
  }

  // conditional formats in the model's order of priority (the first on top), with its colours;
  // without RangeAreas (1.9) a format over several ranges is written once per range
  assert.deepEqual(
    state.conditionalFormats.map((f) => ({ ranges: f.ranges.join(' '), formula: f.formula, fill: f.fill, font: f.font })),
    model.conditionalFormats.flatMap((f) =>
      (caps.api19 ? [f.ranges.join(' ')] : f.ranges).map((ranges) => ({ ranges, formula: f.formula, fill: CF_COLOURS[f.style].fill, font: CF_COLOURS[f.style].font })),
    ),
  );

  model.widths.forEach((w, i) => assert.equal(state.columnWidths.get(i + 1), widthPoints(w), `column ${i + 1} width`));
  assert.deepEqual([...state.hiddenColumns].sort(), [...model.hiddenColumns].sort());
  assert.deepEqual(new Map([...state.rowHeights].sort((a, b) => a[0] - b[0])), new Map([...model.heights].sort((a, b) => a[0] - b[0])));
  assert.deepEqual(state.freeze, model.freeze);
  // a drop-down list (问题清单's 整改状态) from ExcelApi 1.8 on; before, plain cells
  assert.deepEqual(
    state.validations.map((v) => ({ range: v.range, rule: v.rule, message: (v.errorAlert as { message?: string } | undefined)?.message })),
    caps.api18 ? (model.validations ?? []).map((v) => ({ range: v.range, rule: { list: { inCellDropDown: true, source: v.list.join(',') } }, message: v.message })) : [],
    'data validation',
  );
  if (!caps.api19) {
    // page setup and the auto filter need ExcelApi 1.9: left alone, never half done
    assert.equal(state.autoFilter, undefined);
    assert.deepEqual(state.page, {});
    assert.deepEqual(state.breaks, []);
    return;
  }
  assert.equal(state.autoFilter, model.autoFilter);
  const p = model.print;
  assert.equal(state.page.orientation, p.orientation === 'landscape' ? 'Landscape' : 'Portrait');
  assert.equal(state.page.paperSize, 'A4');
  assert.deepEqual(state.page.zoom, p.scale ? { scale: p.scale } : { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight });
  assert.equal(state.page.printTitleColumns, p.titleColumns ? p.titleColumns.split(':').map((c) => `$${c}`).join(':') : undefined);
  // a live filter on 结果 (校验) or 问题 (原文): column relative to the autoFilter's first column
  if (model.filter) assert.deepEqual(state.filter?.values, model.filter.values);
  else assert.equal(state.filter, undefined);
  assert.equal(state.page.printArea, p.area);
  assert.deepEqual(state.breaks, (p.breaksBefore ?? []).map((r) => `A${r}`));
}
