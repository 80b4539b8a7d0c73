/** What the model notes about a requested retryAfter, as a report prints it. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM_RULES, describeNormalisation, normaliseRetryAfter } from '../../models/index.js';

describe('retryAfter notes', () => {
  it('an in-range retryAfter is kept as requested, with no note', () => {
    const n = normaliseRetryAfter(30, DEFAULT_PLATFORM_RULES);
    expect(n).toEqual({ kind: 'as-requested', seconds: 30 });
    expect(describeNormalisation(n)).toBeUndefined();
  });

  it('an invalid retryAfter is shown as the value it was', () => {
    const note = (v: unknown) => describeNormalisation(normaliseRetryAfter(v, DEFAULT_PLATFORM_RULES));
    expect(note('120')).toBe('retryAfter "120" is not a number of seconds; assumed 1 s');
    expect(note(10n)).toBe('retryAfter 10n is not a number of seconds; assumed 1 s');
    expect(note(Number.NaN)).toBe('retryAfter NaN is not a number of seconds; assumed 1 s');
    expect(note(undefined)).toBe('retryAfter undefined is not a number of seconds; assumed 1 s');
    expect(note(null)).toBe('retryAfter null is not a number of seconds; assumed 1 s');
  });
});
