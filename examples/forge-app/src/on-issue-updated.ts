/**
 * WRONG. `avi:jira:updated:issue`: comments "Status changed to X" and then records the change in
 * KVS. The retry path is tidy, but a retry (or a duplicate delivery) starts from the top and POSTs the
 * same comment again (no-duplicate-effects). Fix: check the issue's comments for our own comment
 * property before posting, or write an issue property with PUT instead.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { RetryableFailure, callStorage, callUpstream, isLastChance, retryLater, type RetryContext } from './retry.js';

interface IssueUpdatedEvent {
  readonly issue?: { readonly key?: string; readonly fields?: { readonly status?: { readonly name?: string } } };
  readonly retryContext?: RetryContext;
}

export const onIssueUpdated = async (event: IssueUpdatedEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  const status = event.issue?.fields?.status?.name ?? 'unknown';
  try {
    await callUpstream('post-comment', () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Status changed to ${status}.` }] }] },
        }),
      }),
    );
    await callUpstream('read-watchers', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}/watchers`));
    await callStorage('record-change', () => kvs.set(`last-status:${issueKey}`, status));
  } catch (error) {
    if (error instanceof RetryableFailure && !isLastChance(event.retryContext)) return retryLater(error, event.retryContext, { issueKey });
  }
  return;
};
