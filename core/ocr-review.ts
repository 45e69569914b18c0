/**
 * Numbers read by OCR are doubted, never "corrected". Tesseract misreads digits; each number
 * keeps its confidence (core/extract/ocr.ts), and here the 勾稽 rules judge the doubtful ones:
 * where a broken rule (R3.1–R3.3, R4.1–R4.3) would hold if one low-confidence cell differed by
 * a single digit, that cell is flagged ambiguous with both readings as candidates and left
 * empty, so the rule says 无法判断 instead of a false 错误. A number OCR was hardly sure of
 * at all is flagged whatever the rules say; one it was not all but certain of stands only
 * where an equation over it holds; a number no digits pass read (no confidence) is not
 * vouched for; the values of a row that lost a cell or has one too many are all flagged
 * (where each sits is a guess); and a blank is a cell to check (OCR cannot tell empty from missed). The
 * user decides, looking at the scan.
 */
import type { Analysis } from './analyze.ts';
import type { OcrMeta } from './extract/ocr.ts';
import { sortFindings } from './findings.ts';
import type { Report } from './report.ts';
import { formatCells } from './format/cells.ts';
import { checkCells } from './rules/check.ts';
import { instanceCells, ruleInstances, type EquationRule } from './rules/definitions.ts';
import { evaluateEquation } from './rules/evaluate.ts';

/**
 * below this a number is doubted when a rule breaks around it: Tesseract gave misread digits
 * confidences up to 96 on this project's scans, so only a reading it was all but certain of
 * keeps its 错误
 */
export const OCR_DOUBT = 98;
/** below this a number is flagged whatever the rules say */
export const OCR_FLOOR = 60;

const RULES = /^R(3\.[123]|4\.[123])$/;

const check = (r: Report) =>
  checkCells(
    r.format,
    (id) => r.cells[id]?.value ?? null,
    (id) => r.cells[id]?.source?.line,
  );

/** numbers one digit away: one changed, one dropped, one added */
export function oneDigitAway(n: number): number[] {
  const s = String(n);
  if (!/^\d{1,7}$/.test(s)) return [];
  const out = new Set<string>();
  for (let i = 0; i <= s.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (i < s.length) out.add(s.slice(0, i) + d + s.slice(i + 1));
      out.add(s.slice(0, i) + d + s.slice(i));
    }
    if (i < s.length) out.add(s.slice(0, i) + s.slice(i + 1));
  }
  out.delete(s);
  return [...out].filter((t) => t !== '' && !/^0\d/.test(t)).map(Number);
}

const clean = (s: string) => s.replace(/[\s,，]/g, '');

/**
 * The confidence of each cell OCR read a number for. A line's cells (in table order, left to
 * right) and its readings (in page order) are paired by occurrence: the second “0” of a row
 * is the second 0 read there. Where the counts differ (the reader took a number for label
 * text, or put one together), every cell of that text gets the least confidence among them.
 */
function confidences(report: Report, meta: OcrMeta): Map<string, { conf: number; text: string }> {
  const byLine = new Map<number, OcrMeta['numbers']>();
  for (const n of meta.numbers) byLine.set(n.line, [...(byLine.get(n.line) ?? []), n]);
  const cellsOf = new Map<string, string[]>();
  for (const [id, c] of Object.entries(report.cells)) {
    if (c.value === null || !c.source) continue;
    const k = `${c.source.line}\t${clean(c.source.text)}`;
    cellsOf.set(k, [...(cellsOf.get(k) ?? []), id]);
  }
  const out = new Map<string, { conf: number; text: string }>();
  for (const [k, ids] of cellsOf) {
    const [line, text] = k.split('\t') as [string, string];
    const same = (byLine.get(Number(line)) ?? []).filter((n) => clean(n.text) === text).map((n) => n.confidence);
    // a number no digits pass read (running text, put together by the reader) is not vouched
    // for: Tesseract's Chinese model gives digits no useful confidence
    const least = same.length ? Math.min(...same) : 0;
    ids.forEach((id, i) => out.set(id, { conf: same.length === ids.length ? same[i]! : least, text: report.cells[id]!.source!.text }));
  }
  return out;
}

export function reviewOcr(a: Analysis, meta: OcrMeta): Analysis {
  const report: Report = structuredClone(a.report);
  const conf = confidences(report, meta);
  const before = check(report);
  const flagged = new Map<string, { candidates: number[]; reason: string }>();
  for (const f of before) {
    if (f.severity !== 'error' || !RULES.test(f.rule)) continue;
    for (const id of f.cells) {
      const c = conf.get(id);
      const value = report.cells[id]?.value;
      if (!c || c.conf >= OCR_DOUBT || value === null || value === undefined || flagged.has(id)) continue;
      const fixes = oneDigitAway(value).filter((v) => {
        const trial = { ...report, cells: { ...report.cells, [id]: { ...report.cells[id]!, value: v } } };
        const after = check(trial).filter((g) => g.severity === 'error').map((g) => g.id);
        return !after.includes(f.id) && after.every((x) => before.some((b) => b.id === x));
      });
      if (fixes.length) {
        flagged.set(id, {
          candidates: [value, ...fixes],
          reason: `文字识别读出“${c.text}”，把握不大（${Math.round(c.conf)}%）；按勾稽关系也可能是 ${fixes.slice(0, 4).join('、')}。请对照扫描件核对。`,
        });
      }
    }
  }
  for (const [id, c] of conf) {
    const value = report.cells[id]?.value;
    if (c.conf < OCR_FLOOR && !flagged.has(id) && typeof value === 'number') {
      flagged.set(id, { candidates: [value], reason: `文字识别读出“${c.text}”，把握不大（${Math.round(c.conf)}%），请对照扫描件核对。` });
    }
  }
  // short of sure, a reading stands only where an equation over it holds (a misread digit
  // rarely keeps a sum true): a number no rule checks (表二, a row with blanks) is not trusted
  const equations = ruleInstances(report.format).filter((r): r is EquationRule => r.kind === 'equation' && r.relation === '=' && !r.explains);
  const get = (id: string) => report.cells[id]?.value ?? null;
  for (const [id, c] of conf) {
    const value = report.cells[id]?.value;
    if (c.conf >= OCR_DOUBT || flagged.has(id) || typeof value !== 'number') continue;
    if (equations.some((r) => instanceCells(r).includes(id) && evaluateEquation(r, get).verdict === 'pass')) continue;
    flagged.set(id, { candidates: [value], reason: `文字识别读出“${c.text}”，把握不大（${Math.round(c.conf)}%），也没有成立的勾稽关系可以印证，请对照扫描件核对。` });
  }
  // a row that lost a cell or has one too many (S2): on a scan the odd one may be anywhere (a
  // misread cell taken for label text, a speck read as a digit), so where its values sit is
  // a guess — none is trusted, the first included, unless the row's own equations settle it
  const misfit = new Set(a.findings.filter((f) => f.rule === 'S2').flatMap((f) => f.cells));
  const fc = formatCells(report.format);
  // 表四's one line is three blocks, each with its own equation; a cell lost anywhere in the
  // line moves the values of every block after it
  const t4Blocks = [...new Set(fc.t4Row.cells.map((id) => id.split('.')[1]))].map((b) => ({ cells: fc.t4Row.cells.filter((id) => id.split('.')[1] === b), line: fc.t4Row.cells }));
  for (const row of [...fc.t2Rows, ...fc.t3Rows, ...t4Blocks]) {
    const line = 'line' in row ? row.line : row.cells;
    if (!line.some((id) => report.cells[id]?.nullReason === 'lost' || misfit.has(id))) continue;
    // unless the row's own equations (R3.3, R4.x) hold as read: the rules settle the places
    const own = equations.filter((r) => instanceCells(r).every((id) => row.cells.includes(id)));
    if (own.length && own.every((r) => evaluateEquation(r, get).verdict === 'pass')) continue;
    for (const id of row.cells) {
      const value = report.cells[id]?.value;
      if (typeof value !== 'number' || flagged.has(id) || id in report.ambiguous) continue;
      flagged.set(id, { candidates: [value], reason: `文字识别没有认准这一行的格子数，读出的“${conf.get(id)?.text ?? value}”可能属于别的列，请对照扫描件核对。` });
    }
  }
  // a blank on a scan: OCR cannot tell a cell left empty from one whose faint number it
  // missed (or a header row taken for the data) — said once, as a cell to check, not as S3
  const unread = new Set<string>();
  for (const [id, c] of Object.entries(report.cells)) {
    if (c.nullReason !== 'blank' || id in report.ambiguous) continue;
    flagged.set(id, { candidates: [], reason: '扫描件上这一格没有认出数字：可能原本空白，也可能是文字识别没有认出，请对照扫描件核对。' });
    unread.add(id);
  }
  if (!flagged.size) return a;
  for (const [id, f] of flagged) {
    report.cells[id] = { ...report.cells[id]!, value: null, nullReason: 'ambiguous' };
    report.ambiguous[id] = f;
  }
  // the rule findings again, over the cells that are left
  const old = new Set(before.map((f) => f.id));
  const said = (f: Analysis['findings'][number]) => old.has(f.id) || (f.rule === 'S3' && f.cells.some((id) => unread.has(id)));
  const findings = sortFindings([...a.findings.filter((f) => !said(f)), ...check(report)]);
  return { ...a, report, findings };
}
