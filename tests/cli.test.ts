/**
 * The command line on files in a temporary folder: JSON shape, exit codes, encodings, and bad
 * input that must end in a Chinese message (or a partial report), never a stack trace. Most
 * cases call main() in-process (what a spawn adds is node's start-up); each exit code (0, 1, 2),
 * standard input, misuse and --help are checked on the real command too, spawned as users run it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cellIds } from '../core/format/cells.ts';
import type { FormatId } from '../core/format/types.ts';
import type { ReportJson } from '../cli/output/check-json.ts';
import { paintFor } from '../cli/output/colour.ts';
import { encodeGb18030 } from './support/gb18030.ts';
import { inProcess, type Run } from './support/in-process.ts';
import { cleanReport, reportTexts } from './support/report-texts.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'cli', 'gouji.js');
/** spawned runs side by side, but no more than the cores */
const PARALLEL = Math.max(1, availableParallelism());


function gouji(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', ...opts.env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - t0 });
      },
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    else child.stdin!.end();
  });
}

const CHINESE = /[\u4e00-\u9fff]/;
const STACK = /^\s+at .+[:(]\d+:\d+\)?$|\b(?:TypeError|RangeError|SyntaxError|Error):|node:internal/m;

/** no stack trace; a hang shows as the spawn's timeout or the test's (speed is npm run bench's business) */
function noCrash(r: Run): void {
  assert.doesNotMatch(r.stderr, STACK, `stack trace on stderr:\n${r.stderr.slice(0, 2000)}`);
}

/** exit 2 with a Chinese reason on stderr that names the file */
function refusedWith(r: Run, file: string): void {
  noCrash(r);
  assert.equal(r.code, 2, `exit code, stderr: ${r.stderr}`);
  assert.match(r.stderr, CHINESE);
  assert.ok(r.stderr.includes(file), `the message names ${file}: ${r.stderr}`);
}

let dir: string;
let clean: string;
let broken: string;
let made = 0;
/** a new file for each call: tests run side by side and must not rewrite each other's input */
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, `${++made}-${name}`);
  writeFileSync(p, content);
  return p;
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gouji-cli-'));
  ({ clean, broken } = reportTexts());
});
after(() => rmSync(dir, { recursive: true, force: true }));

function parse(r: Run): ReportJson {
  return JSON.parse(r.stdout) as ReportJson;
}

/** everything but the file name, which differs between copies of one report */
function withoutSource(j: ReportJson): Omit<ReportJson, 'source'> {
  const { source, ...rest } = j;
  void source;
  return rest;
}

describe('gouji check --json', { concurrency: PARALLEL }, () => {
  it('one file gives one object with every cell id of its format', async () => {
    const r = await inProcess(['check', '--json', file('clean.txt', clean)]);
    noCrash(r);
    const j = parse(r);
    assert.deepEqual(Object.keys(j), ['source', 'unit', 'year', 'format', 'cells', 'findings', 'ambiguous']);
    assert.ok(j.source.endsWith('-clean.txt'));
    assert.ok(j.format === 'gov2019' || j.format === 'gov2021');
    assert.deepEqual(Object.keys(j.cells), cellIds(j.format as FormatId));
    for (const [id, v] of Object.entries(j.cells)) assert.ok(v === null || typeof v === 'number', `${id}: ${v}`);
    assert.equal(typeof j.unit, 'string');
    assert.equal(typeof j.year, 'number');
    assert.ok(Array.isArray(j.ambiguous));
    for (const id of j.ambiguous) assert.ok(id in j.cells);
  });

  it('findings carry id, rule, locus, severity, a Chinese message and their cells', async () => {
    const r = await inProcess(['check', '--json', file('broken.txt', broken)]);
    noCrash(r);
    assert.equal(r.code, 1);
    const j = parse(r);
    const errors = j.findings.filter((f) => f.severity === 'error');
    assert.ok(errors.length > 0);
    for (const f of j.findings) {
      assert.deepEqual(Object.keys(f), ['id', 'rule', 'at', 'severity', 'message', 'cells']);
      assert.equal(f.id, f.at ? `${f.rule}@${f.at}` : f.rule);
      assert.match(f.message, CHINESE);
      for (const c of f.cells) assert.ok(c in j.cells, `finding ${f.id} names unknown cell ${c}`);
    }
  });

  it('several files give an array in order; an unreadable one is {source, error}', async () => {
    const missing = join(dir, '不存在.txt');
    const r = await inProcess(['check', '--json', file('a.txt', clean), missing, file('b.txt', broken)]);
    noCrash(r);
    assert.equal(r.code, 2);
    const arr = JSON.parse(r.stdout) as unknown[];
    assert.equal(arr.length, 3);
    assert.ok((arr[0] as ReportJson).cells);
    assert.deepEqual(Object.keys(arr[1] as object), ['source', 'error']);
    const e = (arr[1] as { source: string; error: { code: string; message: string } });
    assert.equal(e.source, missing);
    assert.equal(e.error.code, 'not_found');
    assert.match(e.error.message, /找不到/);
    assert.ok((arr[2] as ReportJson).findings.some((f) => f.severity === 'error'));
  });
});

describe('exit codes: 2 beats 1 beats 0', { concurrency: PARALLEL }, () => {
  // the order between the codes is main()'s; the real command's own exit is seen for 1 here,
  // for 0 in 'reads standard input' and --help, for 2 in misuse
  const cases: [string, string[], number, 'spawned' | 'in-process'][] = [
    ['a report without errors', ['clean'], 0, 'in-process'],
    ['a report with an error', ['broken'], 1, 'spawned'],
    ['both', ['clean', 'broken'], 1, 'in-process'],
    ['a clean report and a missing file', ['clean', 'missing'], 2, 'in-process'],
    ['a missing file and a report with an error', ['missing', 'broken'], 2, 'in-process'],
  ];
  for (const [what, files, code, how] of cases) {
    it(`${what} → ${code} (${how})`, async () => {
      const paths = files.map((f) => (f === 'missing' ? join(dir, 'missing.txt') : file(`${f}.txt`, f === 'clean' ? clean : broken)));
      const r = await (how === 'spawned' ? gouji : inProcess)(['check', ...paths]);
      noCrash(r);
      assert.equal(r.code, code, `${paths.join(' ')}\n${r.stderr}`);
    });
  }
});

describe('human output', { concurrency: PARALLEL }, () => {
  it('names unit, year, format, groups findings by severity and quotes their source lines', async () => {
    const path = file('broken.txt', broken);
    const [text, json] = await Promise.all([inProcess(['check', path]), inProcess(['check', '--json', path])]);
    noCrash(text);
    const j = parse(json);
    const out = text.stdout;
    assert.ok(out.includes(`单位：${j.unit}`), out.slice(0, 300));
    assert.ok(out.includes(`年度：${j.year}`));
    assert.ok(out.includes(j.format === 'gov2019' ? '格式：2019 年版' : '格式：2021 年版'));
    assert.match(out, /错误（\d+ 项）/);
    const first = j.findings.find((f) => f.severity === 'error')!;
    // each finding is its rule (R3.2), then its message: the finding id (R3.2@total) is an internal key, never shown
    assert.ok(out.includes(`${first.rule}  ${first.message}`), out);
    assert.doesNotMatch(out, /\b[RSNCY]\d(\.\d+)?@/);
    // the quoted lines are the report's own lines, with their numbers
    const lines = broken.replace(/\r\n?/g, '\n').split('\n');
    const quoted = [...out.matchAll(/第 (\d+) 行：(.*)$/gm)];
    assert.ok(quoted.length > 0);
    for (const [, n, t] of quoted) assert.ok(lines[Number(n) - 1]!.replace(/\t+/g, '  ').includes(t!.replace(/……$/, '').trim()), `line ${n}: ${t}`);
    assert.match(out, /小结：.*错误 [1-9]\d* 项/);
    assert.doesNotMatch(out, /\x1b\[/, 'no colour when stdout is a pipe');
  });

  it('colour only on a terminal, and never with NO_COLOR', () => {
    assert.notEqual(paintFor({ isTTY: true }, {}).red('x'), 'x');
    assert.equal(paintFor({ isTTY: true }, { NO_COLOR: '1' }).red('x'), 'x');
    assert.equal(paintFor({ isTTY: false }, {}).red('x'), 'x');
  });

  it('reads standard input for -', async () => {
    const r = await gouji(['check', '--json', '-'], { input: clean });
    noCrash(r);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parse(r).source, '-');
  });
});

describe('files saved by Windows tools read the same', { concurrency: PARALLEL }, () => {
  const utf16le = (s: string) => {
    const b = new Uint8Array(2 + s.length * 2);
    b[0] = 0xff;
    b[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      b[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      b[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    return b;
  };
  const layouts = [
    ['word-tabs', 'gov2021'],
    ['word-cells', 'gov2019'],
    ['pdf-text', 'gov2021'],
  ] as const;
  for (const [layout, format] of layouts) {
    it(`${layout} ${format}: UTF-8, UTF-8 with BOM, UTF-16 LE with BOM, GB18030, CRLF give identical JSON`, async () => {
      const text = cleanReport(layout, format);
      const crlf = text.replace(/\r?\n/g, '\r\n');
      const variants: [string, string | Uint8Array][] = [
        ['utf8.txt', text],
        ['bom.txt', '\ufeff' + text],
        ['utf16le.txt', utf16le(crlf)],
        ['gb18030.txt', encodeGb18030(text)],
        ['gb18030-crlf.txt', encodeGb18030(crlf)],
      ];
      const r = await inProcess(['check', '--json', ...variants.map(([n, c]) => file(n, c))]);
      noCrash(r);
      assert.equal(r.code, 0, r.stderr);
      const [base, ...rest] = (JSON.parse(r.stdout) as ReportJson[]).map(withoutSource);
      assert.ok(Object.values(base!.cells).some((v) => v !== null && v > 0), 'the report has numbers');
      rest.forEach((j, i) => assert.deepEqual(j, base, variants[i + 1]![0]));
    });
  }
});

describe('bad input: a Chinese reason and exit 2, or a partial report; never a stack trace', { concurrency: PARALLEL }, () => {
  const EMPTY = '文件是空的，没有可读的内容。';
  const NO_TABLES = '没有找到年报的统计表（表二“主动公开政府信息情况”、表三“收到和处理政府信息公开申请情况”）：请确认粘贴的是政府信息公开工作年度报告的全文。';
  const refusals: [string, () => string | Uint8Array, string, string][] = [
    ['an empty file', () => '', 'empty', EMPTY],
    ['a file of blank lines', () => '\n \n\t\n', 'empty', EMPTY],
    ['prose with no tables', () => '今年我们认真贯彻落实《中华人民共和国政府信息公开条例》，不断提高公开质量。\n'.repeat(50), 'no_tables', NO_TABLES],
    [
      'a binary file',
      () => new Uint8Array(30_000).map((_, i) => (i * 7919) % 256),
      'binary',
      '这不是文本文件（含有大量控制字符），无法读取。如果这是 Word 或 PDF 文件，请在 Word 或阅读器中打开它，全选复制正文，另存为 .txt 文本文件后再检查。',
    ],
    [
      'a damaged .docx',
      () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), ...new TextEncoder().encode('word/document.xml')]),
      'docx_damaged',
      '这个 Word 文档（.docx）已损坏或不完整，无法打开。请用 Word 或 WPS 打开它，“另存为” .docx 后再检查；也可以全选复制正文，保存为 .txt 文本文件。',
    ],
    [
      'a damaged .pdf',
      () => new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\n'),
      'pdf_damaged',
      '这个 PDF 文件已损坏或不完整，无法打开。请重新下载或另存一份 PDF，或在阅读器中全选复制正文，保存为 .txt 文本文件后再检查。',
    ],
    ['a line of a million digits alone', () => '1'.repeat(1_000_000), 'no_tables', NO_TABLES],
    ['a line of 200,000 brackets alone', () => '('.repeat(200_000), 'no_tables', NO_TABLES],
  ];
  for (const [what, content, code, reason] of refusals) {
    it(what, async () => {
      const path = file(`bad-${what.replace(/\W+/g, '_')}.txt`, content());
      // with --json the reason is in the JSON and, for people, on stderr too
      const r = await inProcess(['check', '--json', path]);
      noCrash(r);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `无法读取：“${path}”：${reason}\n`);
      assert.deepEqual(JSON.parse(r.stdout), { source: path, error: { code, message: `“${path}”：${reason}` } });
    });
  }

  it('a folder, a missing file, a file over 20 MB', async () => {
    const big = file('huge.txt', Buffer.alloc(21 * 1024 * 1024, 0x31));
    const nope = join(dir, 'nope.txt');
    const cases: [string, string][] = [
      [dir, `“${dir}”是一个文件夹，不是文件。请指定其中的年报文本文件。`],
      [nope, `找不到文件“${nope}”，请检查路径和文件名。`],
      [big, `文件“${big}”有 21.0 MB，超过 20.0 MB 的上限：一份年度报告的文本通常只有几十 KB，请确认选对了文件。`],
    ];
    for (const [path, message] of cases) {
      const r = await inProcess(['check', path]);
      refusedWith(r, path);
      assert.equal(r.stderr, `无法读取：${message}\n`);
    }
  });

  /** a report with something inserted into (or cut from) its tables still reads */
  async function partial(name: string, content: string | Uint8Array): Promise<ReportJson> {
    const r = await inProcess(['check', '--json', file(name, content)]);
    noCrash(r);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    return parse(r);
  }

  /** the text with `insert` as a line of its own in the middle of 表三 */
  const insideT3 = (insert: string) => {
    const lines = clean.split('\n');
    const at = lines.findIndex((l) => /本年新收|上年结转/.test(l.replace(/\s/g, '')));
    assert.ok(at > 0, 'the report has a 表三');
    return [...lines.slice(0, at), insert, ...lines.slice(at)].join('\n');
  };

  it('a line of a million digits inside 表三', async () => {
    await partial('digits.txt', insideT3('1'.repeat(1_000_000)));
  });

  it('a line of 200,000 brackets inside 表三', async () => {
    await partial('brackets.txt', insideT3('('.repeat(200_000)));
  });

  it('a NUL byte inside a report changes none of its numbers', async () => {
    const lines = clean.split('\n');
    const prose = lines.findIndex((l, i) => i > 2 && l.length > 20 && !/\d/.test(l));
    lines[prose] = lines[prose]!.slice(0, 10) + '\u0000' + lines[prose]!.slice(10);
    const [j, base] = await Promise.all([partial('nul.txt', lines.join('\n')), partial('clean-nul-base.txt', clean)]);
    assert.deepEqual(j.cells, base.cells);
  });

  it('a report cut off in the middle of 表三 (and of a character) reads with the rows it has', async () => {
    const lines = clean.split('\n');
    const at = lines.findIndex((l) => /予以公开/.test(l.replace(/\s/g, '')) && /\d/.test(l));
    const cutAt = lines.slice(0, at + 1).join('\n').length;
    const bytes = new TextEncoder().encode(clean.slice(0, cutAt + 1) + '信');
    const j = await partial('cut.txt', bytes.subarray(0, bytes.length - 1));
    assert.ok(j.findings.some((f) => f.rule === 'S2'), 'the missing rows are reported');
    assert.ok(Object.values(j.cells).some((v) => v !== null), 'the rows before the cut are read');
  });

  it('a 10 MB text of one report repeated reads as the report its first 表 give', async () => {
    const copies = Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(clean));
    const [r, one] = await Promise.all([inProcess(['check', '--json', file('ten-mb.txt', (clean + '\n').repeat(copies))]), inProcess(['check', '--json', file('once.txt', clean)])]);
    noCrash(r);
    assert.equal(r.code, one.code, r.stderr);
    assert.deepEqual(parse(r).cells, parse(one).cells);
  });

  it('19 MB of prose with no table in it is said to be no report (exit 2)', async () => {
    const prose = '今年我们认真贯彻落实《中华人民共和国政府信息公开条例》，不断提高公开质量。\n';
    const path = file('prose.txt', prose.repeat(Math.floor((19 * 1024 * 1024) / Buffer.byteLength(prose))));
    const r = await inProcess(['check', path]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `无法读取：“${path}”：没有找到年报的统计表（表二“主动公开政府信息情况”、表三“收到和处理政府信息公开申请情况”）：请确认粘贴的是政府信息公开工作年度报告的全文。\n`,
    );
  });
});

describe('misuse: exit 2 with a Chinese message', { concurrency: PARALLEL }, () => {
  // one spawned, as a user mistypes it; the rest are main()'s argument checks
  const cases: [string, string[], RegExp, 'spawned' | 'in-process'][] = [
    ['no command', [], /缺少命令/, 'in-process'],
    ['an unknown command', ['chekc', 'a.txt'], /未知命令：chekc/, 'in-process'],
    ['check with no files', ['check'], /请指定/, 'in-process'],
    ['an unknown option', ['check', '--jsn', 'a.txt'], /未知选项：--jsn/, 'spawned'],
    ['a value for a switch', ['check', '--json=yes', 'a.txt'], /--json/, 'in-process'],
  ];
  for (const [what, args, message, how] of cases) {
    it(`${what} (${how})`, async () => {
      const r = await (how === 'spawned' ? gouji : inProcess)(args);
      noCrash(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  it('--help is Chinese usage on stdout, exit 0', async () => {
    for (const [args, how] of [[['--help'], gouji], [['check', '--help'], inProcess], [['help', 'check'], inProcess]] as const) {
      const r = await how([...args]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /用法：gouji/);
    }
  });
});
