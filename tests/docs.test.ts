/**
 * A copy that stands alone: the generated reference and JSON Schema are current, real
 * `gouji check --json` output validates against the shipped schema, and the README and docs
 * link only to files inside the project.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkOutputSchema, vocabularyMarkdown } from '../scripts/docs/vocabulary.ts';
import { RULE_CATALOGUE } from '../core/rules/catalogue.ts';
import { ruleInstances } from '../core/rules/definitions.ts';
import { cellIds } from '../core/format/cells.ts';
import { inProcess } from './support/in-process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');

describe('the generated reference', () => {
  it('docs/cells-and-rules.md and docs/check-output.schema.json are what `npm run docs` writes now', () => {
    assert.equal(read('docs/cells-and-rules.md'), vocabularyMarkdown(), 'docs/cells-and-rules.md 已过期：运行 npm run docs');
    assert.equal(read('docs/check-output.schema.json'), checkOutputSchema(), 'docs/check-output.schema.json 已过期：运行 npm run docs');
  });

  it('names every cell id of both formats and every rule id that a check can produce', () => {
    const doc = read('docs/cells-and-rules.md');
    for (const f of ['gov2019', 'gov2021'] as const) {
      const ids = cellIds(f);
      assert.ok(ids.length >= 198);
      for (const id of ids) {
        // t3 and t4 cells are documented by their row and column keys
        const parts = id.split('.');
        const named = id.startsWith('t2.') ? doc.includes('`' + id + '`') : parts.slice(1).every((k) => doc.includes('`' + k + '`'));
        assert.ok(named, `参考文档没有 ${id}`);
      }
      const rules = new Set(ruleInstances(f).map((r) => r.rule));
      assert.ok(rules.size >= 10);
      for (const rule of rules) assert.ok(RULE_CATALOGUE.some((e) => e.id === rule), `规则表没有 ${rule}`);
    }
    for (const e of RULE_CATALOGUE) assert.match(doc, new RegExp(`\\| ${e.id.replace('.', '\\.')} \\|`));
  });
});

describe('gouji check --json against the shipped schema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(read('docs/check-output.schema.json')));
  const samples = readdirSync(resolve(ROOT, 'samples')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'samples', f));

  // gouji in this process (a spawn adds only node's start-up; cli.test.ts spawns the real command)
  it('validates the output of every sample, and of a file that cannot be read', async () => {
    assert.equal(samples.length, 12);
    const bad = join(mkdtempSync(join(tmpdir(), 'gouji-docs-')), '空.txt');
    execFileSync('bash', ['-c', `: > '${bad}'`]);
    const run = await inProcess(['check', '--json', ...samples, bad]);
    assert.equal(run.code, 2, run.stderr);
    const out = JSON.parse(run.stdout) as unknown[];
    assert.equal(out.length, 13);
    assert.ok(validate(out), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok('error' in (out[12] as object));
    // one sample alone is an object, and the schema takes it too
    const one = JSON.parse((await inProcess(['check', '--json', samples[0]!])).stdout);
    assert.ok(validate(one));
  });

  it('fails an output with a misspelt field, so the check can fail', () => {
    const wrong = { source: 'x', unit: null, year: 2024, format: 'gov2021', cells: {}, findings: [{ id: 'R3.1@total', rule: 'R3.1', at: 'total', severity: 'fatal', message: '', cells: [] }], ambiguous: [] };
    assert.equal(validate(wrong), false);
  });
});

describe('a copy with nothing beside it', () => {
  it('README and docs link only to files in the project, and never to ../shared', () => {
    for (const file of ['README.md', ...readdirSync(resolve(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]) {
      const text = read(file);
      assert.doesNotMatch(text, /\.\.\/shared/, `${file} 提到 ../shared`);
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^https?:/.test(target)) continue;
        assert.ok(existsSync(resolve(ROOT, dirname(file), target)), `${file} 的链接 ${target} 指向不存在的文件`);
      }
    }
  });

  it('`npm run validate` says in one sentence what it checked and what it skipped when the schemas are not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gouji-alone-'));
    try {
      cpSync(resolve(ROOT, 'scripts/validate-manifest.sh'), join(dir, 'scripts/validate-manifest.sh'));
      cpSync(resolve(ROOT, 'manifest.xml'), join(dir, 'manifest.xml'));
      const run = spawnSync('bash', ['scripts/validate-manifest.sh'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOUJI_OFFICE_SCHEMAS: '' } });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /格式正确的 XML；未按架构校验：没有找到 OfficeAppManifestV1_1\.xsd/);
      assert.match(run.stdout, /schemas\/office\//);
      assert.doesNotMatch(run.stdout + run.stderr, /No such file|failed to load/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
