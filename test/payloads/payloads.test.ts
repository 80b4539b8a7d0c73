import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { PAYLOAD_FAMILIES, type KnownEventType, type PayloadFamily } from '../../src/payloads/catalog.js';
import { DEFAULT_PRODUCT_EVENT } from '../../src/payloads/default-events.js';
import { KNOWN_EVENT_TYPES, defaultPayload, payloadArbitrary, payloadFamilyOf, type EventPayload } from '../../src/payloads/event-payloads.js';
import { HarnessUsageError } from '../../src/messages/usage-error.js';
import { formsAt, valueAt, type Form } from './paths.js';

const APP_EVENT = 'avi:cloud:ecosystem::event/d9022ad7-c220-4836-b1d1-7f9f2c633d3a/sync-requested';
const EVENTS = [...KNOWN_EVENT_TYPES, APP_EVENT];
const SEED = 20250101;

const familyOf = (eventType: string): PayloadFamily => payloadFamilyOf(eventType)!;
const eventsOf = (family: PayloadFamily): string[] => (family.id === 'forge-app-event' ? [APP_EVENT] : [...family.events]);

/** The sample and some generated payloads of an event, with and without variants. */
const payloadsOf = (eventType: string, numRuns = 10): unknown[] => [
  defaultPayload(eventType),
  ...fc.sample(payloadArbitrary(eventType), { seed: SEED, numRuns }),
  ...fc.sample(payloadArbitrary(eventType, { variants: true }), { seed: SEED, numRuns }),
];

describe('event payloads', () => {
  it('name their event and carry the documented required parts, for every known event', () => {
    const missing = EVENTS.flatMap((eventType) =>
      payloadsOf(eventType).flatMap((payload) => [
        ...(valueAt(payload, 'eventType') === eventType ? [] : [`${eventType}: eventType is ${String(valueAt(payload, 'eventType'))}`]),
        ...familyOf(eventType)
          .required.filter((path) => valueAt(payload, path) == null)
          .map((path) => `${eventType}: no ${path}`),
      ]),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('are plain JSON data, as events cross the platform', () => {
    for (const eventType of EVENTS) {
      for (const payload of payloadsOf(eventType, 3)) expect(JSON.parse(JSON.stringify(payload)), eventType).toStrictEqual(payload);
    }
  });

  it('carry the documented root fields of their product', () => {
    for (const eventType of EVENTS.filter((e) => e !== DEFAULT_PRODUCT_EVENT.eventType)) {
      const payload = defaultPayload(eventType);
      const product = familyOf(eventType).product;
      if (product === 'jira' && familyOf(eventType).id !== 'jira-expression-failed')
        expect(payload, eventType).toMatchObject({ selfGenerated: false, timestamp: expect.stringMatching(/^\d{13}$/) });
      if (product === 'confluence') expect(payload.eventCreatedDate, eventType).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      if (product === 'bitbucket') expect(payload.timestamp, eventType).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
  });

  it('keep DEFAULT_PRODUCT_EVENT, byte for byte, as the sample of avi:jira:created:issue', () => {
    const sample = defaultPayload('avi:jira:created:issue');
    expect(sample).toStrictEqual({ ...DEFAULT_PRODUCT_EVENT, issue: DEFAULT_PRODUCT_EVENT.issue });
    expect(JSON.stringify(sample)).toBe(JSON.stringify(DEFAULT_PRODUCT_EVENT));
  });

  it('hand out a fresh copy of the sample each time, so a handler that mutates its event changes nothing', () => {
    for (const eventType of ['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:confluence:created:page']) {
      const first = defaultPayload(eventType);
      (first as { mutated?: boolean }).mutated = true;
      expect(defaultPayload(eventType)).not.toHaveProperty('mutated');
    }
    expect(DEFAULT_PRODUCT_EVENT).not.toHaveProperty('mutated');
  });

  it('are the same for the same seed and differ between seeds', () => {
    for (const family of PAYLOAD_FAMILIES) {
      const [eventType] = eventsOf(family);
      const run = (seed: number, variants: boolean) => fc.sample(payloadArbitrary(eventType!, { variants }), { seed, numRuns: 8 });
      expect(run(SEED, false), family.id).toStrictEqual(run(SEED, false));
      expect(run(SEED, true), family.id).toStrictEqual(run(SEED, true));
      expect(run(SEED, false), family.id).not.toStrictEqual(run(SEED + 1, false));
    }
  });

  it('shrink to the sample, so a shrunk counterexample reads like the sample', () => {
    const shrunk = (eventType: string) =>
      fc.check(
        fc.property(payloadArbitrary(eventType, { variants: true }), () => false),
        { seed: SEED, numRuns: 1 },
      ).counterexample?.[0];
    const elsewhere = EVENTS.filter((e) => e !== DEFAULT_PRODUCT_EVENT.eventType).filter(
      (e) => JSON.stringify(shrunk(e)) !== JSON.stringify(defaultPayload(e)),
    );
    expect(elsewhere).toEqual([]);
  });

  /**
   * Parts whose presence follows the values, not the variants: the changelog's items are of several
   * kinds (a summary item's `from` is always null), and `associatedStatuses` comes only with a
   * status change. Both are checked on their own below.
   */
  const VALUE_DEPENDENT: ReadonlySet<string> = new Set(['changelog.items.from', 'changelog.items.to', 'associatedStatuses']);

  it('keep the optional and nullable parts of the sample unless variants are asked for', () => {
    const changed = EVENTS.flatMap((eventType) => {
      const sample = defaultPayload(eventType);
      return familyOf(eventType)
        .varies.filter((path) => !VALUE_DEPENDENT.has(path))
        .flatMap((path) => {
          const expected = new Set(formsAt(sample, path));
          const seen = fc.sample(payloadArbitrary(eventType), { seed: SEED, numRuns: 30 }).flatMap((p) => formsAt(p, path));
          return seen.filter((form) => !expected.has(form)).map((form) => `${eventType}: ${path} ${form}`);
        });
    });
    expect([...new Set(changed)]).toEqual([]);
  });

  it('assign an unassigned issue unless variants are asked for, and also reassign or unassign with them', () => {
    type Assigned = { changelog: { items: { from: string | null; to: string | null }[] }; associatedStatuses?: unknown };
    const sides = (variants: boolean) =>
      new Set(
        fc.sample(payloadArbitrary('avi:jira:assigned:issue', { variants }), { seed: SEED, numRuns: 80 }).map((p) => {
          const [item] = (p as unknown as Assigned).changelog.items;
          return `${item!.from === null ? 'nobody' : 'someone'} -> ${item!.to === null ? 'nobody' : 'someone'}`;
        }),
      );
    expect([...sides(false)]).toEqual(['nobody -> someone']);
    expect([...sides(true)].sort()).toEqual(['nobody -> nobody', 'nobody -> someone', 'someone -> nobody', 'someone -> someone']);
  });

  it('report the statuses of a status change unless variants leave them out', () => {
    type Updated = { changelog: { items: { field: string }[] }; associatedStatuses?: unknown };
    const statusChanges = (variants: boolean) =>
      fc
        .sample(payloadArbitrary('avi:jira:updated:issue', { variants }), { seed: SEED, numRuns: 80 })
        .map((p) => p as unknown as Updated)
        .filter((p) => p.changelog.items.some((item) => item.field === 'status'));
    expect(statusChanges(false).every((p) => Array.isArray(p.associatedStatuses))).toBe(true);
    expect(new Set(statusChanges(true).map((p) => p.associatedStatuses === undefined))).toEqual(new Set([true, false]));
  });

  it('vary every documented optional and nullable part when variants are asked for', () => {
    const fixed = PAYLOAD_FAMILIES.flatMap((family) =>
      family.varies.flatMap((path) => {
        const forms = new Set<Form>(
          eventsOf(family).flatMap((eventType) =>
            fc.sample(payloadArbitrary(eventType, { variants: true }), { seed: SEED, numRuns: 60 }).flatMap((p) => formsAt(p, path)),
          ),
        );
        return forms.size >= 2 ? [] : [`${family.id}: ${path} is always ${[...forms].join()}`];
      }),
    );
    expect(fixed).toEqual([]);
  });

  it('tell which event a name was probably meant to be, and how to pass a payload yourself', () => {
    for (const call of [() => defaultPayload('avi:jira:updated:issues'), () => payloadArbitrary('avi:jira:updated:issues')]) {
      expect(call).toThrow(HarnessUsageError);
      try {
        call();
      } catch (error) {
        const { what, fix } = error as HarnessUsageError;
        expect(what).toContain('no payload is known for event "avi:jira:updated:issues" (did you mean "avi:jira:updated:issue"?)');
        expect(fix).toContain('`event` option');
        for (const family of PAYLOAD_FAMILIES) expect(fix).toContain(family.id);
      }
    }
    expect(() => defaultPayload('avi:acme:exploded:rocket')).toThrow(/no payload is known for event "avi:acme:exploded:rocket"\n/);
    expect(() => defaultPayload(undefined as unknown as string)).toThrow(HarnessUsageError);
  });
});

describe('payload types', () => {
  it('complete the known event names and still take any string, as manifests hold', () => {
    expectTypeOf<'avi:jira:updated:issue' | 'avi:forge:installed:app' | 'avi:cloud:ecosystem::event/app/key'>().toExtend<KnownEventType>();
    expectTypeOf<'avi:jira:updated:issues'>().not.toExtend<KnownEventType>();
    expectTypeOf(defaultPayload).parameter(0).toExtend<string>();
    expectTypeOf(defaultPayload('avi:jira:updated:issue').eventType).toEqualTypeOf<string>();
    expectTypeOf(payloadArbitrary('avi:jira:updated:issue')).toExtend<fc.Arbitrary<EventPayload>>();
  });
});

describe('realistic values', () => {
  it('uses Jira issue keys, account ids and timestamps as Jira writes them', () => {
    for (const payload of payloadsOf('avi:jira:commented:issue', 40)) {
      const event = payload as { issue: { key: string }; comment: { author: { accountId: string }; created: string } };
      expect(event.issue.key).toMatch(/^[A-Z]{2,4}-\d+$/);
      expect(event.comment.author.accountId).toMatch(/^([0-9a-f]{24}|\d{6}:[0-9a-f-]{36})$/);
      expect(event.comment.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    }
  });

  it('keeps a changelog consistent with the issue it changed', () => {
    for (const payload of payloadsOf('avi:jira:updated:issue', 60)) {
      const event = payload as {
        issue: { fields: { status: { name: string }; assignee: { accountId: string } | null } };
        changelog: { items: { field: string; from: string | null; to: string | null; toString: string | null }[] };
      };
      for (const item of event.changelog.items) {
        if (item.field === 'status') expect(item.toString).toBe(event.issue.fields.status.name);
        if (item.field === 'status') expect(item.from).not.toBe(item.to);
        if (item.field === 'assignee') expect(item.to).toBe(event.issue.fields.assignee?.accountId ?? null);
      }
    }
  });

  it('never lets a user mention themselves', () => {
    for (const payload of payloadsOf('avi:jira:mentioned:issue', 40)) {
      const event = payload as { atlassianId?: string; mentionedAccountIds: string[] };
      expect(event.mentionedAccountIds.length).toBeGreaterThan(0);
      if (event.atlassianId) expect(event.mentionedAccountIds).not.toContain(event.atlassianId);
    }
  });

  it('names an app event after its module key', () => {
    expect(defaultPayload(APP_EVENT)).toMatchObject({ eventType: APP_EVENT, name: 'sync-requested' });
  });
});
