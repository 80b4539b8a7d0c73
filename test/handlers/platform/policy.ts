/**
 * The retry policy of the platform corpus, written to the 2026 rules (docs/platform.md, issue 10):
 * - Retry-After is delta-seconds or an HTTP-date (RFC 9110); a 429 without it waits for
 *   X-RateLimit-Reset (`yyyy-MM-ddTHH:mmZ`, as the gateway sent them in April 2026).
 * - The wait is passed through as it is: the platform lowers anything above 900 s to 900, and the hourly
 *   points quota asks for 2,000-3,600 s, so there is nothing to cap.
 * - A 429 is FUNCTION_UPSTREAM_RATE_LIMITED; everything else FUNCTION_RETRY_REQUEST.
 * - On a product event's retryCount 4 no retry is left: the caller gives up itself.
 */
import type { APIResponse } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Product events: four app retries; retryCount is 4 on the last delivery. */
export const MAX_PRODUCT_RETRIES = 4;

/** How the quota reasons (`jira-quota-global-based`, `jira-quota-tenant-based`) begin. */
export const QUOTA_REASON_PREFIX = 'jira-quota-';

/** `event.retryContext` as either regime carries it. */
export interface RetryContext {
  readonly retryCount?: number;
  readonly retryReason?: string;
  readonly retryData?: unknown;
}

/** What a failed call said about when to come back. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';

  constructor(
    readonly step: string,
    readonly status: number | undefined,
    /** Seconds to wait, when the response said; undefined for a network error or no usable header. */
    readonly waitSeconds: number | undefined,
    /** The RateLimit-Reason of a 429, lower-cased. */
    readonly reason: string | undefined,
  ) {
    super(`${step}: ${status === undefined ? 'network error' : `HTTP ${status}`}`);
  }

  get rateLimited(): boolean {
    return this.status === 429;
  }
}

/**
 * Seconds a failed response asks to wait: Retry-After (delta-seconds or an HTTP-date), else, on a 429,
 * X-RateLimit-Reset; undefined when neither is usable.
 */
export const waitSecondsOf = (headers: { get(name: string): string | null }, status: number, now: number = Date.now()): number | undefined => {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter !== undefined) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? undefined : (date - now) / 1000;
  }
  const reset = headers.get('x-ratelimit-reset');
  if (status !== 429 || reset === null) return undefined;
  const at = Date.parse(reset);
  return Number.isNaN(at) ? undefined : (at - now) / 1000;
};

/** Makes one call; resolves with any answer that is not a 429, a 5xx or a network error. */
export const call = async (step: string, request: () => Promise<APIResponse>): Promise<APIResponse> => {
  let response: APIResponse;
  try {
    response = await request();
  } catch {
    throw new UpstreamFailure(step, undefined, undefined, undefined);
  }
  if (response.status === 429 || response.status >= 500) {
    const reason = response.status === 429 ? response.headers.get('ratelimit-reason')?.trim().toLowerCase() : undefined;
    throw new UpstreamFailure(step, response.status, waitSecondsOf(response.headers, response.status), reason ?? undefined);
  }
  return response;
};

/** The retry count of this delivery: 0 on the first. */
export const retryCountOf = (ctx: RetryContext | undefined): number => (typeof ctx?.retryCount === 'number' ? ctx.retryCount : 0);

/** True when a product event has no retry left. */
export const isLastProductDelivery = (ctx: RetryContext | undefined): boolean => retryCountOf(ctx) >= MAX_PRODUCT_RETRIES;

/** One field of retryData, which is absent on the first delivery and on platform retries. */
export const retryDataNumber = (ctx: RetryContext | undefined, field: string): number | undefined => {
  const data = ctx?.retryData;
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
};

/** Backoff for failures that did not say when: 10 s, 30 s, 90 s, ... */
export const backoffSeconds = (retryCount: number): number => 10 * 3 ** retryCount;

/**
 * The InvocationError for `failures` (the last one decides the reason): the longest wait any of them
 * asked for, uncapped, or backoff when none said.
 */
export const retryFor = (failures: readonly UpstreamFailure[], ctx: RetryContext | undefined, retryData: Record<string, string | number>): InvocationError => {
  const waits = failures.map((f) => f.waitSeconds).filter((w): w is number => w !== undefined);
  const seconds = waits.length > 0 ? Math.max(...waits) : backoffSeconds(retryCountOf(ctx));
  const last = failures.at(-1);
  return new InvocationError({
    retryAfter: Math.max(1, Math.ceil(seconds)),
    retryReason: last?.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { ...retryData, failedStep: last?.step ?? 'unknown' },
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
