/**
 * WRONG. `avi:jira:created:issue`: Atlassian's own "requesting a retry" sample, pasted as is.
 * `parseInt(Retry-After)` is NaN for an HTTP-date and uncapped for 1847 or 3600 (retry-after-valid);
 * a 429/5xx without Retry-After returns success (no-swallowed-failures); a network error rejects
 * (survives-every-delivery); it never reads retryCount (respects-retry-cap).
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { asApp, route } from '@forge/api';

export async function lookupReporter(event: any, context: any) {
  const userName = 'john';
  const response = await asApp().requestJira(route`/rest/api/3/user/search?query=${userName}`, {
    headers: {
      'Accept': 'application/json'
    }
  });

  if (response.headers.has('Retry-After')) {
    return new InvocationError({
      retryAfter: parseInt(response.headers.get('Retry-After')!),
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      retryData: {
        userName: userName
      }
    });
  }
}
