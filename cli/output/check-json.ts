/** `gouji check --json`: one object per file, every cell id of the detected format present. */
import type { Analysis } from '../../core/analyze.ts';
import { cellIds } from '../../core/format/cells.ts';
import type { FormatId } from '../../core/format/types.ts';
import { z } from 'zod';

/**
 * The shape of the output, as zod schemas: the TypeScript types come from them, and so does
 * the JSON Schema shipped in docs/check-output.schema.json (scripts/make-docs.ts), so the
 * documentation cannot drift from what gouji prints.
 */
export const FindingJson = z.object({
  id: z.string().describe('规则编号@位置，如 R3.1@total；没有位置的规则只写编号，如 S4'),
  rule: z.string().describe('规则编号，如 R3.1（见 docs/cells-and-rules.md）'),
  at: z.string().describe('位置：列、行、部分或格子编号；没有位置时为空字符串'),
  severity: z.enum(['error', 'warning', 'info']).describe('error 错误 · warning 警告 · info 提示'),
  message: z.string().describe('中文说明'),
  cells: z.array(z.string()).describe('涉及的格子编号'),
});
export type FindingJson = z.infer<typeof FindingJson>;

export const ReportJson = z.object({
  source: z.string().describe('来源文件'),
  sheet: z.string().optional().describe('读自 .xlsx 的标准表时，工作表名称'),
  unit: z.string().nullable().describe('单位名称；读不出时为 null'),
  year: z.number().int().nullable().describe('报告年度'),
  format: z.enum(['gov2019', 'gov2021']).describe('表格格式：2019 年版或 2021 年版'),
  cells: z
    .record(z.string(), z.number().nullable())
    .describe('该格式的每一个格子编号，按表格顺序；null 表示空格、不适用或缺失（从不当作 0）'),
  findings: z.array(FindingJson),
  ambiguous: z.array(z.string()).describe('原文无法确定取值的格子，需要人工核对'),
});
export type ReportJson = z.infer<typeof ReportJson>;

export const FailureJson = z.object({
  source: z.string().describe('来源文件'),
  error: z.object({ code: z.string(), message: z.string().describe('中文说明：哪里不对、怎么办') }),
});
export type FailureJson = z.infer<typeof FailureJson>;

export type FileJson = ReportJson | FailureJson;

/** `gouji check --json`: one file gives one object, several files an array */
export const CheckOutput = z
  .union([ReportJson, FailureJson, z.array(z.union([ReportJson, FailureJson]))])
  .describe('gouji check --json 的输出：一个文件为一个对象，多个文件为数组');

export function reportJson(source: string, a: Analysis): ReportJson {
  const r = a.report;
  const cells: Record<string, number | null> = {};
  for (const id of cellIds(r.format)) cells[id] = r.cells[id]?.value ?? null;
  return {
    source,
    unit: r.unit,
    year: r.year,
    format: r.format,
    cells,
    findings: a.findings.map((f) => ({ id: f.id, rule: f.rule, at: f.at, severity: f.severity, message: f.message, cells: f.cells })),
    ambiguous: cellIds(r.format).filter((id) => r.ambiguous[id] !== undefined),
  };
}

export function failureJson(source: string, code: string, message: string): FailureJson {
  return { source, error: { code, message } };
}

/** one file: an object; several: an array */
export function renderJson(files: FileJson[]): string {
  return JSON.stringify(files.length === 1 ? files[0] : files, null, 2) + '\n';
}
