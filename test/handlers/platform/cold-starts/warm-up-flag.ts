/**
 * A module-level "initialized" flag, the way apps warm a process up once: the first invocation of a
 * process reads who the app is (`GET /rest/api/3/myself`, standing for any per-process set-up) and later
 * invocations of the same process skip it. Correct on Forge, where each cold start evaluates the module
 * anew. Served by one instance for a whole check, every run after the first skipped its set-up, a state no
 * real first delivery of an event is in.
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

let warmedUp = false;

/** The trigger function. */
export const handler = (event: IssueEvent) =>
  guarded(event, async (issueKey) => {
    if (!warmedUp) {
      await callUpstream('who-am-i', () => asApp().requestJira(route`/rest/api/3/myself`));
      warmedUp = true;
    }
    const res = await callUpstream('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary`));
    return { status: res.status };
  });
