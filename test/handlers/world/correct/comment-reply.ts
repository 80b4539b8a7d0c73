/**
 * CORRECT (product event, avi:jira:commented:issue, payloads generated from the catalog): acknowledges
 * a customer's comment with a reply, as tutorial comment bots do, and checks for 201 as the tutorials
 * do (Jira answers a created comment with 201 Created and the comment). It skips its own comments
 * (`selfGenerated`), and marks each reply with a property naming the comment it answers, so the
 * retry of a POST whose response was lost finds the reply and does not post a second one.
 *
 * Why it passes every property: checks before creating; only 201 counts as posted; 429/5xx/network
 * errors become InvocationErrors honouring Retry-After (retryHttp); a 4xx is logged, not retried
 * (it will not get better); it never throws.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp, type RetryContext } from '../../storage/policy.js';
import { adf, jsonOf, product, type ProductResponse } from '../http.js';

/** The property that marks a reply, with the id of the comment it answers. */
export const REPLY_PROPERTY = 'ack-bot.reply-to';

/** The part of a commented payload this handler reads. */
export interface IssueCommented {
  readonly issue?: { readonly key?: string };
  readonly comment?: { readonly id?: string };
  readonly selfGenerated?: boolean;
  readonly retryContext?: RetryContext;
}

interface Comment {
  readonly properties?: readonly { readonly key?: string; readonly value?: { readonly commentId?: string } }[];
}

/** True when the listing already holds our reply to `commentId`. */
export const replied = (comments: unknown, commentId: string): boolean =>
  Array.isArray(comments) &&
  (comments as Comment[]).some((c) => c.properties?.some((p) => p.key === REPLY_PROPERTY && p.value?.commentId === commentId) === true);

/** Lists the issue's comments with their properties (the caller checks for 404). */
export const listComments = (key: string): Promise<ProductResponse> =>
  product('list-comments', () => asApp().requestJira(route`/rest/api/3/issue/${key}/comment?maxResults=100&expand=properties`));

/** The POST of a reply. */
export const postReply = (key: string, commentId: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: adf('Thanks, a support engineer will follow up.'), properties: [{ key: REPLY_PROPERTY, value: { commentId } }] }),
  });

/** The trigger function. */
export const handler = async (event: IssueCommented) => {
  const key = event?.issue?.key;
  const commentId = event?.comment?.id;
  if (typeof key !== 'string' || typeof commentId !== 'string') return { result: 'not-a-comment-event' };
  try {
    // The app's own replies raise the event too; `selfGenerated` says so (events reference, comment events).
    if (event.selfGenerated === true) return { result: 'own-comment' };
    const listed = await listComments(key);
    if (listed.status === 404) return { result: 'issue-gone' };
    if (replied((await jsonOf(listed))['comments'], commentId)) return { result: 'already-replied' };
    const created = await product('post-reply', () => postReply(key, commentId));
    if (created.status !== 201) {
      console.warn(`reply to ${commentId} refused (HTTP ${created.status})`);
      return { result: 'refused' };
    }
    return { result: 'replied' };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { key, commentId });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event', eventType: 'avi:jira:commented:issue' } as const;
