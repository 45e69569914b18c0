/**
 * `gouji check` for people: per file the unit, year and format, then the findings grouped
 * by severity, each with the cells it names and the source lines to look at.
 */
import { FORMAT_SHORT } from '../../core/format/facts.ts';
import type { Analysis } from '../../core/analyze.ts';
import { describeFinding, explainFindings, type Explained } from '../../core/describe.ts';
import { cellName } from '../../core/format/names.ts';
import type { Report } from '../../core/report.ts';
import { SEVERITY_ZH, type Finding, type Severity } from '../../core/findings.ts';
import { FORMATS } from '../../core/format/tables.ts';
import type { FormatId } from '../../core/format/types.ts';
import type { Paint } from './colour.ts';


/** enough of a line to recognise it; a line of a million digits must not flood the terminal */
const LINE_CHARS = 100;
const MAX_LINES = 6;
const MAX_CELLS = 12;

/** file text must not drive the terminal: control characters (ESC, NUL …) are shown as dots */
export function printable(s: string): string {
  return s.replace(/\t+/g, '  ').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '·');
}

function clip(s: string, n: number): string {
  const chars = [...s.slice(0, n * 2)];
  return chars.length > n ? chars.slice(0, n).join('') + '……' : chars.join('');
}

export function quoteLine(lines: string[], n: number): string {
  return clip(printable(lines[n - 1] ?? '').trim(), LINE_CHARS);
}

/**
 * A row pasted one cell a line starts with its (often empty) merged cell, and the reader
 * points at that start: show the first line below it that has something to see.
 */
function visibleLine(lines: string[], n: number): number {
  for (let k = n; k < n + 10 && k <= lines.length; k++) if (lines[k - 1]!.trim()) return k;
  return n;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

function colourOf(p: Paint, s: Severity): (t: string) => string {
  return s === 'error' ? p.red : s === 'warning' ? p.yellow : p.cyan;
}

/** a finding: its rule id in its own column, the sentence, the cells by name, the lines of the text */
function findingBlock(f: Finding, r: Report, p: Paint, indent: string, withLines = true): string[] {
  const out = [`${indent}${colourOf(p, f.severity)(f.rule.padEnd(5))} ${printable(describeFinding(f, r, 'terminal'))}`];
  return withLines ? [...out, ...lineBlock(f.lines, r, p, `${indent}      `)] : out;
}

/** the lines of the text to look at, quoted */
function lineBlock(lines: number[], r: Report, p: Paint, pad: string): string[] {
  const out: string[] = [];
  const shown = [...new Set(lines.map((n) => visibleLine(r.lines, n)))];
  for (const n of shown.slice(0, MAX_LINES)) out.push(`${pad}${p.dim(`第 ${n} 行：`)}${quoteLine(r.lines, n)}`);
  if (shown.length > MAX_LINES) out.push(`${pad}${p.dim(`……另有 ${shown.length - MAX_LINES} 行`)}`);
  return out;
}

/** a cause: its likely fix first, the broken equations beneath it */
function explainedBlock(e: Explained, r: Report, p: Paint): string[] {
  if (!e.lead) return e.findings.flatMap((f) => findingBlock(f, r, p, '  '));
  // with a likely fix, the lines of the cells to correct say where to look; without, each equation's own
  const fixLines = (e.cause?.options ?? []).flat().map((c) => r.cells[c.cell]?.source?.line).filter((n): n is number => n !== undefined);
  const lead = [`  ${p.bold('▶ ' + printable(e.lead))}`, ...lineBlock(fixLines, r, p, '      ')];
  return [...lead, ...e.findings.flatMap((f) => findingBlock(f, r, p, '    ', !fixLines.length))];
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

export function renderReport(source: string, a: Analysis, p: Paint, notes: string[] = []): string {
  const r = a.report;
  const out: string[] = [p.bold(`文件：${printable(source)}`)];
  out.push(`单位：${printable(r.unit ?? '（未识别）')}`);
  out.push(`年度：${r.year ?? '（未识别）'}`);
  out.push(`格式：${FORMAT_SHORT[r.format]}（${FORMATS[r.format].issuedBy}）`);
  for (const note of notes) out.push(p.dim(note));

  const explained = explainFindings(r, a.findings, 'terminal');
  for (const s of SEVERITY_ORDER) {
    const n = a.findings.filter((f) => f.severity === s).length;
    const group = explained.filter((e) => e.findings[0]!.severity === s);
    if (!group.length) continue;
    out.push('', colourOf(p, s)(p.bold(`${SEVERITY_ZH[s]}（${n} 项）`)));
    for (const e of group) out.push(...explainedBlock(e, r, p));
  }

  const ambiguous = Object.entries(r.ambiguous);
  if (ambiguous.length) {
    out.push('', p.bold(`待确认的单元格（${ambiguous.length} 个）：原文不能确定它们的数值，请对照原文核实`));
    for (const [id, amb] of ambiguous.slice(0, MAX_CELLS * 2)) {
      const c = amb.candidates.length ? `（可能是 ${amb.candidates.map((v) => (v === null ? '空' : String(v))).join('、')}）` : '';
      out.push(`  ${cellName(r.format, id)}${c}  ${p.dim(printable(amb.reason))}`);
    }
    if (ambiguous.length > MAX_CELLS * 2) out.push(`  ……另有 ${ambiguous.length - MAX_CELLS * 2} 个`);
  }

  const n = countBySeverity(a.findings);
  const verdict = n.error ? p.red('有错误') : n.warning ? p.yellow('无错误，有警告') : p.green('未发现问题');
  out.push('', `小结：${printable(source)}：${verdict}。错误 ${n.error} 项，警告 ${n.warning} 项，提示 ${n.info} 项。`, '');
  return out.join('\n');
}

/** every failure message names its file already */
export function renderFailure(message: string, p: Paint): string {
  return `${p.red('无法读取')}：${printable(message)}\n`;
}
