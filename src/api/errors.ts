/**
 * `RetrySemanticsError` means the handler violated a property; its message is the readable report
 * and `failures` the structured data.
 */
import type { CheckFailure } from '../runner/results.js';

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
