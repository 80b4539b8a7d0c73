/**
 * CORRECT: the activity counter of ../buggy/activity-counter.ts with optimistic concurrency. The count
 * is a custom entity with a version; the write is a `kvs.transact()` whose condition is the version it
 * read (or that no counter exists yet), so a write from a stale read fails with
 * CONDITIONAL_CHECK_FAILED and the handler reads again. The same transaction writes a marker for the
 * event under `notExists`, so a redelivered event is not counted twice.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { callStorage, guarded, type IssueEvent } from '../policy.js';

interface Counter {
  readonly count: number;
  readonly version: number;
}

interface Seen {
  readonly seen: boolean;
}

const ATTEMPTS = 6;

const conflicted = (error: unknown): boolean => (error as { code?: unknown }).code === 'CONDITIONAL_CHECK_FAILED';

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return { result: 'not-an-issue-event' };
  const eventKey = `${key}:${event.eventType ?? 'event'}:${event.changelog?.id ?? event.timestamp ?? 'first'}`;
  return guarded(event.retryContext, { key }, async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if ((await callStorage('read-seen', () => kvs.entity<Seen>('activity-seen').get(eventKey))) !== undefined) return { result: 'already-counted' };
      const current = await callStorage('read-count', () => kvs.entity<Counter>('activity').get(key));
      const next: Counter = { count: (current?.count ?? 0) + 1, version: (current?.version ?? 0) + 1 };
      const unchanged =
        current === undefined
          ? new Filter<Counter>().and('version', FilterConditions.notExists())
          : new Filter<Counter>().and('version', FilterConditions.equalTo(current.version));
      const written = await callStorage('write-count', async () => {
        try {
          await kvs
            .transact()
            .set<Counter>(key, next, { entityName: 'activity', conditions: unchanged })
            .set<Seen>(eventKey, { seen: true }, { entityName: 'activity-seen', conditions: new Filter<Seen>().and('seen', FilterConditions.notExists()) })
            .execute();
          return true;
        } catch (error) {
          if (conflicted(error)) return false;
          throw error;
        }
      });
      if (written) return { result: 'counted', count: next.count };
    }
    return { result: 'gave-up-on-conflicts' };
  });
};

export const options = { trigger: 'product-event', manyEvents: true } as const;
