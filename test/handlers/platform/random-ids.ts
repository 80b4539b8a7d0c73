/**
 * Issue 10, "Seeded randomness": a retried request that carries a random id is still the same effect.
 *
 * BUGGY `randomMessageId` (product event): when an issue is created, posts a chat notification to an
 * external webhook (as Slack and Teams integrations do) with a client message id drawn from
 * `Math.random()` in its body and no Idempotency-Key, then labels the issue. When labelling fails it asks
 * for a retry, and the retry posts the notification again with a new random id: a second message in the
 * channel. Judged by its raw body the retried POST looked like another request, so the old
 * no-duplicate-effects let it pass; with generated ids masked it must fail.
 *
 * CORRECT `deterministicKey` (product event): the same flow, but the message id is derived from the issue
 * and sent as an Idempotency-Key, which the webhook honours: a retry re-sends the same key and the
 * service drops the repeat. It must pass every property.
 */
import api, { asApp, route } from '@forge/api';
import { UpstreamFailure, call, isLastProductDelivery, retryFor, type RetryContext } from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const WEBHOOK = 'https://chat.example.com/hooks/T000/B000';

const notify = (issueKey: string, messageId: string, headers: Record<string, string>) =>
  call('notify', () =>
    api.fetch(WEBHOOK, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ messageId, text: `New issue ${issueKey}` }),
    }),
  );

const label = (issueKey: string) =>
  call('label', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: 'announced' }] } }),
    }),
  );

const announce = async (event: IssueEvent, send: (issueKey: string) => Promise<unknown>) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    await send(issueKey);
    await label(issueKey);
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) throw error;
    if (isLastProductDelivery(event.retryContext)) {
      console.error(`announce: giving up on ${issueKey}: ${error.message}`);
      return;
    }
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

export const randomMessageId = (event: IssueEvent) => announce(event, (issueKey) => notify(issueKey, Math.random().toString(36).slice(2, 12), {}));

export const deterministicKey = (event: IssueEvent) =>
  announce(event, (issueKey) => {
    const messageId = `issue-created-${issueKey}`;
    return notify(issueKey, messageId, { 'Idempotency-Key': messageId });
  });

export const options = { trigger: 'product-event' } as const;
