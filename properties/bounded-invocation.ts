import { REACH_REAL_PATH } from './support/supply.js';
import { at, formatOffset } from '../models/time.js';
import { describeRequest, firstEarlyRequest, tookTime } from './support/requests.js';
import { PASS, defineProperty } from './types.js';

/** The `bounded-invocation` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const boundedInvocation = defineProperty({
  id: 'bounded-invocation',
  summary: 'each invocation ends within the function timeout and leaves no request, timer or interval running',
  doc:
    'Each invocation ends within the function timeout in virtual time (no in-process sleep longer than the ' +
    'timeout, no hang), leaves no work running after it returns (no request it did not await, no timer or ' +
    'interval still pending), and never re-requests what a 429 covers before its Retry-After. A Forge function ' +
    'that overruns is killed and retried as a timeout, repeating its effects; work left running after the return ' +
    'is frozen with the process and may resume in a later invocation, or never. The number of requests is not ' +
    'limited: Forge caps api.fetch egress per minute, not product calls, and Jira allows bursts (the ' +
    'maxRequestsPerInvocation setting adds a budget of your own; unset by default). Deliveries the scenario ' +
    'itself crashed are not judged.',
  rule: 'function timeout 25 s for product events, 55 s for async consumers (limits-invocation); the process is frozen on return',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  // How long requests take is assumed: a timeout or a request left running may need the slower answers.
  assumes: (trace) => (tookTime(trace) ? ['requestLatency'] : []),
  judged: (trace) => trace.deliveries.some((d) => d.fault === undefined && (d.requests.length > 0 || d.outcome.kind === 'platform-fault')),
  unjudged: { reason: 'no delivery the scenario left alone made a request or ran out of time', supply: REACH_REAL_PATH },
  check: (trace, settings) => {
    for (const d of trace.deliveries) {
      if (d.fault !== undefined) continue;
      if (d.outcome.kind === 'platform-fault' && d.outcome.fault === 'timeout') {
        const hung = d.issues.find((i) => i.kind === 'hung');
        return {
          kind: 'fail',
          delivery: d.number,
          message: `the invocation ran past the ${d.timeoutMs / 1000} s function timeout`,
          expected: `return within ${d.timeoutMs / 1000} s`,
          received: hung !== undefined ? hung.detail : `still running at ${formatOffset(d.endedAt, trace.startedAt)}`,
          hint: 'do not sleep in-process for long waits: return InvocationError({ retryAfter }) and let the platform wait',
        };
      }
      const budget = settings.maxRequestsPerInvocation;
      if (budget !== undefined && d.requests.length > budget) {
        return {
          kind: 'fail',
          delivery: d.number,
          message: `the invocation made ${d.requests.length} upstream requests`,
          expected: `at most ${budget} requests per invocation (settings.maxRequestsPerInvocation)`,
          received: `${d.requests.length} requests`,
          hint: 'bound your in-process loop; after a few failures return InvocationError',
        };
      }
      const hit = firstEarlyRequest(d, (x) => x.request.response.kind === 'http' && x.request.response.status === 429);
      if (hit !== undefined) {
        const { deadline, early } = hit;
        return {
          kind: 'fail',
          delivery: d.number,
          request: early.seq,
          message: `request ${early.seq} hit an endpoint that answered 429 before its ${deadline.source}`,
          expected: `no ${deadline.covers} before ${formatOffset(at(deadline.until), trace.startedAt)} (request ${deadline.request.seq}: ${describeRequest(deadline.request)})`,
          received: `request ${early.seq} at ${formatOffset(early.at, trace.startedAt)}`,
          hint: `wait for ${deadline.source} before asking again, or return InvocationError with that retryAfter`,
        };
      }
      const late = d.issues.find((i) => i.kind === 'late-call');
      if (late !== undefined) {
        return {
          kind: 'fail',
          delivery: d.number,
          message: 'the handler kept working after its invocation ended',
          expected: 'every request finished before the handler returns',
          received: late.detail,
          hint: 'await every request; Forge freezes or ends the function when the handler returns',
        };
      }
      const timers = d.issues.find((i) => i.kind === 'timers-left-running');
      if (timers !== undefined && timers.kind === 'timers-left-running') {
        return {
          kind: 'fail',
          delivery: d.number,
          message: `the handler returned with ${timers.count} timer${timers.count === 1 ? '' : 's'} or interval${timers.count === 1 ? '' : 's'} still pending`,
          expected: 'no setTimeout or setInterval pending when the handler returns',
          received: `${timers.count} pending after the return`,
          hint: 'clear timers and intervals (clearTimeout, clearInterval) before returning, or await what they do; Forge freezes the process on return',
        };
      }
    }
    return PASS;
  },
});
