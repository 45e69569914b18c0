/**
 * The command line from its bundle (dist-cli/, `npm run build`): cli/gouji.js starts from it
 * while it is newer than every source, through tsx otherwise — never a bundle older than an
 * edit. In a copy of the checkout's cli/ and core/: the same output either way; a change made
 * to the bundle alone shows while the bundle is fresh (so the bundle is what ran), and no longer
 * once a source is newer, or once a source file is removed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateReport } from '../core/generate/index.ts';
import { buildCli } from '../scripts/build-cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HELP_TITLE = 'gouji —— 政府信息公开工作年度报告：读取、勾稽校验';

describe('the command line from its bundle', () => {
  const tree = mkdtempSync(join(tmpdir(), 'gouji-cli-bundle-'));
  const report = join(tree, '报告.txt');
  const gouji = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number; stdout: string }>((done) =>
      execFile(process.execPath, [join(tree, 'cli', 'gouji.js'), ...args], { cwd: tree, env: { ...process.env, NO_COLOR: '1', ...env } }, (err, stdout) =>
        done({ code: err ? Number((err as { code?: number }).code) : 0, stdout }),
      ),
    );
  /** the bundle's file holding the help's title, and the same text with the title changed, its time kept */
  const markBundle = () => {
    const dir = join(tree, 'dist-cli');
    const file = readdirSync(dir).map((f) => join(dir, f)).find((f) => readFileSync(f, 'utf8').includes(HELP_TITLE));
    assert.ok(file, 'the help is in the bundle');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(HELP_TITLE, '来自打包的命令行'));
    utimesSync(file, atime, mtime);
  };

  before(() => {
    for (const p of ['cli', 'core', 'tsconfig.json', 'package.json', 'package-lock.json']) cpSync(join(ROOT, p), join(tree, p), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    writeFileSync(report, generateReport(31, { format: 'gov2021', layout: 'pipe', violations: ['t3-cell'] }).text);
  });
  after(() => rmSync(tree, { recursive: true, force: true }));

  it('without a build: through tsx; built: the same output, from the bundle', async () => {
    const viaTsx = await gouji(['check', '--json', report]);
    assert.equal(viaTsx.code, 1);
    await buildCli(tree);
    const viaBundle = await gouji(['check', '--json', report]);
    assert.deepEqual(viaBundle, viaTsx);
  });

  it('a change to the bundle alone shows while it is fresh; a newer source, or a source removed, sends gouji back to tsx', async () => {
    await buildCli(tree);
    markBundle();
    assert.match((await gouji(['--help'])).stdout, /^来自打包的命令行/);
    assert.match((await gouji(['--help'], { GOUJI_TSX: '1' })).stdout, new RegExp(`^${HELP_TITLE}`));
    // a source saved after the build
    const later = new Date(Date.now() + 2000);
    utimesSync(join(tree, 'core', 'report.ts'), later, later);
    assert.match((await gouji(['--help'])).stdout, new RegExp(`^${HELP_TITLE}`));
    // that source back to its old time: the bundle is fresh again (no build needed); then a source file removed (its folder's time changes)
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(tree, 'core', 'report.ts'), earlier, earlier);
    assert.match((await gouji(['--help'])).stdout, /^来自打包的命令行/);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(tree, 'core', 'unused.ts'), 'export {};\n');
    rmSync(join(tree, 'core', 'unused.ts'));
    assert.match((await gouji(['--help'])).stdout, new RegExp(`^${HELP_TITLE}`));
  });
});
