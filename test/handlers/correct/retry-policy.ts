/**
 * The retry policy the correct handlers share, written the way a careful Forge app would keep it in
 * one module: every upstream call goes through `callUpstream` / `callStorage`, which turn 429s, 5xx,
 * network errors and @forge/kvs errors into a `RetryableFailure`; `retryFor` turns that failure into
 * the `InvocationError` the platform understands.
 *
 * - Retry-After is delta-seconds or an HTTP-date (RFC 9110); `parseInt` would give NaN for a date.
 * - A 429 without Retry-After waits for X-RateLimit-Reset (`yyyy-MM-ddTHH:mmZ`).
 * - Missing or malformed Retry-After falls back to exponential backoff.
 * - The platform lowers retryAfter above 900 s to 900 and raises <= 0 to 1, so ask for 1..900.
 * - A 429 is FUNCTION_UPSTREAM_RATE_LIMITED; everything else FUNCTION_RETRY_REQUEST.
 * - retryData is a plain JSON object of strings and numbers, so it reads back exactly as written.
 * - On retryCount 4 (product events) no retry is left: the caller gives up itself.
 */
import type { APIResponse } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Product events: the app may request at most four retries; retryCount is 4 on the last one. */
export const MAX_PRODUCT_RETRIES = 4;

const MIN_RETRY_AFTER_SECONDS = 1;
const MAX_RETRY_AFTER_SECONDS = 900;

/** What went wrong with one upstream call, in JSON-safe terms. */
export type FailureKind = 'rate-limited' | 'server-error' | 'network-error' | 'storage-error';

/** A failure worth retrying: the call may succeed later. */
export class RetryableFailure extends Error {
  override readonly name = 'RetryableFailure';

  constructor(
    readonly step: string,
    readonly kind: FailureKind,
    readonly status: number | undefined,
    /** The raw Retry-After header (or, on a 429 without it, X-RateLimit-Reset), when the upstream sent one. */
    readonly retryAfterHeader: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** `event.retryContext` as a product event or async event carries it (retryData absent on platform retries). */
export interface RetryContext {
  readonly retryCount?: number;
  readonly retryReason?: string;
  readonly retryData?: unknown;
}

/**
 * Makes one Jira / Confluence / external call. Resolves with the response unless it is a retryable
 * failure; 4xx answers are returned for the caller to judge (they will not get better by retrying).
 */
export const callUpstream = async (step: string, request: () => Promise<APIResponse>): Promise<APIResponse> => {
  let response: APIResponse;
  try {
    response = await request();
  } catch (error) {
    throw new RetryableFailure(step, 'network-error', undefined, undefined, `${step}: ${messageOf(error)}`);
  }
  if (response.status === 429 || response.status >= 500) {
    throw new RetryableFailure(
      step,
      response.status === 429 ? 'rate-limited' : 'server-error',
      response.status,
      // A 429 without Retry-After says when in X-RateLimit-Reset (an ISO instant Date.parse reads).
      response.headers.get('retry-after') ?? (response.status === 429 ? response.headers.get('x-ratelimit-reset') : null) ?? undefined,
      `${step}: HTTP ${response.status}`,
    );
  }
  return response;
};

/** Makes one @forge/kvs call; any error it raises (ForgeKvsAPIError, network) is retryable. */
export const callStorage = async <T>(step: string, operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    const status = (error as { responseDetails?: { status?: unknown } }).responseDetails?.status;
    const code = typeof status === 'number' ? status : undefined;
    throw new RetryableFailure(step, code === 429 ? 'rate-limited' : 'storage-error', code, undefined, `${step}: ${messageOf(error)}`);
  }
};

/** Reads a JSON body, treating an empty or non-JSON body as `{}`. */
export const readJson = async (response: APIResponse): Promise<Record<string, unknown>> => {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Seconds to wait as a Retry-After header asks, or undefined when it is missing or unreadable.
 * Delta-seconds are taken as they are; an HTTP-date is measured from now (it may be in the past).
 */
export const parseRetryAfter = (header: string | undefined, now: number = Date.now()): number | undefined => {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return (date - now) / 1000;
};

/** Exponential backoff for failures that did not say when to come back: 10 s, 30 s, 90 s, 270 s, ... */
export const backoffSeconds = (retryCount: number): number => 10 * 3 ** Math.max(0, retryCount);

/** The retryAfter to request: what the upstream asked for, else backoff; whole seconds in 1..900. */
export const retryAfterFor = (failure: RetryableFailure, retryCount: number): number => {
  const asked = parseRetryAfter(failure.retryAfterHeader);
  const seconds = asked ?? backoffSeconds(retryCount);
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(seconds)));
};

/** The retry count of this delivery: 0 on the first delivery. */
export const retryCountOf = (retryContext: RetryContext | undefined): number =>
  typeof retryContext?.retryCount === 'number' ? retryContext.retryCount : 0;

/** True when a product event has no retry left: a retry requested now would drop the event. */
export const isLastProductDelivery = (retryContext: RetryContext | undefined): boolean =>
  retryCountOf(retryContext) >= MAX_PRODUCT_RETRIES;

/** Reads one string field of retryData, which is absent on the first delivery and on platform retries. */
export const retryDataString = (retryContext: RetryContext | undefined, field: string): string | undefined => {
  const data = retryContext?.retryData;
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The InvocationError that asks for a retry of `failure`. `retryData` must already be a plain object
 * of JSON values; `failedStep` and the failure's kind are added to it.
 */
export const retryFor = (
  failure: RetryableFailure,
  retryContext: RetryContext | undefined,
  retryData: Record<string, string | number | boolean>,
): InvocationError =>
  new InvocationError({
    retryAfter: retryAfterFor(failure, retryCountOf(retryContext)),
    retryReason:
      failure.kind === 'rate-limited'
        ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
        : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { ...retryData, failedStep: failure.step, failure: failure.kind },
  });

/** A readable message for anything thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
