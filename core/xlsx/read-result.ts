/** What reading a workbook back gives, whichever reader read it: one Report per standard sheet. */
import type { Report } from '../report.ts';
import { readStandardSheet, type Shown } from '../sheet/readback.ts';
import type { Address } from '../sheet/model.ts';

export interface SheetReport {
  /** the worksheet's name as it is now */
  sheet: string;
  report: Report;
}

export interface SheetProblem {
  sheet: string;
  message: string;
}

export type WorkbookRead =
  /** `summed`: the units 汇总 sums, as 明细 lists them (a city's workbook also holds its counties' own units) */
  | { ok: true; reports: SheetReport[]; problems: SheetProblem[]; summed?: string[] }
  | { ok: false; code: 'not_xlsx' | 'too_large' | 'no_standard_sheet'; message: string; problems: SheetProblem[] };

/** the reports and problems of a workbook's standard sheets, gathered sheet by sheet */
export class StandardSheets {
  private readonly reports: SheetReport[] = [];
  private readonly problems: SheetProblem[] = [];
  constructor(private readonly source: string) {}

  add(sheet: string, get: (a: Address) => Shown, lines: string[]): void {
    const read = readStandardSheet(sheet, get, lines, `${this.source}#${sheet}`);
    if (read.kind === 'moved') this.problems.push({ sheet, message: read.message });
    if (read.kind === 'report') this.reports.push({ sheet, report: read.report });
  }

  result(summed?: string[]): WorkbookRead {
    const { reports, problems } = this;
    if (!reports.length) {
      const message = problems.length
        ? problems.map((p) => p.message).join('\n')
        : `“${this.source}”中没有标准表：只能读取由 gouji 生成的工作簿中的年报工作表。`;
      return { ok: false, code: 'no_standard_sheet', message, problems };
    }
    return { ok: true, reports, problems, ...(summed ? { summed } : {}) };
  }
}
