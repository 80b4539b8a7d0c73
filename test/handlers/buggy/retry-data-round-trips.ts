/**
 * BUGGY: retry-data-round-trips must catch all three.
 *
 * `handler` (any upstream failure): keeps `firstFailedAt: new Date()` in retryData to give up after
 * an hour. retryData crosses the platform as JSON, so the retry reads a string, and
 * `Date.now() - firstFailedAt.getTime()` throws a TypeError there.
 *
 * `handler2` (any upstream failure): passes the issue key itself as retryData. retryData that is not
 * an object is not sent at all (ECO-734), so the retry finds no key.
 *
 * `handler3` (every seed, with the exported fixture's 25 sub-tasks): closes an epic's sub-tasks ten
 * per invocation to stay inside the 25 s limit, and carries the ids already done as a `Set` in
 * retryData. A Set becomes `{}` in JSON; the retry starts again from scratch (and fails to iterate
 * it).
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { UpstreamFixture } from '../types.js';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number; retryData?: any };
}

const moveToInProgress = (issueKey: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}/transitions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ transition: { id: '21' } }),
  });

const failed = async (issueKey: string): Promise<number | 'network' | undefined> => {
  try {
    const res = await moveToInProgress(issueKey);
    return res.status === 429 || res.status >= 500 ? res.status : undefined;
  } catch {
    return 'network';
  }
};

const reasonFor = (status: number | 'network') =>
  status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST;

export const handler = async (event: IssueEvent) => {
  const firstFailedAt: Date = event.retryContext?.retryData?.firstFailedAt ?? new Date();
  const status = await failed(event.issue.key);
  if (status === undefined) return;
  if ((event.retryContext?.retryCount ?? 0) >= 4) return;
  if (Date.now() - firstFailedAt.getTime() > 60 * 60 * 1000) return;
  return new InvocationError({
    retryAfter: 60,
    retryReason: reasonFor(status),
    retryData: { issueKey: event.issue.key, firstFailedAt },
  });
};

export const handler2 = async (event: IssueEvent) => {
  const issueKey: string = event.retryContext?.retryData ?? event.issue.key;
  const status = await failed(issueKey);
  if (status === undefined || (event.retryContext?.retryCount ?? 0) >= 4) return;
  return new InvocationError({ retryAfter: 60, retryReason: reasonFor(status), retryData: issueKey });
};

const BATCH_SIZE = 10;

export const handler3 = async (event: IssueEvent) => {
  const done = new Set<string>(event.retryContext?.retryData?.done ?? []);
  try {
    const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}?fields=subtasks`, {
      headers: { Accept: 'application/json' },
    });
    if (!res.ok) return;
    const issue = await res.json();
    const subtasks: { id: string }[] = issue.fields?.subtasks ?? [];
    const todo = subtasks.filter((s) => !done.has(s.id));
    for (const subtask of todo.slice(0, BATCH_SIZE)) {
      await asApp().requestJira(route`/rest/api/3/issue/${subtask.id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields: { labels: ['epic-closed'] } }),
      });
      done.add(subtask.id);
    }
    if (todo.length > BATCH_SIZE && (event.retryContext?.retryCount ?? 0) < 4) {
      return new InvocationError({ retryAfter: 1, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { done } });
    }
  } catch (error) {
    console.error('closing sub-tasks failed', error);
  }
  return;
};

/** For handler3: the issue has 25 sub-tasks. */
export const fixture3: UpstreamFixture = (req) =>
  req.surface === 'jira' && req.method === 'GET' && /^\/rest\/api\/3\/issue\/[^/?]+\?fields=subtasks/.test(req.path)
    ? { body: { fields: { subtasks: Array.from({ length: 25 }, (_, i) => ({ id: String(20000 + i) })) } } }
    : undefined;

export const options = { trigger: 'product-event' } as const;
export const options3 = { trigger: 'product-event', upstream: fixture3 } as const;
