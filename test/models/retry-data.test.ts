/** What JSON does to retryData on its way through the platform: sizes in UTF-8, losses, and transit. */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonLosses, transitRetryData, utf8Length } from '../../models/index.js';

describe('UTF-8 length of retryData JSON', () => {
  it('counts 1, 2, 3 and 4 bytes at the encoding boundaries, like Buffer.byteLength', () => {
    for (const text of ['\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '€', '😀', '\ud800\udc00', '\udbff\udfff', 'a😀b', 'ascii', '']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('counts a lone surrogate as the 3-byte replacement character', () => {
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('\udc00')).toBe(3);
    expect(utf8Length('x\ud83d')).toBe(4);
  });

  it('agrees with Buffer.byteLength on any well-formed string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')));
  });
});

describe('findJsonLosses names every loss', () => {
  const whats = (value: unknown) => findJsonLosses(value).map((l) => `${l.path}: ${l.what}`);

  it('describes special objects', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const anonymous = new (class {})();
    expect(whats({ r: /x/, e: new Error('no'), t: new Uint8Array(2), p: new Point(1), a: anonymous })).toEqual([
      '$.r: a RegExp (arrives as {})',
      '$.e: an Error (arrives as {})',
      '$.t: a typed array (arrives as an object of indices)',
      '$.p: a class instance (Point) (arrives as a plain object without its prototype)',
      '$.a: a class instance (arrives as a plain object without its prototype)',
    ]);
  });

  it('describes an instance whose prototype has no constructor', () => {
    expect(whats({ o: Object.create(Object.create(null) as object) as object })).toEqual([
      '$.o: a class instance (arrives as a plain object without its prototype)',
    ]);
  });

  it('looks inside class instances, but not inside Dates, Maps and Sets', () => {
    class Job {
      at = new Date(0);
      missing = undefined;
    }
    const map = Object.assign(new Map(), { extra: undefined });
    expect(whats({ job: new Job(), map })).toEqual([
      '$.job: a class instance (Job) (arrives as a plain object without its prototype)',
      '$.job.at: a Date (arrives as an ISO string)',
      '$.job.missing: an undefined member (vanishes)',
      '$.map: a Map (arrives as {})',
    ]);
  });

  it('names a plain object with toJSON, and does not look inside it', () => {
    expect(whats({ money: { toJSON: () => '1.00', hidden: undefined } })).toEqual(['$.money: an object with toJSON (arrives as what toJSON returns)']);
  });

  it('names a class instance or Buffer with toJSON by what arrives, not by its fields', () => {
    class DateTime {
      zone = { offset: undefined };
      constructor(readonly ts: number) {}
      toJSON(): string {
        return new Date(this.ts).toISOString();
      }
    }
    expect(whats({ at: new DateTime(0), buf: Buffer.from('hi') })).toEqual([
      '$.at: an object with toJSON (arrives as what toJSON returns)',
      '$.buf: an object with toJSON (arrives as what toJSON returns)',
    ]);
  });

  it('finds nothing lost in an object without a prototype, which arrives with the same members', () => {
    expect(whats({ o: Object.assign(Object.create(null) as object, { a: 1 }) })).toEqual([]);
  });

  it('tells members that vanish from array items that arrive as null', () => {
    const fn = () => 1;
    const sym = Symbol('s');
    expect(whats({ f: fn, s: sym, u: undefined, list: [fn, sym, undefined, Number.NaN] })).toEqual([
      '$.f: a function (vanishes)',
      '$.s: a symbol (vanishes)',
      '$.u: an undefined member (vanishes)',
      '$.list[0]: a function (arrives as null)',
      '$.list[1]: a symbol (arrives as null)',
      '$.list[2]: undefined (arrives as null)',
      '$.list[3]: NaN (arrives as null)',
    ]);
  });

  it('names holes in arrays and symbol-keyed members, which JSON also loses', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is under test
    expect(whats({ list: [, 1] })).toEqual(['$.list[0]: a hole (arrives as null)']);
    expect(whats({ [Symbol('k')]: 1, kept: 2 })).toEqual(['$[Symbol(k)]: a symbol-keyed member (vanishes)']);
  });

  it('stops after 50 findings', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, undefined]));
    expect(findJsonLosses(many)).toHaveLength(50);
    expect(findJsonLosses({ list: new Array(1_000_000) })).toHaveLength(50);
    const symbols = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [Symbol(`s${i}`), 1]));
    expect(findJsonLosses({ ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, undefined])), ...symbols })).toHaveLength(50);
  });

  it('reports an object that cannot be read instead of throwing', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(whats(hostile)).toEqual(['$: an object that cannot be read (Error: trap)']);
  });

  it('finds no loss exactly when the value survives the JSON round trip', () => {
    const leaf = fc.oneof(
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.5),
      fc.constant(Symbol.for('s')),
      fc.constant(() => 1),
      fc.date({ noInvalidDate: true }),
      fc.constant(new Map([[1, 2]])),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object'), tie('symbolKeyed')),
      array: fc.sparseArray(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4, noNullPrototype: true }),
      symbolKeyed: tie('value').map((v) => ({ [Symbol.for('k')]: v })),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 4, noNullPrototype: true }), (data) => {
        const text = JSON.stringify(data);
        const survives = isDeepStrictEqual(JSON.parse(text), data);
        expect(findJsonLosses(data).length === 0).toBe(survives);
      }),
      { numRuns: 300 },
    );
  });
});

describe('transitRetryData', () => {
  it('treats retryData as present when it is defined, unless told otherwise', () => {
    expect(transitRetryData({ a: 1 })).toMatchObject({ kind: 'sent', delivered: { a: 1 } });
    expect(transitRetryData(undefined)).toEqual({ kind: 'absent' });
    expect(transitRetryData(undefined, true)).toEqual({ kind: 'absent' });
    expect(transitRetryData({ a: 1 }, false)).toEqual({ kind: 'absent' });
  });

  it('an object whose toJSON returns undefined cannot be sent, and that does not throw', () => {
    expect(transitRetryData({ toJSON: () => undefined })).toMatchObject({ kind: 'unserialisable', why: 'JSON.stringify returned undefined' });
  });

  it('an object that serialises to a non-object is not sent (ECO-734 applies to what arrives)', () => {
    expect(transitRetryData({ toJSON: () => 'x' })).toMatchObject({ kind: 'not-an-object', type: 'string (as JSON)', json: { delivered: 'x' } });
    expect(transitRetryData({ toJSON: () => [1] })).toMatchObject({ kind: 'not-an-object', type: 'array (as JSON)', json: { delivered: [1] } });
    expect(transitRetryData({ toJSON: () => null })).toMatchObject({ kind: 'not-an-object', type: 'null (as JSON)', json: { delivered: null } });
  });

  it('a non-object keeps what JSON would carry, for a platform that sends it (nonObjectRetryData)', () => {
    expect(transitRetryData('abc')).toEqual({ kind: 'not-an-object', type: 'string', json: { delivered: 'abc', bytes: 5, losses: [] } });
    expect(transitRetryData(['A-1', undefined])).toMatchObject({
      kind: 'not-an-object',
      type: 'array',
      json: { delivered: ['A-1', null], losses: [{ path: '$[1]', what: 'undefined (arrives as null)' }] },
    });
    expect(transitRetryData(() => 1)).toEqual({ kind: 'not-an-object', type: 'function' });
  });
});
