/**
 * Reading requests out of a trace: which responses are retryable failures, which endpoint a request
 * hit, which failures were recovered, which deadlines (Retry-After, X-RateLimit-Reset) a delivery
 * met and what each covers, and how a request reads in a report (the one description both property
 * messages and the timeline use).
 */
import { describeOperation, sameRequestOf } from '../../models/operations.js';
import { describePrincipal } from '../../models/principal.js';
import { isHttpSurface } from '../../models/surfaces.js';
import type { DeliveryRecord, RequestRecord, Trace } from '../../models/trace.js';
import { parseRateLimitReset } from './rate-limit-reset.js';
import { covers, describeScope, scopeOf, type RateLimitScope } from './rate-limit-scope.js';
import { retryDeadline } from './retry-after-header.js';

/**
 * True for a 429, a 5xx or a network error: the failures worth retrying; also for a 401/403 the
 * platform lifts by itself (`transient`: a life-cycle event's permissions propagating), and a request that
 * succeeded only in part (a KVS batch with failed keys, a 202 partial push), whose failed part is lost
 * unless the handler sends it again.
 */
export const isRetryableFailure = (request: RequestRecord): boolean =>
  request.partialFailure !== undefined ||
  // A 401/403 while an installed app's permissions propagate: Atlassian asks apps to retry (docs/platform.md#life-cycle-events).
  request.transient !== undefined ||
  request.response.kind === 'network-error' ||
  (request.response.kind === 'http' && (request.response.status === 429 || request.response.status >= 500));

/** True when the handler received an answer that is not a retryable failure. */
export const isAnswered = (request: RequestRecord): boolean => request.response.kind === 'http' && !isRetryableFailure(request);

/**
 * Identifies "the same request" within a delivery: method and path, plus for storage and platform
 * calls what their operation says makes them the same (a key, a query's page; see sameRequestOf).
 */
export const endpointOf = (request: RequestRecord): string =>
  `${request.method} ${request.path}${request.operation === undefined ? '' : sameRequestOf(request.operation)}`;

/** Failures in a delivery that no later request to the same endpoint recovered from. */
export const unrecoveredFailures = (delivery: DeliveryRecord): RequestRecord[] =>
  delivery.requests.filter(
    (r, i) => isRetryableFailure(r) && !delivery.requests.slice(i + 1).some((later) => endpointOf(later) === endpointOf(r) && isAnswered(later)),
  );

/** A wait a response asked for. */
export interface Deadline {
  readonly request: RequestRecord;
  /** The later requests it covers (see `RateLimit-Reason`). */
  readonly scope: RateLimitScope;
  /** What it covers, as reports show it after "no". */
  readonly covers: string;
  /** Virtual epoch ms before which nothing in its scope may go out again. */
  readonly until: number;
  /** The header that set it. */
  readonly source: 'Retry-After' | 'X-RateLimit-Reset';
  /** That header as received: `Retry-After: 120`, `X-RateLimit-Reset: 2025-01-01T01:00Z`. */
  readonly header: string;
}

// Retry-After decides when present (malformed, it sets nothing); a 429 without it waits for
// X-RateLimit-Reset, as the gateway's 429s of April 2026 asked (docs/platform.md, "Jira rate-limit
// responses and headers").
type Wait = Pick<Deadline, 'until' | 'source' | 'header'>;

const waitOf = (request: RequestRecord, status: number, headers: Readonly<Record<string, string>>): Wait | undefined => {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const until = retryDeadline(retryAfter, request.at);
    return until === undefined ? undefined : { until, source: 'Retry-After', header: `Retry-After: ${retryAfter}` };
  }
  const reset = headers['x-ratelimit-reset'];
  if (status !== 429 || reset === undefined) return undefined;
  const epochMs = parseRateLimitReset(reset);
  return epochMs === undefined ? undefined : { until: Math.max(request.at, epochMs), source: 'X-RateLimit-Reset', header: `X-RateLimit-Reset: ${reset}` };
};

/**
 * The deadlines a delivery met: 429s and 5xx on HTTP surfaces with a valid Retry-After, and 429s
 * without one that carry a valid X-RateLimit-Reset.
 */
export const deadlinesOf = (delivery: DeliveryRecord): Deadline[] =>
  delivery.requests.flatMap((request) => {
    const response = request.response;
    if (!isHttpSurface(request.surface) || response.kind !== 'http') return [];
    if (response.status !== 429 && response.status < 500) return [];
    const wait = waitOf(request, response.status, response.headers);
    if (wait === undefined) return [];
    const scope = scopeOf(request);
    return [{ request, scope, covers: describeScope(scope), ...wait }];
  });

/**
 * The first request that went out within a deadline's scope before the deadline, if any. A request
 * started alongside the limited one (`inFlight`: its answer had not arrived) cannot have heeded it.
 */
export const earlyRequest = (delivery: DeliveryRecord, deadline: Deadline): RequestRecord | undefined =>
  delivery.requests.find(
    (r) => r.seq > deadline.request.seq && r.at < deadline.until && !(r.inFlight ?? []).includes(deadline.request.seq) && covers(deadline.scope, r),
  );

/** A request that went out before a deadline it was under. */
export interface EarlyRequest {
  readonly deadline: Deadline;
  readonly early: RequestRecord;
}

/**
 * The first request in a delivery that went out within a deadline's scope before the deadline, among
 * the deadlines `which` keeps (all by default).
 */
export const firstEarlyRequest = (delivery: DeliveryRecord, which: (deadline: Deadline) => boolean = () => true): EarlyRequest | undefined => {
  for (const deadline of deadlinesOf(delivery)) {
    if (!which(deadline)) continue;
    const early = earlyRequest(delivery, deadline);
    if (early !== undefined) return { deadline, early };
  }
  return undefined;
};

/** The response headers reports show, in this order: the ones that say when to come back. */
const SHOWN_HEADERS = ['retry-after', 'x-ratelimit-reset', 'ratelimit-reason', 'beta-retry-after'] as const;

const headerName = (lower: string): string =>
  lower
    .split('-')
    .map((p) => (p === 'ratelimit' ? 'RateLimit' : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('-');

/**
 * Describes a response the way reports show it: the status and the headers that say when to come
 * back, or what happened instead.
 *
 * @example
 * describeResponse(request) // '429 Retry-After: 120'
 */
export const describeResponse = (request: RequestRecord): string => {
  const r = request.response;
  switch (r.kind) {
    case 'network-error':
      return `network error (${r.message})`;
    case 'lost':
      return `no response: the invocation died (${r.fault}), effect ${request.effect}`;
    case 'http': {
      const shown = SHOWN_HEADERS.filter((name) => r.headers[name] !== undefined).map((name) => `${headerName(name)}: ${r.headers[name]}`);
      const part = request.partialFailure;
      const partly = part === undefined ? [] : [`(${part.failed} of ${part.of} failed: ${part.code})`];
      const transient = request.transient === 'install-propagation' ? ['(app permissions still propagating after install)'] : [];
      return [String(r.status), ...shown, ...partly, ...transient].join(' ');
    }
  }
};

/**
 * What a request asked for, as every report shows it: its operation as the SDK call reads (`kvs set "k" = 1`,
 * `Queue.push q [...]`), else its method and path; who it was made as, when that is not the app's default.
 *
 * @example
 * describeTarget(request) // 'GET /rest/api/3/issue/X'
 */
export const describeTarget = (request: RequestRecord): string => {
  const op = request.operation;
  const target = (op === undefined ? null : describeOperation(op)) ?? `${request.method} ${request.path}`;
  return request.principal === undefined ? target : `${target} (${describePrincipal(request.principal)})`;
};

/**
 * A request and what came back, as every report line shows it.
 *
 * @example
 * describeRequest(request) // 'GET /rest/api/3/issue/X -> 429 Retry-After: 5'
 */
export const describeRequest = (request: RequestRecord): string => `${describeTarget(request)} -> ${describeResponse(request)}`;

/**
 * True when some request of the trace took virtual time (docs/platform.md#requestlatency).
 *
 * @example
 * tookTime(trace) // false for a trace whose answers all arrived at once
 */
export const tookTime = (trace: Trace): boolean => trace.deliveries.some((d) => d.requests.some((r) => (r.latencyMs ?? 0) > 0));
