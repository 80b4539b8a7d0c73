/**
 * The retry policy the many-events handlers share: the example app's (examples/forge-app/src/retry.ts).
 * Every Jira and KVS call goes through `callUpstream`/`callStorage`, which throw a RetryableFailure for
 * what a later attempt may fix; `guarded` turns that into the InvocationError the platform
 * understands, or gives up on the last retry, so the single-event properties hold for every handler
 * here and only the many-events bug (or its absence) tells buggy and correct apart.
 */
import { RetryableFailure, isLastChance, messageOf, retryLater, type RetryContext } from '../../../examples/forge-app/src/retry.js';

export { callStorage, callUpstream, type RetryContext } from '../../../examples/forge-app/src/retry.js';

/** Runs the handler's work; a retryable failure becomes a retry request, anything else is logged. */
export const guarded = async <T>(ctx: RetryContext | undefined, data: Record<string, string>, body: () => Promise<T>) => {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof RetryableFailure)) {
      console.error(`not retrying: ${messageOf(error)}`);
      return { result: 'failed' };
    }
    if (isLastChance(ctx)) {
      console.error(`giving up after the last retry: ${error.message}`);
      return { result: 'gave-up' };
    }
    return retryLater(error, ctx, data);
  }
};

/** The part of a Jira issue event these handlers read. */
export interface IssueEvent {
  readonly eventType?: string;
  readonly selfGenerated?: boolean;
  readonly timestamp?: string;
  readonly issue?: { readonly key?: string; readonly fields?: { readonly labels?: unknown } };
  readonly changelog?: { readonly id?: string; readonly items?: readonly { readonly field?: string; readonly toString?: string | null }[] };
  readonly retryContext?: RetryContext;
}
