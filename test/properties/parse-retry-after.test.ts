import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDeadline } from '../../properties/support/retry-after-header.js';

const RECEIVED = Date.UTC(2025, 0, 1);

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['120', 120],
    ['1847', 1847],
    ['007', 7],
  ])('reads delta-seconds %j', (raw, seconds) => {
    expect(parseRetryAfter(raw)).toEqual({ kind: 'delta-seconds', seconds });
  });

  it('trims surrounding whitespace', () => {
    expect(parseRetryAfter('  120\t')).toEqual({ kind: 'delta-seconds', seconds: 120 });
    expect(parseRetryAfter(' Sun, 06 Nov 1994 08:49:37 GMT ')).toEqual({ kind: 'http-date', epochMs: Date.UTC(1994, 10, 6, 8, 49, 37) });
  });

  it('reads an IMF-fixdate as epoch milliseconds', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT')).toEqual({ kind: 'http-date', epochMs: 784111777000 });
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT')).toEqual({ kind: 'http-date', epochMs: RECEIVED + 120_000 });
    expect(parseRetryAfter('Thu, 29 Feb 2024 12:00:00 GMT')).toEqual({ kind: 'http-date', epochMs: Date.UTC(2024, 1, 29, 12) });
    expect(parseRetryAfter('Fri, 31 Dec 2027 23:59:59 GMT')).toEqual({ kind: 'http-date', epochMs: Date.UTC(2027, 11, 31, 23, 59, 59) });
  });

  it.each([
    '',
    '   ',
    '1.5',
    '-1',
    '+5',
    '5s',
    '5 s',
    '1e3',
    '0x10',
    'soon',
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'sun, 06 nov 1994 08:49:37 gmt',
    '2025-01-01T00:02:00Z',
    'Sat, 31 Feb 2025 00:00:00 GMT',
    'Wed, 00 Jan 2025 00:00:00 GMT',
    'Wed, 01 Jan 2025 24:00:00 GMT',
    'Wed, 01 Jan 2025 00:60:00 GMT',
    'Wed, 01 Jan 2025 00:00:60 GMT',
  ])('calls %j malformed, keeping the raw text', (raw) => {
    expect(parseRetryAfter(raw)).toEqual({ kind: 'malformed', raw });
  });

  it('reads a date only from a whole IMF-fixdate, with nothing before or after it', () => {
    const date = 'Sun, 06 Nov 1994 08:49:37 GMT';
    expect(parseRetryAfter(`x${date}`)).toEqual({ kind: 'malformed', raw: `x${date}` });
    expect(parseRetryAfter(`${date}x`)).toEqual({ kind: 'malformed', raw: `${date}x` });
  });
});

describe('retryDeadline', () => {
  it('adds delta-seconds to the time the response arrived', () => {
    expect(retryDeadline('120', RECEIVED)).toBe(RECEIVED + 120_000);
    expect(retryDeadline('0', RECEIVED)).toBe(RECEIVED);
  });

  it('uses a future HTTP-date as it is', () => {
    expect(retryDeadline('Wed, 01 Jan 2025 00:02:00 GMT', RECEIVED)).toBe(RECEIVED + 120_000);
  });

  it('clamps an HTTP-date in the past to the time the response arrived', () => {
    expect(retryDeadline('Tue, 31 Dec 2024 23:00:00 GMT', RECEIVED)).toBe(RECEIVED);
    expect(retryDeadline('Wed, 01 Jan 2025 00:00:00 GMT', RECEIVED + 5_000)).toBe(RECEIVED + 5_000);
  });

  it('sets no deadline for a malformed value', () => {
    expect(retryDeadline('1.5', RECEIVED)).toBeUndefined();
    expect(retryDeadline('soon', RECEIVED)).toBeUndefined();
  });
});
