/**
 * The errors a check raises. `RetrySemanticsError` means the handler violated a property; its message
 * is the readable report and `failures` the structured data. `HarnessUsageError` means the check
 * could not run as asked (bad option, not a function, unsupported SDK surface) and says what to do.
 */
import type { CheckFailure } from './types.js';

/** A handler violated one or more retry-semantics properties. */
export class RetrySemanticsError extends Error {
  override readonly name = 'RetrySemanticsError';
  /** One entry per violated property. */
  readonly failures: readonly CheckFailure[];

  constructor(message: string, failures: readonly CheckFailure[]) {
    super(message);
    this.failures = failures;
  }
}

/** The check could not run as asked; the message names what was wrong and what to do. */
export class HarnessUsageError extends Error {
  override readonly name = 'HarnessUsageError';
}
