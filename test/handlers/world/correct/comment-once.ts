/**
 * CORRECT (product event, avi:jira:created:issue, no upstream fixture): posts one triage comment on a
 * new issue, and does what the harness's hint says: checks the upstream before creating. It lists the
 * issue's comments with their properties and posts only when none carries its marker property
 * (`triage-bot.ack`), which it attaches to the comment it creates. Modelled on the welcome-comment
 * trigger of the triage example; here the simulated Jira itself keeps the comment, so no fixture is
 * needed: a POST whose response was lost but which took effect is in the next listing.
 *
 * Why it passes every property: a lost POST is found on the retry and not repeated; 429/5xx/network
 * errors become InvocationErrors honouring Retry-After (retryHttp); it never throws.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp, type RetryContext } from '../../storage/policy.js';
import { adf, jsonOf, product } from '../http.js';

/** The comment property that marks our comment. */
export const ACK_PROPERTY = 'triage-bot.ack';

interface IssueCreated {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

interface Comment {
  readonly properties?: readonly { readonly key?: string }[];
}

const alreadyPosted = (comments: unknown): boolean =>
  Array.isArray(comments) && (comments as Comment[]).some((c) => c.properties?.some((p) => p.key === ACK_PROPERTY) === true);

/** The trigger function. */
export const handler = async (event: IssueCreated) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return { result: 'not-an-issue-event' };
  try {
    const listed = await product('list-comments', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}/comment?maxResults=100&expand=properties`, { headers: { Accept: 'application/json' } }),
    );
    if (listed.status === 404) return { result: 'issue-gone' };
    if (alreadyPosted((await jsonOf(listed))['comments'])) return { result: 'already-posted' };
    const created = await product('post-comment', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: adf(`Triage bot: ${key} is in the queue.`), properties: [{ key: ACK_PROPERTY, value: { key } }] }),
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
