import { describe, expect, it } from 'vitest';
import { honoursRetryAfter } from '../../properties/honours-retry-after.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, get, http, kvsGet, post, put, single, success, tooManyRequests, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace) => honoursRetryAfter.check(t, DEFAULT_PROPERTY_SETTINGS);
const SEARCH = '/rest/api/3/user/search?query=john';
const ISSUE = '/rest/api/3/issue/PROJ-1';
const limited = (retryAfter: unknown, end = 0, ra = '120') =>
  single({
    requests: [get(SEARCH, tooManyRequests(ra), { t: 0 })],
    end,
    outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
  });

describe('honours-retry-after: the retry it requests', () => {
  it('fails a retry shorter than the Retry-After of a 429, naming both values', () => {
    expect(check(limited(5))).toEqual({
      kind: 'fail',
      delivery: 1,
      request: 1,
      message: 'retry requested after 5 s, but the upstream asked for 120 s more',
      expected: `retryAfter >= 120 (request 1: GET ${SEARCH} -> 429 Retry-After: 120 at t=0s)`,
      received: 'retryAfter: 5 at t=0s',
      hint: 'parse Retry-After (seconds or an HTTP date) and pass it through; the platform lowers values above 900 to 900',
    });
  });

  it('passes a retry exactly as long as the Retry-After, and fails one a millisecond shorter', () => {
    expect(check(limited(120))).toEqual({ kind: 'pass' });
    expect(check(limited(121))).toEqual({ kind: 'pass' });
    expect(violation(check(limited(119.999))).expected).toMatch(/^retryAfter >= 120 /);
  });

  it('counts the time already spent: a retry need only cover what remains of the deadline', () => {
    expect(check(limited(100, 20))).toEqual({ kind: 'pass' });
    const v = violation(check(limited(99, 20)));
    expect(v.message).toBe('retry requested after 99 s, but the upstream asked for 100 s more');
    expect(v.received).toBe('retryAfter: 99 at t=20s');
  });

  it('rounds the remaining wait up to whole seconds in the report', () => {
    const v = violation(check(limited(99, 20.5)));
    expect(v.message).toBe('retry requested after 99 s, but the upstream asked for 100 s more');
    expect(check(limited(99.5, 20.5))).toEqual({ kind: 'pass' });
  });

  it('does not judge a deadline that has already passed when the handler returns', () => {
    expect(check(limited(1, 120))).toEqual({ kind: 'pass' });
    expect(check(limited(1, 200))).toEqual({ kind: 'pass' });
    expect(violation(check(limited(1, 118))).message).toBe('retry requested after 1 s, but the upstream asked for 2 s more');
  });

  it('does not blame a second, shorter 429 met after an in-process wait for the first', () => {
    const waited = (retryAfter: number) =>
      single({
        requests: [get(SEARCH, tooManyRequests('10'), { t: 0 }), get(SEARCH, tooManyRequests('2'), { t: 10 })],
        end: 10,
        outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
      });
    expect(check(waited(2))).toEqual({ kind: 'pass' });
    const v = violation(check(waited(1)));
    expect(v.request).toBe(2);
    expect(v.expected).toBe(`retryAfter >= 2 (request 2: GET ${SEARCH} -> 429 Retry-After: 2 at t=10s)`);
  });

  it('holds the retry to every deadline still ahead, not just the last one', () => {
    const t = single({
      requests: [get(SEARCH, tooManyRequests('60'), { t: 0 }), get(ISSUE, tooManyRequests('5'), { t: 0 })],
      outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
    });
    const v = violation(check(t));
    expect(v.request).toBe(1);
    expect(v.message).toContain('asked for 60 s more');
  });

  it('accepts a retryAfter at the 900 s cap for a Retry-After of 3600, and nothing below it', () => {
    expect(check(limited(900, 0, '3600'))).toEqual({ kind: 'pass' });
    expect(check(limited(1800, 0, '3600'))).toEqual({ kind: 'pass' });
    const v = violation(check(limited(899, 0, '3600')));
    expect(v.message).toBe('retry requested after 899 s, but the upstream asked for 900 s more');
    expect(v.expected).toContain('Retry-After: 3600');
  });

  it('takes the cap from the rules', () => {
    const capped = (retryAfter: number) =>
      single(
        { requests: [get(SEARCH, tooManyRequests('3600'))], outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }) },
        { rules: { maxRetryAfterSeconds: 600 } },
      );
    expect(check(capped(600))).toEqual({ kind: 'pass' });
    const v = violation(check(capped(599)));
    expect(v.message).toContain('asked for 600 s more');
    expect(v.hint).toContain('lowers values above 600 to 600');
  });

  it('judges retryAfter after the SDK raised a value <= 0 to 1', () => {
    expect(check(limited(0, 0, '1'))).toEqual({ kind: 'pass' });
    expect(check(limited(-1, 0, '1'))).toEqual({ kind: 'pass' });
    const v = violation(check(limited(0, 0, '2')));
    expect(v.message).toBe('retry requested after 1 s, but the upstream asked for 2 s more');
    expect(v.received).toBe('retryAfter: 0 at t=0s');
  });

  it('does not judge a retryAfter that is not a number (retry-after-valid does)', () => {
    expect(check(limited(Number.NaN))).toEqual({ kind: 'pass' });
    expect(check(limited('5'))).toEqual({ kind: 'pass' });
    expect(check(limited(undefined))).toEqual({ kind: 'pass' });
    expect(check(limited(Number.POSITIVE_INFINITY))).toEqual({ kind: 'pass' });
  });

  it('sets a deadline from a 5xx with Retry-After, from 500 up', () => {
    const failing = (status: number) =>
      single({ requests: [get(ISSUE, http(status, { 'Retry-After': '30' }))], outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' }) });
    expect(violation(check(failing(503))).expected).toBe(`retryAfter >= 30 (request 1: GET ${ISSUE} -> 503 Retry-After: 30 at t=0s)`);
    expect(check(failing(500)).kind).toBe('fail');
    expect(check(failing(499))).toEqual({ kind: 'pass' });
    expect(check(failing(404))).toEqual({ kind: 'pass' });
    expect(check(failing(200))).toEqual({ kind: 'pass' });
  });

  it('sets no deadline for a 429 without Retry-After', () => {
    const t = single({ requests: [get(SEARCH, tooManyRequests())], outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }) });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('reads an HTTP-date Retry-After as an absolute deadline', () => {
    const dated = (retryAfter: number) => limited(retryAfter, 0, 'Wed, 01 Jan 2025 00:02:00 GMT');
    expect(check(dated(120))).toEqual({ kind: 'pass' });
    const v = violation(check(dated(60)));
    expect(v.message).toContain('asked for 120 s more');
    expect(v.expected).toContain('Retry-After: Wed, 01 Jan 2025 00:02:00 GMT');
  });

  it('sets no constraint for an HTTP-date in the past', () => {
    const t = single({
      requests: [get(SEARCH, tooManyRequests('Tue, 31 Dec 2024 23:00:00 GMT'), { t: 0 }), get(SEARCH, http(200), { t: 0 })],
      outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST' }),
    });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it.each(['soon', '120s', '1.5', '-5', 'Wed, 01 Jan 2025 00:02:00 UTC', 'Sat, 31 Feb 2025 00:00:00 GMT', ''])(
    'sets no constraint for a malformed Retry-After %j',
    (ra) => {
      const t = single({
        requests: [get(SEARCH, tooManyRequests(ra), { t: 0 }), get(SEARCH, tooManyRequests(ra), { t: 0.5 })],
        end: 0.5,
        outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
      });
      expect(check(t)).toEqual({ kind: 'pass' });
    },
  );

  it('does not judge Forge storage, whose status the SDK hides', () => {
    const t = single({ requests: [kvsGet('k', tooManyRequests('60'))], outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST' }) });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('judges external services, GraphQL and Confluence like Jira', () => {
    const external = single({
      requests: [get('https://api.example.com/v1/items', tooManyRequests('30'))],
      outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
    });
    expect(violation(check(external)).expected).toContain('GET https://api.example.com/v1/items -> 429 Retry-After: 30');
    const confluence = single({
      requests: [get('/wiki/api/v2/pages/1', tooManyRequests('30'))],
      outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
    });
    expect(check(confluence).kind).toBe('fail');
  });

  it('does not judge a delivery that returned success (no-swallowed-failures does)', () => {
    const t = single({ requests: [get(SEARCH, tooManyRequests('120'))], outcome: success() });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('judges every delivery, reporting the one that fell short', () => {
    const t = trace({
      deliveries: [
        { requests: [get(SEARCH, tooManyRequests('10'))], outcome: appRetry({ retryAfter: 10, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }) },
        {
          t: 10,
          requests: [get(SEARCH, tooManyRequests('30'), { t: 10 })],
          outcome: appRetry({ retryAfter: 3, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
        },
      ],
    });
    const v = violation(check(t));
    expect(v.delivery).toBe(2);
    expect(v.expected).toContain('at t=10s');
    expect(v.received).toBe('retryAfter: 3 at t=10s');
  });
});

describe('honours-retry-after: requests within the invocation', () => {
  const again = (t: number, second = get(SEARCH, http(200), { t })) =>
    single({ requests: [get(SEARCH, tooManyRequests('10'), { t: 0 }), second], end: Math.max(t, 10), outcome: success() });

  it('fails a request to the same endpoint before the deadline, saying how early', () => {
    expect(check(again(5))).toEqual({
      kind: 'fail',
      delivery: 1,
      request: 2,
      message: 'request 2 went out 5 s before the Retry-After deadline',
      expected: `no GET /rest/api/3/user/search (any query string) before t=10s (request 1: GET ${SEARCH} -> 429 Retry-After: 10)`,
      received: `GET ${SEARCH} at t=5s`,
      hint: 'wait for Retry-After before asking the same endpoint again (another query string is the same endpoint), or return InvocationError with retryAfter set to it',
    });
  });

  it('passes a request at the deadline and fails one a millisecond before it', () => {
    expect(check(again(10))).toEqual({ kind: 'pass' });
    expect(violation(check(again(9.999))).message).toBe('request 2 went out 0.001 s before the Retry-After deadline');
  });

  it('does not count a request to a different path or method as early', () => {
    expect(check(again(1, get(ISSUE, http(200), { t: 1 })))).toEqual({ kind: 'pass' });
    expect(check(again(1, post(SEARCH, http(200), { t: 1 })))).toEqual({ kind: 'pass' });
  });

  it('counts another query string on the same path as the same endpoint: page 2 right after a 429 on page 1', () => {
    const v = violation(check(again(1, get('/rest/api/3/user/search?query=jane', http(200), { t: 1 }))));
    expect(v.request).toBe(2);
    expect(v.received).toBe('GET /rest/api/3/user/search?query=jane at t=1s');
    expect(check(again(1, get('/rest/api/3/user/search', http(200), { t: 1 }))).kind).toBe('fail');
  });

  it('keeps the query string of external services, which may name another resource', () => {
    const t = single({
      requests: [get('https://api.example.com/items?page=1', tooManyRequests('10')), get('https://api.example.com/items?page=2', http(200), { t: 1 })],
      end: 1,
      outcome: success(),
    });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('reports an early request even when the invocation then returns a long enough retry', () => {
    const t = single({
      requests: [get(SEARCH, tooManyRequests('10'), { t: 0 }), get(SEARCH, tooManyRequests('10'), { t: 1 })],
      end: 1,
      outcome: appRetry({ retryAfter: 10, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
    });
    expect(violation(check(t)).message).toBe('request 2 went out 9 s before the Retry-After deadline');
  });

  it('does not judge a request started alongside the limited one (Promise.all): it could not heed the answer', () => {
    const quota = http(429, { 'retry-after': '2000', 'ratelimit-reason': 'jira-quota-global-based' });
    const together = single({
      requests: [put(ISSUE, quota), put(`${ISSUE}/properties/x`, http(204), { inFlight: [1] }), put(`${ISSUE}/assignee`, http(204), { inFlight: [1, 2] })],
      outcome: success(),
    });
    expect(check(together)).toEqual({ kind: 'pass' });
    const afterwards = single({
      requests: [put(ISSUE, quota), put(`${ISSUE}/properties/x`, http(204), { inFlight: [1] }), put(`${ISSUE}/assignee`, http(204))],
      outcome: success(),
    });
    expect(violation(check(afterwards)).request).toBe(3);
  });

  it('does not carry a deadline into the next delivery', () => {
    const t = trace({
      deliveries: [
        { requests: [get(SEARCH, tooManyRequests('600'))], outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }), end: 700 },
        { t: 5, requests: [get(SEARCH, http(200), { t: 5 })], outcome: success() },
      ],
    });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});

describe('honours-retry-after: what RateLimit-Reason covers', () => {
  const limitedBy = (first: ReturnType<typeof get>, second: ReturnType<typeof get>) => single({ requests: [first, second], end: 1, outcome: success() });
  const reasoned = (reason: string | undefined, ra = '10') => http(429, { 'retry-after': ra, ...(reason === undefined ? {} : { 'ratelimit-reason': reason }) });
  const COMMENT = '/rest/api/3/issue/PROJ-1/comment';

  it('jira-burst-based covers the endpoint and method only', () => {
    const burst = (second: ReturnType<typeof get>) => limitedBy(get(SEARCH, reasoned('jira-burst-based')), second);
    expect(check(burst(get('/rest/api/3/user/search?query=jane', http(200), { t: 1 }))).kind).toBe('fail');
    expect(check(burst(get(ISSUE, http(200), { t: 1 })))).toEqual({ kind: 'pass' });
    expect(check(burst(post(SEARCH, http(200), { t: 1 })))).toEqual({ kind: 'pass' });
  });

  it('jira-per-issue-on-write covers every write to that issue, and not reads or other issues', () => {
    const perIssue = (second: ReturnType<typeof get>) => limitedBy(put(ISSUE, reasoned('jira-per-issue-on-write')), second);
    const v = violation(check(perIssue(post(COMMENT, http(201), { t: 1 }))));
    expect(v.expected).toBe(
      `no write to issue PROJ-1, nor PUT ${ISSUE} before t=10s (request 1: PUT ${ISSUE} -> 429 Retry-After: 10 RateLimit-Reason: jira-per-issue-on-write)`,
    );
    expect(v.hint).toContain('covers every write to the issue');
    expect(check(perIssue(put('/rest/api/3/issue/proj-1/properties/x', http(204), { t: 1 }))).kind).toBe('fail');
    expect(check(perIssue(get(COMMENT, http(200), { t: 1 })))).toEqual({ kind: 'pass' });
    expect(check(perIssue(post('/rest/api/3/issue/PROJ-2/comment', http(201), { t: 1 })))).toEqual({ kind: 'pass' });
    expect(check(perIssue(put(ISSUE, http(204), { t: 1 }))).kind).toBe('fail');
  });

  it('jira-per-issue-on-write on a path that names no issue covers its endpoint', () => {
    const t = limitedBy(post('/rest/api/3/issue/bulk', reasoned('jira-per-issue-on-write')), post(COMMENT, http(201), { t: 1 }));
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it.each(['jira-quota-global-based', 'jira-quota-tenant-based'])('%s pauses every call to the product', (reason) => {
    const quota = (second: ReturnType<typeof get>) => limitedBy(get(SEARCH, reasoned(reason, '2000')), second);
    const v = violation(check(quota(get(ISSUE, http(200), { t: 1 }))));
    expect(v.expected).toBe(
      `no Jira request of any kind (RateLimit-Reason: ${reason}) before t=2000s (request 1: GET ${SEARCH} -> 429 Retry-After: 2000 RateLimit-Reason: ${reason})`,
    );
    expect(v.hint).toBe('a quota limit pauses every call to the product: stop and return InvocationError with retryAfter set to Retry-After');
    expect(check(quota(post(COMMENT, http(201), { t: 1 }))).kind).toBe('fail');
    expect(check(quota(get('/wiki/api/v2/pages/1', http(200), { t: 1, surface: 'confluence' })))).toEqual({ kind: 'pass' });
    expect(check(quota(get('https://api.example.com/x', http(200), { t: 1 })))).toEqual({ kind: 'pass' });
    expect(check(quota(kvsGet('k', http(200), { t: 1 })))).toEqual({ kind: 'pass' });
  });

  it('no reason or an unknown one covers the endpoint and method', () => {
    for (const reason of [undefined, 'jira-something-new']) {
      expect(check(limitedBy(get(SEARCH, reasoned(reason)), get(ISSUE, http(200), { t: 1 })))).toEqual({ kind: 'pass' });
      expect(check(limitedBy(get(SEARCH, reasoned(reason)), get(SEARCH, http(200), { t: 1 }))).kind).toBe('fail');
    }
  });

  it('reads no reason from a 5xx or from services that are not Jira or Confluence', () => {
    const fiveHundred = limitedBy(
      get(SEARCH, http(503, { 'retry-after': '10', 'ratelimit-reason': 'jira-quota-global-based' })),
      get(ISSUE, http(200), { t: 1 }),
    );
    expect(check(fiveHundred)).toEqual({ kind: 'pass' });
    const external = limitedBy(get('https://api.example.com/a', reasoned('jira-quota-global-based')), get('https://api.example.com/b', http(200), { t: 1 }));
    expect(check(external)).toEqual({ kind: 'pass' });
  });
});

describe('honours-retry-after: a 429 with only X-RateLimit-Reset', () => {
  const resetOnly = (reset: string, second?: ReturnType<typeof get>, retryAfter = 1, end = 0) =>
    single({
      requests: [
        get(SEARCH, http(429, { 'x-ratelimit-reset': reset, 'ratelimit-reason': 'jira-quota-tenant-based' })),
        ...(second === undefined ? [] : [second]),
      ],
      end,
      outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
    });

  it('sets the deadline at the reset: the retry must reach it, up to the 900 s cap', () => {
    expect(check(resetOnly('2025-01-01T00:10Z', undefined, 600))).toEqual({ kind: 'pass' });
    const v = violation(check(resetOnly('2025-01-01T00:10Z', undefined, 30)));
    expect(v.message).toBe('retry requested after 30 s, but the upstream asked for 600 s more');
    expect(v.expected).toBe(
      `retryAfter >= 600 (request 1: GET ${SEARCH} -> 429 X-RateLimit-Reset: 2025-01-01T00:10Z RateLimit-Reason: jira-quota-tenant-based at t=0s)`,
    );
    expect(v.hint).toBe('a 429 without Retry-After waits for X-RateLimit-Reset: retryAfter = (Date.parse(reset) - Date.now()) / 1000');
    expect(check(resetOnly('2025-01-01T01:00Z', undefined, 900))).toEqual({ kind: 'pass' });
    expect(check(resetOnly('2025-01-01T01:00Z', undefined, 899)).kind).toBe('fail');
  });

  it('covers requests in the invocation, naming the header', () => {
    const v = violation(check(resetOnly('2025-01-01T01:00Z', get(ISSUE, http(200), { t: 1 }), 900, 1)));
    expect(v.message).toBe('request 2 went out 3599 s before the X-RateLimit-Reset deadline');
  });

  it('sets nothing for a reset in the past or a malformed one', () => {
    expect(check(resetOnly('2024-12-31T23:00Z', undefined, 1))).toEqual({ kind: 'pass' });
    expect(check(resetOnly('in an hour', undefined, 1))).toEqual({ kind: 'pass' });
  });

  it('lets Retry-After decide when both are present', () => {
    const both = single({
      requests: [get(SEARCH, http(429, { 'retry-after': '30', 'x-ratelimit-reset': '2025-01-01T01:00Z' }))],
      outcome: appRetry({ retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
    });
    expect(check(both)).toEqual({ kind: 'pass' });
  });
});
