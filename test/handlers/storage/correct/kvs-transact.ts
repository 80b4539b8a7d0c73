/**
 * CORRECT (product event, avi:jira:created:issue): counts the issues each reporter creates, the
 * read-modify-write public Forge apps do with `kvs.transact()`. The transaction also writes a
 * `processed-event` custom entity for this issue under a `notExists` condition, so the count and the
 * marker commit together or not at all: a redelivery (a duplicate, or a retry after a timeout that
 * hid the commit) meets `CONDITIONAL_CHECK_FAILED` and knows the event was counted.
 *
 * Why it passes every property: the transaction commits once per event; every other failure is a
 * retry through the shared policy; it never throws and gives up on the last retry.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { ServiceFailure, messageOf, guard, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly id?: string; readonly key?: string; readonly fields?: { readonly reporter?: { readonly accountId?: string } } };
  readonly retryContext?: RetryContext;
}

interface Processed {
  readonly done: boolean;
}

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const reporter = event?.issue?.fields?.reporter?.accountId;
  if (typeof issueKey !== 'string' || typeof reporter !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    const counter = `created-by:${reporter}`;
    const current = (await guard('read-count', () => kvs.get<number>(counter))) ?? 0;
    try {
      await kvs
        .transact()
        .set<Processed>(
          `created:${event.issue?.id ?? issueKey}`,
          { done: true },
          { entityName: 'processed-event', conditions: new Filter<Processed>().and('done', FilterConditions.notExists()) },
        )
        .set(counter, current + 1)
        .execute();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'CONDITIONAL_CHECK_FAILED') return { result: 'already-counted' };
      throw new ServiceFailure('count', (error as { code?: unknown }).code === 'RATE_LIMIT_EXCEEDED', `count: ${messageOf(error)}`);
    }
    return { result: 'counted', count: current + 1 };
  });
};

export const options = { trigger: 'product-event' } as const;
