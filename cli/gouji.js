#!/usr/bin/env node
// The bin shim. `npm run build` leaves the command line bundled in dist-cli/ (scripts/build-cli.ts):
// it starts from there while the bundle is newer than every source it was made of (./bundled.js);
// otherwise — right after `npm ci`, or after an edit — it runs the TypeScript through tsx, with no build step.
import { bundledEntry } from './bundled.js';

const entry = bundledEntry();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
