/**
 * Findings into words, for every output: the terminal, the pane, the 校验 sheet and the Word
 * notices all call these, so the same finding reads the same everywhere. Broken equations
 * that share cells come as one cause, led by its likely fix (rules/causes.ts).
 */
import type { Finding, Output } from './findings.ts';
import { cellPhrase } from './format/names.ts';
import type { FormatId } from './format/types.ts';
import type { Report } from './report.ts';
import { findCauses, type Cause, type Correction } from './rules/causes.ts';
import { instanceId, ruleInstances, type RuleInstance } from './rules/definitions.ts';
import { evaluate, type Lookup } from './rules/evaluate.ts';
import { fmt, ruleMessage } from './rules/messages.ts';

/** the numbers a description needs: the report's, or the finding's own when it carries them */
type Numbers = Pick<Report, 'format' | 'cells'>;

const instances = new Map<FormatId, Map<string, RuleInstance>>();
function instance(format: FormatId, id: string): RuleInstance | undefined {
  let m = instances.get(format);
  if (!m) instances.set(format, (m = new Map(ruleInstances(format).map((r) => [instanceId(r), r]))));
  return m.get(id);
}

const lookup = (report: Numbers, f?: Finding): Lookup => (id) =>
  f?.values && id in f.values ? f.values[id]! : report.cells[id]?.value ?? null;

/** one finding's sentence for `output`; findings of the reading keep the words they were made with */
export function describeFinding(f: Finding, report: Numbers, output: Output = 'sheet'): string {
  const r = instance(report.format, f.id);
  if (!r) return f.message;
  const get = lookup(report, f);
  return ruleMessage(report.format, r, evaluate(r, get), get, output);
}

const change = (format: FormatId, c: Correction) => `${cellPhrase(format, c.cell)}填成了 ${fmt(c.from)}，应为 ${fmt(c.to)}`;
const option = (format: FormatId, c: Correction) => `${cellPhrase(format, c.cell)}由 ${fmt(c.from)} 改为 ${fmt(c.to)}`;

/** the first line of a cause: its likely fix, or why there is none; null for an equation on its own */
export function causeLead(format: FormatId, cause: Cause, output: Output = 'sheet'): string | null {
  const rules = cause.rules.join('、');
  const ask = output === 'notice' ? '请核实。' : '';
  switch (cause.kind) {
    case 'alone':
      return null;
    case 'single':
      return `很可能是 ${change(format, cause.options[0]![0]!)}（改后 ${rules} 均成立）。${ask}`;
    case 'either':
      return `以下任一处更正可使 ${rules} 各式成立：${cause.options.map((o) => option(format, o[0]!)).join('；或')}。${ask}`;
    case 'pair':
      return `没有哪一处单独更正能使 ${rules} 都成立；很可能有两处填错：${cause.options[0]!.map((c) => change(format, c)).join('；')}。${ask}`;
    case 'several':
      return `${rules} 这 ${cause.findings.length} 处不符涉及相同的格子，但数字不止一处不一致，无法指出单独一处更正，请逐条核对。`;
  }
}

/** a cause (with its lead) or a finding on its own, in the order of the findings */
export interface Explained {
  /** the likely fix, the first line; null when the finding speaks for itself */
  lead: string | null;
  findings: Finding[];
  cause?: Cause;
}

/**
 * The findings of one report as causes: broken equations that share cells together, led by
 * their likely fix, the rest one by one. Order follows the findings' order.
 */
export function explainFindings(report: Numbers, findings: Finding[], output: Output = 'sheet'): Explained[] {
  const { causes } = findCauses(report.format, findings, lookup(report));
  const causeOf = new Map<Finding, Cause>();
  for (const c of causes) for (const f of c.findings) causeOf.set(f, c);
  const done = new Set<Cause>();
  const out: Explained[] = [];
  for (const f of findings) {
    const c = causeOf.get(f);
    if (!c) out.push({ lead: null, findings: [f] });
    else if (!done.has(c)) {
      done.add(c);
      out.push({ lead: causeLead(report.format, c, output), findings: c.findings, cause: c });
    }
  }
  return out;
}

/** every line of one report's findings for a plain-text output (the notices): lead, then each finding */
export function describeFindings(report: Numbers, findings: Finding[], output: Output = 'notice'): string[] {
  return explainFindings(report, findings, output).flatMap((e) => [
    ...(e.lead ? [e.lead] : []),
    ...e.findings.map((f) => describeFinding(f, report, output)),
  ]);
}

/**
 * The lines of the text a reader should look at: for a cause with a likely fix, the lines of
 * the cells to correct; otherwise each error's or warning's own lines.
 */
export function citedLines(report: Numbers, findings: Finding[]): Set<number> {
  const out = new Set<number>();
  for (const e of explainFindings(report, findings.filter((f) => f.severity !== 'info'))) {
    const fix = (e.cause?.options ?? []).flat().map((c) => report.cells[c.cell]?.source?.line).filter((n): n is number => n !== undefined);
    for (const n of fix.length ? fix : e.findings.flatMap((f) => f.lines)) out.add(n);
  }
  return out;
}
