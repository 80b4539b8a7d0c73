import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText, describeInput, describeThrown, kindOf, renderValue, thrownMessage } from '../../models/render-value.js';

const trap = () => {
  throw new Error('trap');
};

/** A Proxy every trap of which throws: what a hostile handler can return or throw. */
const hostile = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });

const revoked = (() => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
})();

const cyclic = (): Record<string, unknown> => {
  const o: Record<string, unknown> = { name: 'loop' };
  o['self'] = o;
  return o;
};

describe('cutText', () => {
  it('keeps text up to max characters and cuts longer text to exactly max, ending in ...', () => {
    expect(cutText('abcde', 5)).toBe('abcde');
    expect(cutText('abcdef', 5)).toBe('ab...');
    expect(cutText('abcdef', 5)).toHaveLength(5);
  });
});

describe('renderValue', () => {
  it('renders objects, arrays and strings as compact JSON', () => {
    expect(renderValue({ a: 1, b: [true, null] })).toBe('{"a":1,"b":[true,null]}');
    expect(renderValue('x "y"')).toBe('"x \\"y\\""');
    expect(renderValue(null)).toBe('null');
  });

  it('renders the values JSON cannot: undefined, NaN, Infinity, BigInt', () => {
    expect(renderValue(undefined)).toBe('undefined');
    expect(renderValue(Number.NaN)).toBe('NaN');
    expect(renderValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(renderValue(10n)).toBe('10n');
    expect(renderValue({ big: 10n, list: [1n] })).toBe('{"big":"10n","list":["1n"]}');
  });

  it('names functions instead of printing their source', () => {
    expect(renderValue(() => 'secret source')).toBe('[function]');
    expect(renderValue(function named() {})).toBe('[function]');
    // Inside an object JSON drops them, as it drops them on the wire.
    expect(renderValue({ f: () => 1, x: 1 })).toBe('{"x":1}');
  });

  it('renders symbols by their description', () => {
    expect(renderValue(Symbol('s'))).toBe('Symbol(s)');
    expect(renderValue({ s: Symbol('s'), x: 1 })).toBe('{"x":1}');
  });

  it('says so for a cyclic object instead of throwing', () => {
    expect(renderValue(cyclic())).toBe('[object that cannot be serialised]');
  });

  it('survives a Proxy whose traps throw, and a revoked Proxy', () => {
    expect(renderValue(hostile)).toBe('[object that cannot be serialised]');
    expect(renderValue(revoked)).toBe('[object that cannot be serialised]');
  });

  it('survives an object JSON renders as nothing and String cannot convert', () => {
    const bare = Object.assign(Object.create(null) as object, { toJSON: () => undefined });
    expect(renderValue(bare)).toBe('[object that cannot be serialised]');
  });

  it('cuts long text at max characters, 80 by default', () => {
    const long = 'a'.repeat(200);
    expect(renderValue(long)).toBe(`"${'a'.repeat(76)}...`);
    expect(renderValue(long)).toHaveLength(80);
    expect(renderValue(long, 40)).toHaveLength(40);
    expect(renderValue({ list: Array.from({ length: 100 }, (_, i) => i) }, 60)).toHaveLength(60);
    expect(renderValue('a'.repeat(78))).toBe(`"${'a'.repeat(78)}"`);
  });

  it('never throws and never exceeds max, whatever the value', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
        fc.integer({ min: 3, max: 200 }),
        (value, max) => {
          expect(renderValue(value, max).length).toBeLessThanOrEqual(max);
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });
});

describe('kindOf', () => {
  it('is typeof, with null and arrays named', () => {
    expect(kindOf(null)).toBe('null');
    expect(kindOf([1])).toBe('array');
    expect(kindOf('x')).toBe('string');
    expect(kindOf({})).toBe('object');
    expect(kindOf(undefined)).toBe('undefined');
    expect(kindOf(1n)).toBe('bigint');
  });

  it('calls a revoked Proxy an object instead of throwing', () => {
    expect(kindOf(revoked)).toBe('object');
  });
});

describe('describeInput', () => {
  it('quotes strings and names containers', () => {
    expect(describeInput('x')).toBe('"x"');
    expect(describeInput(() => 1)).toBe('a function');
    expect(describeInput([1])).toBe('an array');
    expect(describeInput(null)).toBe('null');
    expect(describeInput({ a: 1 })).toBe('an object');
    expect(describeInput(undefined)).toBe('undefined');
  });

  it('keeps the type of scalars', () => {
    expect(describeInput(-3)).toBe('number -3');
    expect(describeInput(Number.NaN)).toBe('number NaN');
    expect(describeInput(true)).toBe('boolean true');
    expect(describeInput(10n)).toBe('bigint 10n');
    expect(describeInput(Symbol('s'))).toBe('symbol Symbol(s)');
  });

  it('cuts a long string at 120 characters', () => {
    expect(describeInput('x'.repeat(500))).toHaveLength(120);
  });

  it('never throws for hostile values', () => {
    expect(describeInput(hostile)).toBe('an object');
    expect(describeInput(revoked)).toBe('an object');
  });
});

describe('describeThrown', () => {
  it('renders Errors as name: message', () => {
    expect(describeThrown(new RangeError('too far'))).toBe('RangeError: too far');
  });

  it('renders strings, nullish values and primitives readably', () => {
    expect(describeThrown('boom')).toBe('the string "boom"');
    expect(describeThrown(null)).toBe('null');
    expect(describeThrown(undefined)).toBe('undefined');
    expect(describeThrown(42)).toBe('the number 42');
    expect(describeThrown(false)).toBe('the boolean false');
    expect(describeThrown(Symbol('s'))).toBe('the symbol Symbol(s)');
    expect(describeThrown(10n)).toBe('the bigint 10n');
    expect(describeThrown(() => 'source')).toBe('the function [function]');
  });

  it('renders objects as JSON, cut at 120 characters', () => {
    expect(describeThrown({ code: 'E1' })).toBe('a non-Error object {"code":"E1"}');
    const exact = { x: 'a'.repeat(112) };
    expect(JSON.stringify(exact)).toHaveLength(120);
    expect(describeThrown(exact)).toBe(`a non-Error object ${JSON.stringify(exact)}`);
    expect(describeThrown({ x: 'a'.repeat(113) })).toBe(`a non-Error object {"x":"${'a'.repeat(111)}...`);
    expect(describeThrown('s'.repeat(500))).toBe(`the string "${'s'.repeat(116)}...`);
  });

  it('survives objects JSON cannot render', () => {
    expect(describeThrown(cyclic())).toBe('a non-Error object [object that cannot be serialised]');
    expect(describeThrown({ toJSON: () => undefined })).toBe('a non-Error object [object Object]');
  });

  it('never throws, even for a hostile value', () => {
    expect(describeThrown(hostile)).toBe('an unprintable value');
    expect(describeThrown(revoked)).toBe('an unprintable value');
  });
});

describe('thrownMessage', () => {
  it("quotes an Error's own message", () => {
    expect(thrownMessage(new Error('ENOENT: no such file'))).toBe('ENOENT: no such file');
  });

  it('describes anything else as describeThrown does', () => {
    expect(thrownMessage('boom')).toBe('the string "boom"');
    expect(thrownMessage({ code: 'E1' })).toBe('a non-Error object {"code":"E1"}');
  });

  it('never throws for an Error whose message getter throws', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'message', { get: trap });
    expect(thrownMessage(error)).toBe('an unprintable value');
    expect(thrownMessage(hostile)).toBe('an unprintable value');
  });
});
