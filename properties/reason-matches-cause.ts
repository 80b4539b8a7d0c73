import { REACH_RETRY } from './support/supply.js';
import { renderValue } from '../models/render-value.js';
import { isHttpSurface } from '../models/surfaces.js';
import type { RequestRecord } from '../models/trace.js';
import { describeRequest, unrecoveredFailures } from './support/requests.js';
import { PASS, defineProperty } from './types.js';

const isRateLimit = (r: RequestRecord): boolean => isHttpSurface(r.surface) && r.response.kind === 'http' && r.response.status === 429;

/** The failure whose answer reached the handler last (sent time plus latency; the later request on a tie). */
const lastToArrive = (failures: readonly RequestRecord[]): RequestRecord | undefined =>
  failures.reduce<RequestRecord | undefined>((latest, r) => (latest === undefined || arrival(r) >= arrival(latest) ? r : latest), undefined);

const arrival = (r: RequestRecord): number => r.at + (r.latencyMs ?? 0);

/** The `reason-matches-cause` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const reasonMatchesCause = defineProperty({
  id: 'reason-matches-cause',
  summary: 'a retry after an unrecovered upstream 429 gives retryReason FUNCTION_UPSTREAM_RATE_LIMITED',
  doc:
    'When the last unrecovered failure before a retry request was an upstream 429, retryReason is ' +
    "FUNCTION_UPSTREAM_RATE_LIMITED. The reason is what the retry (and Atlassian's metrics) sees of the cause; " +
    'calling a rate limit a generic retry hides it. Only failures whose status the handler could see are judged ' +
    '(product, GraphQL and external HTTP), and a failure counts as recovered when a later request to the same ' +
    'method and path in the same invocation got an answer. Requests made together answer out of order (latency): ' +
    'then the last sent and the last to arrive must both be 429s.',
  rule: 'Atlassian\'s product events page: FUNCTION_UPSTREAM_RATE_LIMITED is "Rate limit upstream that caused the app to fail"',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.some((d) => d.outcome.kind === 'app-retry' && unrecoveredFailures(d).length > 0),
  unjudged: { reason: 'no retry was ever requested after an unrecovered upstream failure', supply: REACH_RETRY },
  check: (trace) => {
    for (const d of trace.deliveries) {
      if (d.outcome.kind !== 'app-retry') continue;
      const failures = unrecoveredFailures(d);
      const last = failures.at(-1);
      if (last === undefined || !isRateLimit(last)) continue;
      // With latency, answers of requests made together arrive out of order: the last sent and the last
      // to arrive may differ, and a handler may take either for "the last failure". Judged only when both are 429s.
      if (!isRateLimit(lastToArrive(failures) ?? last)) continue;
      const { retryReason } = d.outcome.request;
      if (retryReason === 'FUNCTION_UPSTREAM_RATE_LIMITED') continue;
      return {
        kind: 'fail',
        delivery: d.number,
        request: last.seq,
        message: `a retry after an upstream 429 gave retryReason ${renderValue(retryReason)}`,
        expected: `retryReason FUNCTION_UPSTREAM_RATE_LIMITED (request ${last.seq}: ${describeRequest(last)})`,
        received: `retryReason: ${renderValue(retryReason)}`,
        hint: 'when the response status is 429, return InvocationError with InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED',
      };
    }
    return PASS;
  },
});
