/**
 * BUGGY: no-duplicate-effects must catch it (any redelivery after the increment: a retry after a
 * later failure or a timeout, a duplicate delivery). The sync-statistics consumer of
 * ../correct/sql-counter.ts as dashboards built on @forge/sql often start: the row per issue is
 * created idempotently, but the counter goes up with a bare `SET sync_count = sync_count + 1`. No
 * unique key can make that idempotent, so every redelivery counts the same sync again.
 */
import { migrationRunner, sql } from '@forge/sql';
import { guard, runGuarded, type RetryContext } from '../policy.js';

migrationRunner.enqueue(
  'v001_create_issue_stats',
  'CREATE TABLE IF NOT EXISTS `issue_stats` (`issue_key` varchar(32) NOT NULL, `sync_count` int NOT NULL DEFAULT 0, PRIMARY KEY (`issue_key`)) ENGINE=InnoDB',
);

interface SyncEvent {
  readonly body?: { readonly issueKey?: string; readonly action?: string };
  readonly retryContext?: RetryContext;
}

/** The consumer function. */
export const handler = async (event: SyncEvent) => {
  const issueKey = event?.body?.issueKey;
  if (typeof issueKey !== 'string') return { result: 'not-a-sync-event' };
  return runGuarded(
    event.retryContext,
    { issueKey },
    async () => {
      await guard('row', () => sql.prepare('INSERT IGNORE INTO issue_stats (issue_key, sync_count) VALUES (?, 0)').bindParams(issueKey).execute());
      await guard('count', () => sql.prepare('UPDATE issue_stats SET sync_count = sync_count + 1 WHERE issue_key = ?').bindParams(issueKey).execute());
      const { rows } = await guard('read', () =>
        sql.prepare<{ n: number }>('SELECT sync_count AS n FROM issue_stats WHERE issue_key = ?').bindParams(issueKey).execute(),
      );
      return { result: 'counted', syncs: rows[0]?.n ?? 0 };
    },
    'async',
  );
};

export const options = { trigger: 'async-event' } as const;
