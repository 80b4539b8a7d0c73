import { describe, expect, it } from 'vitest';
import { retryAfterValid } from '../../properties/retry-after-valid.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, legacyRetry, single, success, thrown, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace) => retryAfterValid.check(t, DEFAULT_PROPERTY_SETTINGS);
const requesting = (retryAfter: unknown) => single({ outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_RETRY_REQUEST' }) });
const CAP_HINT = 'cap the delay: Math.min(seconds, 900); check it is seconds, not milliseconds';
const PARSE_HINT =
  'parse Retry-After as delta-seconds or an HTTP-date (Date.parse(value) - Date.now()), and fall back to a backoff when it is missing or malformed';

describe('retry-after-valid', () => {
  it('fails NaN, the result of parseInt on an HTTP-date', () => {
    expect(check(requesting(Number.NaN))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'retryAfter NaN is not a number of seconds between 1 and 900',
      expected: 'a finite number of seconds <= 900',
      received: 'retryAfter: NaN (number)',
      hint: PARSE_HINT,
    });
  });

  it('fails a numeric string, quoting it', () => {
    const v = violation(check(requesting('5')));
    expect(v.message).toBe('retryAfter "5" is not a number of seconds between 1 and 900');
    expect(v.received).toBe('retryAfter: "5" (string)');
    expect(v.hint).toBe(PARSE_HINT);
  });

  it('fails Infinity with the cap hint', () => {
    const v = violation(check(requesting(Number.POSITIVE_INFINITY)));
    expect(v.received).toBe('retryAfter: Infinity (number)');
    expect(v.hint).toBe(CAP_HINT);
  });

  it('fails -Infinity, which reaches the platform as null', () => {
    const v = violation(check(requesting(Number.NEGATIVE_INFINITY)));
    expect(v.received).toBe('retryAfter: -Infinity (number)');
    expect(v.hint).toBe(PARSE_HINT);
  });

  it('fails null and other non-numbers', () => {
    expect(violation(check(requesting(null))).received).toBe('retryAfter: null (null)');
    expect(violation(check(requesting(true))).received).toBe('retryAfter: true (boolean)');
  });

  it.each([901, 3600, 120_000, 900.001])('fails %d s, above the 900 s the platform allows', (value) => {
    const v = violation(check(requesting(value)));
    expect(v.received).toBe(`retryAfter: ${value} (number)`);
    expect(v.hint).toBe(CAP_HINT);
  });

  it.each([0, -1, 1, 1.5, 899.999, 900])('passes %d s', (value) => {
    expect(check(requesting(value))).toEqual({ kind: 'pass' });
  });

  it('does not judge a retry request without retryAfter', () => {
    expect(check(requesting(undefined))).toEqual({ kind: 'pass' });
  });

  it('does not judge outcomes that are not app retries', () => {
    for (const outcome of [success(Number.NaN), legacyRetry(), thrown(new Error('x'))]) {
      expect(check(single({ outcome }))).toEqual({ kind: 'pass' });
    }
  });

  it('takes the maximum from the rules', () => {
    const t = (retryAfter: number) =>
      single({ outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_RETRY_REQUEST' }) }, { rules: { maxRetryAfterSeconds: 300 } });
    expect(check(t(300))).toEqual({ kind: 'pass' });
    const v = violation(check(t(301)));
    expect(v.message).toBe('retryAfter 301 is not a number of seconds between 1 and 300');
    expect(v.expected).toBe('a finite number of seconds <= 300');
    expect(v.hint).toBe('cap the delay: Math.min(seconds, 300); check it is seconds, not milliseconds');
  });

  it('reports the delivery whose retry request was invalid', () => {
    const t = trace({
      deliveries: [
        { outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' }) },
        { outcome: appRetry({ retryAfter: Number.NaN, retryReason: 'FUNCTION_RETRY_REQUEST' }) },
      ],
    });
    expect(violation(check(t)).delivery).toBe(2);
  });
});

describe('retry-after-valid: hints', () => {
  it('a string above the maximum gets the parsing hint, not the cap hint', () => {
    const t = single({ outcome: appRetry({ retryAfter: '1000', retryReason: 'FUNCTION_RETRY_REQUEST' }) });
    expect(violation(check(t)).hint).toBe(PARSE_HINT);
  });
});
