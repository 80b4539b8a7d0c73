/**
 * An events trace: what happened to several events of one entity in one simulated run, with the
 * order in which their requests were served across events (the interleaving), and the final stored
 * values beside those of the same events run one after another (the serial references the lost-update
 * and stale-overwrite judgements compare with). Plain data, built by the runner, judged by properties.
 */
import type { EventId } from './events.js';
import type { PlatformRules } from './rules.js';
import type { VirtualMs } from './time.js';
import type { DeliveryRecord } from './trace.js';

/** What changed on the entity: the kind of Jira issue event. */
export type EntityChange = 'created' | 'updated' | 'commented';

/** One event of the run and its deliveries. */
export interface EventRecord {
  readonly id: EventId;
  readonly change: EntityChange;
  /** The payload as delivered (its `timestamp` and `selfGenerated` root fields included). */
  readonly payload: unknown;
  /** The payload's `timestamp`: when the change happened in the product. */
  readonly timestamp: VirtualMs;
  readonly selfGenerated: boolean;
  readonly depth: number;
  readonly parent?: EventId;
  /** True when the manifest kept it from the app: its filter (ignoreSelf), or a type its trigger does not list. */
  readonly filtered: boolean;
  /** Set when it was filtered because the trigger does not list its type. */
  readonly unsubscribed?: true;
  readonly deliveries: readonly DeliveryRecord[];
}

/** One served request, by event, delivery and seq, in the order the shared upstream served them. */
export interface ServedStep {
  readonly event: EventId;
  readonly delivery: number;
  readonly seq: number;
}

/** Stored values by namespace and key (`kv:<key>`, `entity:<name>:<key>`), as JSON text; absent keys are left out. */
export type StoredValues = Readonly<Record<string, string>>;

/** The final values when the external events run one after another in `order`, each to its end. */
export interface SerialReference {
  readonly order: readonly EventId[];
  readonly values: StoredValues;
}

/** A complete events trace. */
export interface EventsTrace {
  readonly rules: PlatformRules;
  readonly startedAt: VirtualMs;
  readonly events: readonly EventRecord[];
  readonly served: readonly ServedStep[];
  readonly finalValues: StoredValues;
  /** One per order of the external events; empty when no key was written by two events. */
  readonly serial: readonly SerialReference[];
  /** Set when the run stopped producing self-generated events at the depth bound. */
  readonly selfChainCut?: { readonly depth: number; readonly event: EventId };
}
