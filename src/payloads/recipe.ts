/**
 * How a family makes payloads. One `build` function holds the family's shape; the realistic values it
 * is filled with come either from an arbitrary (sampling) or from a fixed record (the representative
 * sample), and a `shape` of booleans says which documented optional parts are present and which
 * nullable parts are set. Without variants the shape is the sample's, so only values change.
 */
import fc from 'fast-check';
import type { PayloadFamilyId, VaryingPartOf } from './catalog.js';

/** A product event payload: an object whose `eventType` names the event. */
export interface EventPayload {
  readonly eventType: string;
  readonly [field: string]: unknown;
}

/** Which of a family's optional parts are present (`true`) and which nullable parts are set (`true`). */
export type Shape<I extends PayloadFamilyId> = Readonly<Record<VaryingPartOf<I>, boolean>>;

/** An arbitrary for each field of a family's values. */
export type Fields<V> = { readonly [K in keyof V]: fc.Arbitrary<V[K]> };

/** A family's shape and its two sources of values. */
export interface Recipe<I extends PayloadFamilyId, V> {
  /** Realistic values for each field. */
  readonly fields: Fields<V>;
  /** The values of the fixed representative sample. */
  readonly sample: V;
  /** The sample's shape: which optional parts it has and which nullable parts it sets. */
  readonly shape: Shape<I>;
  /** The payload for an event of the family, from values and a shape. */
  readonly build: (eventType: string, values: V, shape: Shape<I>) => EventPayload;
}

/** What the entry points need of a family: its fixed sample and its arbitrary. */
export interface PayloadGenerator {
  readonly sample: (eventType: string) => EventPayload;
  readonly arbitrary: (eventType: string, variants: boolean) => fc.Arbitrary<EventPayload>;
}

/**
 * Each part flips away from the sample's shape when its boolean is true, so shrinking (towards false)
 * returns to the sample's shape.
 */
const shapes = <I extends PayloadFamilyId>(sample: Shape<I>): fc.Arbitrary<Shape<I>> => {
  const parts = Object.keys(sample) as VaryingPartOf<I>[];
  return fc
    .tuple(...parts.map(() => fc.boolean()))
    .map((flips) => Object.fromEntries(parts.map((part, i) => [part, flips[i] ? !sample[part] : sample[part]])) as Shape<I>);
};

/**
 * Each field is the sample's now and then and otherwise one of its arbitrary's values, and shrinks to
 * the sample's, so a shrunk counterexample differs from the fixed sample only where it must.
 */
const valuesOf = <V>(fields: Fields<V>, sample: V): fc.Arbitrary<V> =>
  fc.record(
    Object.fromEntries(
      (Object.keys(fields) as (keyof V & string)[]).map((key) => [
        key,
        fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(sample[key]), weight: 1 }, { arbitrary: fields[key], weight: 3 }),
      ]),
    ) as { [K in keyof V]: fc.Arbitrary<V[K]> },
  ) as fc.Arbitrary<V>;

/**
 * Turns a family's recipe into its generator.
 *
 * @example
 * export const compassComponentLink = recipe<'compass-component-link', { component: string }>({
 *   fields: { component: uuid(SAMPLE_COMPONENT) },
 *   sample: { component: SAMPLE_COMPONENT },
 *   shape: {},
 *   build: (eventType, v) => ({ eventType, selfGenerated: false, component: { id: v.component } }),
 * });
 */
export const recipe = <I extends PayloadFamilyId, V>(r: Recipe<I, V>): PayloadGenerator => {
  const values = valuesOf(r.fields, r.sample);
  return {
    sample: (eventType) => r.build(eventType, r.sample, r.shape),
    arbitrary: (eventType, variants) => fc.tuple(values, variants ? shapes(r.shape) : fc.constant(r.shape)).map(([v, shape]) => r.build(eventType, v, shape)),
  };
};

/** `{ [key]: value }` when the part is present, `{}` when not, for spreading into a payload. */
export const when = <K extends string, T>(present: boolean, key: K, value: T): Partial<Record<K, T>> =>
  (present ? { [key]: value } : {}) as Partial<Record<K, T>>;

/**
 * The Forge context the platform adds to a trigger's event, `{ cloudId, moduleKey }` [docs: app events
 * payload; DEFAULT_PRODUCT_EVENT]. The module key is the trigger's; the harness names it after the event
 * (`avi:jira:updated:issue` -> `issue-updated-trigger`) until a manifest says otherwise.
 */
export const forgeContext = (eventType: string, cloudId: string): { cloudId: string; moduleKey: string } => {
  const [, , action = 'event', ...entity] = eventType.split(':');
  const name = [...entity, action]
    .join('-')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
  return { cloudId, moduleKey: `${name}-trigger` };
};

/** The entity an event name is about: `avi:confluence:moved:page` -> `page`. */
export const entityOf = (eventType: string): string => eventType.split(':').slice(3).join(':');

/** The action an event name reports: `avi:confluence:moved:page` -> `moved`. */
export const actionOf = (eventType: string): string => eventType.split(':')[2] ?? '';
