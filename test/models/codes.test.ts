/** The retry reason codes: which an app may send, which only the platform sets. */
import { describe, expect, it } from 'vitest';
import { APP_RETRY_REASONS, PLATFORM_RETRY_REASONS, isAppRetryReason, isPlatformRetryReason } from '../../models/index.js';

describe('retry reason codes', () => {
  it('isPlatformRetryReason accepts exactly the four platform codes', () => {
    for (const code of PLATFORM_RETRY_REASONS) expect(isPlatformRetryReason(code)).toBe(true);
    for (const other of [...APP_RETRY_REASONS, '', 'FUNCTION_ERR', 42, null, undefined, ['FUNCTION_TIME_OUT']]) {
      expect(isPlatformRetryReason(other)).toBe(false);
    }
  });

  it('isAppRetryReason accepts exactly the two app codes', () => {
    for (const code of APP_RETRY_REASONS) expect(isAppRetryReason(code)).toBe(true);
    for (const other of [...PLATFORM_RETRY_REASONS, '', 'function_retry_request', 1, null, undefined, { toString: () => 'FUNCTION_RETRY_REQUEST' }]) {
      expect(isAppRetryReason(other)).toBe(false);
    }
  });
});
