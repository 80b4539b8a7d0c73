/**
 * The app's retry policy: one place that turns an upstream failure into the InvocationError the
 * Forge platform understands. Every upstream call goes through `callUpstream` / `callStorage`, which
 * turn 429s, 5xx, network errors and @forge/kvs errors into a `RetryableFailure`; `retryLater` turns
 * that failure into the retry request.
 *
 * - Retry-After is delta-seconds or an HTTP-date (RFC 9110); `parseInt` would give NaN for a date.
 * - Missing or malformed Retry-After falls back to exponential backoff.
 * - The platform lowers retryAfter above 900 s to 900 and raises <= 0 to 1, so ask for 1..900.
 * - A 429 is FUNCTION_UPSTREAM_RATE_LIMITED; everything else FUNCTION_RETRY_REQUEST.
 * - retryData is a flat JSON object of strings, numbers and booleans, so it reads back as written.
 * - On retryCount 4 (product events) no retry is left: the caller checks `isLastChance` and gives up
 *   itself.
 *
 * The harness's correct corpus handlers (`test/handlers/correct/`) share this module, so there is one
 * policy to read; the app imports nothing from outside its folder.
 */
import type { APIResponse } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Product events get at most four retries; retryCount is 4 on the last. */
export const MAX_RETRIES = 4;

const MIN_RETRY_AFTER_SECONDS = 1;
const MAX_RETRY_AFTER_SECONDS = 900;

/** `event.retryContext`; retryData is absent on the first delivery and on platform retries. */
export interface RetryContext {
  readonly retryCount?: number;
  readonly retryReason?: string;
  readonly retryData?: unknown;
}

/** What went wrong with one upstream call, in JSON-safe terms. */
export type FailureKind = 'rate-limited' | 'server-error' | 'network-error' | 'storage-error';

/** A failure worth retrying: 429, 5xx, a network error, or a storage error. */
export class RetryableFailure extends Error {
  override readonly name = 'RetryableFailure';
  constructor(
    readonly step: string,
    readonly kind: FailureKind,
    readonly status: number | undefined,
    /** The raw Retry-After header, when the upstream sent one. */
    readonly retryAfterHeader: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A readable message for anything thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Makes one Jira / Confluence / external call. 429/5xx/network errors become RetryableFailure; other
 * answers, 4xx included, are returned for the caller to judge (they will not get better by retrying).
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

/** Runs a @forge/kvs operation; any error it raises (ForgeKvsAPIError, network) is retryable. */
export const callStorage = async <T>(step: string, operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    const status = (error as { responseDetails?: { status?: unknown } }).responseDetails?.status;
    const code = typeof status === 'number' ? status : undefined;
    throw new RetryableFailure(step, code === 429 ? 'rate-limited' : 'storage-error', code, undefined, `${step}: ${messageOf(error)}`);
  }
};

/**
 * Seconds a Retry-After asks for, or undefined when missing or unreadable. Delta-seconds are taken as
 * they are; an HTTP-date is measured from now (it may be in the past).
 */
export const parseRetryAfter = (header: string | undefined, now: number = Date.now()): number | undefined => {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : (date - now) / 1000;
};

/** The retry count of this delivery: 0 on the first delivery. */
export const retryCountOf = (ctx: RetryContext | undefined): number => (typeof ctx?.retryCount === 'number' ? ctx.retryCount : 0);

/** True on the last permitted delivery of a product event: a retry requested now would drop the event. */
export const isLastChance = (ctx: RetryContext | undefined): boolean => retryCountOf(ctx) >= MAX_RETRIES;

/** The retryAfter to request: what the upstream asked for, else backoff 10 s, 30 s, 90 s, ...; whole seconds in 1..900. */
export const retryAfterFor = (failure: RetryableFailure, retryCount: number): number => {
  const seconds = parseRetryAfter(failure.retryAfterHeader) ?? 10 * 3 ** Math.max(0, retryCount);
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(seconds)));
};

/** The InvocationError that retries `failure`; `failedStep` is added to `data`, which must be flat JSON. */
export const retryLater = (failure: RetryableFailure, ctx: RetryContext | undefined, data: Record<string, string | number | boolean>): InvocationError =>
  new InvocationError({
    retryAfter: retryAfterFor(failure, retryCountOf(ctx)),
    retryReason: failure.kind === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { ...data, failedStep: failure.step },
  });

/** Reads a JSON body, `{}` when empty or not JSON. */
export const readJson = async (response: APIResponse): Promise<Record<string, unknown>> => {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
