/**
 * `npm test`: every tests/*.test.ts through node's test runner, three files at a time, the
 * longest first. (node --test sorts the files by name, so the longest ones, started last,
 * ran on alone at the end.) Arguments, if any, are the test files to run instead.
 *
 *   npm test                          all of them
 *   npm test -- tests/ooxml.test.ts   one file, the same way
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const TESTS = join(ROOT, 'tests');

/** files side by side: two cores, and most files wait on LibreOffice, Chromium, java or a child process */
const CONCURRENCY = 3;

/**
 * The longest files (a serial run on the 2-core test machine), started first. Only the
 * order: a file not named here runs after these, by name.
 */
const LONGEST = [
  'recalc', 'cli-safety', 'desk-ocr', 'ocr', 'consolidate-recalc', 'pdftotext', 'round', 'desk', 'paint', 'readback-stream',
  'addin-pane-round', 'addin-office', 'addin-pane-excel', 'desk-round', 'years', 'ooxml', 'real-files', 'cli', 'print', 'pdf-tables',
];

const all = readdirSync(TESTS).filter((f) => f.endsWith('.test.ts')).sort();
const rank = (f: string) => {
  const i = LONGEST.indexOf(f.replace(/\.test\.ts$/, ''));
  return i < 0 ? LONGEST.length : i;
};
const asked = process.argv.slice(2);
const files = asked.length ? asked.map((f) => resolve(f)) : all.sort((a, b) => rank(a) - rank(b)).map((f) => join(TESTS, f));

// the children inherit this process's --import tsx
const stream = run({ files, concurrency: CONCURRENCY });
stream.on('test:fail', (t) => {
  if (t.todo === undefined) process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
