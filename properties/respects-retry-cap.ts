import { REACH_RETRY } from './support/supply.js';
import { PASS, defineProperty } from './types.js';

/** The `respects-retry-cap` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const respectsRetryCap = defineProperty({
  id: 'respects-retry-cap',
  summary: 'no retry is requested at retryCount 4, the last permitted delivery (product events)',
  doc:
    'Product events: no retry is requested on the final permitted delivery (retryCount 4). The platform allows ' +
    'four app retries; a fifth request is dropped with the event, so whatever the handler meant to do later never ' +
    'happens. On its last chance the handler must finish the work another way (record a dead letter, notify, give ' +
    'up explicitly).',
  rule: 'Atlassian\'s product events page: "You can only retry an event for a maximum of four times"; retryCount is 4 on the last retry',
  regimes: ['product-event'],
  judged: (trace) => trace.deliveries.some((d) => (d.retryContext?.retryCount ?? 0) >= trace.rules.maxRetries),
  unjudged: { reason: 'no delivery reached the last permitted retry (retryCount 4)', supply: REACH_RETRY },
  check: (trace) => {
    const max = trace.rules.maxRetries;
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
