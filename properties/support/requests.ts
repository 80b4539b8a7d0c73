/**
 * Reading requests out of a trace: which responses are retryable failures, which endpoint a request
 * hit, which failures were recovered, which Retry-After deadlines a delivery met, and how a request
 * reads in a report (the one description both property messages and the timeline use).
 */
import { describeOperation, sameRequestOf } from '../../models/operations.js';
import { describePrincipal } from '../../models/principal.js';
import { isHttpSurface } from '../../models/surfaces.js';
import type { DeliveryRecord, RequestRecord } from '../../models/trace.js';
import { retryDeadline } from './retry-after-header.js';

/**
 * True for a 429, a 5xx or a network error: the failures worth retrying; also for a request that
 * succeeded only in part (a KVS batch with failed keys, a 202 partial push), whose failed part is lost
 * unless the handler sends it again.
 */
export const isRetryableFailure = (request: RequestRecord): boolean =>
  request.partialFailure !== undefined ||
  request.response.kind === 'network-error' ||
  (request.response.kind === 'http' && (request.response.status === 429 || request.response.status >= 500));

/** True when the handler received an answer that is not a retryable failure. */
export const isAnswered = (request: RequestRecord): boolean =>
  request.response.kind === 'http' && !isRetryableFailure(request);

/**
 * Identifies "the same request" within a delivery: method and path, plus for storage and platform
 * calls what their operation says makes them the same (a key, a query's page; see sameRequestOf).
 */
export const endpointOf = (request: RequestRecord): string =>
  `${request.method} ${request.path}${request.operation === undefined ? '' : sameRequestOf(request.operation)}`;

/** Failures in a delivery that no later request to the same endpoint recovered from. */
export const unrecoveredFailures = (delivery: DeliveryRecord): RequestRecord[] =>
  delivery.requests.filter(
    (r, i) =>
      isRetryableFailure(r) &&
      !delivery.requests.slice(i + 1).some((later) => endpointOf(later) === endpointOf(r) && isAnswered(later)),
  );

/** A wait a response asked for. */
export interface Deadline {
  readonly request: RequestRecord;
  readonly endpoint: string;
  /** Virtual epoch ms before which the endpoint must not be asked again. */
  readonly until: number;
  readonly retryAfter: string;
}

/** The Retry-After deadlines a delivery met: 429s and 5xx on HTTP surfaces with a valid Retry-After. */
export const deadlinesOf = (delivery: DeliveryRecord): Deadline[] =>
  delivery.requests.flatMap((request) => {
    const response = request.response;
    if (!isHttpSurface(request.surface) || response.kind !== 'http') return [];
    if (response.status !== 429 && response.status < 500) return [];
    const raw = response.headers['retry-after'];
    if (raw === undefined) return [];
    const until = retryDeadline(raw, request.at);
    return until === undefined ? [] : [{ request, endpoint: endpointOf(request), until, retryAfter: raw }];
  });

/** The first request that went out to a deadline's endpoint before the deadline, if any. */
export const earlyRequest = (delivery: DeliveryRecord, deadline: Deadline): RequestRecord | undefined =>
  delivery.requests.find(
    (r) => r.seq > deadline.request.seq && endpointOf(r) === deadline.endpoint && r.at < deadline.until,
  );

/** A request that went out before a deadline it was under. */
export interface EarlyRequest {
  readonly deadline: Deadline;
  readonly early: RequestRecord;
}

/**
 * The first request in a delivery that went out before a Retry-After deadline on its endpoint, among
 * the deadlines `which` keeps (all by default).
 */
export const firstEarlyRequest = (
  delivery: DeliveryRecord,
  which: (deadline: Deadline) => boolean = () => true,
): EarlyRequest | undefined => {
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
  lower.split('-').map((p) => (p === 'ratelimit' ? 'RateLimit' : p.charAt(0).toUpperCase() + p.slice(1))).join('-');

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
      return [String(r.status), ...shown, ...partly].join(' ');
    }
  }
};

// What a request asked for: its operation as the SDK call reads (see describeOperation), else its
// method and path; who it was made as, when that is not the app's default.
const describeTarget = (request: RequestRecord): string => {
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
