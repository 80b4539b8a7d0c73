/**
 * A delivery trace: everything that happened to one event in one simulated run, from the first delivery
 * to a terminal state. It is plain data, built by the harness's driver and judged by the properties.
 */
import type { PlatformFault, Regime } from './codes.js';
import type { Decision, DeliveryKind, DropReason, RetryContext } from './delivery-types.js';
import type { Instance } from './instance.js';
import type { Outcome } from './outcome.js';
import type { PlatformRules } from './rules.js';
import type { Operation } from './operations.js';
import type { Principal } from './principal.js';
import type { UpstreamSurface } from './surfaces.js';
import type { VirtualMs } from './time.js';

export type { Operation } from './operations.js';
export type { Principal } from './principal.js';
export type { UpstreamSurface } from './surfaces.js';

/** What the handler received for a request. */
export type ResponseRecord =
  | {
      readonly kind: 'http';
      readonly status: number;
      /** Header names in lower case. */
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | { readonly kind: 'network-error'; readonly message: string }
  /** The invocation died (timeout, OOM) while this request was in flight: the handler received nothing. */
  | { readonly kind: 'lost'; readonly fault: Extract<PlatformFault, 'timeout' | 'out-of-memory'> };

/**
 * A request that succeeded only in part: a KVS batch whose answer lists failed keys, a `Queue.push`
 * answered 202 with failed events. The handler received a success status, yet part of the work failed
 * the way a 429/5xx fails it, so the properties treat it as a failure to recover from.
 */
export interface PartialFailure {
  /** How many of the request's items failed, of how many. */
  readonly failed: number;
  readonly of: number;
  /** The error code the failed items carry (e.g. `RATE_LIMIT_EXCEEDED`). */
  readonly code: string;
}

/** One request a handler made and what came back. */
export interface RequestRecord {
  /** The delivery it belongs to (1-based). */
  readonly delivery: number;
  /** 1-based position within the delivery. */
  readonly seq: number;
  readonly at: VirtualMs;
  readonly surface: UpstreamSurface;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Product path with query (e.g. `/rest/api/3/issue`), or the full URL for external hosts. */
  readonly path: string;
  readonly body?: string;
  /**
   * The body with the ids the handler drew at random (`Math.random`, `crypto.randomUUID`,
   * `getRandomValues`) replaced by `<generated>`; absent when it carried none. A retry draws new
   * numbers, so this, not `body`, tells whether a retried request does the same thing again.
   */
  readonly effectBody?: string;
  /** Request headers as sent, names in lower case (e.g. `idempotency-key`). */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** What the request means, for surfaces that record operations (see `OPERATIONS`). */
  readonly operation?: Operation;
  /**
   * Earlier requests of the delivery (their `seq`) whose answers had not reached the handler when this
   * one went out: it was started alongside them (`Promise.all`), so it cannot have been a reaction to
   * their answers. Absent when there were none.
   */
  readonly inFlight?: readonly number[];
  /** Who it was made as, when not the app's default (`asUser()`, `withContext(...)`). */
  readonly principal?: Principal;
  readonly response: ResponseRecord;
  /** Set when the request succeeded only in part. */
  readonly partialFailure?: PartialFailure;
  /** Whether the upstream's state changed (a lost response may still have been applied). */
  readonly effect: 'applied' | 'not-applied';
  /** Where the response came from. */
  readonly source: 'plan' | 'fixture' | 'world' | 'default' | 'storage';
  /**
   * Virtual ms between the request going out (`at`) and its answer reaching the handler (the scenario's
   * generated latency, docs/platform.md#requestlatency); absent when the answer arrived at once.
   */
  readonly latencyMs?: number;
  /**
   * Set on a refusal the platform lifts by itself: `install-propagation` is a 401/403 on a life-cycle
   * event while the app's permissions are still being granted (docs/platform.md#life-cycle-events), which
   * Atlassian asks apps to retry.
   */
  readonly transient?: 'install-propagation';
}

/** A fault the scenario injected into a delivery. */
export type InjectedFault =
  /** The invocation dies while its `request`-th request is in flight; its effect is applied or lost. */
  | {
      readonly kind: 'crash-at-request';
      readonly fault: Extract<PlatformFault, 'timeout' | 'out-of-memory'>;
      readonly request: number;
      readonly effect: 'applied' | 'not-applied';
    }
  /** The platform refuses the invocation before the handler runs. */
  | { readonly kind: 'refused'; readonly fault: Extract<PlatformFault, 'platform-rate-limited' | 'platform-unknown-error'> };

/** Something the handler did that the harness noticed besides its outcome. */
export type RuntimeIssue =
  | { readonly kind: 'unsupported-surface'; readonly surface: string; readonly detail: string; readonly fix?: string }
  | { readonly kind: 'late-call'; readonly detail: string }
  | { readonly kind: 'timers-left-running'; readonly count: number }
  | { readonly kind: 'unhandled-rejection'; readonly detail: string }
  | { readonly kind: 'event-mutated'; readonly detail: string }
  | { readonly kind: 'hung'; readonly detail: string };

/** One delivery of the event. */
export interface DeliveryRecord {
  readonly number: number;
  readonly kind: DeliveryKind;
  readonly startedAt: VirtualMs;
  readonly endedAt: VirtualMs;
  /** Exactly what `event.retryContext` held. */
  readonly retryContext?: RetryContext;
  readonly fault?: InjectedFault;
  /** The function timeout that applied, in ms. */
  readonly timeoutMs: number;
  readonly requests: readonly RequestRecord[];
  readonly outcome: Outcome;
  readonly decision: Decision;
  readonly issues: readonly RuntimeIssue[];
  /** The handler's console output, one line per call; only when the check was asked to show it. */
  readonly console?: readonly string[];
  /**
   * The module instance that served the delivery (`cold`: freshly loaded, `warm`: the one before it), when
   * the check loads the handler's module itself (`module` option, the CLI). Absent when it was given only
   * the function: then one instance serves every delivery and cold starts are not simulated.
   */
  readonly instance?: Instance;
}

/** How the trace ended. `truncated` means the harness stopped at its own delivery bound. */
export type TraceEnd =
  | { readonly kind: 'completed'; readonly at: VirtualMs }
  | { readonly kind: 'dropped'; readonly at: VirtualMs; readonly reason: DropReason }
  | { readonly kind: 'truncated'; readonly at: VirtualMs; readonly deliveries: number };

/** A complete delivery trace. */
export interface Trace {
  readonly regime: Regime;
  readonly rules: PlatformRules;
  /** The event payload as first delivered. */
  readonly event: unknown;
  readonly startedAt: VirtualMs;
  readonly deliveries: readonly DeliveryRecord[];
  readonly end: TraceEnd;
}
