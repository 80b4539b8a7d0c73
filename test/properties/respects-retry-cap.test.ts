import { describe, expect, it } from 'vitest';
import { respectsRetryCap } from '../../properties/respects-retry-cap.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Outcome } from '../../models/outcome.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, legacyRetry, platformFault, success, thrown, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace) => respectsRetryCap.check(t, DEFAULT_PROPERTY_SETTINGS);
const retry = appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' });
/** Deliveries 1..n, each requesting a retry, the last one ending with `last`. */
const upTo = (retryCount: number, last: Outcome, rules = {}) =>
  trace({
    rules,
    deliveries: Array.from({ length: retryCount + 1 }, (_, i) => ({ outcome: i === retryCount ? last : retry })),
  });

describe('respects-retry-cap', () => {
  it('fails a retry requested on retryCount 4, the last permitted delivery', () => {
    expect(check(upTo(4, retry))).toEqual({
      kind: 'fail',
      delivery: 5,
      message: 'a retry was requested on retryCount 4, the last permitted delivery',
      expected: 'no retry request when retryContext.retryCount >= 4',
      received: 'InvocationError on retryCount 4; the event is dropped',
      hint: 'check event.retryContext?.retryCount >= 4 and handle the last chance (dead-letter to KVS, alert, or give up explicitly)',
    });
  });

  it('passes a retry requested on retryCount 3', () => {
    expect(check(upTo(3, retry))).toEqual({ kind: 'pass' });
  });

  it('fails a legacy { _retry: true } on retryCount 4', () => {
    expect(violation(check(upTo(4, legacyRetry()))).received).toBe('legacy { _retry: true } on retryCount 4; the event is dropped');
  });

  it('passes success, a throw or a platform fault on retryCount 4', () => {
    expect(check(upTo(4, success()))).toEqual({ kind: 'pass' });
    expect(check(upTo(4, thrown(new Error('x'))))).toEqual({ kind: 'pass' });
    expect(check(upTo(4, platformFault('timeout')))).toEqual({ kind: 'pass' });
  });

  it('fails past the cap too (a retryCount above 4)', () => {
    const t = trace({ deliveries: [{ retryCount: 5, outcome: retry }] });
    expect(violation(check(t)).message).toBe('a retry was requested on retryCount 5, the last permitted delivery');
  });

  it('counts a first delivery without retryContext as retryCount 0', () => {
    expect(check(trace({ deliveries: [{ outcome: retry }] }))).toEqual({ kind: 'pass' });
  });

  it('takes the cap from the rules', () => {
    expect(check(upTo(1, retry, { maxRetries: 2 }))).toEqual({ kind: 'pass' });
    const v = violation(check(upTo(2, retry, { maxRetries: 2 })));
    expect(v.delivery).toBe(3);
    expect(v.expected).toBe('no retry request when retryContext.retryCount >= 2');
    expect(v.hint).toContain('retryCount >= 2');
  });

  it('applies to product events and resolver-style (events v1) consumers, the regimes with a count cap', () => {
    expect(respectsRetryCap.regimes).toEqual(['product-event', 'resolver-consumer']);
  });
});

describe('respects-retry-cap: resolver-style consumers (events v1, at most four retries)', () => {
  const v1 = (retryCount: number, last: Outcome, rules = {}) =>
    trace({ regime: 'resolver-consumer', rules, deliveries: Array.from({ length: retryCount + 1 }, (_, i) => ({ outcome: i === retryCount ? last : retry })) });

  it('fails a retry requested on retryCount 4 and passes one on retryCount 3', () => {
    expect(violation(check(v1(4, retry))).delivery).toBe(5);
    expect(check(v1(3, retry))).toEqual({ kind: 'pass' });
  });

  it('follows resolverConsumerMaxRetries', () => {
    expect(violation(check(v1(2, retry, { resolverConsumerMaxRetries: 2 }))).expected).toBe('no retry request when retryContext.retryCount >= 2');
  });

  it('does not judge async function consumers, which no count caps', () => {
    expect(check(trace({ regime: 'async-event', deliveries: Array.from({ length: 6 }, () => ({ outcome: retry })) }))).toEqual({ kind: 'pass' });
  });
});
