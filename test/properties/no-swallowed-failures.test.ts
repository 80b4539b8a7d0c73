import { describe, expect, it } from 'vitest';
import { noSwallowedFailures } from '../../properties/no-swallowed-failures.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Regime } from '../../models/codes.js';
import type { Trace } from '../../models/trace.js';
import type { Outcome } from '../../models/outcome.js';
import {
  appRetry,
  get,
  http,
  kvsGet,
  kvsSet,
  networkError,
  post,
  type RequestSpec,
  single,
  success,
  thrown,
  tooManyRequests,
  violation,
} from '../support/trace-builder.js';

const check = (t: Trace) => noSwallowedFailures.check(t, DEFAULT_PROPERTY_SETTINGS);
const ISSUE = '/rest/api/3/issue/PROJ-1';
const COMMENT = '/rest/api/3/issue/PROJ-1/comment';
const returning = (requests: RequestSpec[], options: { regime?: Regime; retryCount?: number; outcome?: Outcome; rules?: object } = {}) =>
  single(
    { requests, outcome: options.outcome ?? success(), ...(options.retryCount !== undefined ? { retryCount: options.retryCount } : {}) },
    { regime: options.regime ?? 'product-event', rules: options.rules ?? {} },
  );

describe('no-swallowed-failures', () => {
  it('fails success after a 503, naming the request and the remaining budget', () => {
    expect(check(returning([get(ISSUE, http(503))]))).toEqual({
      kind: 'fail',
      delivery: 1,
      request: 1,
      message: 'the handler returned success after request 1 failed and was not retried',
      expected: 'InvocationError (retry budget remains: retryCount 0 of 4)',
      received: `success after GET ${ISSUE} -> 503`,
      hint: 'check response.ok (and catch network errors); return InvocationError for 429/5xx instead of carrying on',
    });
  });

  it('fails success after a 429, a 500 and a network error', () => {
    expect(violation(check(returning([get(ISSUE, tooManyRequests('30'))]))).received).toBe(`success after GET ${ISSUE} -> 429 Retry-After: 30`);
    expect(check(returning([get(ISSUE, http(500))])).kind).toBe('fail');
    expect(violation(check(returning([get('https://api.example.com/x', networkError())]))).received).toBe(
      'success after GET https://api.example.com/x -> network error (fetch failed)',
    );
  });

  it('passes success after answers that are not retryable failures', () => {
    for (const status of [200, 404, 409, 499]) {
      expect(check(returning([get(ISSUE, http(status))]))).toEqual({ kind: 'pass' });
    }
  });

  it('passes when a later request to the same endpoint got an answer', () => {
    expect(check(returning([get(ISSUE, http(503), { t: 0 }), get(ISSUE, http(200), { t: 2 })]))).toEqual({ kind: 'pass' });
    expect(check(returning([get(ISSUE, http(503), { t: 0 }), get(ISSUE, http(404), { t: 2 })]))).toEqual({ kind: 'pass' });
  });

  it('fails when the later answer came before the failure, or from another endpoint', () => {
    expect(violation(check(returning([get(ISSUE, http(200)), get(ISSUE, http(503), { t: 1 })]))).request).toBe(2);
    expect(check(returning([get(ISSUE, http(503)), post(COMMENT, http(201), { t: 1 })])).kind).toBe('fail');
  });

  it('fails when the in-process retry failed again, naming the first unrecovered failure', () => {
    const v = violation(check(returning([get(ISSUE, http(503)), get(ISSUE, http(502), { t: 1 })])));
    expect(v.request).toBe(1);
  });

  it('leaves giving up to the handler on the last permitted delivery (retryCount 4)', () => {
    expect(check(returning([get(ISSUE, http(503))], { retryCount: 4 }))).toEqual({ kind: 'pass' });
    const v = violation(check(returning([get(ISSUE, http(503))], { retryCount: 3 })));
    expect(v.expected).toBe('InvocationError (retry budget remains: retryCount 3 of 4)');
  });

  it('takes the retry budget from the rules', () => {
    expect(check(returning([get(ISSUE, http(503))], { retryCount: 2, rules: { maxRetries: 2 } }))).toEqual({ kind: 'pass' });
    expect(violation(check(returning([get(ISSUE, http(503))], { retryCount: 1, rules: { maxRetries: 2 } }))).expected).toBe(
      'InvocationError (retry budget remains: retryCount 1 of 2)',
    );
  });

  it('fails async events at any retryCount, since the retention window is the only budget', () => {
    const v = violation(check(returning([get(ISSUE, http(503))], { regime: 'async-event', retryCount: 4 })));
    expect(v.expected).toBe('InvocationError (retry budget remains: retryCount 4 of the retention window)');
    expect(check(returning([get(ISSUE, http(503))], { regime: 'async-event', retryCount: 40 })).kind).toBe('fail');
  });

  it('fails a swallowed Forge KVS failure', () => {
    const v = violation(check(returning([kvsSet('sync:PROJ-1', 'done', http(500))])));
    expect(v.received).toBe('success after kvs set "sync:PROJ-1" = "done" -> 500');
  });

  it('tells KVS keys apart: an answer for another key does not recover the failure', () => {
    expect(check(returning([kvsGet('a', http(503)), kvsGet('a', http(200), { t: 1 })]))).toEqual({ kind: 'pass' });
    expect(check(returning([kvsGet('a', http(503)), kvsGet('b', http(200), { t: 1 })])).kind).toBe('fail');
  });

  it('does not judge a delivery that asked for a retry or threw', () => {
    expect(check(returning([get(ISSUE, http(503))], { outcome: appRetry() }))).toEqual({ kind: 'pass' });
    expect(check(returning([get(ISSUE, http(503))], { outcome: thrown(new Error('x')) }))).toEqual({ kind: 'pass' });
  });
});

describe('no-swallowed-failures: the right counter and the right cap', () => {
  const failedThenSuccess = (regime: Regime, retryCount: number, retryReason = 'FUNCTION_RETRY_REQUEST') =>
    single({ retryContext: { retryCount, retryReason }, requests: [get(ISSUE, http(503))], outcome: success() }, { regime });

  it('lets a resolver consumer give up on retryCount 4, its last permitted delivery', () => {
    expect(check(failedThenSuccess('resolver-consumer', 4))).toEqual({ kind: 'pass' });
    expect(violation(check(failedThenSuccess('resolver-consumer', 3))).expected).toBe('InvocationError (retry budget remains: retryCount 3 of 4)');
  });

  it('fails a product event giving up on a platform retry that left retryCount below 4', () => {
    expect(violation(check(failedThenSuccess('product-event', 2, 'FUNCTION_TIME_OUT'))).delivery).toBe(1);
  });
});
