import { REACH_RETRY } from './support/supply.js';
import { APP_RETRY_REASONS, isAppRetryReason } from '../models/codes.js';
import { renderValue } from '../models/render-value.js';
import { PASS, defineProperty } from './types.js';

/** The `reason-valid` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const reasonValid = defineProperty({
  id: 'reason-valid',
  summary: 'a retry request gives retryReason FUNCTION_UPSTREAM_RATE_LIMITED or FUNCTION_RETRY_REQUEST',
  doc:
    'A retry request names one of the two app-level reasons, FUNCTION_UPSTREAM_RATE_LIMITED or ' +
    'FUNCTION_RETRY_REQUEST: never a platform code (the platform reserves the other four for its own retries), ' +
    'never a missing or made-up value. The reason comes back on the retry to tell the handler why it is running ' +
    'again; a missing or made-up reason makes that retry undiagnosable.',
  rule: 'Atlassian\'s product events page: "The App should provide a reason as to why they are retrying"; two InvocationErrorCode values are app-level',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.some((d) => d.outcome.kind === 'app-retry'),
  unjudged: { reason: 'no retry was ever requested', supply: REACH_RETRY },
  check: (trace) => {
    for (const d of trace.deliveries) {
      if (d.outcome.kind !== 'app-retry') continue;
      const { retryReason } = d.outcome.request;
      if (isAppRetryReason(retryReason)) continue;
      return {
        kind: 'fail',
        delivery: d.number,
        message: `retryReason ${renderValue(retryReason)} is not an app-level reason`,
        expected: `one of ${APP_RETRY_REASONS.join(', ')}`,
        received: `retryReason: ${renderValue(retryReason)}`,
        hint: 'use InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED for upstream 429s and FUNCTION_RETRY_REQUEST otherwise',
      };
    }
    return PASS;
  },
});
