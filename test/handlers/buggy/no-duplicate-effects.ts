/**
 * BUGGY: no-duplicate-effects must catch all three.
 *
 * `handler` (any failure after the comment was posted, or any duplicate delivery): posts a triage
 * comment first, then labels the issue and records the run in KVS, with a textbook retry path. The
 * retry starts from the top and posts the same comment again.
 *
 * `handler2` (a KVS write failing after the POST, or the function dying while the POST is in flight
 * with the comment created): the common "fix": a KVS `done` marker checked before and written after
 * the POST. When the POST took effect but the marker was never written (the response was lost to a
 * timeout, or kvs.set failed), the retry finds no marker and posts again. Only checking the upstream
 * (or an idempotent write) closes that gap.
 *
 * `handler3` (any failure after the push, or any duplicate delivery): hands the heavy work to a queue
 * with `Queue.push` and then updates the issue; a retry pushes the same job again, so the consumer
 * does the work twice.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { kvs } from '@forge/kvs';

interface IssueEvent {
  issue: { key: string; fields?: { summary?: string } };
  retryContext?: { retryCount: number };
}

class RetryableError extends Error {
  constructor(readonly status: number | undefined) {
    super(`upstream failure ${status ?? 'network'}`);
  }
}

const jira = async (path: ReturnType<typeof route>, init: { method: string; body?: unknown }) => {
  let res;
  try {
    res = await asApp().requestJira(path, {
      method: init.method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new RetryableError(undefined);
  }
  if (res.status === 429 || res.status >= 500) throw new RetryableError(res.status);
  return res;
};

const store = async <T>(operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch {
    throw new RetryableError(undefined);
  }
};

const retry = (error: unknown, event: IssueEvent) => {
  if ((event.retryContext?.retryCount ?? 0) >= 4) return undefined;
  const status = error instanceof RetryableError ? error.status : undefined;
  return new InvocationError({
    retryAfter: 60,
    retryReason: status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { issueKey: event.issue.key },
  });
};

const triageComment = (issueKey: string) => ({
  body: {
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text: `Triage bot: ${issueKey} is queued for review.` }] }],
  },
});

export const handler = async (event: IssueEvent) => {
  const key = event.issue.key;
  try {
    await jira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST', body: triageComment(key) });
    await jira(route`/rest/api/3/issue/${key}`, { method: 'PUT', body: { update: { labels: [{ add: 'triage-queued' }] } } });
    await jira(route`/rest/api/3/issue/${key}/watchers`, { method: 'GET' });
    await store(() => kvs.set(`triage:${key}`, { queued: true }));
  } catch (error) {
    return retry(error, event);
  }
  return;
};

export const handler2 = async (event: IssueEvent) => {
  const key = event.issue.key;
  try {
    const done = await store(() => kvs.get<boolean>(`triage-comment-posted:${key}`));
    if (done) return;
    await jira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST', body: triageComment(key) });
    await store(() => kvs.set(`triage-comment-posted:${key}`, true));
  } catch (error) {
    return retry(error, event);
  }
  return;
};

const enrichmentQueue = new Queue({ key: 'issue-enrichment' });

export const handler3 = async (event: IssueEvent) => {
  const key = event.issue.key;
  try {
    await store(() => enrichmentQueue.push({ body: { issueKey: key, action: 'enrich' } }));
    await jira(route`/rest/api/3/issue/${key}/properties/enrichment`, { method: 'PUT', body: { state: 'queued' } });
    await jira(route`/rest/api/3/issue/${key}?fields=labels`, { method: 'GET' });
  } catch (error) {
    return retry(error, event);
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
