#!/usr/bin/env node
// The bin shim: runs the TypeScript command line through tsx, so `npx gouji` works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
