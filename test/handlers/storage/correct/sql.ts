/**
 * CORRECT (async event consumer, function style): writes an audit row per synced issue to Forge SQL,
 * the way apps built on @forge/sql keep history. The table is created by a migration enqueued on
 * `migrationRunner` when the module loads (a scheduled trigger runs it on Forge; the harness runs it
 * before the first delivery), with a unique `event_key`, and the row goes in with `INSERT IGNORE`, so a
 * redelivered event adds nothing.
 *
 * Why it passes every property: the insert is idempotent by its unique key; SQL failures are
 * retries (an async consumer has no retry cap); it never throws.
 */
import { migrationRunner, sql } from '@forge/sql';
import { guard, runGuarded, type RetryContext } from '../policy.js';

migrationRunner.enqueue(
  'v001_create_issue_audit',
  'CREATE TABLE IF NOT EXISTS `issue_audit` (`id` int NOT NULL AUTO_INCREMENT, `event_key` varchar(128) NOT NULL, `issue_key` varchar(32) NOT NULL, `action` varchar(64) NOT NULL, `created_at` datetime DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`), UNIQUE KEY `uq_event` (`event_key`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
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
  return runGuarded(
    event.retryContext,
    { issueKey },
    async () => {
      await guard('audit', () =>
        sql
          .prepare('INSERT IGNORE INTO issue_audit (event_key, issue_key, action) VALUES (?, ?, ?)')
          .bindParams(`${issueKey}:${action}`, issueKey, action)
          .execute(),
      );
      const { rows } = await guard('count', () =>
        sql.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM issue_audit WHERE issue_key = ?').bindParams(issueKey).execute(),
      );
      return { result: 'audited', entries: rows[0]?.n ?? 0 };
    },
    'async',
  );
};

export const options = { trigger: 'async-event' } as const;
