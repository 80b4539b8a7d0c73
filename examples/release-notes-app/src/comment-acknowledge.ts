/**
 * WRONG. `avi:jira:commented:issue`: when a customer comments, replies "Thanks, we are on it" on the
 * issue. It retries failures correctly, but the reply is a POST without any check, so a redelivery
 * (a retry after a lost response, or the duplicate delivery events are allowed to have) posts the
 * reply again (no-duplicate-effects). Fix: look for the app's reply first, or record the comment id
 * the reply answers in an issue or comment property and skip it when present.
 */
import { asApp, route } from '@forge/api';
import { RetryableFailure, callUpstream, isLastChance, retryLater, type RetryContext } from './retry.js';

interface CommentEvent {
  readonly issue?: { readonly key?: string };
  readonly comment?: { readonly id?: string; readonly author?: { readonly accountId?: string } };
  readonly retryContext?: RetryContext;
}

export const onCommentAcknowledge = async (event: CommentEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    await callUpstream('post-reply', () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thanks, we are on it.' }] }] },
        }),
      }),
    );
  } catch (error) {
    if (!(error instanceof RetryableFailure)) return;
    if (!isLastChance(event.retryContext)) return retryLater(error, event.retryContext, { issueKey });
  }
  return;
};
