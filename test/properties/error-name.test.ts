import { describe, expect, it } from 'vitest';
import { errorName } from '../../properties/support/errors.js';

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
