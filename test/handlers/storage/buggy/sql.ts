/**
 * BUGGY: no-duplicate-effects must catch it (any redelivery after the insert: a retry after a later
 * failure or a timeout, a duplicate delivery). The audit consumer of ../correct/sql.ts with the table
 * most tutorials start from: an AUTO_INCREMENT id and no unique key for the event, and a plain
 * INSERT. Every redelivery adds another audit row for the same sync.
 */
import { migrationRunner, sql } from '@forge/sql';
import { guard, runGuarded, type RetryContext } from '../policy.js';

migrationRunner.enqueue(
  'v001_create_sync_log',
  'CREATE TABLE IF NOT EXISTS `sync_log` (`id` int NOT NULL AUTO_INCREMENT, `issue_key` varchar(32) NOT NULL, `action` varchar(64) NOT NULL, `created_at` datetime DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`)) ENGINE=InnoDB',
);

interface SyncEvent {
  readonly body?: { readonly issueKey?: string; readonly action?: string };
  readonly retryContext?: RetryContext;
}

export const handler = async (event: SyncEvent) => {
  const issueKey = event?.body?.issueKey;
  const action = event?.body?.action ?? 'sync';
  if (typeof issueKey !== 'string') return { result: 'not-a-sync-event' };
  return runGuarded(
    event.retryContext,
    { issueKey },
    async () => {
      await guard('audit', () => sql.prepare('INSERT INTO sync_log (issue_key, action) VALUES (?, ?)').bindParams(issueKey, action).execute());
      const { rows } = await guard('count', () =>
        sql.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM sync_log WHERE issue_key = ?').bindParams(issueKey).execute(),
      );
      return { result: 'audited', entries: rows[0]?.n ?? 0 };
    },
    'async',
  );
};

export const options = { trigger: 'async-event' } as const;
