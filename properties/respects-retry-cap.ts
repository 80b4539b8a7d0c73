import { retryCapOf } from '../models/codes.js';
import { REACH_RETRY } from './support/supply.js';
import { PASS, defineProperty } from './types.js';

/** The `respects-retry-cap` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const respectsRetryCap = defineProperty({
  id: 'respects-retry-cap',
  summary: 'no retry is requested at retryCount 4, the last permitted delivery (product events, resolver consumers)',
  doc:
    'Product events and resolver-style (events v1) consumers: no retry is requested on the final permitted ' +
    'delivery (retryCount 4). retryCount counts the retries the app asked for (async events also count thrown ' +
    'errors, timeouts and out-of-memory); whether platform retries of a product event count too is undocumented, and ' +
    'either way the platform shows the count it caps in retryCount. A fifth request is dropped with the event, so ' +
    'whatever the handler meant to do later never happens. On its last chance the handler must finish the work ' +
    'another way (record a dead letter, notify, give up explicitly).',
  rule: 'Atlassian\'s product events page: "You can only retry an event for a maximum of four times"; retryCount is "the number of times (max 4) the app requested for retry"; events v1 consumers were retried at most 4 times',
  regimes: ['product-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.some((d) => (d.retryContext?.retryCount ?? 0) >= (retryCapOf(trace.regime, trace.rules) ?? Infinity)),
  unjudged: { reason: 'no delivery reached the last permitted retry (retryCount 4 for product events and resolver consumers)', supply: REACH_RETRY },
  check: (trace) => {
    const max = retryCapOf(trace.regime, trace.rules);
    if (max === undefined) return PASS;
    for (const d of trace.deliveries) {
      const count = d.retryContext?.retryCount ?? 0;
      if (count < max || (d.outcome.kind !== 'app-retry' && d.outcome.kind !== 'legacy-retry')) continue;
      return {
        kind: 'fail',
        delivery: d.number,
        message: `a retry was requested on retryCount ${count}, the last permitted delivery`,
        expected: `no retry request when retryContext.retryCount >= ${max}`,
        received: `${d.outcome.kind === 'legacy-retry' ? 'legacy { _retry: true }' : 'InvocationError'} on retryCount ${count}; the event is dropped`,
        hint: `check event.retryContext?.retryCount >= ${max} and handle the last chance (dead-letter to KVS, alert, or give up explicitly)`,
      };
    }
    return PASS;
  },
});
