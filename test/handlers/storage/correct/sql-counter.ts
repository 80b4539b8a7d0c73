/**
 * CORRECT (async event consumer, function style): keeps a per-issue sync counter in Forge SQL, the
 * way dashboard apps on @forge/sql count activity. The increment carries the event it counts: one
 * statement sets `sync_count = sync_count + 1` and `last_event` together, only `WHERE last_event`
 * is not this event's key, so a redelivery of the same event matches no row and changes nothing.
 * (An app with overlapping events per issue would keep a processed-events table in the same
 * transaction; one event key per row is enough for this consumer.)
 *
 * Why it passes every property: the row is created with INSERT IGNORE on its primary key and the
 * increment is conditional on the event, so a redelivery adds no effect; SQL failures are retries
 * (an async consumer has no retry cap); it never throws.
 */
import { migrationRunner, sql } from '@forge/sql';
import { guard, runGuarded, type RetryContext } from '../policy.js';

migrationRunner.enqueue(
  'v001_create_issue_sync_stats',
  "CREATE TABLE IF NOT EXISTS `issue_sync_stats` (`issue_key` varchar(32) NOT NULL, `sync_count` int NOT NULL DEFAULT 0, `last_event` varchar(128) NOT NULL DEFAULT '', PRIMARY KEY (`issue_key`)) ENGINE=InnoDB",
);

interface SyncEvent {
  readonly body?: { readonly issueKey?: string; readonly action?: string };
  readonly retryContext?: RetryContext;
}

/** The consumer function. */
export const handler = async (event: SyncEvent) => {
  const issueKey = event?.body?.issueKey;
  const action = event?.body?.action ?? 'sync';
  if (typeof issueKey !== 'string') return { result: 'not-a-sync-event' };
  const eventKey = `${issueKey}:${action}`;
  return runGuarded(
    event.retryContext,
    { issueKey },
    async () => {
      await guard('row', () => sql.prepare('INSERT IGNORE INTO issue_sync_stats (issue_key) VALUES (?)').bindParams(issueKey).execute());
      await guard('count', () =>
        sql
          .prepare('UPDATE issue_sync_stats SET sync_count = sync_count + 1, last_event = ? WHERE issue_key = ? AND last_event <> ?')
          .bindParams(eventKey, issueKey, eventKey)
          .execute(),
      );
      const { rows } = await guard('read', () =>
        sql.prepare<{ n: number }>('SELECT sync_count AS n FROM issue_sync_stats WHERE issue_key = ?').bindParams(issueKey).execute(),
      );
      return { result: 'counted', syncs: rows[0]?.n ?? 0 };
    },
    'async',
  );
};

export const options = { trigger: 'async-event' } as const;
