/**
 * BUGGY: no-swallowed-failures must catch it (a KVS batch that fails part-way). The field cache of
 * ../correct/kvs-batch.ts, trusting `kvs.batchSet` the way it trusts `kvs.set`: a batch that resolves
 * is taken as done, and its `failedKeys` are never read. When part of the batch is throttled the
 * cache is left half written and the event completes.
 */
import { kvs } from '@forge/kvs';
import { cacheItems } from '../correct/kvs-batch.js';
import { guard, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly fields?: Record<string, unknown> };
  readonly retryContext?: RetryContext;
}

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    const items: { key: string; value: unknown }[] = cacheItems(issueKey, event.issue?.fields ?? {});
    await guard('cache-fields', () => kvs.batchSet<unknown>(items));
    return { result: 'cached' };
  });
};

export const options = { trigger: 'product-event' } as const;
