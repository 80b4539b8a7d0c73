/**
 * Reading requests out of a trace: which responses are retryable failures, which endpoint a request
 * hit, which failures were recovered, and which Retry-After deadlines a delivery met.
 */
import type { DeliveryRecord, RequestRecord, UpstreamSurface } from '../../models/trace.js';
import { retryDeadline } from './retry-after-header.js';

/** Surfaces whose responses the handler sees with status and headers (not wrapped by an SDK). */
export const HTTP_SURFACES: ReadonlySet<UpstreamSurface> = new Set(['jira', 'confluence', 'bitbucket', 'graph', 'external']);

/** True for a 429, a 5xx or a network error: the failures worth retrying. */
export const isRetryableFailure = (request: RequestRecord): boolean =>
  request.response.kind === 'network-error' ||
  (request.response.kind === 'http' && (request.response.status === 429 || request.response.status >= 500));

/** True when the handler received an answer that is not a retryable failure. */
export const isAnswered = (request: RequestRecord): boolean =>
  request.response.kind === 'http' && !isRetryableFailure(request);

/** Identifies "the same request" within a delivery: method and path, plus the key for storage calls. */
export const endpointOf = (request: RequestRecord): string => {
  const op = request.operation;
  const key = op !== undefined && 'key' in op ? ` key=${op.key}` : '';
  return `${request.method} ${request.path}${key}`;
};

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
    if (!HTTP_SURFACES.has(request.surface) || response.kind !== 'http') return [];
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

/** Describes a response the way reports show it: `429 Retry-After: 120`. */
export const describeResponse = (request: RequestRecord): string => {
  const r = request.response;
  switch (r.kind) {
    case 'network-error':
      return `network error (${r.message})`;
    case 'lost':
      return `no response (${r.fault})`;
    case 'http': {
      const ra = r.headers['retry-after'];
      return `${r.status}${ra !== undefined ? ` Retry-After: ${ra}` : ''}`;
    }
  }
};

/** `GET /rest/api/3/issue/X -> 429 Retry-After: 5` */
export const describeRequest = (request: RequestRecord): string =>
  `${request.method} ${request.path} -> ${describeResponse(request)}`;
