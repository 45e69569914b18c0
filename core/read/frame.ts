/**
 * What the reading sees beyond the cells: amounts in the unit their header names (R2.6),
 * the six sections in order (S1), the title's year against the statistics period (S4),
 * the format against the year (S5).
 */
import { formatOfYear } from '../format/facts.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Finding } from '../findings.ts';
import type { Cell, Report } from '../report.ts';
import { MESSAGES } from '../rules/messages.ts';
import { finding } from './finding.ts';
import type { findTitle, findYear } from './structure.ts';

/** the gaps compact() drops, allowed between any two parts of a header (表二's lines are read as they are) */
const G = '[ \\t\\n\\f]*';
/** 2019's 采购总金额 header in 万元: 采购总金额（单位：万元…） or 采购总金额（万元）, gaps allowed between characters */
const HEADER_WAN = new RegExp(
  `${['采', '购', '总', '金', '额', '（?', '单', '位', '[：:]?', '万', '元'].join(G)}|${['采', '购', '总', '金', '额', '（', '万', '元', '）'].join(G)}`,
);

/**
 * amounts: stored in the column's unit; a unit that does not fit its header is R2.6.
 * `t2Text`: 表二's lines as they are, joined by line breaks, made only where a header's unit is asked.
 */
export function amounts(
  format: FormatId,
  t2Text: () => string,
  unit: string | null,
  cells: Record<CellId, Cell>,
  ambiguous: Report['ambiguous'],
  findings: Finding[],
): void {
  if (format === 'gov2019') {
    const id = 't2.art20_9.procurement.amount_yuan';
    const c = cells[id]!;
    const headerWan = HEADER_WAN.test(t2Text());
    const a = ambiguous[id];
    if (a && headerWan) a.candidates = a.candidates.map((v) => (v === null ? v : Math.round(v * 10000 * 100) / 100));
    if (c.value === null) return;
    const written = c.unitWritten ?? (headerWan ? '万元' : undefined);
    if (written === '万元') c.value = Math.round(c.value * 10000 * 100) / 100;
    if (c.unitWritten === '元' && headerWan)
      findings.push(finding('R2.6', id, 'warning', MESSAGES.R2_6_yuanUnderWan('表二“政府集中采购”采购总金额', c.source?.text ?? ''), [id], c.source ? [c.source.line] : []));
    if (written && !c.unitWritten) c.unitWritten = written;
  } else {
    const id = 't2.art20_8.fee.amount_wan';
    const c = cells[id]!;
    if (c.value === null) return;
    if (c.unitWritten === '元') {
      findings.push(finding('R2.6', id, 'warning', MESSAGES.R2_6_yuanUnderWan('表二“行政事业性收费”本年收费金额', c.source?.text ?? ''), [id], c.source ? [c.source.line] : []));
      c.value = c.value / 10000;
    } else if (unit && /[乡镇]|街道|办事处/.test(unit) && c.value >= 10000) {
      findings.push(finding('R2.6', id, 'warning', MESSAGES.R2_6_tooLarge('表二“行政事业性收费”本年收费金额', c.value), [id], c.source ? [c.source.line] : []));
    }
  }
}

export function structure(
  format: FormatId,
  sections: Report['sections'],
  title: ReturnType<typeof findTitle>,
  years: ReturnType<typeof findYear>,
  year: number | null,
  findings: Finding[],
): void {
  for (let n = 1; n <= 6; n++) {
    if (!sections.some((s) => s.n === n)) findings.push(finding('S1', String(n), 'warning', MESSAGES.S1_missing(n)));
  }
  let last = 0;
  for (const s of sections) {
    if (s.line < last) findings.push(finding('S1', String(s.n), 'warning', MESSAGES.S1_order(s.n), [], [s.line]));
    last = Math.max(last, s.line);
  }
  const tl = title.line ? [title.line] : [];
  if (title.titleYear === null) findings.push(finding('S4', '', 'warning', MESSAGES.S4_noYear(), [], tl));
  else if (years.period !== null && years.period !== title.titleYear)
    findings.push(finding('S4', '', 'warning', MESSAGES.S4_mismatch(title.titleYear, years.period), [], tl));
  if (year !== null && formatOfYear(year) !== format) findings.push(finding('S5', '', 'warning', MESSAGES.S5(format, year)));
}
