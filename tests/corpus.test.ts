/**
 * The real corpus: every cell right (or flagged ambiguous where the answer allows it),
 * exactly the answers' errors, every listed warning except the prose rules N*.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import { answers, CORE_SCOPE, corpusPresent, reportText, RUN_TOGETHER_SCOPE } from './support/corpus.ts';

describe('corpus (../shared/corpus)', { skip: corpusPresent ? false : '没有找到 ../shared/corpus：跳过真实年报语料测试，其余测试照常运行。' }, () => {
  const scope = [...CORE_SCOPE, ...RUN_TOGETHER_SCOPE];
  const inScope = corpusPresent ? answers().filter((a) => scope.includes(a.source)) : [];
  it('has every text report in scope', () => assert.equal(inScope.length, scope.length));
  for (const a of inScope) {
    describe(a.source, () => {
      const result = analyze(reportText(a.source), a.source);
      it('is read as a report of the right unit, year and format', () => {
        assert.ok(result.ok, result.ok ? '' : result.message);
        assert.equal(result.report.unit, a.unit);
        assert.equal(result.report.year, a.year);
        assert.equal(result.report.format, a.format);
      });
      it('reads every cell right', () => {
        assert.ok(result.ok);
        const wrong: string[] = [];
        for (const id of cellIds(a.format)) {
          const got = result.report.cells[id]!.value;
          const accepted = a.ambiguous[id];
          // an ambiguous cell passes with an accepted value, or flagged as ambiguous (never silently wrong)
          const ok = accepted ? accepted.includes(got) || id in result.report.ambiguous : got === a.cells[id];
          if (!ok) wrong.push(`${id}: ${got} ≠ ${a.cells[id]}`);
        }
        assert.deepEqual(wrong, []);
      });
      it('finds exactly the errors of the answer', () => {
        assert.ok(result.ok);
        const errors = result.findings.filter((f) => f.severity === 'error').map((f) => f.id);
        assert.deepEqual(errors.sort(), [...a.errors].sort());
      });
      it('reports every listed warning (prose rules N* are another issue)', () => {
        assert.ok(result.ok);
        const ids = new Set(result.findings.map((f) => f.id));
        assert.deepEqual(a.warnings.filter((w) => !w.startsWith('N') && !ids.has(w)), []);
      });
    });
  }
});
