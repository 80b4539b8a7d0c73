/**
 * BUGGY (product event, avi:jira:created:issue, no upstream fixture): the same triage comment, posted
 * without looking first. Its retry policy is right (429/5xx/network become InvocationErrors honouring
 * Retry-After), which is what makes the bug bite: when the POST took effect but its response was lost
 * (the invocation died mid-request), the retry posts the comment again, and the simulated Jira now
 * holds two.
 *
 * Caught by: no-duplicate-effects.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp, type RetryContext } from '../../storage/policy.js';
import { adf, product } from '../http.js';

interface IssueCreated {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

/** The trigger function. */
export const handler = async (event: IssueCreated) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return { result: 'not-an-issue-event' };
  try {
    const created = await product('post-comment', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: adf(`Triage bot: ${key} is in the queue.`) }),
      }),
    );
    return { result: created.status === 201 ? 'posted' : `refused-${created.status}` };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { key });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event' } as const;
