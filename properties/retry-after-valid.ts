import { kindOf, renderValue } from '../models/render-value.js';
import { PASS, defineProperty } from './types.js';

/** The `retry-after-valid` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const retryAfterValid = defineProperty({
  id: 'retry-after-valid',
  summary: 'a requested retryAfter is a finite number of seconds, at most 900',
  doc:
    'A requested retryAfter is a finite number of seconds, at most 900. The platform lowers larger values to 900, ' +
    'so asking for more is a units or logic error (milliseconds for seconds, an uncapped Retry-After); NaN (what ' +
    'parseInt makes of an HTTP-date), strings and Infinity no longer say when to retry, and NaN arrives as null. ' +
    'Values <= 0 are fine: the SDK raises them to 1. A retry request without retryAfter is not judged.',
  rule: 'retryAfter maximum 900 s, larger values are lowered (async-events limits); NaN becomes null in JSON',
  regimes: ['product-event', 'async-event'],
  check: (trace, _settings) => {
    for (const d of trace.deliveries) {
      if (d.outcome.kind !== 'app-retry') continue;
      const { retryAfter } = d.outcome.request;
      if (retryAfter === undefined) continue;
      const max = trace.rules.maxRetryAfterSeconds;
      if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter <= max) continue;
      const received = renderValue(retryAfter);
      return {
        kind: 'fail',
        delivery: d.number,
        message: `retryAfter ${received} is not a number of seconds between 1 and ${max}`,
        expected: `a finite number of seconds <= ${max}`,
        received: `retryAfter: ${received} (${kindOf(retryAfter)})`,
        hint:
          typeof retryAfter === 'number' && retryAfter > max
            ? `cap the delay: Math.min(seconds, ${max}); check it is seconds, not milliseconds`
            : 'parse Retry-After as delta-seconds or an HTTP-date (Date.parse(value) - Date.now()), and fall back to a backoff when it is missing or malformed',
      };
    }
    return PASS;
  },
});
