/** What checking one target came to, for the three output formats. */
import type { CheckResult } from '../api/types.js';
import type { PropertyId } from '../../properties/catalog.js';
import type { CheckTarget } from './target.js';

/** One target's outcome. */
export type HandlerOutcome =
  | {
      readonly kind: 'checked';
      readonly target: CheckTarget;
      /** The properties it was judged against. */
      readonly properties: readonly PropertyId[];
      readonly result: CheckResult;
      readonly milliseconds: number;
    }
  | { readonly kind: 'skipped'; readonly target: CheckTarget; readonly reason: string }
  | {
      /** The check could not run (a HarnessUsageError from the harness, e.g. an SDK surface it cannot judge). */
      readonly kind: 'error';
      readonly target: CheckTarget;
      readonly properties: readonly PropertyId[];
      readonly message: string;
    };

/** Counts for the summary line. */
export const tally = (outcomes: readonly HandlerOutcome[]) => ({
  checked: outcomes.filter((o) => o.kind !== 'skipped').length,
  passed: outcomes.filter((o) => o.kind === 'checked' && o.result.passed).length,
  failed: outcomes.filter((o) => o.kind === 'checked' && !o.result.passed).length,
  errors: outcomes.filter((o) => o.kind === 'error').length,
  skipped: outcomes.filter((o) => o.kind === 'skipped').length,
});
