/**
 * A generated report as a web page shows it, or as the clipboard holds it when someone copies
 * it from the page: paragraphs as <p>, the tables with rowspan/colspan as the template draws
 * them, entities for spaces and quotes, the markup noise of the editors sites use.
 */
import type { Rng } from './random.ts';
import type { Writer } from './render.ts';
import { placeCells } from './merges.ts';
import type { TCell, TTable } from './tablemodel.ts';

const NAMED: Record<string, string> = { '“': '&ldquo;', '”': '&rdquo;', '—': '&mdash;', '·': '&middot;', '\u3000': '&#12288;' };

/** escape markup, and write some characters as entities the way editors do */
function esc(rng: Rng, s: string): string {
  const named = rng.chance(0.5);
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[“”—·\u3000]/g, (c) => (named ? NAMED[c]! : c));
}

/** a run of text as an editor wraps it: sometimes in spans, sometimes split in two */
function runs(rng: Rng, s: string): string {
  if (s.length > 6 && rng.chance(0.3)) {
    const at = rng.int(1, s.length - 1);
    if (!/\d/.test(s[at - 1]! + s[at]!)) return `<span>${esc(rng, s.slice(0, at))}</span><span style="font-family:仿宋_GB2312">${esc(rng, s.slice(at))}</span>`;
  }
  return rng.chance(0.5) ? `<span style="font-size:16pt">${esc(rng, s)}</span>` : esc(rng, s);
}

function cellHtml(rng: Rng, c: TCell): string {
  if (c.value && c.text === '') return rng.pick(['', '&nbsp;', ' ', '<p>&nbsp;</p>']);
  // a long header wraps in its cell: editors keep the break as <br>
  const text =
    !c.value && c.text.length >= 6 && c.text.length <= 12 && rng.chance(0.2)
      ? `${esc(rng, c.text.slice(0, 3))}<br/>${esc(rng, c.text.slice(3))}`
      : runs(rng, c.text);
  return rng.chance(0.5) ? `<p style="text-align:center">${text}</p>` : text;
}

function table(rng: Rng, t: TTable): string[] {
  const out = [rng.pick(['<table border="1" cellspacing="0" cellpadding="0" width="600">', '<table style="border-collapse:collapse">'])];
  if (rng.chance(0.5)) out.push('<tbody>');
  for (const row of placeCells(t)) {
    const cells = row
      .filter((p) => !p.cell.cont)
      .map((p) => {
        const attrs = (p.cell.span > 1 ? ` colspan="${p.cell.span}"` : '') + (p.rows > 1 ? ` rowspan="${p.rows}"` : '');
        const tag = rng.chance(0.05) ? 'th' : 'td';
        return `<${tag}${attrs} valign="center">${cellHtml(rng, p.cell)}</${tag}>`;
      });
    // some editors write a row on one line, others a cell a line
    out.push(rng.chance(0.5) ? `<tr>${cells.join('')}</tr>` : ['<tr>', ...cells.map((c) => `  ${c}`), '</tr>'].join('\n'));
  }
  if (out[1] === '<tbody>') out.push('</tbody>');
  out.push('</table>');
  return out;
}

export function htmlWriter(rng: Rng): Writer {
  const indent = () => rng.pick(['', '&nbsp;&nbsp;&nbsp;&nbsp;', '&#12288;&#12288;', '\u3000\u3000']);
  return {
    title: (lines) => lines.map((l) => `<p style="text-align:center"><strong>${runs(rng, l)}</strong></p>`),
    heading: (t, level) =>
      rng.chance(0.3) ? [`<h${level + 1}>${esc(rng, t)}</h${level + 1}>`] : [`<p style="text-indent:2em">${indent()}<strong>${runs(rng, t)}</strong></p>`],
    para: (t) => [`<p style="text-indent:2em">${indent()}${runs(rng, t)}</p>`, ...(rng.chance(0.1) ? ['<p>&nbsp;</p>'] : [])],
    table: (t) => table(rng, t),
  };
}

/** the body as a saved page (head, styles, scripts) or as a clipboard fragment */
export function htmlDocument(body: string, rng: Rng, title: string): string {
  const wrapped = rng.chance(0.5) ? `<div class="TRS_Editor">\n${body}\n</div>` : body;
  if (rng.chance(0.3)) return `<!--StartFragment-->${wrapped}<!--EndFragment-->`;
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    rng.pick(['<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">']),
    `<title>${esc(rng, title)}-政府信息公开</title>`,
    '<style>p { margin: 0 } td { border: 1px solid #000 }</style>',
    '<script>var nav = "<p>首页</p>"; if (1 < 2) { document.title = nav; }</script>',
    '</head>',
    '<body>',
    '<div class="nav" style="display:none">首页 &gt; 政府信息公开 &gt; 年度报告</div>',
    wrapped,
    '</body>',
    '</html>',
  ].join('\n');
}
