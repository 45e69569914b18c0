/**
 * The add-in manifest: valid against Microsoft's schemas, offline (xmllint and the XSDs in
 * ../shared/office-schemas), and saying what the issue asks: a task pane for Excel workbooks
 * that may write to them, opened by a button on the Home tab, named in Chinese, with icons
 * that exist. Skips without xmllint locally; in CI (CI=true) it must run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SCHEMA = resolve(ROOT, '../shared/office-schemas/OfficeAppManifestV1_1.xsd');
const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

function xmllint(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'xmllint'))) return join(dir, 'xmllint');
  return null;
}

const skip = xmllint() && existsSync(SCHEMA) ? false : process.env.CI === 'true' ? false : '没有 xmllint 或 ../shared/office-schemas：跳过清单校验。安装：apt-get install libxml2-utils';

describe('manifest.xml', () => {
  it('validates against the Office add-in manifest schemas', { skip }, () => {
    const lint = xmllint();
    assert.ok(lint, 'CI 中必须有 xmllint（libxml2-utils）');
    // throws, with xmllint's message, when invalid
    const out = execFileSync(lint, ['--noout', '--schema', SCHEMA, join(ROOT, 'manifest.xml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(out, '');
  });

  it('is an Excel task pane that may write the workbook, opened from the Home tab, named in Chinese', () => {
    assert.match(manifest, /xsi:type="TaskPaneApp"/);
    assert.match(manifest, /<Host Name="Workbook"\/>/);
    assert.match(manifest, /<Permissions>ReadWriteDocument<\/Permissions>/);
    assert.match(manifest, /<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
    assert.match(manifest, /<DisplayName DefaultValue="[^"]*[\u4e00-\u9fff][^"]*"\/>/);
    assert.match(manifest, /<Description DefaultValue="[^"]*[\u4e00-\u9fff][^"]*"\/>/);
  });

  it('names icons that exist, at the development URL the build replaces', () => {
    const icons = [...manifest.matchAll(/https:\/\/localhost:3000\/(assets\/icon-\d+\.png)/g)].map((m) => m[1]!);
    assert.deepEqual([...new Set(icons)].sort(), ['assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']);
    for (const icon of icons) {
      const png = readFileSync(join(ROOT, icon));
      assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
      const size = Number(/icon-(\d+)/.exec(icon)![1]);
      assert.equal(png.readUInt32BE(16), size, `${icon} width`);
      assert.equal(png.readUInt32BE(20), size, `${icon} height`);
    }
    const urls = [...manifest.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]!);
    // the pane, its icons and its help page, all on the development server
    assert.deepEqual([...new Set(urls)].sort(), [
      'https://localhost:3000/assets/icon-16.png',
      'https://localhost:3000/assets/icon-32.png',
      'https://localhost:3000/assets/icon-64.png',
      'https://localhost:3000/assets/icon-80.png',
      'https://localhost:3000/taskpane.html',
    ]);
  });
});
