/**
 * A module that starts a cache-refresh interval at load, as some apps do at module scope, and a handler
 * that only reads. A fresh instance loads inside the invocation it serves, so its interval runs on the
 * virtual clock and dies with the invocation; it is the instance's, not work the handler left running.
 */
import { asApp, route } from '@forge/api';
import { RetryableFailure, callUpstream, isLastChance, messageOf, retryLater, type RetryContext } from '../../../../examples/forge-app/src/retry.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

/** The example app's retry policy (examples/forge-app/src/retry.ts): retry what may get better, give up on the last delivery. */
const guarded = async <T>(event: IssueEvent, work: (issueKey: string) => Promise<T>) => {
  const issueKey = event?.issue?.key ?? 'SUP-42';
  try {
    return await work(issueKey);
  } catch (error) {
    if (!(error instanceof RetryableFailure)) {
      console.error(`not retrying: ${messageOf(error)}`);
      return { result: 'failed' };
    }
    if (isLastChance(event.retryContext)) return { result: 'gave-up' };
    return retryLater(error, event.retryContext, { issueKey });
  }
};

let refreshed = 0;
setInterval(() => {
  refreshed += 1;
}, 60_000);

/** The trigger function. */
export const handler = (event: IssueEvent) =>
  guarded(event, async (issueKey) => {
    const res = await callUpstream('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary`));
    return { status: res.status, refreshed };
  });
