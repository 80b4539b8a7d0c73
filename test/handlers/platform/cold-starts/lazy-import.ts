/**
 * A handler that loads modules lazily, on first use, as apps do to keep cold starts short: `await
 * import('node:zlib')` inside the handler, then a real (thread-pool) gzip of the event, whose size it
 * stores as an issue property (a PUT, idempotent). Loaded afresh, its dynamic imports run in every instance.
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

/** The trigger function. */
export const handler = (event: IssueEvent) =>
  guarded(event, async (issueKey) => {
    const { gzip } = await import('node:zlib');
    const { promisify } = await import('node:util');
    const packed = await promisify(gzip)(JSON.stringify(event?.issue ?? {}));
    const res = await callUpstream('store-size', () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/packed-size`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ bytes: packed.length }),
      }),
    );
    return { status: res.status };
  });
