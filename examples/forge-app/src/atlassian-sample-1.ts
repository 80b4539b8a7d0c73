/**
 * WRONG. `avi:jira:created:issue`: Atlassian's sample 1, "Example for requesting a retry" from the
 * "Product events" page, as written there. The only changes are TypeScript typing (`event: any`, the
 * `!` on the header, and the return type `Promise<InvocationError | void>`, which says out loud that
 * without Retry-After it returns nothing) and the function's name, `lookupReporter`, the export the
 * manifest names. The harness's own corpus (`test/handlers/index.ts`) checks this same file.
 *
 * What the properties find in it:
 * - retry-after-valid: `parseInt(response.headers.get('Retry-After'))` is NaN when Retry-After is an
 *   HTTP-date (RFC 9110 allows it), and a Retry-After above 900 (Jira sends 1847, 3600) is passed on
 *   uncapped. (Primary: both are common.)
 * - no-swallowed-failures: a 429 or 5xx without a Retry-After header falls through to an implicit
 *   success, with retries still left.
 * - survives-every-delivery: a network error makes `requestJira` reject, and nothing catches it.
 * - respects-retry-cap: a 429 on retryCount 4 still asks for a retry (nothing reads retryContext).
 * - reason-valid / reason-matches-cause pass: the reason is always FUNCTION_UPSTREAM_RATE_LIMITED
 *   (arguably wrong for a 5xx, but only a 429 is judged).
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { asApp, route } from '@forge/api';

export async function lookupReporter(event: any, context: any): Promise<InvocationError | void> {
  const userName = 'john';
  const response = await asApp().requestJira(route`/rest/api/3/user/search?query=${userName}`, {
    headers: {
      Accept: 'application/json',
    },
  });

  if (response.headers.has('Retry-After')) {
    return new InvocationError({
      // The App can request the retry to happen after a certain time period elapses

      retryAfter: parseInt(response.headers.get('Retry-After')!),

      // The App should provide a reason as to why they are retrying.

      // This reason will be feedback to the event payload on the retry

      // and is to help the developer discern the initial failure reason.

      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      retryData: {
        userName: userName,
      },
    });
  }
}
