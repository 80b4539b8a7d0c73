import { describe, expect, it } from 'vitest';
import { describeThrown, errorName } from '../../properties/support/errors.js';

const hostile = new Proxy(
  {},
  {
    getPrototypeOf: () => {
      throw new Error('trap');
    },
    has: () => {
      throw new Error('trap');
    },
  },
);

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
  });

  it('renders objects as JSON, truncated to 120 characters', () => {
    expect(describeThrown({ code: 'E1' })).toBe('a non-Error object {"code":"E1"}');
    const exact = { x: 'a'.repeat(112) };
    expect(JSON.stringify(exact)).toHaveLength(120);
    expect(describeThrown(exact)).toBe(`a non-Error object ${JSON.stringify(exact)}`);
    const long = describeThrown({ x: 'a'.repeat(113) });
    expect(long).toBe(`a non-Error object {"x":"${'a'.repeat(111)}...`);
  });

  it('survives objects JSON cannot render', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(describeThrown(cycle)).toBe('a non-Error object (not JSON)');
    expect(describeThrown({ toJSON: () => undefined })).toBe('a non-Error object {}');
  });

  it('never throws, even for a hostile value', () => {
    expect(describeThrown(hostile)).toBe('an unprintable value');
  });
});

describe('errorName', () => {
  it('reads the name of Errors and Error-shaped objects', () => {
    expect(errorName(new TypeError('x'))).toBe('TypeError');
    expect(errorName({ name: 'TypeError', message: 'x' })).toBe('TypeError');
  });

  it('gives undefined for anything else', () => {
    expect(errorName({ name: 'TypeError' })).toBeUndefined();
    expect(errorName({ message: 'x' })).toBeUndefined();
    expect(errorName('TypeError')).toBeUndefined();
    expect(errorName(null)).toBeUndefined();
    expect(errorName(hostile)).toBeUndefined();
  });
});
