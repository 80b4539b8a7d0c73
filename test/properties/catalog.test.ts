import { describe, expect, it } from 'vitest';
import { PROPERTIES, PROPERTY_IDS, isPropertyId } from '../../properties/catalog.js';
import { PASS } from '../../properties/types.js';
import { single, success } from '../support/trace-builder.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';

describe('property catalog', () => {
  it('lists the ten properties in report order', () => {
    expect(PROPERTY_IDS).toEqual([
      'retry-after-valid',
      'honours-retry-after',
      'reason-valid',
      'reason-matches-cause',
      'retry-data-round-trips',
      'survives-every-delivery',
      'respects-retry-cap',
      'no-duplicate-effects',
      'no-swallowed-failures',
      'bounded-invocation',
    ]);
  });

  it('recognises property ids and nothing else', () => {
    expect(isPropertyId('no-duplicate-effects')).toBe(true);
    expect(isPropertyId('no-duplicate')).toBe(false);
    expect(isPropertyId(undefined)).toBe(false);
    expect(isPropertyId(['no-duplicate-effects'])).toBe(false);
  });

  it('judges async events with every property but respects-retry-cap', () => {
    expect(PROPERTIES.filter((p) => p.regimes.includes('async-event')).map((p) => p.id)).not.toContain('respects-retry-cap');
    expect(PROPERTIES.every((p) => p.regimes.includes('product-event'))).toBe(true);
  });

  it('gives every property a doc and a rule', () => {
    for (const p of PROPERTIES) {
      expect(p.doc.length, p.id).toBeGreaterThan(40);
      expect(p.rule.length, p.id).toBeGreaterThan(10);
    }
  });

  it('passes a delivery that did nothing and returned', () => {
    const t = single({ outcome: success() });
    for (const p of PROPERTIES) expect(p.check(t, DEFAULT_PROPERTY_SETTINGS), p.id).toEqual(PASS);
  });
});

describe('property catalog: regimes', () => {
  it('judges product events with every property, and async events with all but respects-retry-cap', () => {
    for (const p of PROPERTIES) {
      expect(p.regimes, p.id).toEqual(p.id === 'respects-retry-cap' ? ['product-event'] : ['product-event', 'async-event']);
    }
  });
});
