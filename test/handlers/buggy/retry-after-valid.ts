/**
 * BUGGY: retry-after-valid must catch it.
 *
 * `handler3` (any 429/5xx whose Retry-After is an HTTP-date): `parseInt` on the Retry-After header, the
 * mistake of Atlassian's sample 1: NaN for an HTTP-date.
 *
 * Two handlers that used to be here are gone since the 2026 corrections (docs/platform.md): a retryAfter
 * of 3600 is lowered to 900 by the platform and is no error, and a backoff in milliseconds that is not
 * 1000 times a received wait cannot be told from seconds someone meant (test/handlers/platform/ has the
 * detectable units slip).
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
}

const labelIssue = (issueKey: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ update: { labels: [{ add: 'triaged-by-bot' }] } }),
  });

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
