/**
 * BUGGY: no-duplicate-effects must catch it (any redelivery after the transaction committed: a
 * duplicate delivery, or a retry after a timeout). The reporter counter of ../correct/kvs-transact.ts
 * without the per-event marker: the transaction makes the read-modify-write atomic, but nothing stops
 * the same event from counting twice.
 */
import { kvs } from '@forge/kvs';
import { guard, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly fields?: { readonly reporter?: { readonly accountId?: string } } };
  readonly retryContext?: RetryContext;
}

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const reporter = event?.issue?.fields?.reporter?.accountId;
  if (typeof issueKey !== 'string' || typeof reporter !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    const counter = `created-by:${reporter}`;
    const current = (await guard('read-count', () => kvs.get<number>(counter))) ?? 0;
    await guard('count', () =>
      kvs
        .transact()
        .set(counter, current + 1)
        .set(`last-created-by:${reporter}`, issueKey)
        .execute(),
    );
    return { result: 'counted', count: current + 1 };
  });
};

export const options = { trigger: 'product-event' } as const;
