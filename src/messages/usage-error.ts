/**
 * The one error a check raises when it cannot run as asked (bad option, not a function, unsupported
 * SDK surface). It carries what was wrong and how to fix it; its message is the two in one format.
 */

/** The check could not run as asked; `what` names what was wrong and `fix` what to do. */
export class HarnessUsageError extends Error {
  override readonly name = 'HarnessUsageError';
}
