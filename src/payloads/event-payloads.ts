/**
 * The entry points of the payload layer: the fixed sample of an event (`defaultPayload`), an arbitrary
 * of realistic payloads for it (`payloadArbitrary`), and the family an event belongs to. An event name
 * the catalog does not know is a HarnessUsageError that suggests the nearest name and says how to pass
 * a payload yourself.
 */
import type fc from 'fast-check';
import { usageError } from '../messages/usage-error.js';
import { APP_EVENT_PATTERN, PAYLOAD_FAMILIES, type KnownEventType, type PayloadFamily } from './catalog.js';
import { GENERATORS } from './generators.js';
import type { EventPayload } from './recipe.js';

/** A product event payload: an object whose `eventType` names the event. */
export type { EventPayload } from './recipe.js';

/** How payloads vary. */
export interface PayloadOptions {
  /**
   * Also vary the documented optional parts (present or absent) and nullable parts (set or null) of
   * the payload, not only its values: an issue without an assignee, a changelog item cleared to null,
   * a Confluence event from an anonymous user, a push of a tag instead of commits.
   *
   * @defaultValue false
   */
  readonly variants?: boolean;
}

const BY_EVENT: ReadonlyMap<string, PayloadFamily> = new Map(PAYLOAD_FAMILIES.flatMap((family) => family.events.map((e) => [e, family] as const)));

const APP_EVENTS = PAYLOAD_FAMILIES.find((family) => family.id === 'forge-app-event');

/** Every event name the catalog knows, in catalog order (app events, matched by pattern, aside). */
export const KNOWN_EVENT_TYPES: readonly string[] = [...BY_EVENT.keys()];

/**
 * The payload family of an event name, or undefined when the catalog does not know it.
 *
 * @example
 * payloadFamilyOf('avi:jira:updated:issue')?.id;   // 'jira-issue-changed'
 * payloadFamilyOf('avi:jira:updated:issue')?.source; // 'https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-updated'
 */
export const payloadFamilyOf = (eventType: string): PayloadFamily | undefined =>
  BY_EVENT.get(eventType) ?? (APP_EVENT_PATTERN.test(eventType) ? APP_EVENTS : undefined);

/** Edit distance, for suggesting the event name a typo meant. */
const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
};

const ranked = (eventType: string) =>
  KNOWN_EVENT_TYPES.map((name) => ({ name, d: distance(eventType, name) }))
    .filter(({ d }) => d <= Math.max(3, Math.floor(eventType.length / 5)))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));

const nearest = (eventType: string): string | undefined => ranked(eventType)[0]?.name;

/**
 * The known event names closest to a misspelt one, nearest first (at most `count`), for the error that
 * refuses it.
 *
 * @example
 * closeEventTypes('avi:jira:update:issue') // ['avi:jira:updated:issue', ...]
 */
export const closeEventTypes = (eventType: string, count = 3): readonly string[] =>
  ranked(eventType)
    .slice(0, count)
    .map(({ name }) => name);

const familyOrFail = (eventType: string, where: string): PayloadFamily => {
  const family = typeof eventType === 'string' ? payloadFamilyOf(eventType) : undefined;
  if (family) return family;
  const guess = typeof eventType === 'string' ? nearest(eventType) : undefined;
  return usageError(
    `${where}: no payload is known for event ${JSON.stringify(eventType)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
    'pass the payload yourself as the `event` option (an object, or a fast-check arbitrary of objects), ' +
      `or use an event of a known family: ${PAYLOAD_FAMILIES.map((f) => f.id).join(', ')} ` +
      '(each family and its events are in PAYLOAD_FAMILIES, src/payloads/catalog.ts)',
  );
};

/**
 * The fixed representative payload of an event: the same object (a fresh copy) on every call, so
 * reports stay reproducible. Its values are the sample site's (issue SUP-42 in project Support, page
 * "Q3 incident review" in space ENG, people such as Mia Krystof); its shape is the family's most
 * common one. `defaultPayload('avi:jira:created:issue')` is exactly DEFAULT_PRODUCT_EVENT.
 *
 * @throws HarnessUsageError when the catalog does not know the event.
 * @example
 * const event = defaultPayload('avi:jira:updated:issue');
 * event.changelog.items[0];
 * // { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', fromString: 'Open', to: '3', toString: 'In Progress' }
 * defaultPayload('avi:confluence:created:page').content.space.key; // 'ENG'
 */
// `any` fields: a test reads `payload.issue.fields.summary` the way the handler does, without casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const defaultPayload = (eventType: KnownEventType | (string & {})): EventPayload & Record<string, any> =>
  GENERATORS[familyOrFail(eventType, 'defaultPayload').id].sample(eventType);

/**
 * A fast-check arbitrary of realistic payloads of an event, deterministic for a seed, shrinking
 * towards the fixed sample. Without `variants` only the values change (ids, keys, people, dates,
 * changelog items); with `variants: true` the documented optional and nullable parts change too.
 *
 * @throws HarnessUsageError when the catalog does not know the event.
 * @example
 * import fc from 'fast-check';
 * fc.sample(payloadArbitrary('avi:jira:updated:issue'), { seed: 42, numRuns: 3 })
 *   .map((event) => event.changelog.items.map((item) => item.field));
 * // e.g. [['status'], ['summary', 'assignee'], ['labels']]
 *
 * // Also absent atlassianId, null changelog sides, no associatedStatuses, ...
 * checkRetrySemantics(handler, { event: payloadArbitrary('avi:jira:assigned:issue', { variants: true }) });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as for defaultPayload
export const payloadArbitrary = (eventType: KnownEventType | (string & {}), options: PayloadOptions = {}): fc.Arbitrary<EventPayload & Record<string, any>> =>
  GENERATORS[familyOrFail(eventType, 'payloadArbitrary').id].arbitrary(eventType, options.variants === true);
