import { renderValue } from '../models/render-value.js';
import { normaliseRetryAfter } from '../models/retry-after.js';
import { at, formatOffset } from '../models/time.js';
import { deadlinesOf, describeRequest, firstEarlyRequest } from './support/requests.js';
import { PASS, defineProperty } from './types.js';

/** The `honours-retry-after` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const honoursRetryAfter = defineProperty({
  id: 'honours-retry-after',
  summary: 'after a 429 or 5xx with a valid Retry-After, no request to that endpoint and no retry before it passes',
  doc:
    'An upstream 429 or 5xx carrying a valid Retry-After (delta-seconds or an HTTP-date) at virtual time t sets a ' +
    'deadline t + delay for that method and path. No later request to it in the same invocation goes out before ' +
    'the deadline, and a retry requested at return time r with retryAfter a satisfies r + a >= min(deadline, r + ' +
    '900) for every deadline still ahead. Phrased with deadlines, not delays, so a handler that already waited ' +
    'in-process for one 429 and then met a shorter one is not blamed for the first. A malformed Retry-After, or a ' +
    'retryAfter that is not a number (retry-after-valid judges that), sets nothing to judge.',
  rule: 'Jira rate limiting: "wait at least Retry-After"; RFC 9110 Retry-After is delta-seconds or an HTTP-date',
  regimes: ['product-event', 'async-event'],
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
          message: `request ${early.seq} went out ${(deadline.until - early.at) / 1000} s before the Retry-After deadline`,
          expected: `no ${deadline.endpoint} before ${formatOffset(at(deadline.until), origin)} (request ${deadline.request.seq}: ${describeRequest(deadline.request)})`,
          received: `${early.method} ${early.path} at ${formatOffset(early.at, origin)}`,
          hint: 'wait for Retry-After before asking the same endpoint again, or return InvocationError with retryAfter set to it',
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
        hint: `parse Retry-After (seconds or an HTTP date) and pass it through, capped at ${trace.rules.maxRetryAfterSeconds}`,
      };
    }
    return PASS;
  },
});
