/**
 * One choice of properties for the API and the CLI: the regime (a resolver consumer is its own), the
 * many-events properties only with many-events scenarios, then `properties` and `skip`.
 */
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/api/options.js';
import { manyEventsOf, propertySelection, regimeOf } from '../../src/runner/applicable-properties.js';
import { PROPERTIES } from '../../properties/catalog.js';

const ids = (ps: readonly { id: string }[]): string[] => ps.map((p) => p.id);
const MANY = ['no-lost-updates', 'no-stale-overwrite', 'no-self-trigger-loop'];

describe('the applicable properties', () => {
  it('are the regime’s, a resolver-style consumer being its own regime', () => {
    expect(regimeOf('async-event', 'resolver')).toBe('resolver-consumer');
    expect(regimeOf('async-event', 'function')).toBe('async-event');
    expect(regimeOf('product-event', undefined)).toBe('product-event');
    const { selected } = propertySelection('resolver-consumer', { eventGiven: false });
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.every((p) => (p.regimes as readonly string[]).includes('resolver-consumer'))).toBe(true);
  });

  it('include the many-events properties when many-events scenarios run: by default unless the user gives the payload', () => {
    expect(ids(propertySelection('product-event', { eventGiven: false }).selected)).toEqual(expect.arrayContaining(MANY));
    expect(ids(propertySelection('product-event', { eventGiven: true }).selected)).not.toEqual(expect.arrayContaining(MANY));
    expect(ids(propertySelection('product-event', { eventGiven: false, manyEvents: false }).selected)).not.toEqual(expect.arrayContaining(MANY));
    expect(ids(propertySelection('product-event', { eventGiven: true, manyEvents: true }).selected)).toEqual(expect.arrayContaining(MANY));
    expect(manyEventsOf({ runs: 5 }, false, 100)).toEqual({ runs: 5, ignoreSelf: false, eventTypes: undefined });
    expect(manyEventsOf(undefined, false, 100, 'avi:jira:updated:issue')).toEqual({ runs: 10, ignoreSelf: false, eventTypes: ['avi:jira:updated:issue'] });
    expect(manyEventsOf(undefined, true, 100).runs).toBe(0);
  });

  it('are narrowed by properties and skip, and the API checks exactly the ones chosen', () => {
    const o = { trigger: 'async-event', consumerShape: 'resolver', skip: ['bounded-invocation'] } as const;
    const { applies, selected } = propertySelection(regimeOf(o.trigger, o.consumerShape), { ...o, eventGiven: false });
    expect(ids(applies)).toContain('bounded-invocation');
    expect(ids(selected)).not.toContain('bounded-invocation');
    const resolved = resolveOptions(async ({ call: _call }: { call: unknown }) => undefined, o).options;
    expect(ids(resolved.properties)).toEqual(ids(selected));
    expect(ids(propertySelection('product-event', { properties: ['reason-valid'], eventGiven: false }).selected)).toEqual(['reason-valid']);
    expect(PROPERTIES.length).toBeGreaterThan(selected.length);
  });
});
