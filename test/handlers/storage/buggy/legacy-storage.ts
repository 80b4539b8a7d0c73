/**
 * BUGGY: no-swallowed-failures must catch it (any legacy storage failure while listing). The watcher
 * notification of ../correct/legacy-storage.ts with the listing helper many apps on @forge/api 6/7
 * carry: `APIError` while paging means "no more watchers", so a throttled listing queues a
 * notification for fewer watchers and completes the event.
 */
import { startsWith } from '@forge/storage';
import { storage } from '../correct/legacy-storage.js';
import { guard, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: {
    readonly key?: string;
    readonly fields?: {
      readonly project?: { readonly key?: string };
      readonly issuetype?: { readonly name?: string };
      readonly reporter?: { readonly accountId?: string };
    };
  };
  readonly retryContext?: RetryContext;
}

const listWatchers = async (scope: string): Promise<string[]> => {
  const watchers: string[] = [];
  let cursor: string | undefined;
  try {
    for (;;) {
      let query = storage
        .query()
        .where('key', startsWith(`watch:${scope}:`))
        .limit(10);
      if (cursor !== undefined) query = query.cursor(cursor);
      const page = await query.getMany();
      if (page.results.length === 0 || page.nextCursor === undefined) break;
      watchers.push(...page.results.map((r) => r.key.slice(`watch:${scope}:`.length)));
      cursor = page.nextCursor;
    }
  } catch {
    // Treated as the end of the list.
  }
  return watchers;
};

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const project = event?.issue?.fields?.project?.key;
  if (typeof issueKey !== 'string' || typeof project !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    const watchers = [...(await listWatchers(`type-${event.issue?.fields?.issuetype?.name ?? 'any'}`)), ...(await listWatchers(project))];
    await guard('watch', () => storage.set(`watch:${project}:${event.issue?.fields?.reporter?.accountId ?? 'unknown'}`, { since: issueKey }));
    await guard('queue-notification', () => storage.set(`notify:${issueKey}`, { watchers }));
    return { result: 'queued', watchers: watchers.length };
  });
};

export const options = { trigger: 'product-event' } as const;
