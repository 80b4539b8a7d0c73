/**
 * BUGGY: no-lost-updates must catch it. Counts the changes made to each issue (an "activity" badge, as
 * issue-activity apps keep it): reads the count from KVS, adds one, writes it back. Two events of the
 * same issue handled at once both read the same count and both write count + 1: one change is lost.
 */
import { kvs } from '@forge/kvs';
import { callStorage, guarded, type IssueEvent } from '../policy.js';

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return { result: 'not-an-issue-event' };
  return guarded(event.retryContext, { key }, async () => {
    const count = (await callStorage('read-count', () => kvs.get<number>(`activity:${key}`))) ?? 0;
    await callStorage('write-count', () => kvs.set(`activity:${key}`, count + 1));
    return { result: 'counted', count: count + 1 };
  });
};

export const options = { trigger: 'product-event', manyEvents: true } as const;
