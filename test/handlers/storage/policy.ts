/**
 * The retry policy the correct storage handlers share, kept in one module as a careful Forge app
 * would: every call to a Forge service goes through `guard`, which turns what its SDK throws
 * (ForgeKvsAPIError, ForgeSQLAPIError, APIError of legacy storage, the @forge/events errors) into a
 * `ServiceFailure`; `retryOrGiveUp` turns that into the InvocationError the platform understands, or
 * nothing on the last product-event delivery, where no retry is left.
 *
 * - Forge services send no Retry-After, so the wait is exponential backoff (10 s, 30 s, 90 s, ...), at
 *   most 900 s.
 * - A rate limit (HTTP 429, `RATE_LIMIT_EXCEEDED`, `RateLimitError`) is FUNCTION_UPSTREAM_RATE_LIMITED,
 *   anything else FUNCTION_RETRY_REQUEST.
 * - retryData is a flat object of strings, so it reads back exactly as written; platform retries
 *   carry none, so nothing depends on it.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Product events: the app may request at most four retries; retryCount is 4 on the last one. */
export const MAX_PRODUCT_RETRIES = 4;

/** `event.retryContext` (absent on a first delivery). */
export interface RetryContext {
  readonly retryCount?: number;
  readonly retryReason?: string;
  readonly retryData?: unknown;
}

/** A Forge service call that failed in a way a later attempt may not. */
export class ServiceFailure extends Error {
  override readonly name = 'ServiceFailure';

  constructor(
    readonly step: string,
    readonly rateLimited: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** A readable message for anything thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isRateLimit = (error: unknown): boolean => {
  const e = error as { code?: unknown; responseDetails?: { status?: unknown }; constructor?: { name?: unknown } };
  return e?.responseDetails?.status === 429 || e?.code === 'RATE_LIMIT_EXCEEDED' || e?.constructor?.name === 'RateLimitError';
};

/**
 * Runs one Forge service call; whatever its SDK throws becomes a ServiceFailure naming the step.
 *
 * @example
 * const rows = await guard('read-audit', () => sql.executeRaw('SELECT * FROM audit'));
 */
export const guard = async <T>(step: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceFailure) throw error;
    throw new ServiceFailure(step, isRateLimit(error), `${step}: ${messageOf(error)}`);
  }
};

/** The retry count of this delivery: 0 on the first. */
export const retryCountOf = (ctx: RetryContext | undefined): number => (typeof ctx?.retryCount === 'number' ? ctx.retryCount : 0);

/**
 * The InvocationError that retries a failure, or undefined on the last product-event delivery
 * (`async: true` for queue consumers, which have no count cap).
 *
 * @example
 * return retryOrGiveUp(failure, event.retryContext, { issueKey });
 */
export const retryOrGiveUp = (
  failure: ServiceFailure,
  ctx: RetryContext | undefined,
  retryData: Record<string, string>,
  regime: 'product' | 'async' = 'product',
): InvocationError | undefined => {
  const count = retryCountOf(ctx);
  if (regime === 'product' && count >= MAX_PRODUCT_RETRIES) {
    console.error(`giving up after the last retry: ${failure.message}`);
    return undefined;
  }
  return new InvocationError({
    retryAfter: Math.min(900, 10 * 3 ** count),
    retryReason: failure.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { ...retryData, failedStep: failure.step },
  });
};

/**
 * Runs a handler body: a ServiceFailure becomes a retry (or, on the last delivery, giving up); any
 * other error is logged and not retried, since it will not get better. Never throws.
 *
 * @example
 * export const handler = (event) => runGuarded(event.retryContext, { issueKey }, () => work(event));
 */
export const runGuarded = async <T>(
  ctx: RetryContext | undefined,
  retryData: Record<string, string>,
  body: () => Promise<T>,
  regime: 'product' | 'async' = 'product',
): Promise<T | InvocationError | undefined> => {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ServiceFailure) return retryOrGiveUp(error, ctx, retryData, regime);
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

/** Whole seconds in 1..900, as the platform accepts them. */
const clampSeconds = (seconds: number): number => Math.min(900, Math.max(1, Math.ceil(seconds)));

/**
 * Seconds a Retry-After header asks for (delta-seconds, or an HTTP-date measured from now), or
 * undefined when it is missing or unreadable.
 *
 * @example
 * parseRetryAfter('120') // 120
 */
export const parseRetryAfter = (header: string | null | undefined, now: number = Date.now()): number | undefined => {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : (date - now) / 1000;
};

/** An HTTP answer (Jira, an external host) that a later attempt may get right: 429, 5xx, or no answer. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';

  constructor(
    readonly step: string,
    readonly status: number | undefined,
    readonly retryAfter: string | undefined,
  ) {
    super(`${step}: ${status === undefined ? 'network error' : `HTTP ${status}`}`);
  }
}

/**
 * The InvocationError for an HTTP failure: the wait the upstream asked for (else backoff), as the
 * reason a 429 gets FUNCTION_UPSTREAM_RATE_LIMITED; undefined on the last product-event delivery.
 *
 * @example
 * return retryHttp(failure, event.retryContext, { issueKey });
 */
export const retryHttp = (failure: HttpFailure, ctx: RetryContext | undefined, retryData: Record<string, string>): InvocationError | undefined => {
  const count = retryCountOf(ctx);
  if (count >= MAX_PRODUCT_RETRIES) {
    console.error(`giving up after the last retry: ${failure.message}`);
    return undefined;
  }
  return new InvocationError({
    retryAfter: clampSeconds(parseRetryAfter(failure.retryAfter) ?? 10 * 3 ** count),
    retryReason: failure.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { ...retryData, failedStep: failure.step },
  });
};
