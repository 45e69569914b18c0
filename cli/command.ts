/** What a subcommand of `gouji` is, and the exit codes all of them share. */

/** Exit codes: 0 all well, 1 a report has an error-level finding, 2 misuse or unreadable input. */
export const EXIT = { ok: 0, findings: 1, trouble: 2 } as const;

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
}

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * A module under cli/commands/. `run` gets arguments already checked against `options`
 * (an unknown option never reaches it) and returns the exit code.
 */
export interface CommandModule {
  /** the text of `gouji <name> --help` */
  usage?: string;
  /** options besides --help, in util.parseArgs form */
  options?: Record<string, OptionSpec>;
  run(args: CommandArgs): Promise<number>;
}

/** Misuse of the command line: main prints the message and a hint, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
