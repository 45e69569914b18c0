/** `npm run docs`: rewrite docs/cells-and-rules.md and docs/check-output.schema.json from their definitions. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOutputSchema, vocabularyMarkdown } from './docs/vocabulary.ts';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../docs');
mkdirSync(DOCS, { recursive: true });
writeFileSync(resolve(DOCS, 'cells-and-rules.md'), vocabularyMarkdown());
writeFileSync(resolve(DOCS, 'check-output.schema.json'), checkOutputSchema());
console.log('已写出 docs/cells-and-rules.md 与 docs/check-output.schema.json');
