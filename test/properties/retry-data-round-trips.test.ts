import { describe, expect, it } from 'vitest';
import { retryDataRoundTrips } from '../../properties/retry-data-round-trips.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, legacyRetry, single, success, trace, violation } from '../support/trace-builder.js';

const check = (t: Trace) => retryDataRoundTrips.check(t, DEFAULT_PROPERTY_SETTINGS);
const withData = (retryData: unknown, rules = {}) =>
  single({ outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST', retryData }) }, { rules });

const EXPECTED = 'a plain JSON object under the size limit';
const ROUND_TRIP_HINT = 'convert Dates to ISO strings, Maps/Sets to arrays or objects, and drop undefined members before returning';
const SERIALISE_HINT = 'keep retryData to strings, numbers, booleans, arrays and plain objects';
const WRAP_HINT = 'wrap the value in an object: retryData: { value }';

/** `{"x":"…"}` whose JSON is exactly `bytes` long, built from `char` (1 or 2 UTF-8 bytes). */
const ofBytes = (bytes: number, char = 'a') => ({ x: char.repeat((bytes - 8) / new TextEncoder().encode(char).length) });

class Cursor {
  constructor(readonly page = 2) {}
}

describe('retry-data-round-trips: what crosses the platform as JSON', () => {
  it('fails a nested Date, which arrives as a string', () => {
    expect(check(withData({ since: new Date(0) }))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'retryData does not survive the JSON round trip',
      expected: EXPECTED,
      received: '$.since: a Date (arrives as an ISO string)',
      hint: ROUND_TRIP_HINT,
    });
  });

  it('fails a Date as the whole retryData, which is a string once it is JSON', () => {
    const v = violation(check(withData(new Date(0))));
    expect(v.message).toBe('retryData is string (as JSON), which the platform does not send');
    expect(v.received).toBe('retryData of type string (as JSON)');
    expect(v.hint).toBe(WRAP_HINT);
  });

  it('fails a Map and a Set, which arrive as {}', () => {
    expect(violation(check(withData({ seen: new Map([['a', 1]]) }))).received).toBe('$.seen: a Map (arrives as {})');
    expect(violation(check(withData({ ids: new Set([1]) }))).received).toBe('$.ids: a Set (arrives as {})');
    expect(violation(check(withData(new Map()))).received).toBe('$: a Map (arrives as {})');
  });

  it('fails an undefined member, which vanishes', () => {
    expect(violation(check(withData({ cursor: 'a', next: undefined }))).received).toBe('$.next: an undefined member (vanishes)');
  });

  it('fails undefined in an array, which arrives as null', () => {
    expect(violation(check(withData({ pages: [1, undefined] }))).received).toBe('$.pages[1]: undefined (arrives as null)');
  });

  it('fails a class instance, which loses its prototype', () => {
    expect(violation(check(withData(new Cursor()))).received).toBe('$: a class instance (Cursor) (arrives as a plain object without its prototype)');
    expect(violation(check(withData({ c: new Cursor() }))).received).toContain('$.c: a class instance (Cursor)');
  });

  it('fails NaN and functions', () => {
    expect(violation(check(withData({ n: Number.NaN }))).received).toBe('$.n: NaN (arrives as null)');
    expect(violation(check(withData({ f: () => 1 }))).received).toBe('$.f: a function (vanishes)');
  });

  it('lists at most five losses', () => {
    const v = violation(check(withData({ a: undefined, b: undefined, c: undefined, d: undefined, e: undefined, f: undefined })));
    expect(v.received.split('; ')).toEqual(['$.a', '$.b', '$.c', '$.d', '$.e'].map((p) => `${p}: an undefined member (vanishes)`));
  });

  it('fails a BigInt, which JSON cannot send at all', () => {
    const v = violation(check(withData({ n: 10n })));
    expect(v.message).toBe('retryData cannot be sent as JSON (Do not know how to serialize a BigInt)');
    expect(v.received).toBe('$.n: a BigInt (JSON.stringify throws)');
    expect(v.hint).toBe(SERIALISE_HINT);
    expect(violation(check(withData(10n))).message).toContain('BigInt');
  });

  it('fails a cycle, naming where it closes', () => {
    const node: Record<string, unknown> = { id: 1 };
    node.parent = node;
    const v = violation(check(withData(node)));
    expect(v.message).toMatch(/^retryData cannot be sent as JSON \(.*circular/s);
    expect(v.received).toBe('$.parent: a cycle (JSON.stringify throws)');
    expect(v.hint).toBe(SERIALISE_HINT);
  });

  it('fails a string, an array, a number and null, which the platform does not send (ECO-734)', () => {
    expect(check(withData('PROJ-1'))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'retryData is string, which the platform does not send',
      expected: EXPECTED,
      received: 'retryData of type string',
      hint: WRAP_HINT,
    });
    expect(violation(check(withData(['PROJ-1']))).received).toBe('retryData of type array');
    expect(violation(check(withData(3))).received).toBe('retryData of type number');
    expect(violation(check(withData(null))).received).toBe('retryData of type null');
  });

  it('passes plain nested JSON', () => {
    expect(check(withData({ cursor: 'abc', page: 2, done: false, seen: ['A-1', 'A-2'], nested: { at: '2025-01-01T00:00:00Z', none: null } }))).toEqual({
      kind: 'pass',
    });
  });

  it('passes a retry without retryData, or with retryData undefined', () => {
    expect(check(single({ outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' }) }))).toEqual({ kind: 'pass' });
    expect(check(withData(undefined))).toEqual({ kind: 'pass' });
  });

  it('does not judge outcomes that are not app retries', () => {
    expect(check(single({ outcome: success({ at: new Date(0) }) }))).toEqual({ kind: 'pass' });
    expect(check(single({ outcome: legacyRetry() }))).toEqual({ kind: 'pass' });
  });

  it('reports the delivery whose retryData was lossy', () => {
    const t = trace({
      deliveries: [
        { outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { page: 1 } }) },
        { outcome: appRetry({ retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { at: new Date(0) } }) },
      ],
    });
    expect(violation(check(t)).delivery).toBe(2);
  });
});

describe('retry-data-round-trips: the 4 KB limit', () => {
  it('passes exactly 4096 bytes of JSON and fails 4097, quoting both numbers', () => {
    expect(check(withData(ofBytes(4096)))).toEqual({ kind: 'pass' });
    expect(check(withData(ofBytes(4097)))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'retryData is 4097 bytes of JSON, over the 4096-byte limit',
      expected: EXPECTED,
      received: '4097 bytes',
      hint: 'keep only identifiers in retryData and re-read the rest on the retry',
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(check(withData(ofBytes(4096, 'é')))).toEqual({ kind: 'pass' });
    expect(violation(check(withData(ofBytes(4098, 'é')))).received).toBe('4098 bytes');
  });

  it('takes the limit from the rules', () => {
    expect(check(withData(ofBytes(100), { maxRetryDataBytes: 100 }))).toEqual({ kind: 'pass' });
    expect(violation(check(withData(ofBytes(101), { maxRetryDataBytes: 100 }))).message).toBe('retryData is 101 bytes of JSON, over the 100-byte limit');
  });

  it('reports the size before any loss when both apply', () => {
    const v = violation(check(withData({ ...ofBytes(5000), at: new Date(0) })));
    expect(v.message).toMatch(/bytes of JSON, over the 4096-byte limit$/);
  });
});

describe('retry-data-round-trips: losses JSON makes silently', () => {
  const sending = (retryData: unknown) => check(withData(retryData));

  it('fails a hole in an array, which arrives as null', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is under test
    expect(violation(sending({ done: [, 'PROJ-2'] })).received).toBe('$.done[0]: a hole (arrives as null)');
  });

  it('fails a symbol-keyed member, which vanishes', () => {
    expect(violation(sending({ [Symbol('cursor')]: 5, page: 2 })).received).toBe('$[Symbol(cursor)]: a symbol-keyed member (vanishes)');
  });

  it('fails a class instance with toJSON, naming what arrives rather than its fields', () => {
    class Money {
      cents = 100;
      detail = undefined;
      toJSON(): string {
        return '1.00';
      }
    }
    expect(violation(sending({ price: new Money() })).received).toBe('$.price: an object with toJSON (arrives as what toJSON returns)');
  });

  it('lists every reason retryData cannot be sent, separated by semicolons', () => {
    expect(violation(sending({ a: 1n, b: 2n })).received).toBe('$.a: a BigInt (JSON.stringify throws); $.b: a BigInt (JSON.stringify throws)');
  });
});

describe('retry-data-round-trips: non-object retryData follows nonObjectRetryData (ECO-734, marked fixed in 2025)', () => {
  const sends = { nonObjectRetryData: 'send-data' } as const;

  it('passes a string, a number or an array of strings where the platform sends non-objects', () => {
    for (const data of ['cursor-2', 42, ['A-1', 'A-2']]) expect(check(withData(data, sends)), JSON.stringify(data)).toEqual({ kind: 'pass' });
  });

  it('still fails a non-object that JSON changes, where the platform sends it', () => {
    expect(violation(check(withData(new Date(0), sends))).received).toBe('$: a Date (arrives as an ISO string)');
    expect(violation(check(withData(['A-1', undefined], sends))).received).toBe('$[1]: undefined (arrives as null)');
  });

  it('fails a non-object where the platform leaves it out (the default)', () => {
    expect(violation(check(withData('cursor-2'))).message).toBe('retryData is string, which the platform does not send');
  });
});
