/** Virtual time: branded milliseconds and the `t=` offsets a report timeline prints. */
import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH, at, durationMs, formatOffset } from '../../models/index.js';

describe('virtual time', () => {
  it('durationMs brands its argument unchanged', () => {
    expect(durationMs(1500)).toBe(1500);
  });

  it('formatOffset prints whole seconds plainly and fractions without trailing zeros', () => {
    const offset = (ms: number) => formatOffset(at(VIRTUAL_EPOCH + ms));
    expect(offset(0)).toBe('t=0s');
    expect(offset(120_000)).toBe('t=120s');
    expect(offset(1500)).toBe('t=1.5s');
    expect(offset(1200)).toBe('t=1.2s');
    expect(offset(500)).toBe('t=0.5s');
    expect(offset(10)).toBe('t=0.01s');
    expect(offset(1234)).toBe('t=1.234s');
    expect(offset(-2500)).toBe('t=-2.5s');
    expect(formatOffset(at(2500), at(1000))).toBe('t=1.5s');
  });
});
