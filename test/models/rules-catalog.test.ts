import { describe, expect, expectTypeOf, it } from 'vitest';
import { PLATFORM_RULE_CATALOG } from '../../models/rules-catalog.js';
import { ASSUMED_RULES, RULE_NAMES, type PlatformBackoff, type PlatformRules, type RuleDefaults } from '../../models/rules.js';

describe('platform-rules catalog', () => {
  it('cites each rule at its own heading of docs/platform.md', () => {
    for (const name of RULE_NAMES) expect(PLATFORM_RULE_CATALOG[name].source).toBe(`docs/platform.md#${name.toLowerCase()}`);
  });

  it('gives every rule a one-line summary and every record field a default', () => {
    for (const name of RULE_NAMES) {
      const entry = PLATFORM_RULE_CATALOG[name];
      expect(entry.summary).not.toMatch(/\n|^$/);
      if (entry.allowed.kind === 'record') {
        expect(Object.keys(entry.default).sort()).toEqual(Object.keys(entry.allowed.fields).sort());
      }
    }
  });

  it('keeps ranges that hold their default', () => {
    for (const name of RULE_NAMES) {
      const { allowed, default: value } = PLATFORM_RULE_CATALOG[name];
      if (allowed.kind === 'integer' || allowed.kind === 'number') {
        expect(value, name).toBeGreaterThanOrEqual(allowed.min);
        expect(value, name).toBeLessThanOrEqual(allowed.max);
      }
      if (allowed.kind === 'one-of') expect(allowed.values, name).toContain(value);
    }
  });

  it('derives the assumptions from the basis', () => {
    expect(ASSUMED_RULES).toEqual(RULE_NAMES.filter((name) => PLATFORM_RULE_CATALOG[name].basis === 'assumed'));
  });

  it('derives the public types', () => {
    expectTypeOf<RuleDefaults>().toExtend<PlatformRules>();
    expectTypeOf<PlatformRules['maxRetries']>().toEqualTypeOf<number>();
    expectTypeOf<PlatformRules['platformRetriesCountTowardCap']>().toEqualTypeOf<boolean>();
    expectTypeOf<PlatformRules['finalRetryRequest']>().toEqualTypeOf<'drop-event'>();
    expectTypeOf<PlatformRules['productThrownError']>().toEqualTypeOf<'not-retried' | 'retried-as-platform-error'>();
    expectTypeOf<PlatformBackoff>().toEqualTypeOf<{ readonly initialSeconds: number; readonly factor: number; readonly maxSeconds: number }>();
  });
});
