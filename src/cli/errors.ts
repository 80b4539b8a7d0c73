/**
 * What the CLI reports when it cannot run as asked (bad flag, no manifest, a handler that cannot be
 * found or loaded). Each problem says what was wrong and what to do; any problem means exit code 2.
 */

import { formatProblems, type Problem } from '../messages/format.js';

export { formatProblems, type Problem } from '../messages/format.js';

/** The command could not run as asked. Carries every problem found, so the user fixes them in one go. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.problems = problems;
  }
}

/** Throws a CliUsageError with one problem. */
export const usage = (what: string, fix: string): never => {
  throw new CliUsageError([{ what, fix }]);
};

/** The exit codes, as documented in `--help`. */
export const EXIT = { passed: 0, findings: 1, usage: 2 } as const;
/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
