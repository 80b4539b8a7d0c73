import { isQueueRegime } from '../models/codes.js';
import { REACH_REAL_PATH } from './support/supply.js';
import { describeThrown } from '../models/render-value.js';
import { errorName } from './support/errors.js';
import { PASS, defineProperty } from './types.js';

/** Errors no handler means to throw: they point at a programming error, not a failure to retry. */
const PROGRAMMING_ERRORS: ReadonlySet<string> = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError']);

/** The `survives-every-delivery` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const survivesEveryDelivery = defineProperty({
  id: 'survives-every-delivery',
  summary: 'the handler never throws, on any delivery, retry or duplicate (async events: no programming errors)',
  doc:
    'The handler never throws or rejects, on any delivery: the first, app retries at every retryCount, platform ' +
    'retries (which carry no retryData), duplicates. A product event whose handler throws is reported as ' +
    'FUNCTION_ERR and, by default, not retried (rule productThrownError: undocumented; changelog CHANGE-681 suggests ' +
    'it may be), so the event is lost; a rejection nobody awaited counts too. For async events (and product events ' +
    'under productThrownError "retried-as-platform-error") a throw is a way to be retried, so only programming errors the handler did not mean are flagged ' +
    '(TypeError, ReferenceError, RangeError, SyntaxError), except the "fetch failed" TypeError of a network error ' +
    'the handler let through. Because that rule is assumed, a deliberate throw there is a warning unless ' +
    'strictAssumptions is set.',
  rule: 'a thrown product-event handler is reported as FUNCTION_ERR and assumed not retried (productThrownError); platform retries carry no retryData (assumed)',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.length > 1 || trace.deliveries.some((d) => d.requests.length > 0 || d.outcome.kind !== 'success'),
  unjudged: { reason: 'the handler made no request, never failed and was never redelivered', supply: REACH_REAL_PATH },
  // Whether a thrown product-event handler is retried is undocumented (productThrownError): when it is, a
  // deliberate throw is a way to be retried as it is for async events, so only programming errors remain.
  assumes: (trace) => (trace.regime === 'product-event' && trace.deliveries.some((d) => d.outcome.kind === 'thrown') ? ['productThrownError'] : []),
  check: (trace) => {
    const queue = isQueueRegime(trace.regime);
    const retried = queue || trace.rules.productThrownError === 'retried-as-platform-error';
    for (const d of trace.deliveries) {
      if (d.outcome.kind === 'thrown') {
        const error = d.outcome.error;
        const name = errorName(error);
        const networkError =
          name === 'TypeError' &&
          d.requests.some((r) => r.response.kind === 'network-error') &&
          String((error as { message?: unknown }).message) === 'fetch failed';
        if (retried && (name === undefined || !PROGRAMMING_ERRORS.has(name) || networkError)) continue;
        return {
          kind: 'fail',
          delivery: d.number,
          message: `the handler threw on delivery ${d.number} (${d.kind}${d.retryContext ? `, retryCount ${d.retryContext.retryCount}` : ''})`,
          expected: retried ? 'no programming error (TypeError, ReferenceError, RangeError, SyntaxError)' : 'a return value (success or InvocationError)',
          received: `threw ${describeThrown(error)}`,
          hint:
            d.kind === 'platform-retry'
              ? 'platform retries (timeouts, OOM) carry retryContext without retryData: read retryContext?.retryData?.x defensively'
              : 'catch failures and return InvocationError (or handle them); a thrown product-event handler loses the event',
        };
      }
      const rejection = d.issues.find((i) => i.kind === 'unhandled-rejection');
      if (rejection !== undefined && !queue) {
        return {
          kind: 'fail',
          delivery: d.number,
          message: 'a promise the handler started rejected and nobody handled it',
          expected: 'every promise awaited or its rejection handled',
          received: rejection.detail,
          hint: 'await every promise you start (or use Promise.allSettled) before returning',
        };
      }
    }
    return PASS;
  },
});
