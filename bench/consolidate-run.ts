/**
 * One `gouji consolidate` run in a process of its own, for the benchmark: the CLI's main as
 * users run it, then this process's peak resident memory as the last line of stdout (JSON).
 */
import { main } from '../cli/main.ts';

const code = await main(['consolidate', ...process.argv.slice(2)]);
process.stdout.write(`\n${JSON.stringify({ code, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
