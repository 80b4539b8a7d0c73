import { describe, expect, it } from 'vitest';
import { reasonValid } from '../../properties/reason-valid.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, legacyRetry, single, success, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace) => reasonValid.check(t, DEFAULT_PROPERTY_SETTINGS);
const requesting = (retryReason: unknown) => single({ outcome: appRetry({ retryAfter: 5, retryReason }) });

describe('reason-valid', () => {
  it('fails a platform code, naming it and the two valid ones', () => {
    expect(check(requesting('FUNCTION_TIME_OUT'))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'retryReason "FUNCTION_TIME_OUT" is not an app-level reason',
      expected: 'one of FUNCTION_UPSTREAM_RATE_LIMITED, FUNCTION_RETRY_REQUEST',
      received: 'retryReason: "FUNCTION_TIME_OUT"',
      hint: 'use InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED for upstream 429s and FUNCTION_RETRY_REQUEST otherwise',
    });
  });

  it.each(['FUNCTION_OUT_OF_MEMORY', 'FUNCTION_PLATFORM_RATE_LIMITED', 'FUNCTION_PLATFORM_UNKNOWN_ERROR'])('fails the platform code %s', (code) => {
    expect(check(requesting(code)).kind).toBe('fail');
  });

  it('fails a missing reason, printing undefined', () => {
    const v = violation(check(requesting(undefined)));
    expect(v.message).toBe('retryReason undefined is not an app-level reason');
    expect(v.received).toBe('retryReason: undefined');
  });

  it('fails a made-up reason and a non-string', () => {
    expect(violation(check(requesting('RATE_LIMIT'))).received).toBe('retryReason: "RATE_LIMIT"');
    expect(violation(check(requesting('function_retry_request'))).received).toBe('retryReason: "function_retry_request"');
    expect(violation(check(requesting(429))).received).toBe('retryReason: 429');
  });

  it.each(['FUNCTION_UPSTREAM_RATE_LIMITED', 'FUNCTION_RETRY_REQUEST'])('passes the app code %s', (code) => {
    expect(check(requesting(code))).toEqual({ kind: 'pass' });
  });

  it('does not judge success or the legacy retry, which carry no reason', () => {
    expect(check(single({ outcome: success() }))).toEqual({ kind: 'pass' });
    expect(check(single({ outcome: legacyRetry() }))).toEqual({ kind: 'pass' });
  });

  it('reports the delivery with the invalid reason', () => {
    const t = trace({
      deliveries: [
        { outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' }) },
        { outcome: appRetry({ retryAfter: 5, retryReason: 'RATE_LIMIT' }) },
      ],
    });
    expect(violation(check(t)).delivery).toBe(2);
  });
});
