/** The one-line API: `assertRetrySemantics(handler)` and its non-throwing twin `checkRetrySemantics`. */
import { runCheck } from '../runner/run-check.js';
import { formatMessage } from '../messages/format.js';
import { RetrySemanticsError } from './errors.js';
import { resolveOptions } from './options.js';
import type { CheckOptions, CheckResult, ForgeHandler } from './types.js';

/**
 * Checks a Forge event handler against the retry-semantics properties and returns the result. It
 * never rejects for a failing handler; it rejects with `HarnessUsageError` for bad input.
 *
 * @example
 * const result = await checkRetrySemantics(run, { numRuns: 200 });
 * if (!result.passed) console.log(result.report);
 */
export const checkRetrySemantics = async (handler: ForgeHandler, options?: CheckOptions): Promise<CheckResult> => {
  const resolved = resolveOptions(handler, options);
  return runCheck(resolved.handler, resolved.options);
};

/**
 * Checks a Forge event handler and rejects with `RetrySemanticsError` (whose message is the readable
 * report) when any property fails. Made for a one-line test. A warning (a finding that holds only under
 * some undocumented rules) passes and is printed with `console.warn`; so is an inconclusive check (nothing
 * was judged) with its reason, which rejects instead with `strict: true`.
 *
 * @example
 * test('issue handler honours Forge retry semantics', () => assertRetrySemantics(run));
 */
export const assertRetrySemantics = async (handler: ForgeHandler, options?: CheckOptions): Promise<void> => {
  const result = await checkRetrySemantics(handler, options);
  if (!result.passed) throw new RetrySemanticsError(result.report, result.failures);
  const why = result.inconclusive;
  if (why !== undefined) {
    const text = formatMessage(`inconclusive: ${why.reason}; supply ${why.supply}`);
    if (options?.strict === true) throw new RetrySemanticsError(text, []);
    console.warn(text);
  }
  if (result.warnings.length > 0) console.warn(result.report);
};
