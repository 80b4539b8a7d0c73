/**
 * CORRECT (product event, avi:jira:created:issue), on legacy `storage` (what `import { storage } from
 * '@forge/api'` is in @forge/api 6.x and 7.x: @forge/storage over the app's gateway client, built the
 * same way here): notifies the watchers of the issue's type and project. It lists the
 * `watch:<scope>:` keys with `storage.query().where('key', startsWith(...))`, following `nextCursor`
 * until a page comes back empty (@forge/storage hands out the last edge's cursor on every non-empty
 * page), and queues one notification record for the issue.
 *
 * Why it passes every property: a failed page is a retry of the whole listing (APIError is a storage
 * failure like any other), the write is an idempotent set, and it never throws.
 */
import { __requestAtlassianAsApp } from '@forge/api/out/api/fetch.js';
import { GlobalStorage, getStorageInstanceWithQuery, startsWith } from '@forge/storage';
import { guard, runGuarded, type RetryContext } from '../policy.js';

/** `storage` as @forge/api 7 exports it. */
export const storage = getStorageInstanceWithQuery(new GlobalStorage(__requestAtlassianAsApp, () => undefined));

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
  for (;;) {
    let query = storage
      .query()
      .where('key', startsWith(`watch:${scope}:`))
      .limit(10);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await guard('list-watchers', () => query.getMany());
    if (page.results.length === 0 || page.nextCursor === undefined) break;
    watchers.push(...page.results.map((r) => r.key.slice(`watch:${scope}:`.length)));
    cursor = page.nextCursor;
  }
  return watchers;
};

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const project = event?.issue?.fields?.project?.key;
  if (typeof issueKey !== 'string' || typeof project !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    const watchers = [...(await listWatchers(`type-${event.issue?.fields?.issuetype?.name ?? 'any'}`)), ...(await listWatchers(project))];
    // The reporter watches the project from now on (an idempotent set).
    await guard('watch', () => storage.set(`watch:${project}:${event.issue?.fields?.reporter?.accountId ?? 'unknown'}`, { since: issueKey }));
    await guard('queue-notification', () => storage.set(`notify:${issueKey}`, { watchers }));
    return { result: 'queued', watchers: watchers.length };
  });
};

export const options = { trigger: 'product-event' } as const;
