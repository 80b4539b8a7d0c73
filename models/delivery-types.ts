/**
 * The types of the delivery state machine: what the platform knows about one event between deliveries,
 * what it is told after each delivery, and what it decides.
 */
import type { Regime, RetryReason } from './codes.js';
import type { Outcome } from './outcome.js';
import type { AssumedRule, PlatformRules } from './rules.js';
import type { VirtualMs } from './time.js';

/** `event.retryContext` as the platform sets it on a redelivery (docs/platform.md: AsyncEvent.retryContext). */
export interface RetryContext {
  readonly retryCount: number;
  readonly retryReason: RetryReason | unknown;
  /** Present only when retryData was sent; already through the JSON round trip. */
  readonly retryData?: unknown;
  /** Async events only, and optional there ("Required: false"). */
  readonly retentionWindow?: { readonly startTime: string; readonly remainingTimeMs: number };
}

/** Why a delivery happens. */
export type DeliveryKind = 'first' | 'app-retry' | 'platform-retry' | 'duplicate';

/** A delivery the platform has scheduled. */
export interface ScheduledDelivery {
  /** 1-based number of the delivery in this event's history. */
  readonly number: number;
  readonly kind: DeliveryKind;
  readonly at: VirtualMs;
  /** Absent on the first delivery. */
  readonly retryContext?: RetryContext;
}

/** What the platform counts for one event. */
export interface DeliveryCounters {
  readonly deliveries: number;
  readonly appRetries: number;
  readonly platformRetries: number;
  /** The retryCount the last scheduled delivery carries (0 before any retry). */
  readonly retryCount: number;
}

/** Why the platform gives up on an event. */
export const DROP_REASONS = {
  'retry-cap-reached': 'a retry was requested after the last permitted retry',
  'platform-retries-exhausted': 'the platform stopped retrying its own faults',
  'retention-window-exceeded': 'the next retry would fall outside the retention window',
  'retry-data-not-an-object': 'retryData was not an object',
  'retry-data-too-large': 'retryData was over the size limit',
  'retry-data-unserialisable': 'retryData could not be turned into JSON',
  'payload-too-large': 'event payload plus retryData was over the size limit',
  'handler-threw': 'the handler threw and the platform does not retry that',
} as const;
/** A reason the platform drops an event. */
export type DropReason = keyof typeof DROP_REASONS;

/** The platform's knowledge of one event. Terminal states are `completed` and `dropped`. */
export type DeliveryState =
  | { readonly kind: 'scheduled'; readonly next: ScheduledDelivery; readonly counters: DeliveryCounters; readonly last?: ScheduledDelivery }
  | { readonly kind: 'completed'; readonly at: VirtualMs; readonly counters: DeliveryCounters; readonly last: ScheduledDelivery }
  | {
      readonly kind: 'dropped';
      readonly at: VirtualMs;
      readonly reason: DropReason;
      readonly counters: DeliveryCounters;
      readonly last: ScheduledDelivery;
    };

/** What the platform is told. */
export type DeliveryInput =
  /** The scheduled delivery happened and ended at `endedAt` with `outcome`. */
  | { readonly kind: 'delivered'; readonly outcome: Outcome; readonly endedAt: VirtualMs }
  /** At-least-once delivery: the platform delivers the last delivery again, as it was, at `at`. */
  | { readonly kind: 'redeliver'; readonly at: VirtualMs };

/** What the platform decides after an input. */
export type Decision =
  | { readonly kind: 'complete'; readonly assumptions: readonly AssumedRule[] }
  | {
      readonly kind: 'retry';
      readonly next: ScheduledDelivery;
      /** Adjustments the platform made, e.g. "retryAfter 0 raised to 1 s". */
      readonly notes: readonly string[];
      readonly assumptions: readonly AssumedRule[];
    }
  | { readonly kind: 'drop'; readonly reason: DropReason; readonly detail: string; readonly assumptions: readonly AssumedRule[] }
  | { readonly kind: 'redeliver'; readonly next: ScheduledDelivery };

/** What the model needs to know about the event besides its state. */
export interface DeliveryEnvironment {
  readonly regime: Regime;
  readonly rules: PlatformRules;
  /** UTF-8 bytes of the event payload as JSON (for the payload + retryData limit). */
  readonly payloadBytes: number;
  /** When the event was produced (async events: enqueued). */
  readonly enqueuedAt: VirtualMs;
  /**
   * Whether async retries carry `retryContext.retentionWindow`, which the docs mark optional
   * ("Required: false"). @defaultValue true
   */
  readonly sendsRetentionWindow?: boolean;
}

/** The result of one transition. */
export interface Transition {
  readonly state: DeliveryState;
  readonly decision: Decision;
}
