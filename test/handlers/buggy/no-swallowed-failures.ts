/**
 * BUGGY: no-swallowed-failures must catch both.
 *
 * `handler` (any 429, 5xx or network error): the catch-all. It logs every problem and returns, so a
 * rate limit or an outage on the first delivery silently loses the work, though four retries were
 * still available.
 *
 * `handler2` (any 429, 5xx or network error on its three writes): fans the escalation out with
 * `Promise.allSettled` and never looks at the results, so a rejected or failed write is as good as
 * a done one.
 *
 * `handler3` (any @forge/kvs failure; rarer, since the harness plans KVS failures in fewer
 * deliveries): treats its KVS bookkeeping as best effort: the escalation state is written with
 * `.catch(() => {})`. When KVS answers 429 or 5xx, the event completes with the state never saved.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';

interface IssueEvent {
  issue: { key: string; fields?: { priority?: { name?: string } } };
}

export const handler = async (event: IssueEvent) => {
  try {
    const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}?fields=priority,labels`, {
      headers: { Accept: 'application/json' },
    });
    if (!res.ok) {
      console.warn(`could not read ${event.issue.key}: ${res.status}`);
      return;
    }
    const issue = await res.json();
    if (issue.fields?.priority?.name === 'Highest') {
      const update = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ update: { labels: [{ add: 'escalated' }] } }),
      });
      if (!update.ok) console.warn(`could not label ${event.issue.key}: ${update.status}`);
    }
  } catch (error) {
    console.error('escalation failed', error);
  }
  return;
};

export const handler2 = async (event: IssueEvent) => {
  const key = event.issue.key;
  const put = (path: ReturnType<typeof route>, body: unknown) =>
    asApp().requestJira(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await Promise.allSettled([
    put(route`/rest/api/3/issue/${key}`, { update: { labels: [{ add: 'escalated' }] } }),
    put(route`/rest/api/3/issue/${key}/properties/escalation`, { level: 2 }),
    put(route`/rest/api/3/issue/${key}/assignee`, { accountId: '5b10ac8d82e05b22cc7d4ef5' }),
  ]);
  return;
};

export const handler3 = async (event: IssueEvent) => {
  const state = { issueKey: event.issue.key, level: event.issue.fields?.priority?.name === 'Highest' ? 2 : 1 };
  await kvs.set(`escalation:${event.issue.key}`, state).catch(() => {});
  await kvs.set(`escalation:last`, event.issue.key).catch(() => {});
  return;
};

export const options = { trigger: 'product-event' } as const;
