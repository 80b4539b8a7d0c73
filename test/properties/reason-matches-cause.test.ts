import { describe, expect, it } from 'vitest';
import { reasonMatchesCause } from '../../properties/reason-matches-cause.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import {
  appRetry,
  get,
  graphql,
  http,
  kvsGet,
  networkError,
  post,
  put,
  type RequestSpec,
  single,
  success,
  tooManyRequests,
  trace,
  violation,
} from '../support/trace-builder.js';

const check = (t: Trace) => reasonMatchesCause.check(t, DEFAULT_PROPERTY_SETTINGS);
const ISSUE = '/rest/api/3/issue/PROJ-1';
const COMMENT = '/rest/api/3/issue/PROJ-1/comment';
const retrying = (retryReason: unknown, ...requests: RequestSpec[]) => single({ requests, outcome: appRetry({ retryAfter: 30, retryReason }) });

describe('reason-matches-cause', () => {
  it('fails a generic reason after an upstream 429, naming the request', () => {
    expect(check(retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('30'))))).toEqual({
      kind: 'fail',
      delivery: 1,
      request: 1,
      message: 'a retry after an upstream 429 gave retryReason "FUNCTION_RETRY_REQUEST"',
      expected: `retryReason FUNCTION_UPSTREAM_RATE_LIMITED (request 1: GET ${ISSUE} -> 429 Retry-After: 30)`,
      received: 'retryReason: "FUNCTION_RETRY_REQUEST"',
      hint: 'when the response status is 429, return InvocationError with InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED',
    });
  });

  it('fails a missing reason after a 429, printing undefined', () => {
    const v = violation(check(retrying(undefined, get(ISSUE, tooManyRequests()))));
    expect(v.message).toBe('a retry after an upstream 429 gave retryReason undefined');
    expect(v.received).toBe('retryReason: undefined');
    expect(v.expected).toBe(`retryReason FUNCTION_UPSTREAM_RATE_LIMITED (request 1: GET ${ISSUE} -> 429)`);
  });

  it('passes FUNCTION_UPSTREAM_RATE_LIMITED after a 429', () => {
    expect(check(retrying('FUNCTION_UPSTREAM_RATE_LIMITED', get(ISSUE, tooManyRequests('30'))))).toEqual({ kind: 'pass' });
  });

  it('does not count a 429 recovered by a later answer on the same method and path', () => {
    const t = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('1'), { t: 0 }), get(ISSUE, http(200), { t: 1 }));
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('still counts a 429 when the later answer came from another path or method', () => {
    const otherPath = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('1')), get(COMMENT, http(200), { t: 1 }));
    expect(violation(check(otherPath)).request).toBe(1);
    const otherMethod = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('1')), put(ISSUE, http(204), { t: 1 }));
    expect(check(otherMethod).kind).toBe('fail');
  });

  it('judges the latest failure when an in-process retry of the endpoint failed again', () => {
    const t = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('1')), get(ISSUE, http(503), { t: 1 }));
    expect(check(t)).toEqual({ kind: 'pass' });
    const twice = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, http(503)), get(ISSUE, tooManyRequests('1'), { t: 1 }));
    expect(violation(check(twice)).request).toBe(2);
  });

  it('sets no constraint when the last unrecovered failure is a 500, even after an earlier 429', () => {
    const t = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('5')), post(COMMENT, http(500), { t: 1 }));
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('judges requests made together only when the last sent and the last to arrive are both 429s', () => {
    // The 500 went out first but its answer came last: a handler may take either for the last failure.
    const outOfOrder = retrying(
      'FUNCTION_RETRY_REQUEST',
      get(ISSUE, http(500), { latencyMs: 300 }),
      get(COMMENT, tooManyRequests('5'), { inFlight: [1], latencyMs: 50 }),
    );
    expect(check(outOfOrder)).toEqual({ kind: 'pass' });
    const inOrder = retrying(
      'FUNCTION_RETRY_REQUEST',
      get(ISSUE, http(500), { latencyMs: 50 }),
      get(COMMENT, tooManyRequests('5'), { inFlight: [1], latencyMs: 300 }),
    );
    expect(violation(check(inOrder)).request).toBe(2);
  });

  it('sets no constraint when the last unrecovered failure is a network error', () => {
    const t = retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, tooManyRequests('5')), post(COMMENT, networkError(), { t: 1 }));
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('judges the last unrecovered failure, not the first', () => {
    const t = retrying('FUNCTION_RETRY_REQUEST', post(COMMENT, http(500)), get(ISSUE, tooManyRequests('5'), { t: 1 }));
    expect(violation(check(t)).request).toBe(2);
  });

  it('does not judge a 429 from Forge storage, whose status the SDK hides', () => {
    expect(check(retrying('FUNCTION_RETRY_REQUEST', kvsGet('k', tooManyRequests('5'))))).toEqual({ kind: 'pass' });
  });

  it('judges 429s from external services and GraphQL', () => {
    expect(check(retrying('FUNCTION_RETRY_REQUEST', get('https://api.example.com/x', tooManyRequests()))).kind).toBe('fail');
    expect(check(retrying('FUNCTION_RETRY_REQUEST', graphql('query { me { id } }', tooManyRequests()))).kind).toBe('fail');
  });

  it('does not judge a retry without any failure, or a success after a 429', () => {
    expect(check(retrying('FUNCTION_RETRY_REQUEST', get(ISSUE, http(200))))).toEqual({ kind: 'pass' });
    expect(check(retrying('FUNCTION_RETRY_REQUEST'))).toEqual({ kind: 'pass' });
    expect(check(single({ requests: [get(ISSUE, tooManyRequests())], outcome: success() }))).toEqual({ kind: 'pass' });
  });

  it('reports the delivery where the reason was wrong', () => {
    const t = trace({
      deliveries: [
        { requests: [get(ISSUE, tooManyRequests('5'))], outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }) },
        { requests: [get(ISSUE, tooManyRequests('5'))], outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' }) },
      ],
    });
    expect(violation(check(t)).delivery).toBe(2);
  });
});
