import { describe, expect, it } from 'vitest';
import { boundedInvocation } from '../../properties/bounded-invocation.js';
import { DEFAULT_PROPERTY_SETTINGS, type PropertySettings } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, get, http, lost, platformFault, single, success, tooManyRequests, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace, settings: PropertySettings = DEFAULT_PROPERTY_SETTINGS) => boundedInvocation.check(t, settings);
const SEARCH = '/rest/api/3/search/jql';
const ISSUE = '/rest/api/3/issue/PROJ-1';
const manyRequests = (n: number) => Array.from({ length: n }, (_, i) => get(`/rest/api/3/issue/PROJ-${i + 1}`));
const timedOut = single({ t: 0, end: 25, requests: [get(ISSUE, lost('timeout'))], outcome: platformFault('timeout') });

describe('bounded-invocation: the function timeout', () => {
  it('fails a timeout the scenario did not inject, saying when it was still running', () => {
    expect(check(timedOut)).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'the invocation ran past the 25 s function timeout',
      expected: 'return within 25 s',
      received: 'still running at t=25s',
      hint: 'do not sleep in-process for long waits: return InvocationError({ retryAfter }) and let the platform wait',
    });
  });

  it('reports what the handler hung on when the harness noticed', () => {
    const t = single({ end: 25, outcome: platformFault('timeout'), issues: [{ kind: 'hung', detail: 'setTimeout(60000) pending' }] });
    expect(violation(check(t)).received).toBe('setTimeout(60000) pending');
  });

  it("uses the delivery's own timeout (55 s for async consumers)", () => {
    const t = single({ end: 55, outcome: platformFault('timeout') }, { regime: 'async-event' });
    const v = violation(check(t));
    expect(v.message).toBe('the invocation ran past the 55 s function timeout');
    expect(v.expected).toBe('return within 55 s');
  });

  it('does not judge a delivery the scenario crashed itself', () => {
    const t = single({
      end: 25,
      requests: [get(ISSUE, lost('timeout'))],
      fault: { kind: 'crash-at-request', fault: 'timeout', request: 1, effect: 'not-applied' },
      outcome: platformFault('timeout'),
      issues: [{ kind: 'late-call', detail: 'GET /x after return' }],
    });
    expect(check(t)).toEqual({ kind: 'pass' });
    const refused = single({ fault: { kind: 'refused', fault: 'platform-rate-limited' }, outcome: platformFault('platform-rate-limited') });
    expect(check(refused)).toEqual({ kind: 'pass' });
  });

  it('does not count an out-of-memory fault as overrunning the timeout', () => {
    expect(check(single({ outcome: platformFault('out-of-memory') }))).toEqual({ kind: 'pass' });
  });

  it('reports the first delivery that overran', () => {
    const t = trace({ deliveries: [{ outcome: appRetry() }, { t: 60, end: 85, outcome: platformFault('timeout') }] });
    const v = violation(check(t));
    expect(v.delivery).toBe(2);
    expect(v.received).toBe('still running at t=85s');
  });
});

describe('bounded-invocation: the number of requests', () => {
  it('sets no limit by default: Forge documents none for product calls, so 60 or 199 requests pass', () => {
    expect(DEFAULT_PROPERTY_SETTINGS.maxRequestsPerInvocation).toBeUndefined();
    expect(check(single({ requests: manyRequests(60), outcome: success() }))).toEqual({ kind: 'pass' });
    expect(check(single({ requests: manyRequests(199), outcome: success() }))).toEqual({ kind: 'pass' });
  });

  it('applies a budget of your own from the settings, quoting the count', () => {
    const settings = { ...DEFAULT_PROPERTY_SETTINGS, maxRequestsPerInvocation: 3 };
    expect(check(single({ requests: manyRequests(3), outcome: success() }), settings)).toEqual({ kind: 'pass' });
    expect(check(single({ requests: manyRequests(4), outcome: success() }), settings)).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'the invocation made 4 upstream requests',
      expected: 'at most 3 requests per invocation (settings.maxRequestsPerInvocation)',
      received: '4 requests',
      hint: 'bound your in-process loop; after a few failures return InvocationError',
    });
  });
});

describe('bounded-invocation: re-requests after a 429', () => {
  const again = (t: number, status = 429) =>
    single({
      requests: [get(SEARCH, http(status, { 'retry-after': '10' }), { t: 0 }), get(SEARCH, http(200), { t })],
      outcome: success(),
    });

  it('fails a request to an endpoint before the Retry-After of its 429', () => {
    expect(check(again(5))).toEqual({
      kind: 'fail',
      delivery: 1,
      request: 2,
      message: 'request 2 hit an endpoint that answered 429 before its Retry-After',
      expected: `no GET ${SEARCH} before t=10s (request 1: GET ${SEARCH} -> 429 Retry-After: 10)`,
      received: 'request 2 at t=5s',
      hint: 'wait for Retry-After before asking again, or return InvocationError with that retryAfter',
    });
  });

  it('passes a request at the deadline and fails one a millisecond before', () => {
    expect(check(again(10))).toEqual({ kind: 'pass' });
    expect(violation(check(again(9.999))).received).toBe('request 2 at t=9.999s');
  });

  it('leaves early requests after a 5xx to honours-retry-after', () => {
    expect(check(again(5, 503))).toEqual({ kind: 'pass' });
  });

  it('follows RateLimit-Reason: a quota 429 covers every call to the product', () => {
    const t = single({
      requests: [get(SEARCH, http(429, { 'retry-after': '2000', 'ratelimit-reason': 'jira-quota-global-based' })), get(ISSUE, http(200), { t: 1 })],
      outcome: success(),
    });
    expect(violation(check(t)).expected).toBe(
      `no Jira request of any kind (RateLimit-Reason: jira-quota-global-based) before t=2000s (request 1: GET ${SEARCH} -> 429 Retry-After: 2000 RateLimit-Reason: jira-quota-global-based)`,
    );
  });

  it('ignores a 429 without a usable Retry-After', () => {
    const t = single({ requests: [get(SEARCH, tooManyRequests('soon')), get(SEARCH, http(200))], outcome: success() });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});

describe('bounded-invocation: work after the return', () => {
  it('fails a call made after the invocation ended', () => {
    const t = single({ outcome: success(), issues: [{ kind: 'late-call', detail: `PUT ${ISSUE} 3 s after the handler returned` }] });
    expect(check(t)).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'the handler kept working after its invocation ended',
      expected: 'every request finished before the handler returns',
      received: `PUT ${ISSUE} 3 s after the handler returned`,
      hint: 'await every request; Forge freezes or ends the function when the handler returns',
    });
  });

  it('fails a request the handler did not await, as the runtime records it', () => {
    const detail = `PUT ${ISSUE} was still running when the handler returned (not awaited)`;
    const t = single({ requests: [get(ISSUE)], outcome: success(), issues: [{ kind: 'late-call', detail }] });
    expect(violation(check(t)).received).toBe(detail);
  });

  it('fails timers and intervals left pending when the handler returned', () => {
    const t = single({ outcome: success(), issues: [{ kind: 'timers-left-running', count: 2 }] });
    expect(check(t)).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'the handler returned with 2 timers or intervals still pending',
      expected: 'no setTimeout or setInterval pending when the handler returns',
      received: '2 pending after the return',
      hint: 'clear timers and intervals (clearTimeout, clearInterval) before returning, or await what they do; Forge freezes the process on return',
    });
    const one = single({ outcome: appRetry(), issues: [{ kind: 'timers-left-running', count: 1 }] });
    expect(violation(check(one)).message).toBe('the handler returned with 1 timer or interval still pending');
  });

  it('ignores issues it does not judge', () => {
    const t = single({
      outcome: success(),
      issues: [
        { kind: 'event-mutated', detail: 'event.issue' },
        { kind: 'unhandled-rejection', detail: 'x' },
      ],
    });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});

describe('bounded-invocation: which failures it owns', () => {
  it('quotes the hung issue when a timeout came with other issues too', () => {
    const t = single({
      t: 0,
      end: 25,
      outcome: platformFault('timeout'),
      issues: [
        { kind: 'unhandled-rejection', detail: 'Error: later' },
        { kind: 'hung', detail: 'the handler neither settled nor waited on a timer; cut off at the 25 s timeout' },
      ],
    });
    expect(violation(check(t)).received).toBe('the handler neither settled nor waited on a timer; cut off at the 25 s timeout');
  });

  it('leaves an early request after a 5xx with Retry-After to honours-retry-after', () => {
    const t = single({ requests: [get(ISSUE, http(503, { 'retry-after': '30' }), { t: 0 }), get(ISSUE, http(200), { t: 1 })], outcome: success() });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});
