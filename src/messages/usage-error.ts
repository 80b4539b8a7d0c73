/**
 * The one error a check raises when it cannot run as asked (bad option, not a function, unsupported
 * SDK surface). It carries what was wrong and how to fix it; its message is the two in one format.
 */
import { formatProblems, type Problem } from './format.js';

/** The check could not run as asked; `what` names what was wrong and `fix` what to do. */
export class HarnessUsageError extends Error {
  override readonly name = 'HarnessUsageError';
  /** What was wrong. */
  readonly what: string;
  /** What to do about it. */
  readonly fix: string;

  constructor(problem: Problem) {
    super(formatProblems([problem]));
    this.what = problem.what;
    this.fix = problem.fix;
  }
}

/**
 * Throws a HarnessUsageError; typed `never` so validation reads as one expression.
 *
 * @example
 * if (typeof seed !== 'number') usageError('option "seed" is "x"', 'pass a whole number');
 */
export const usageError = (what: string, fix: string): never => {
  throw new HarnessUsageError({ what, fix });
};
