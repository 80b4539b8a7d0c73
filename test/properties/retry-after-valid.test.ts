import { describe, expect, it } from 'vitest';
import { retryAfterValid } from '../../properties/retry-after-valid.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, get, http, legacyRetry, single, success, thrown, tooManyRequests, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace) => retryAfterValid.check(t, DEFAULT_PROPERTY_SETTINGS);
const requesting = (retryAfter: unknown) => single({ outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_RETRY_REQUEST' }) });
const ISSUE = '/rest/api/3/issue/PROJ-1';
/** A delivery that met one 429 with these headers at t=0 and returned `retryAfter` at t=`end`. */
const after = (headers: Record<string, string>, retryAfter: number, end = 0) =>
  single({
    requests: [get(ISSUE, http(429, headers), { t: 0 })],
    end,
    outcome: appRetry({ retryAfter, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }),
  });
const INFINITY_HINT = 'cap the delay at a number: Math.min(seconds, 900)';
const PARSE_HINT =
  'parse Retry-After as delta-seconds or an HTTP-date (Date.parse(value) - Date.now()), and fall back to a backoff when it is missing or malformed';
const UNITS_HINT = 'retryAfter is in seconds: pass Retry-After as it is (or (Date.parse(date) - Date.now()) / 1000), and divide a backoff in ms by 1000';

describe('retry-after-valid: values that are not numbers of seconds', () => {
  it('fails NaN, the result of parseInt on an HTTP-date', () => {
    expect(check(requesting(Number.NaN))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'retryAfter NaN is not a number of seconds',
      expected: 'a finite number of seconds',
      received: 'retryAfter: NaN (number)',
      hint: PARSE_HINT,
    });
  });

  it('fails a numeric string, quoting it', () => {
    const v = violation(check(requesting('5')));
    expect(v.message).toBe('retryAfter "5" is not a number of seconds');
    expect(v.received).toBe('retryAfter: "5" (string)');
    // A number already, as text: Number() is the fix, not parsing Retry-After (issue 12).
    expect(v.hint).toBe('pass a number of seconds, not a string: retryAfter: Number("5") (the platform does not read a string)');
  });

  it('fails Infinity with the cap hint', () => {
    const v = violation(check(requesting(Number.POSITIVE_INFINITY)));
    expect(v.received).toBe('retryAfter: Infinity (number)');
    expect(v.hint).toBe(INFINITY_HINT);
  });

  it('fails -Infinity', () => {
    const v = violation(check(requesting(Number.NEGATIVE_INFINITY)));
    expect(v.received).toBe('retryAfter: -Infinity (number)');
    expect(v.hint).toBe(PARSE_HINT);
  });

  it('fails null and other non-numbers', () => {
    expect(violation(check(requesting(null))).received).toBe('retryAfter: null (null)');
    expect(violation(check(requesting(true))).received).toBe('retryAfter: true (boolean)');
  });

  it('does not judge a retry request without retryAfter', () => {
    expect(check(requesting(undefined))).toEqual({ kind: 'pass' });
  });

  it('does not judge outcomes that are not app retries', () => {
    for (const outcome of [success(Number.NaN), legacyRetry(), thrown(new Error('x'))]) {
      expect(check(single({ outcome }))).toEqual({ kind: 'pass' });
    }
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

describe('retry-after-valid: above 900 s is not an error', () => {
  it.each([0, -1, 1, 1.5, 899.999, 900, 901, 1847, 2000, 3600, 7200, 86_400, 5_314_410])('passes %d s with nothing received', (value) => {
    expect(check(requesting(value))).toEqual({ kind: 'pass' });
  });

  it.each(['1847', '2000', '3600'])('passes a quota Retry-After of %s s passed straight through', (ra) => {
    expect(check(after({ 'retry-after': ra, 'ratelimit-reason': 'jira-quota-tenant-based' }, Number(ra)))).toEqual({ kind: 'pass' });
  });

  it('passes a large backoff in seconds that is not 1000 times what was received', () => {
    expect(check(after({ 'retry-after': '5' }, 3840))).toEqual({ kind: 'pass' });
    expect(check(after({ 'retry-after': '120' }, 7200))).toEqual({ kind: 'pass' });
  });

  it('passes 1000 times a small wait when that is still a plausible number of seconds (up to 3600)', () => {
    expect(check(after({ 'retry-after': '3' }, 3000))).toEqual({ kind: 'pass' });
    expect(check(after({ 'retry-after': '2' }, 2000))).toEqual({ kind: 'pass' });
  });
});

describe('retry-after-valid: milliseconds for seconds', () => {
  it('fails 1000 times the Retry-After the delivery received, naming it', () => {
    expect(check(after({ 'retry-after': '120' }, 120_000))).toEqual({
      kind: 'fail',
      delivery: 1,
      request: 1,
      message: 'retryAfter 120000 is the wait in milliseconds: 1000 times the Retry-After: 120 the delivery received',
      expected: 'seconds (about 120)',
      received: 'retryAfter: 120000 (1.4 days read as seconds)',
      hint: UNITS_HINT,
    });
  });

  it('allows a second of rounding, and no more', () => {
    expect(check(after({ 'retry-after': '50' }, 51_000)).kind).toBe('fail');
    expect(check(after({ 'retry-after': '50' }, 49_000)).kind).toBe('fail');
    expect(check(after({ 'retry-after': '50' }, 51_001))).toEqual({ kind: 'pass' });
    expect(check(after({ 'retry-after': '50' }, 48_999))).toEqual({ kind: 'pass' });
  });

  it('reads an HTTP-date measured after an in-process wait: down to what remained at the return', () => {
    // The date is 120 s after t=0; the handler returned at t=20 with the 100 s left, in ms.
    expect(check(after({ 'retry-after': 'Wed, 01 Jan 2025 00:02:00 GMT' }, 100_000, 20)).kind).toBe('fail');
    expect(check(after({ 'retry-after': 'Wed, 01 Jan 2025 00:02:00 GMT' }, 120_000, 20)).kind).toBe('fail');
  });

  it('matches X-RateLimit-Reset on a 429 without Retry-After', () => {
    const v = violation(check(after({ 'x-ratelimit-reset': '2025-01-01T01:00Z' }, 3_600_000)));
    expect(v.message).toBe('retryAfter 3600000 is the wait in milliseconds: 1000 times the X-RateLimit-Reset: 2025-01-01T01:00Z the delivery received');
    expect(check(after({ 'x-ratelimit-reset': '2025-01-01T00:10Z' }, 600_000)).kind).toBe('fail');
  });

  it('fails 1000 times the longest an event lives (96 h) or more, whatever was received: ms or a timestamp', () => {
    const v = violation(check(requesting(345_600_000)));
    expect(v.message).toBe('retryAfter 345600000 is more than 1000 times the longest an event lives (96 h): milliseconds or a timestamp, not seconds');
    expect(v.received).toBe('retryAfter: 345600000 (11.0 years read as seconds)');
    expect(v.request).toBeUndefined();
    expect(check(requesting(Date.UTC(2025, 0, 1) + 30_000)).kind).toBe('fail');
    expect(check(after({ 'retry-after': '5' }, 400_000_000)).kind).toBe('fail');
    expect(check(requesting(345_599_999))).toEqual({ kind: 'pass' });
  });

  it('does not match waits that were not received: malformed, past, on a 4xx, or on another delivery', () => {
    expect(check(after({ 'retry-after': 'soon' }, 120_000))).toEqual({ kind: 'pass' });
    expect(check(after({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, 10_000))).toEqual({ kind: 'pass' });
    const notFailure = single({
      requests: [get(ISSUE, http(404, { 'retry-after': '120' }))],
      outcome: appRetry({ retryAfter: 120_000, retryReason: 'FUNCTION_RETRY_REQUEST' }),
    });
    expect(check(notFailure)).toEqual({ kind: 'pass' });
    const earlier = trace({
      deliveries: [
        { requests: [get(ISSUE, tooManyRequests('120'))], outcome: appRetry({ retryAfter: 120, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }) },
        { t: 120, outcome: appRetry({ retryAfter: 120_000, retryReason: 'FUNCTION_RETRY_REQUEST' }) },
      ],
    });
    expect(check(earlier)).toEqual({ kind: 'pass' });
  });
});

describe('retry-after-valid: values that are not seconds, kept from the unit tests', () => {
  it('fails -Infinity, which reaches the platform as null', () => {
    const v = violation(check(requesting(Number.NEGATIVE_INFINITY)));
    expect(v.received).toBe('retryAfter: -Infinity (number)');
  });

  it('a numeric string gets the pass-a-number hint', () => {
    const t = single({ outcome: appRetry({ retryAfter: '1000', retryReason: 'FUNCTION_RETRY_REQUEST' }) });
    expect(violation(check(t)).hint).toContain('pass a number of seconds, not a string: retryAfter: Number("1000")');
  });

  it('an HTTP-date string (the header passed through) gets the parsing hint', () => {
    const t = single({ outcome: appRetry({ retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', retryReason: 'FUNCTION_RETRY_REQUEST' }) });
    expect(violation(check(t)).hint).toBe(PARSE_HINT);
  });
});
