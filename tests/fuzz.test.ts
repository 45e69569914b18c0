/**
 * Every input the fuzzer (npm run fuzz) once found to crash or hang a reader, read again: it
 * must now be read or refused, never throw. The fixtures are the fuzzer's own outputs.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { replay } from '../scripts/fuzz/targets.ts';

const DIR = new URL('./fixtures/fuzz/', import.meta.url);
const files = readdirSync(DIR).filter((f) => /\.(txt|html|docx|pdf)$/.test(f));

describe('fuzz fixtures read without a crash', () => {
  it('there are fixtures to replay', () => assert.ok(files.length > 0));
  for (const f of files) {
    it(f, { timeout: 20_000 }, async () => {
      await replay(f.split('.').pop()!, new Uint8Array(readFileSync(new URL(f, DIR))));
    });
  }
});
