import { retryCapOf } from '../models/codes.js';
import { REACH_REAL_PATH } from './support/supply.js';
import { describeRequest, isRetryableFailure, unrecoveredFailures } from './support/requests.js';
import { PASS, defineProperty } from './types.js';

/** The `no-swallowed-failures` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const noSwallowedFailures = defineProperty({
  id: 'no-swallowed-failures',
  summary: 'a delivery with an unrecovered 429, 5xx or network error does not return success while retries remain',
  doc:
    'A delivery that met a retryable upstream failure (429, 5xx, network error, including Forge KVS; on a life-cycle ' +
    'event, the 401/403 of an app whose permissions are still propagating) and did not ' +
    'later succeed on that request does not return success while retry budget remains. Returning success tells ' +
    'the platform the work is done; the event is never redelivered and the failed work is lost. On the last ' +
    "permitted delivery of a product event or a resolver-style consumer (retryCount 4: retryCount counts the app's " +
    "own retry requests, not the platform's retries) giving up is the handler's call, so it is not judged.",
  rule: 'a successful return completes the event; only InvocationError (or a throw, for async events) brings a retry',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.some((d) => d.requests.some(isRetryableFailure)),
  unjudged: { reason: 'no upstream failure (429, 5xx, network error) ever reached the handler', supply: REACH_REAL_PATH },
  check: (trace) => {
    for (const d of trace.deliveries) {
      if (d.outcome.kind !== 'success') continue;
      const count = d.retryContext?.retryCount ?? 0;
      const cap = retryCapOf(trace.regime, trace.rules);
      if (cap !== undefined && count >= cap) continue;
      const failure = unrecoveredFailures(d)[0];
      if (failure === undefined) continue;
      return {
        kind: 'fail',
        delivery: d.number,
        request: failure.seq,
        message: `the handler returned success after request ${failure.seq} failed and was not retried`,
        expected: `InvocationError (retry budget remains: retryCount ${count} of ${cap ?? 'the retention window'})`,
        received: `success after ${describeRequest(failure)}`,
        hint:
          failure.transient === 'install-propagation'
            ? 'right after install the app may not have its permissions yet (Atlassian: code defensively); return InvocationError so that the setup runs again, instead of logging the 401/403 and returning'
            : 'check response.ok (and catch network errors); return InvocationError for 429/5xx instead of carrying on',
      };
    }
    return PASS;
  },
});
