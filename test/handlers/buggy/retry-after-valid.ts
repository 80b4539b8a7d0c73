/**
 * BUGGY: retry-after-valid must catch all three.
 *
 * `handler` (every seed, first delivery): "cool-down" triage. New issues are often edited in the
 * first minutes, so the handler postpones its work by an hour by asking for a retry on the first
 * delivery with `retryAfter: 60 * 60`. The platform lowers anything above 900 s to 900, so the app
 * runs after 15 minutes, not an hour: retryAfter 3600 > 900.
 *
 * `handler2` (any upstream failure): exponential backoff computed in milliseconds and passed as
 * retryAfter, which is seconds: 5000 ms becomes a request for 5000 s.
 *
 * `handler3` (any 429/5xx whose Retry-After is an HTTP-date or over 900): `parseInt` on the
 * Retry-After header, the mistake of Atlassian's sample 1: NaN for an HTTP-date, and no cap, so 1847 or 3600 go
 * through as they are.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number; retryReason: string; retryData?: { cooledDown?: boolean } };
}

const COOL_DOWN_SECONDS = 60 * 60;

const labelIssue = (issueKey: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ update: { labels: [{ add: 'triaged-by-bot' }] } }),
  });

export const handler = async (event: IssueEvent) => {
  if (!event.retryContext?.retryData?.cooledDown) {
    return new InvocationError({
      retryAfter: COOL_DOWN_SECONDS,
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      retryData: { cooledDown: true },
    });
  }
  try {
    const res = await labelIssue(event.issue.key);
    if (res.status === 429 || res.status >= 500) {
      if ((event.retryContext?.retryCount ?? 0) >= 4) return;
      return new InvocationError({
        retryAfter: 30,
        retryReason: res.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        retryData: { cooledDown: true },
      });
    }
  } catch {
    if ((event.retryContext?.retryCount ?? 0) >= 4) return;
    return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { cooledDown: true } });
  }
  return;
};

const backoffMs = (retryCount: number) => 5000 * 2 ** retryCount;

export const handler2 = async (event: IssueEvent) => {
  const retryCount = event.retryContext?.retryCount ?? 0;
  let failure: 'rate-limited' | 'failed' | undefined;
  try {
    const res = await labelIssue(event.issue.key);
    if (res.status === 429) failure = 'rate-limited';
    else if (res.status >= 500) failure = 'failed';
  } catch {
    failure = 'failed';
  }
  if (failure === undefined || retryCount >= 4) return;
  return new InvocationError({
    retryAfter: backoffMs(retryCount),
    retryReason: failure === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
};

export const handler3 = async (event: IssueEvent) => {
  if ((event.retryContext?.retryCount ?? 0) >= 4) return;
  try {
    const res = await labelIssue(event.issue.key);
    if (res.status === 429 || res.status >= 500) {
      return new InvocationError({
        retryAfter: parseInt(res.headers.get('Retry-After') ?? '60', 10),
        retryReason: res.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
  } catch {
    return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
