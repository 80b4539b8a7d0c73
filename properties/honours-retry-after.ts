import { REACH_REAL_PATH } from './support/supply.js';
import { renderValue } from '../models/render-value.js';
import { normaliseRetryAfter } from '../models/retry-after.js';
import { at, formatOffset } from '../models/time.js';
import { deadlinesOf, describeRequest, firstEarlyRequest, type Deadline } from './support/requests.js';
import { PASS, defineProperty } from './types.js';

const hintFor = (deadline: Deadline): string => {
  switch (deadline.scope.kind) {
    case 'endpoint':
      return `wait for ${deadline.source} before asking the same endpoint again (another query string is the same endpoint), or return InvocationError with retryAfter set to it`;
    case 'issue-writes':
      return `jira-per-issue-on-write covers every write to the issue: wait for ${deadline.source} before writing to it again, or return InvocationError with retryAfter set to it`;
    case 'product':
      return `a quota limit pauses every call to the product: stop and return InvocationError with retryAfter set to ${deadline.source}`;
  }
};

/** The `honours-retry-after` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const honoursRetryAfter = defineProperty({
  id: 'honours-retry-after',
  summary: 'after a 429 or 5xx, nothing its limit covers goes out, and no retry comes, before Retry-After passes',
  doc:
    'An upstream 429 or 5xx carrying a valid Retry-After (delta-seconds or an HTTP-date) at virtual time t sets a ' +
    'deadline t + delay; a 429 without Retry-After sets one at its X-RateLimit-Reset. What the deadline covers ' +
    'follows RateLimit-Reason: jira-burst-based (and no or an unknown reason, and every 5xx) the method and path, ' +
    'whatever the query string, so page 2 of a search right after a 429 on page 1 is early; ' +
    'jira-per-issue-on-write every write to that issue; jira-quota-global-based and jira-quota-tenant-based every ' +
    'call to the product. No covered request in the same invocation goes out before the deadline, and a retry ' +
    'requested at return time r with retryAfter a honours it when a >= min(deadline - r, 900) for every deadline ' +
    'still ahead: passing a Retry-After of 3600 through is fine, the platform lowers it to 900. Phrased with ' +
    'deadlines, not delays, so a handler that already waited in-process for one 429 and then met a shorter one ' +
    'is not blamed for the first. A malformed Retry-After or X-RateLimit-Reset, or a retryAfter that is not a ' +
    'number (retry-after-valid judges that), sets nothing to judge. A request that went out before the limited ' +
    "one's answer arrived (started together, as with Promise.all) is not judged against it.",
  rule:
    'Jira rate limiting: "wait at least Retry-After"; RateLimit-Reason scopes the limit (Build an app that respects rate ' +
    'limits, 2026); RFC 9110 Retry-After is delta-seconds or an HTTP-date',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.some((d) => deadlinesOf(d).length > 0),
  unjudged: { reason: 'no request was ever answered with a Retry-After or a rate-limit reset', supply: REACH_REAL_PATH },
  check: (trace) => {
    const origin = trace.startedAt;
    for (const d of trace.deliveries) {
      const hit = firstEarlyRequest(d);
      if (hit !== undefined) {
        const { deadline, early } = hit;
        return {
          kind: 'fail',
          delivery: d.number,
          request: early.seq,
          message: `request ${early.seq} went out ${(deadline.until - early.at) / 1000} s before the ${deadline.source} deadline`,
          expected: `no ${deadline.covers} before ${formatOffset(at(deadline.until), origin)} (request ${deadline.request.seq}: ${describeRequest(deadline.request)})`,
          received: `${early.method} ${early.path} at ${formatOffset(early.at, origin)}`,
          hint: hintFor(deadline),
        };
      }
      if (d.outcome.kind !== 'app-retry') continue;
      const n = normaliseRetryAfter(d.outcome.request.retryAfter, trace.rules);
      if (n.kind === 'invalid') continue;
      const r = d.endedAt;
      const retryAt = r + n.seconds * 1000;
      const cap = r + trace.rules.maxRetryAfterSeconds * 1000;
      const missed = deadlinesOf(d).find((x) => retryAt < Math.min(x.until, cap));
      if (missed === undefined) continue;
      const wanted = Math.ceil((Math.min(missed.until, cap) - r) / 1000);
      return {
        kind: 'fail',
        delivery: d.number,
        request: missed.request.seq,
        message: `retry requested after ${n.seconds} s, but the upstream asked for ${wanted} s more`,
        expected: `retryAfter >= ${wanted} (request ${missed.request.seq}: ${describeRequest(missed.request)} at ${formatOffset(missed.request.at, origin)})`,
        received: `retryAfter: ${renderValue(d.outcome.request.retryAfter)} at ${formatOffset(r, origin)}`,
        hint:
          missed.source === 'X-RateLimit-Reset'
            ? 'a 429 without Retry-After waits for X-RateLimit-Reset: retryAfter = (Date.parse(reset) - Date.now()) / 1000'
            : `parse Retry-After (seconds or an HTTP date) and pass it through; the platform lowers values above ${trace.rules.maxRetryAfterSeconds} to ${trace.rules.maxRetryAfterSeconds}`,
      };
    }
    return PASS;
  },
});
