/** The one unparser: sheet names quoted, text escaped, parentheses where precedence needs them, templates filled per unit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  add, AND, COUNT, eq, fillTemplate, gt, IF, neg, num, quoteSheet, rangeRef, ref, rowCell, SHEET_HOLE, str, sub, SUM, unparse, unparseTemplate,
} from '../core/formula/index.ts';

test('every sheet name is quoted, a quote in it doubled', () => {
  assert.equal(unparse(ref('F10', { sheet: '一镇' })), "'一镇'!F10");
  assert.equal(unparse(ref('F10', { sheet: "O'Brien 镇" })), "'O''Brien 镇'!F10");
  assert.equal(unparse(rangeRef('F10', 'L10', { sheet: '=SUM(1)', absolute: true })), "'=SUM(1)'!$F$10:$L$10");
  assert.equal(quoteSheet("a'b"), "'a''b'");
});

test('text is escaped: a quote doubled, never closing the literal', () => {
  assert.equal(unparse(str('他说"不"')), '"他说""不"""');
  assert.equal(unparse(eq(ref('H2'), str('不符'))), 'H2="不符"');
});

test('parentheses only where precedence needs them', () => {
  const [a, b, c] = [ref('A1'), ref('B1'), ref('C1')];
  assert.equal(unparse(sub(a, sub(b, c))), 'A1-(B1-C1)');
  assert.equal(unparse(sub(sub(a, b), c)), 'A1-B1-C1');
  assert.equal(unparse(add(a, add(b, c))), 'A1+(B1+C1)');
  assert.equal(unparse(gt(sub(a, b), num(1e-9))), 'A1-B1>1E-9');
  assert.equal(unparse(neg(num(1e-9))), '-1E-9');
  assert.equal(unparse(neg(sub(a, b))), '-(A1-B1)');
  assert.equal(unparse(IF(AND(eq(COUNT(a, b), num(2)), gt(a, b)), SUM(rangeRef('A1', 'C1')), str(''))), 'IF(AND(COUNT(A1,B1)=2,A1>B1),SUM(A1:C1),"")');
});

test('a template is unparsed once and filled with each unit’s sheet and row', () => {
  const t = unparseTemplate(IF(eq(COUNT(ref('D8', { sheet: SHEET_HOLE })), num(0)), str(''), sub(rowCell(5), rowCell(6))));
  assert.deepEqual(t.holes, ['sheet', 'row', 'row']);
  assert.equal(fillTemplate(t, quoteSheet("甲'镇"), 12), "IF(COUNT('甲''镇'!D8)=0,\"\",E12-F12)");
  assert.throws(() => unparse(rowCell(5)));
});

test('numbers a spreadsheet can read; no NaN or infinity', () => {
  assert.equal(unparse(num(0.5)), '0.5');
  assert.throws(() => unparse(num(Number.NaN)));
  assert.throws(() => unparse(num(Infinity)));
});
