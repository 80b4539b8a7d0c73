/**
 * Hand-built delivery traces for unit-testing the properties. Times are given in seconds from the start
 * of the trace (what reports print as `t=12s`); everything left out takes a default that no property
 * objects to: the first delivery starts at t=0, each later one a minute after the previous ended, with
 * `retryCount` one less than its number, and every delivery ends when its last request was made.
 */
import type { PlatformFault, Regime } from '../../models/codes.js';
import type { Decision, DeliveryKind, RetryContext, ScheduledDelivery } from '../../models/delivery-types.js';
import type { Outcome } from '../../models/outcome.js';
import { DEFAULT_PLATFORM_RULES, type PlatformRules } from '../../models/rules.js';
import { VIRTUAL_EPOCH, at, type VirtualMs } from '../../models/time.js';
import type { Verdict, Violation } from '../../properties/types.js';
import type {
  DeliveryRecord,
  InjectedFault,
  Operation,
  RequestRecord,
  ResponseRecord,
  RuntimeIssue,
  Trace,
  TraceEnd,
  UpstreamSurface,
} from '../../models/trace.js';

/** Seconds after the start of the trace. */
type Offset = number;

const instant = (t: Offset): VirtualMs => at(VIRTUAL_EPOCH + Math.round(t * 1000));

// ---------------------------------------------------------------- responses

/** An HTTP response; header names are lower-cased as the trace stores them. */
export const http = (status: number, headers: Readonly<Record<string, string>> = {}, body = ''): ResponseRecord => ({
  kind: 'http',
  status,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  body,
});

/** A 429 with the given Retry-After (omit it for a 429 without the header). */
export const tooManyRequests = (retryAfter?: string): ResponseRecord => http(429, retryAfter === undefined ? {} : { 'retry-after': retryAfter });

/** A network error, by default the one undici reports. */
export const networkError = (message = 'fetch failed'): ResponseRecord => ({ kind: 'network-error', message });

/** The invocation died with this request in flight. */
export const lost = (fault: 'timeout' | 'out-of-memory' = 'timeout'): ResponseRecord => ({ kind: 'lost', fault });

// ---------------------------------------------------------------- requests

/** A request as a test writes it; `delivery` and `seq` come from where it sits. */
export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly response: ResponseRecord;
  /** When it went out. @defaultValue the start of its delivery */
  readonly t?: Offset;
  /** @defaultValue `external` for absolute URLs, `confluence` for `/wiki`, otherwise `jira` */
  readonly surface?: UpstreamSurface;
  readonly body?: string;
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly operation?: Operation;
  /** @defaultValue `applied` for an HTTP status below 400, otherwise `not-applied` */
  readonly effect?: 'applied' | 'not-applied';
  readonly source?: RequestRecord['source'];
  /** Earlier requests (by seq) still awaiting their answers when this one went out. */
  readonly inFlight?: readonly number[];
  /** Virtual ms until its answer reached the handler. @defaultValue none (at once) */
  readonly latencyMs?: number;
}

type RequestOptions = Omit<RequestSpec, 'method' | 'path' | 'response'>;

/** Any request: `request('GET', '/rest/api/3/myself', http(200), { t: 3 })`. */
export const request = (method: string, path: string, response: ResponseRecord, options: RequestOptions = {}): RequestSpec => ({
  method,
  path,
  response,
  ...options,
});

/** `GET path`. */
export const get = (path: string, response: ResponseRecord = http(200), options: RequestOptions = {}): RequestSpec => request('GET', path, response, options);

/** `POST path` with a body. */
export const post = (path: string, response: ResponseRecord = http(201), options: RequestOptions = {}): RequestSpec =>
  request('POST', path, response, { body: '{}', ...options });

/** `PUT path` with a body. */
export const put = (path: string, response: ResponseRecord = http(204), options: RequestOptions = {}): RequestSpec =>
  request('PUT', path, response, { body: '{}', ...options });

/** A Forge KVS `set`, as `@forge/kvs` sends it. */
export const kvsSet = (key: string, value: string, response: ResponseRecord = http(200), options: RequestOptions = {}): RequestSpec =>
  request('POST', '/api/v1/set', response, {
    surface: 'kvs',
    body: JSON.stringify({ key, value }),
    operation: { surface: 'kvs', name: 'set', key, value },
    ...options,
  });

/** A Forge KVS `get`. */
export const kvsGet = (key: string, response: ResponseRecord = http(200), options: RequestOptions = {}): RequestSpec =>
  request('POST', '/api/v1/get', response, {
    surface: 'kvs',
    body: JSON.stringify({ key }),
    operation: { surface: 'kvs', name: 'get', key },
    ...options,
  });

/** A `Queue.push` of `events` (already JSON). */
export const queuePush = (queue: string, events: string, response: ResponseRecord = http(200), options: RequestOptions = {}): RequestSpec =>
  request('POST', `/queue/${queue}`, response, {
    surface: 'queue',
    body: events,
    operation: { surface: 'queue', name: 'push', target: queue, value: events },
    ...options,
  });

/** A GraphQL request (`requestGraph`) with the given document. */
export const graphql = (query: string, response: ResponseRecord = http(200), options: RequestOptions = {}): RequestSpec =>
  request('POST', '/graphql', response, { surface: 'graph', body: JSON.stringify({ query }), ...options });

// ---------------------------------------------------------------- outcomes

/** The handler returned a value that is not a retry request. */
export const success = (value: unknown = undefined): Outcome => ({ kind: 'success', value });

/** The options of an `InvocationError`, as the handler gave them. */
export interface RetryOptionsSpec {
  readonly retryAfter?: unknown;
  readonly retryReason?: unknown;
  readonly retryData?: unknown;
}

/**
 * The handler returned `new InvocationError(options)`. `retryData` counts as present when the key is
 * there and not undefined, as `classifyReturn` reads it.
 */
export const appRetry = (options: RetryOptionsSpec = { retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST' }): Outcome => ({
  kind: 'app-retry',
  request: {
    retryAfter: options.retryAfter,
    retryReason: options.retryReason,
    retryData: options.retryData,
    hasRetryData: 'retryData' in options && options.retryData !== undefined,
  },
});

/** The handler returned the legacy `{ _retry: true }`. */
export const legacyRetry = (): Outcome => ({ kind: 'legacy-retry' });

/** The handler threw (or rejected with) `error`. */
export const thrown = (error: unknown): Outcome => ({ kind: 'thrown', error });

/** The platform ended or refused the invocation. */
export const platformFault = (fault: PlatformFault): Outcome => ({ kind: 'platform-fault', fault });

// ---------------------------------------------------------------- deliveries and traces

/** A delivery as a test writes it; `number` comes from its position. */
export interface DeliverySpec {
  readonly outcome: Outcome;
  readonly requests?: readonly RequestSpec[];
  /** @defaultValue 0 for the first delivery, otherwise 60 s after the previous one ended */
  readonly t?: Offset;
  /** @defaultValue the latest of `t` and the requests' times */
  readonly end?: Offset;
  /** @defaultValue `first` for delivery 1, `platform-retry` when the reason is a platform code, else `app-retry` */
  readonly kind?: DeliveryKind;
  /** Shorthand for `retryContext.retryCount`. @defaultValue the delivery number minus one */
  readonly retryCount?: number;
  /** `null` for a delivery without retryContext. @defaultValue absent on delivery 1, FUNCTION_RETRY_REQUEST after */
  readonly retryContext?: RetryContext | null;
  readonly fault?: InjectedFault;
  /** @defaultValue the rules' timeout for the regime */
  readonly timeoutMs?: number;
  readonly issues?: readonly RuntimeIssue[];
}

/** A trace as a test writes it. */
export interface TraceSpec {
  /** @defaultValue `product-event` */
  readonly regime?: Regime;
  /** Overrides of DEFAULT_PLATFORM_RULES. */
  readonly rules?: Partial<PlatformRules>;
  /** @defaultValue `{ issue: { key: 'PROJ-1' } }` */
  readonly event?: unknown;
  readonly deliveries: readonly DeliverySpec[];
}

const PLATFORM_REASONS: readonly unknown[] = [
  'FUNCTION_OUT_OF_MEMORY',
  'FUNCTION_TIME_OUT',
  'FUNCTION_PLATFORM_RATE_LIMITED',
  'FUNCTION_PLATFORM_UNKNOWN_ERROR',
];

const inferSurface = (path: string): UpstreamSurface => {
  if (/^https?:\/\//.test(path)) return 'external';
  if (path.startsWith('/wiki')) return 'confluence';
  return 'jira';
};

const buildRequest = (spec: RequestSpec, delivery: number, seq: number, start: Offset): RequestRecord => {
  const { t, surface, effect, source, ...rest } = spec;
  const ok = spec.response.kind === 'http' && spec.response.status < 400;
  return {
    ...rest,
    delivery,
    seq,
    at: instant(t ?? start),
    surface: surface ?? inferSurface(spec.path),
    effect: effect ?? (ok ? 'applied' : 'not-applied'),
    source: source ?? 'plan',
  };
};

const contextOf = (spec: DeliverySpec, number: number): RetryContext | undefined => {
  if (spec.retryContext === null) return undefined;
  if (spec.retryContext !== undefined) return spec.retryContext;
  if (number === 1 && spec.retryCount === undefined) return undefined;
  return { retryCount: spec.retryCount ?? number - 1, retryReason: 'FUNCTION_RETRY_REQUEST' };
};

const kindOf = (spec: DeliverySpec, number: number, context: RetryContext | undefined): DeliveryKind => {
  if (spec.kind !== undefined) return spec.kind;
  if (number === 1) return 'first';
  return PLATFORM_REASONS.includes(context?.retryReason) ? 'platform-retry' : 'app-retry';
};

const isRetry = (outcome: Outcome): boolean => outcome.kind === 'app-retry' || outcome.kind === 'legacy-retry';

/** The decision after the last delivery, roughly as the model would take it. */
const finalDecision = (regime: Regime, rules: PlatformRules, outcome: Outcome, retryCount: number): Decision => {
  if (outcome.kind === 'thrown' && regime === 'product-event') {
    return { kind: 'drop', reason: 'handler-threw', detail: 'the handler threw', assumptions: ['productThrownError'] };
  }
  if (isRetry(outcome) && regime === 'product-event' && retryCount >= rules.maxRetries) {
    return { kind: 'drop', reason: 'retry-cap-reached', detail: 'a retry was requested on the last delivery', assumptions: ['finalRetryRequest'] };
  }
  return { kind: 'complete', assumptions: [] };
};

/**
 * Builds a complete trace. Decisions link each delivery to the next (`retry`, or `redeliver` for a
 * duplicate), and the last one completes or drops the event.
 *
 * @example
 * const t = trace({ deliveries: [{ requests: [get('/rest/api/3/myself', tooManyRequests('5'))], outcome: appRetry({ retryAfter: 5 }) }] });
 */
export const trace = (spec: TraceSpec): Trace => {
  const regime = spec.regime ?? 'product-event';
  const rules: PlatformRules = { ...DEFAULT_PLATFORM_RULES, ...spec.rules };
  const timeoutMs = (regime === 'product-event' ? rules.productTimeoutSeconds : rules.asyncTimeoutSeconds) * 1000;

  const drafts: Omit<DeliveryRecord, 'decision'>[] = [];
  let previousEnd: Offset | undefined;
  spec.deliveries.forEach((d, i) => {
    const number = i + 1;
    const start = d.t ?? (previousEnd === undefined ? 0 : previousEnd + 60);
    const requests = (d.requests ?? []).map((r, j) => buildRequest(r, number, j + 1, start));
    const end = d.end ?? Math.max(start, ...(d.requests ?? []).map((r) => r.t ?? start));
    const retryContext = contextOf(d, number);
    drafts.push({
      number,
      kind: kindOf(d, number, retryContext),
      startedAt: instant(start),
      endedAt: instant(end),
      ...(retryContext !== undefined ? { retryContext } : {}),
      ...(d.fault !== undefined ? { fault: d.fault } : {}),
      timeoutMs: d.timeoutMs ?? timeoutMs,
      requests,
      outcome: d.outcome,
      issues: d.issues ?? [],
    });
    previousEnd = end;
  });

  const deliveries: DeliveryRecord[] = drafts.map((d, i) => {
    const next = drafts[i + 1];
    if (next === undefined) {
      return { ...d, decision: finalDecision(regime, rules, d.outcome, d.retryContext?.retryCount ?? 0) };
    }
    const scheduled: ScheduledDelivery = {
      number: next.number,
      kind: next.kind,
      at: next.startedAt,
      ...(next.retryContext !== undefined ? { retryContext: next.retryContext } : {}),
    };
    const decision: Decision =
      next.kind === 'duplicate' ? { kind: 'redeliver', next: scheduled } : { kind: 'retry', next: scheduled, notes: [], assumptions: [] };
    return { ...d, decision };
  });

  const last = deliveries.at(-1);
  const endAt = last?.endedAt ?? instant(0);
  const end: TraceEnd = last?.decision.kind === 'drop' ? { kind: 'dropped', at: endAt, reason: last.decision.reason } : { kind: 'completed', at: endAt };

  return {
    regime,
    rules,
    event: spec.event ?? { issue: { key: 'PROJ-1' } },
    startedAt: instant(0),
    deliveries,
    end,
  };
};

/** A one-delivery trace: the common case. */
export const single = (delivery: DeliverySpec, options: Omit<TraceSpec, 'deliveries'> = {}): Trace => trace({ ...options, deliveries: [delivery] });

// ---------------------------------------------------------------- verdicts

/** The violation in a verdict; throws (failing the test) when the verdict passed. */
export const violation = (verdict: Verdict): Violation => {
  if (verdict.kind !== 'fail') throw new Error('expected the property to fail, but it passed');
  return verdict;
};
