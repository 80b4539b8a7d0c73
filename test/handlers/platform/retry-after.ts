/**
 * Issue 10, item 2: retryAfter above 900 is not an error; milliseconds for seconds is.
 *
 * CORRECT `passThrough` (product event): labels a new issue for the quota-aware sync. Every failure
 * goes through the platform policy, which passes the wait the upstream asked for straight through: a
 * Retry-After of 1847, 2000 or 3600 from Jira's hourly points quota becomes retryAfter 1847, 2000 or
 * 3600, and the platform lowers it to 900. The old rule (fail anything above 900) failed it; it must pass.
 *
 * BUGGY `millisecondsSlip` (product event): a retry-delay helper copied from a fetch-retry library
 * returns milliseconds (`Number(header) * 1000`, or `Date.parse(header) - Date.now()`), which suits
 * `setTimeout`, and the handler hands it to InvocationError as retryAfter. A Retry-After of 120 becomes
 * a request for 120,000 s. retry-after-valid must catch it: 1000 times the Retry-After received.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { UpstreamFailure, call, isLastProductDelivery, retryFor, type RetryContext } from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const label = (issueKey: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ update: { labels: [{ add: 'quota-sync' }] } }),
  });

export const passThrough = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    await call('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=labels`));
    await call('label-issue', () => label(issueKey));
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    if (isLastProductDelivery(event.retryContext)) {
      console.error(`quota-sync: giving up on ${issueKey}: ${error.message}`);
      return;
    }
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

/** From a generic fetch-retry helper: how long to wait, in milliseconds (right for setTimeout). */
const retryDelayMs = (res: { headers: { get(name: string): string | null } }): number => {
  const header = res.headers.get('Retry-After');
  if (header === null) return 30_000;
  const seconds = Number(header);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 30_000 : Math.max(0, date - Date.now());
};

export const millisecondsSlip = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  if ((event.retryContext?.retryCount ?? 0) >= 4) return;
  try {
    const res = await label(issueKey);
    if (res.status === 429 || res.status >= 500) {
      return new InvocationError({
        retryAfter: retryDelayMs(res),
        retryReason: res.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
  } catch {
    return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
