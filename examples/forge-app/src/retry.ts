/**
 * The app's retry policy: one place that turns an upstream failure into the InvocationError the
 * Forge platform understands. Retry-After is delta-seconds or an HTTP-date; retryAfter is whole
 * seconds in 1..900; a 429 is FUNCTION_UPSTREAM_RATE_LIMITED; retryData is a flat JSON object.
 */
import type { APIResponse } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Product events get at most four retries; retryCount is 4 on the last. */
export const MAX_RETRIES = 4;

/** `event.retryContext`; retryData is absent on the first delivery and on platform retries. */
export interface RetryContext {
  readonly retryCount?: number;
  readonly retryReason?: string;
  readonly retryData?: unknown;
}

/** A failure worth retrying: 429, 5xx, a network error, or a storage error. */
export class RetryableFailure extends Error {
  override readonly name = 'RetryableFailure';
  constructor(
    readonly step: string,
    readonly rateLimited: boolean,
    readonly retryAfterHeader: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Calls an upstream; 429/5xx/network errors become RetryableFailure, other answers are returned. */
export const callUpstream = async (step: string, request: () => Promise<APIResponse>): Promise<APIResponse> => {
  let response: APIResponse;
  try {
    response = await request();
  } catch (error) {
    throw new RetryableFailure(step, false, undefined, `${step}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 429 || response.status >= 500) {
    // A 429 without Retry-After says when in X-RateLimit-Reset (an ISO instant Date.parse reads).
    const when = response.headers.get('retry-after') ?? (response.status === 429 ? response.headers.get('x-ratelimit-reset') : null);
    throw new RetryableFailure(step, response.status === 429, when ?? undefined, `${step}: HTTP ${response.status}`);
  }
  return response;
};

/** Runs a @forge/kvs operation; any error it raises is retryable. */
export const callStorage = async <T>(step: string, operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    const status = (error as { responseDetails?: { status?: unknown } }).responseDetails?.status;
    throw new RetryableFailure(step, status === 429, undefined, `${step}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Seconds a Retry-After asks for, or undefined when missing or unreadable. */
export const parseRetryAfter = (header: string | undefined, now: number = Date.now()): number | undefined => {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : (date - now) / 1000;
};

const retryCountOf = (ctx: RetryContext | undefined): number => (typeof ctx?.retryCount === 'number' ? ctx.retryCount : 0);

/** True on the last permitted delivery of a product event. */
export const isLastChance = (ctx: RetryContext | undefined): boolean => retryCountOf(ctx) >= MAX_RETRIES;

/** The InvocationError that retries `failure`, honouring Retry-After, else backing off 10 s, 30 s, 90 s, ... */
export const retryLater = (failure: RetryableFailure, ctx: RetryContext | undefined, data: Record<string, string>): InvocationError => {
  const seconds = parseRetryAfter(failure.retryAfterHeader) ?? 10 * 3 ** retryCountOf(ctx);
  return new InvocationError({
    retryAfter: Math.min(900, Math.max(1, Math.ceil(seconds))),
    retryReason: failure.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { ...data, failedStep: failure.step },
  });
};

/** Reads a JSON body, `{}` when empty or not JSON. */
export const readJson = async (response: APIResponse): Promise<Record<string, unknown>> => {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
