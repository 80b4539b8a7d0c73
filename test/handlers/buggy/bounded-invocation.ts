/**
 * BUGGY: bounded-invocation must catch both.
 *
 * `handler` (every seed, with the exported fixture): collects the issue's worklogs page by page with
 * `while (!page.isLast)`. The worklog API pages with `startAt`/`total` and has no `isLast` (that
 * belongs to the changelog API), so the loop never ends: hundreds of requests in one invocation,
 * until the function times out. On a 429 it also asks again at once.
 *
 * `handler2` (any 429/5xx whose Retry-After is over 25 s, or missing): sleeps in-process for
 * Retry-After (30 s when absent) and tries again. Sleeping 50 s, 120 s or an hour inside a function
 * with a 25 s timeout kills the invocation; the right tool is InvocationError({ retryAfter }).
 */
import { asApp, route } from '@forge/api';
import type { UpstreamFixture } from '../types.js';

interface IssueEvent {
  issue: { key: string };
}

interface Worklog {
  timeSpentSeconds?: number;
}

export const handler = async (event: IssueEvent) => {
  const worklogs: Worklog[] = [];
  let startAt = 0;
  let page: { worklogs?: Worklog[]; isLast?: boolean; maxResults?: number } = {};
  try {
    while (!page.isLast) {
      const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/worklog?startAt=${startAt}&maxResults=100`, {
        headers: { Accept: 'application/json' },
      });
      if (res.status === 429) continue;
      if (!res.ok) break;
      page = await res.json();
      worklogs.push(...(page.worklogs ?? []));
      startAt += page.worklogs?.length ?? 0;
    }
  } catch (error) {
    console.error('worklog export failed', error);
    return;
  }
  const total = worklogs.reduce((sum, w) => sum + (w.timeSpentSeconds ?? 0), 0);
  console.log(`${event.issue.key}: ${total} s logged`);
  return;
};

/** For handler: Jira's worklog page shape (startAt/maxResults/total, no isLast); one empty page. */
export const worklogFixture: UpstreamFixture = (req) =>
  req.surface === 'jira' && req.method === 'GET' && /^\/rest\/api\/3\/issue\/[^/]+\/worklog/.test(req.path)
    ? { body: { startAt: 0, maxResults: 100, total: 0, worklogs: [] } }
    : undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const handler2 = async (event: IssueEvent) => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/exported`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ exported: true }),
      });
      if (res.status !== 429 && res.status < 500) return;
      const seconds = Number(res.headers.get('Retry-After') ?? '30');
      await sleep((Number.isFinite(seconds) ? seconds : 30) * 1000);
    } catch {
      await sleep(30_000);
    }
  }
  return;
};

export const options = { trigger: 'product-event', upstream: worklogFixture } as const;
export const options2 = { trigger: 'product-event' } as const;
