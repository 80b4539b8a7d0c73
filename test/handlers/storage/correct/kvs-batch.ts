/**
 * CORRECT (product event, avi:jira:created:issue): caches the fields a dashboard gadget reads, one KVS
 * key per field, in one `kvs.batchSet`. A batch completes as many items as it can: the answer's
 * `failedKeys` lists the rest, so this handler sends exactly those again, once, and asks for a retry
 * if they still fail.
 *
 * Why it passes every property: a partial failure is recovered in the same delivery or retried; all
 * writes are sets of the same values (idempotent); it never throws and gives up on the last retry.
 */
import { kvs } from '@forge/kvs';
import { ServiceFailure, guard, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly fields?: Record<string, unknown> };
  readonly retryContext?: RetryContext;
}

const nameOf = (value: unknown): string =>
  typeof value === 'object' && value !== null ? String((value as { name?: unknown }).name ?? '') : String(value ?? '');

/** The cache entries of one issue. */
export const cacheItems = (issueKey: string, fields: Record<string, unknown>) => [
  { key: `cache:${issueKey}:summary`, value: String(fields['summary'] ?? '') },
  { key: `cache:${issueKey}:status`, value: nameOf(fields['status']) },
  { key: `cache:${issueKey}:priority`, value: nameOf(fields['priority']) },
  { key: `cache:${issueKey}:labels`, value: Array.isArray(fields['labels']) ? fields['labels'].map(String) : [] },
  { key: `cache:${issueKey}:type`, value: nameOf(fields['issuetype']) },
  { key: `cache:${issueKey}:reporter`, value: String((fields['reporter'] as { accountId?: unknown } | null)?.accountId ?? '') },
];

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    let items: { key: string; value: unknown }[] = cacheItems(issueKey, event.issue?.fields ?? {});
    for (let attempt = 1; items.length > 0; attempt++) {
      const { failedKeys } = await guard('cache-fields', () => kvs.batchSet(items));
      const failed = new Set(failedKeys.map((f) => f.key));
      items = items.filter((item) => failed.has(item.key));
      if (items.length > 0 && attempt === 2) {
        const rateLimited = failedKeys.some((f) => f.error.code === 'RATE_LIMIT_EXCEEDED');
        throw new ServiceFailure('cache-fields', rateLimited, `${items.length} cache entries failed`);
      }
    }
    return { result: 'cached' };
  });
};

export const options = { trigger: 'product-event' } as const;
