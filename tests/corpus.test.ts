/**
 * The real corpus: every cell right (or flagged ambiguous where the answer allows it),
 * exactly the answers' errors, every listed warning, and no prose warning (N*) the answers
 * do not list: a false alarm on the text is counted, not tolerated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../core/analyze.ts';
import { cellIds } from '../core/format/cells.ts';
import type { Finding } from '../core/findings.ts';
import { answers, CORE_SCOPE, corpusPresent, reportText, RUN_TOGETHER_SCOPE } from './support/corpus.ts';

/** N warnings beyond the answer's (an N id listed once allows one finding of it) */
function extraProseWarnings(findings: Finding[], listed: string[]): string[] {
  const allowed = new Map<string, number>();
  for (const w of listed) allowed.set(w, (allowed.get(w) ?? 0) + 1);
  const extra: string[] = [];
  for (const f of findings) {
    if (f.severity !== 'warning' || !/^N\d$/.test(f.id)) continue;
    const left = allowed.get(f.id) ?? 0;
    if (left > 0) allowed.set(f.id, left - 1);
    else extra.push(`${f.id} ${f.message}`);
  }
  return extra;
}

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
      it('reports every listed warning, the prose rules N* too', () => {
        assert.ok(result.ok);
        const ids = new Set(result.findings.map((f) => f.id));
        assert.deepEqual(a.warnings.filter((w) => !ids.has(w)), []);
      });
      it('reports no prose warning (N*) the answer does not list', (t) => {
        assert.ok(result.ok);
        const extra = extraProseWarnings(result.findings, a.warnings);
        if (extra.length) t.diagnostic(`多报：${extra.join(' | ')}`);
        assert.deepEqual(extra, []);
      });
    });
  }
});
