// One `gouji consolidate` in a process of its own, for the benchmark, as users run it: cli/gouji.js,
// from its bundle when that is built and fresh, else through tsx. Then, as the last line of
// stdout (JSON): the exit code, this process's peak resident memory, and whether the bundle ran.
import { bundledEntry } from '../cli/bundled.js';

const bundled = bundledEntry() !== null;
process.on('exit', (code) => process.stdout.write(`\n${JSON.stringify({ code, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), bundled })}\n`));
process.argv.splice(2, 0, 'consolidate');
await import('../cli/gouji.js');
