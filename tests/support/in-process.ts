/**
 * `gouji …` run in the test's own process: main() with process.stdout and process.stderr
 * swapped for streams that keep what is written (the test runner holds its own reference to
 * the real ones). One call at a time, since the swap is global (and so is the working
 * folder, for a call given `cwd`: file names given relative to it, as a user types them in a
 * shell there). A spawned process adds only node's start-up; tests of exit codes, standard
 * input and signals still spawn one.
 */
import { Writable } from 'node:stream';
import { main } from '../../cli/main.ts';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

let queue: Promise<unknown> = Promise.resolve();

export function inProcess(args: string[], opts: { cwd?: string } = {}): Promise<Run> {
  const run = async (): Promise<Run> => {
    const t0 = performance.now();
    const home = process.cwd();
    if (opts.cwd) process.chdir(opts.cwd);
    const out = capture();
    const err = capture();
    const real = { stdout: Object.getOwnPropertyDescriptor(process, 'stdout')!, stderr: Object.getOwnPropertyDescriptor(process, 'stderr')! };
    Object.defineProperty(process, 'stdout', { configurable: true, get: () => out.stream });
    Object.defineProperty(process, 'stderr', { configurable: true, get: () => err.stream });
    try {
      const code = await main(args);
      return { code, stdout: out.text(), stderr: err.text(), ms: performance.now() - t0 };
    } finally {
      Object.defineProperty(process, 'stdout', real.stdout);
      Object.defineProperty(process, 'stderr', real.stderr);
      process.chdir(home);
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
