/** ANSI colour for the terminal only: never in a pipe or a file, never when NO_COLOR is set. */

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

const COLOUR: Paint = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  green: wrap(32, 39),
  bold: wrap(1, 22),
  dim: wrap(2, 22),
};

const id = (s: string) => s;
const PLAIN: Paint = { red: id, yellow: id, cyan: id, green: id, bold: id, dim: id };

/** https://no-color.org: NO_COLOR set to anything but '' turns colour off */
export function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  return stream.isTTY && !env.NO_COLOR ? COLOUR : PLAIN;
}
