/** The reader's parts, case by case: values, normalising, labels, rows, title. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCells } from '../core/format/cells.ts';
import { matchLabel } from '../core/read/labels.ts';
import { compact, normalizeText } from '../core/read/normalize.ts';
import { fitRow } from '../core/read/read.ts';
import { findRegions, findSections, findTitle } from '../core/read/structure.ts';
import { classify, isTrimmed, lineRow, splitCells, toRow, type ValueCell } from '../core/read/tokens.ts';
import { createRng, generateReport, LAYOUTS } from '../core/generate/index.ts';
import { FORMAT_IDS } from '../core/format/types.ts';

describe('cell values', () => {
  it('a cell is trimmed of exactly the whitespace trim() removes, every character of the BMP tried', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (isTrimmed(c) !== (String.fromCharCode(c).trim() === '')) differ.push(c.toString(16));
    assert.deepEqual(differ, []);
  });
  const cases: [string, unknown][] = [
    ['0', { kind: 'num', value: 0 }],
    ['1,234', { kind: 'num', value: 1234 }],
    ['5件', { kind: 'num', value: 5, unit: '件' }],
    ['87580.00元', { kind: 'num', value: 87580, unit: '元' }],
    ['3.5万元', { kind: 'num', value: 3.5, unit: '万元' }],
    ['-185', { kind: 'num', value: -185 }],
    ['+4', { kind: 'num', value: 4 }],
    ['减2', { kind: 'num', value: -2 }],
    ['', { kind: 'blank' }],
    ['   ', { kind: 'blank' }],
    ['—', { kind: 'na' }],
    ['-', { kind: 'na' }],
    ['/', { kind: 'na' }],
    ['无', { kind: 'na' }],
    ['不适用', { kind: 'na' }],
    ['行政许可', { kind: 'text' }],
    ['1.属于国家秘密', { kind: 'text' }],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => {
      const got = classify(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(want as object)) assert.equal(got[k], v, `${k} of ${text}`);
    });
  }
  it('full-width digits and spaces are normalised before classifying', () => {
    assert.equal(normalizeText('\u3000１２\u00a0'), ' 12 ');
  });
});

describe('normalising pasted text', () => {
  it('keeps one line per line', () => {
    const text = 'a\r\nb\n\n[bookmark: _GoBack]c\n### 四、标题';
    assert.equal(normalizeText(text).split('\n').length, 5);
  });
  it('drops pinyin after a Han character, converts traditional, unifies brackets', () => {
    assert.equal(normalizeText('八丹鄉(xiāng)人民政府(一)'), '八丹乡人民政府（一）');
    assert.equal(compact(normalizeText('結(jié)轉(zhuǎn)下年度')), '结转下年度');
  });
  it('maps the full-width forms of a line whose traditional characters the conversion keeps (乾坤 stays)', () => {
    assert.equal(normalizeText('乾坤　１２\n５'), '乾坤 12\n5');
  });
  it('mends the slips people make in labels', () => {
    assert.equal(normalizeText('（三）不子公开'), '（三）不予公开');
    assert.equal(normalizeText('3.補正啟申請內容'), '3.补正后申请内容');
    assert.equal(normalizeText('12.没有现成信息'), '2.没有现成信息');
    assert.equal(normalizeText('8、属于行政查询事项'), '8.属于行政查询事项');
    assert.equal(normalizeText('本年增\\减'), '本年增/减');
  });
  it('treats ? used for a space as a space', () => {
    assert.equal(normalizeText('?一、总体情况'), ' 一、总体情况');
  });
});

describe('labels name rows by fragment, not by equality', () => {
  const t3 = formatCells('gov2021').t3Rows;
  const t3old = formatCells('gov2019').t3Rows;
  const cases: [string, string | null][] = [
    ['三本年度办理结果本年度办理结果（一）予以公开', 'granted'],
    ['（三）不予公开1.属于国家秘密', 'denied_state_secret'],
    ['2.其他法律法规禁止公开', 'denied_law'],
    ['3.补正后申请内容仍不明确', 'unable_unclear'],
    ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other_no_correction'],
    ['3.其他', 'other_misc'],
    ['（七）总计', 'results_total'],
    ['四,结转下年度继续办理', 'carried_out'],
    ['自然人法人或其他组织总计', null],
    ['商业企业', null],
  ];
  for (const [label, key] of cases) {
    it(label, () => assert.equal(matchLabel(label, t3)?.key ?? null, key));
  }
  it('（六）其他处理 is a row of its own only in the 2019 format', () => {
    assert.equal(matchLabel('（六）其他处理', t3old)?.key, 'other_handling');
    assert.equal(matchLabel('（六）其他处理', t3)?.key ?? null, null);
  });
});

describe('rows of cells', () => {
  const cells = (...texts: string[]): ValueCell[] => texts.map((t) => ({ token: classify(t) as ValueCell['token'], line: 1 }));
  it('a merged label cell and padding around the values are trimmed', () => {
    const { fitted, lost } = fitRow(cells('', '1', '0', '0', '0', '0', '0', '1', '', ''), 7);
    assert.equal(lost, 0);
    assert.deepEqual(fitted.map((c) => c?.token.text), ['1', '0', '0', '0', '0', '0', '1']);
  });
  it('a blank cell inside a row stays a blank cell', () => {
    const { fitted } = fitRow(cells('', '87580.00元'), 2);
    assert.equal(fitted[0]!.token.kind, 'blank');
  });
  it('merge padding the complete rows show is dropped from a row that lost a cell', () => {
    const { fitted, lost } = fitRow(cells('', '0', '16', '0', '0', '0', '0'), 7, { lead: 1 });
    assert.equal(lost, 1);
    assert.deepEqual(fitted.map((c) => c?.token.text ?? null), ['0', '16', '0', '0', '0', '0', null]);
  });
  it('a row that lost a cell fills from the left', () => {
    const { fitted, lost } = fitRow(cells('1', '2', '3'), 5);
    assert.equal(lost, 2);
    assert.deepEqual(fitted.map((c) => c?.token.text ?? null), ['1', '2', '3', null, null]);
  });
  it('free text splits the label from the numbers after it', () => {
    assert.deepEqual(splitCells('1. 属于国家秘密 0 0 1').cells, ['1. 属于国家秘密', '0', '0', '1']);
    assert.deepEqual(splitCells('行政许可 97').cells, ['行政许可', '97']);
    assert.deepEqual(splitCells('| a | 1 |  |').cells, [' a ', ' 1 ', '  ']);
  });
  it('a line becomes the same row by the one-step path (lineRow) as by its cells (toRow of splitCells)', () => {
    // the fast path the reader takes must say what the readable definition says, on every
    // line of every layout — and on lines bent as pastes bend them
    let n = 0;
    for (const layout of LAYOUTS) {
      for (const format of FORMAT_IDS) {
        for (const seed of [1, 2]) {
          const text = normalizeText(generateReport(seed, { layout, format, violations: ['t3-cell', 'blank'] }).text);
          for (const raw of text.split('\n')) {
            for (const l of [raw, ` ${raw}\t`, raw.replace(/ /g, '  '), `| ${raw.replace(/\t/g, ' | ')} |`]) {
              const t = l.trim();
              if (!t) continue;
              const { cells, delimited } = splitCells(l);
              assert.deepEqual(lineRow(l, t, 7), toRow(cells, 7, delimited), JSON.stringify(l));
              n++;
            }
          }
        }
      }
    }
    assert.ok(n > 10_000, `${n} lines`);
  });
});

describe('title, unit and year', () => {
  const title = (...lines: string[]) => {
    const c = lines.map(compact);
    return findTitle(lines, c, lines.length + 1);
  };
  it('unit before the year', () => assert.deepEqual(title('白鹭镇人民政府2023年政府信息公开工作年度报告').unit, '白鹭镇人民政府'));
  it('no year in the title', () => {
    const t = title('白鹭镇政府信息公开工作年度报告');
    assert.equal(t.unit, '白鹭镇');
    assert.equal(t.titleYear, null);
  });
  it('unit on the line above', () => {
    const t = title('云岭县白鹭镇', '2022 年政府信息公开工作年度报告');
    assert.equal(t.unit, '云岭县白鹭镇');
    assert.equal(t.titleYear, 2022);
  });
  it('unit and year on the line above the rest of the title', () => {
    const t = title('白鹭镇2021年', '政府信息公开工作年度报告');
    assert.equal(t.unit, '白鹭镇');
    assert.equal(t.titleYear, 2021);
  });
  it('a 标题: prefix of a saved page is not part of the unit', () => {
    assert.equal(title('标题: 云岭县白鹭镇2020年度政府信息公开工作年度报告').unit, '云岭县白鹭镇');
  });
  it('year first, 年度报告 on the next line', () => {
    const t = title('正文', '2024 年云岭县科技局政府信息公开工作', '年度报告');
    assert.equal(t.unit, '云岭县科技局');
    assert.equal(t.titleYear, 2024);
  });
});

describe('sections', () => {
  it('finds headings by keyword, whatever their number, and not 表三 rows', () => {
    const lines = ['一、总体情况', '一、本年新收政府信息公开申请数量', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、结转下年度继续办理', '四、政府信息公开行政复议、行政诉讼情况', '五、其他需要报告的事项'];
    const s = findSections(lines.map(compact));
    assert.deepEqual(s.map((x) => [x.n, x.line]), [[1, 1], [2, 3], [3, 4], [4, 6], [6, 7]]);
  });
  it('passing lines over uncompacted finds what compacting every line finds: every layout, spaces thrown in, headings glued to prose', () => {
    const rng = createRng(5);
    for (const format of FORMAT_IDS) {
      for (const layout of LAYOUTS) {
        for (let seed = 1; seed <= 4; seed++) {
          const lines = normalizeText(generateReport(seed, { format, layout, violations: [] }).text).split('\n');
          // spaces between characters (a line far longer than it compacts to), and a line glued to
          // the paragraph before it, as a converter that lost the break leaves a heading
          const spaced = (l: string) => l.replace(/(.)(?=.)/gu, (ch) => (rng.next() < 0.8 ? `${ch}   ` : ch));
          const bent: string[] = [];
          let prose = -1;
          for (const l of lines) {
            // glued to the last paragraph above it, blank lines between gone with the break
            if (prose >= 0 && l.trim() && rng.next() < 0.5) {
              bent[prose] += l;
              bent.push('');
            } else bent.push(l);
            if (/[。；！]$/.test(bent[bent.length - 1]!)) prose = bent.length - 1;
            else if (l.trim()) prose = -1;
          }
          bent.forEach((l, i) => (bent[i] = rng.next() < 0.5 ? spaced(l) : l));
          const compacts = bent.map(compact);
          const whole = { length: compacts.length, at: (i: number) => compacts[i] };
          const sections = findSections(whole);
          assert.deepEqual(findSections(whole, bent), sections, `${layout}/${format}/${seed}`);
          // and only the lines the search of the whole text finds holding a keyword's character
          assert.deepEqual(findSections(whole, bent, bent.join('\n')), sections, `${layout}/${format}/${seed}`);
          assert.deepEqual(findRegions(whole, sections, bent), findRegions(whole, sections), `${layout}/${format}/${seed}`);
          assert.deepEqual(findRegions(whole, sections, bent, bent.join('\n')), findRegions(whole, sections), `${layout}/${format}/${seed}`);
        }
      }
    }
  });
});

describe('numbers that belong to no row', () => {
  it('are reported line by line, and never read into a cell', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(11, { layout: 'word-tabs', format: 'gov2021', violations: [] });
    const lines = g.text.split('\n');
    const at = lines.findIndex((l) => /政府信息公开行政复议/.test(l));
    lines.splice(at, 0, '12 34', '56 78');
    const a = analyze(lines.join('\n'));
    assert.ok(a.ok);
    const strays = a.findings.filter((f) => f.rule === 'S2' && f.at === '');
    assert.deepEqual(strays.map((f) => f.lines[0]), [at + 1, at + 2]);
    for (const [id, v] of Object.entries(g.truth.values)) assert.equal(a.report.cells[id]!.value, v, id);
  });
});

describe('a page with no title', () => {
  it('takes the unit from the signature, else from the file name, and says where; S4 stays', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(12, { odd: 'no-title', format: 'gov2021', violations: [] });
    const a = analyze(g.text);
    assert.ok(a.ok);
    assert.equal(a.report.unit, g.truth.unit);
    assert.ok(a.findings.some((f) => f.id === 'S4' && f.severity === 'warning'));
    assert.match(a.findings.find((f) => f.id === 'S4@unit')!.message, /文末署名/);
    // without the signature: the file name, said so
    const lines = g.text.split('\n');
    const last = lines.map((l) => l.trim()).lastIndexOf(g.truth.unit);
    const b = analyze(lines.filter((_, i) => i !== last).join('\n'), `报告/${g.truth.unit}${g.truth.year}年政府信息公开工作年度报告.txt`);
    assert.ok(b.ok);
    assert.equal(b.report.unit, g.truth.unit);
    assert.match(b.findings.find((f) => f.id === 'S4@unit')!.message, /文件名/);
  });
});

describe('one cell a bare CR line', () => {
  it('keeps blank cells blank by the breaks between cells, never closes them up', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(5, { odd: 'bare-cr-blanks', format: 'gov2019', violations: [] });
    assert.ok(!g.text.includes('\n') && g.text.includes('\r'));
    const a = analyze(g.text);
    assert.ok(a.ok);
    for (const [id, v] of Object.entries(g.truth.values)) assert.equal(a.report.cells[id]!.value, v, id);
    const blanks = Object.entries(g.truth.values).filter(([, v]) => v === null).map(([id]) => `S3@${id}`);
    assert.ok(blanks.length > 20);
    for (const id of blanks) assert.ok(a.findings.some((f) => f.id === id), id);
  });
});

describe('a row one line out of step with its label (OCR lost or garbled a label line)', () => {
  // Flag, never shift. The OCR shapes met on a scan of a page without its styles: row k's
  // label stands alone, its numbers on row k+1's label line, row k+1's numbers on a line whose
  // label matches no row (E); or row k's label lost, its numbers alone under row k+1's label (H);
  // or as E with row k+1's own numbers lost (L).
  // Which numbers are whose is not known: no cell of 表三 may hold a value silently wrong.
  it('every pair of adjacent 表三 rows, both formats: each cell right, flagged, or empty and named', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    let shifted = 0;
    for (const format of ['gov2021', 'gov2019'] as const) {
      for (const seed of [1, 2, 3]) {
        const g = generateReport(seed, { layout: 'word-tabs', format, violations: [] });
        const clean = analyze(g.text);
        assert.ok(clean.ok);
        const rows = formatCells(format).t3Rows;
        const lines = g.text.split('\n');
        const lineOf = (k: number) => clean.report.cells[rows[k]!.cells.at(-1)!]!.source!.line - 1;
        for (let k = 0; k + 1 < rows.length; k++) {
          const [a0, a1] = [lineOf(k), lineOf(k + 1)];
          if (a1 !== a0 + 1) continue;
          const w = rows[k]!.cells.length;
          const split = (l: string) => {
            const c = l.replace(/\t+$/, '').split('\t');
            return [c.slice(0, c.length - w).join('\t'), c.slice(c.length - w).join('\t')] as const;
          };
          const [l0, n0] = split(lines[a0]!);
          const [l1, n1] = split(lines[a1]!);
          const shapes = { E: [l0, `${l1}\t${n0}`, `，\t${n1}`], H: [l1, `\t${n0}`, `一情形\t${n1}`], L: [l0, `${l1}\t${n0}`] };
          for (const [shape, repl] of Object.entries(shapes)) {
            const a = analyze([...lines.slice(0, a0), ...repl, ...lines.slice(a1 + 1)].join('\n'));
            assert.ok(a.ok);
            const named = new Set(a.findings.flatMap((f) => f.cells));
            for (const [id, v] of Object.entries(g.truth.values)) {
              if (!id.startsWith('t3.') || id in a.report.ambiguous) continue;
              const got = a.report.cells[id]?.value ?? null;
              assert.ok(got === v || (got === null && named.has(id)), `${format} seed ${seed} ${shape} ${rows[k]!.key}: ${id} read ${got}, truly ${v}`);
            }
            if (n0 !== n1) shifted++;
          }
        }
      }
    }
    assert.ok(shifted > 50, `rows whose numbers differ from the next row's: ${shifted}`);
  });

  it('the row read is flagged with both readings, its empty neighbour with the row’s', async () => {
    const { generateReport } = await import('../core/generate/index.ts');
    const { analyze } = await import('../core/analyze.ts');
    const g = generateReport(15002, { layout: 'word-tabs', format: 'gov2021', violations: [] });
    const lines = g.text.split('\n');
    const at = lines.findIndex((l) => l.includes('予以公开'));
    const nums = (l: string) => l.replace(/\t+$/, '').split('\t').slice(-7).join('\t');
    // as OCR read a scan of it: 予以公开's label alone, its numbers on 部分公开's first label line
    const ocr = ['度办理结予以公开', `果\t(二) 部分公开 〈 区分处理的只计这\t${nums(lines[at]!)}`, `，\t${nums(lines[at + 1]!)}`, '一情形，不计其他情形)'];
    const a = analyze([...lines.slice(0, at), ...ocr, ...lines.slice(at + 2)].join('\n'));
    assert.ok(a.ok);
    const v = g.truth.values;
    assert.ok(v['t3.granted.total'] !== v['t3.partly_granted.total'], 'the two rows differ');
    for (const col of ['natural_person', 'total']) {
      const [granted, partly] = [`t3.granted.${col}`, `t3.partly_granted.${col}`];
      assert.equal(a.report.cells[partly]?.value ?? null, null);
      assert.deepEqual(new Set(a.report.ambiguous[partly]!.candidates), new Set([v[granted], v[partly]]));
      assert.deepEqual(a.report.ambiguous[granted]!.candidates, [v[granted]]);
      assert.match(a.report.ambiguous[partly]!.reason, /“（二）部分公开”行的数字属于哪一行无法从原文确定.*“（一）予以公开”行/);
    }
  });
});
