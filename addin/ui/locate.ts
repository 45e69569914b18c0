/** Where a finding is: the cells of the standard sheet it names, or the line of the pasted text. No DOM, no Excel. */
import type { Finding } from '../../core/findings.ts';
import type { FormatId } from '../../core/format/types.ts';
import { standardLayout } from '../../core/sheet/layout.ts';

/** the addresses a finding points at on a standard sheet: its cells, and its check cell when it has one */
export function findingAddresses(finding: Finding, format: FormatId): string[] {
  const layout = standardLayout(format);
  const out = finding.cells.map((id) => layout.addresses[id]).filter((a): a is string => a !== undefined);
  const slot = layout.checkSlots.get(finding.id);
  if (slot) out.push(slot);
  return [...new Set(out)];
}

/** character offsets of a 1-based line in a text: [start, end) */
export function lineSpan(text: string, line: number): [number, number] | null {
  if (line < 1) return null;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const i = text.indexOf('\n', start);
    if (i < 0) return null;
    start = i + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}
