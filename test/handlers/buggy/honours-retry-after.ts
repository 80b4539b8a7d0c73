/**
 * BUGGY: honours-retry-after must catch both.
 *
 * `handler` (any 429/5xx whose Retry-After asks for more than 10 s): a sync of the issue's watchers
 * that always asks for a retry 10 s later, whatever Retry-After said. Jira asked for 50 s, 120 s or
 * a date an hour ahead; the retry arrives long before that and meets the same rate limit.
 *
 * `handler2` (any 429/5xx with a Retry-After of 1 s or more): an in-process retry loop that tries a
 * request three times back to back before giving the problem to the platform; the second attempt
 * hits the endpoint before the deadline the first one was given. (bounded-invocation also flags it:
 * it re-requests an endpoint that answered 429 before its Retry-After.)
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number };
}

const isRetryable = (status: number) => status === 429 || status >= 500;

const retryLater = (status: number | undefined, retryCount: number) =>
  retryCount >= 4
    ? undefined
    : new InvocationError({
        retryAfter: 10,
        retryReason: status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        retryData: { step: 'watchers' },
      });

export const handler = async (event: IssueEvent) => {
  const retryCount = event.retryContext?.retryCount ?? 0;
  try {
    const watchers = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/watchers`, {
      headers: { Accept: 'application/json' },
    });
    if (isRetryable(watchers.status)) return retryLater(watchers.status, retryCount);
    const add = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/watch-sync`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ syncedAt: new Date().toISOString() }),
    });
    if (isRetryable(add.status)) return retryLater(add.status, retryCount);
  } catch {
    return retryLater(undefined, retryCount);
  }
  return;
};

const requestWithRetries = async (issueKey: string, attempts = 3) => {
  let last;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    last = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=status,assignee`, {
      headers: { Accept: 'application/json' },
    });
    if (!isRetryable(last.status)) return last;
    console.warn(`attempt ${attempt} got ${last.status}, trying again`);
  }
  return last!;
};

export const handler2 = async (event: IssueEvent) => {
  const retryCount = event.retryContext?.retryCount ?? 0;
  try {
    const res = await requestWithRetries(event.issue.key);
    if (!isRetryable(res.status)) return;
    if (retryCount >= 4) return;
    const retryAfter = Number(res.headers.get('Retry-After'));
    return new InvocationError({
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 900) : 30,
      retryReason: res.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  } catch {
    return retryLater(undefined, retryCount);
  }
};

export const options = { trigger: 'product-event' } as const;
