/** A sheet name nobody uses yet: the model's name, or it with （2）, （3）… (Excel compares names regardless of case). */
import { cut, SHEET_NAME_MAX } from '../core/sheet/workbook.ts';

export function freeSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let name = cut(wanted, SHEET_NAME_MAX);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `（${n}）`;
    name = cut(wanted, SHEET_NAME_MAX - suffix.length) + suffix;
  }
  return name;
}
