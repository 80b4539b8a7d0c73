/**
 * The platform's rules as data. Documented rules (D) have their documented value; every undocumented
 * point (U in FORGE_FACTS.md) is a named field with an explicit default, so a user can override it
 * (`rules: { ... }`) and a report can say which assumption a finding rests on.
 */

/** How the platform backs off before a retry it makes on its own (timeouts, OOM, platform errors). */
export interface PlatformBackoff {
  /** Delay before the first platform retry, in seconds. */
  readonly initialSeconds: number;
  /** Multiplier per further platform retry. */
  readonly factor: number;
  /** Upper bound, in seconds ("exponential, up to about 15 minutes", FORGE_FACTS.md). */
  readonly maxSeconds: number;
}

/** Every rule of event delivery the model consults. */
export interface PlatformRules {
  /** D (seed): "You can only retry an event for a maximum of four times." @defaultValue 4 */
  readonly maxRetries: number;
  /** D: retryAfter above 900 s is lowered to 900. @defaultValue 900 */
  readonly maxRetryAfterSeconds: number;
  /** C (@forge/events MIN_RETRY_AFTER): retryAfter `<= 0` becomes 1. @defaultValue 1 */
  readonly minRetryAfterSeconds: number;
  /** D: async events are retried until 24 h after enqueue. @defaultValue 86_400_000 */
  readonly retentionWindowMs: number;
  /** D: retryData is at most 4 KB (async-events limits page). @defaultValue 4096 */
  readonly maxRetryDataBytes: number;
  /** D (ECO-759): payload plus retryData over 200 KB may not be retried. @defaultValue 204_800 */
  readonly maxPayloadPlusRetryDataBytes: number;
  /**
   * U: whether platform retries (timeout, OOM, platform errors) of a product event use up the four
   * retries. `retryCount` is present on them (EAP announcement), so we assume one shared counter.
   * @defaultValue true
   */
  readonly platformRetriesCountTowardCap: boolean;
  /**
   * U: how many platform retries a product event gets when they do not count toward the cap.
   * @defaultValue 4
   */
  readonly maxPlatformRetries: number;
  /** U: whether a platform retry carries the previous delivery's retryData. @defaultValue false */
  readonly platformRetryCarriesRetryData: boolean;
  /**
   * U: what happens when a retry is requested on the last permitted delivery. We assume the event is
   * dropped. @defaultValue 'drop-event'
   */
  readonly finalRetryRequest: 'drop-event';
  /**
   * U: whether a product event whose handler threw (the runtime reports FUNCTION_ERR) is retried.
   * @defaultValue 'not-retried'
   */
  readonly productThrownError: 'not-retried' | 'retried-as-platform-error';
  /** U: the reason on the retry of an async event whose handler threw. @defaultValue 'FUNCTION_PLATFORM_UNKNOWN_ERROR' */
  readonly thrownErrorRetryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' | 'FUNCTION_RETRY_REQUEST';
  /**
   * U: the legacy `QueueResponse.retry()` shape `{ _retry: true }` without retryOptions. We assume the
   * SDK's defaults apply (retryAfter 1 s, FUNCTION_RETRY_REQUEST). @defaultValue 'default-options'
   */
  readonly legacyRetry: 'default-options' | 'success';
  /**
   * U: when a requested retryAfter is not a finite number (NaN becomes `null` in JSON), after how many
   * seconds the platform retries. @defaultValue 1
   */
  readonly invalidRetryAfterSeconds: number;
  /**
   * D/C (known bug ECO-734): retryData that is not an object "is not sent": the retry happens without it.
   * @defaultValue 'omit-data'
   */
  readonly nonObjectRetryData: 'omit-data' | 'drop-event';
  /** U: what the platform does with retryData over the limit. @defaultValue 'drop-event' */
  readonly oversizedRetryData: 'drop-event' | 'omit-data';
  /** U: the platform's backoff schedule for its own retries. @defaultValue `{ initialSeconds: 60, factor: 2, maxSeconds: 900 }` */
  readonly platformBackoff: PlatformBackoff;
  /** D: function timeout of a product-event trigger, in seconds. @defaultValue 25 */
  readonly productTimeoutSeconds: number;
  /** D: function timeout of an async-event consumer, in seconds. @defaultValue 55 */
  readonly asyncTimeoutSeconds: number;
}

/** The rules the harness assumes unless told otherwise. */
export const DEFAULT_PLATFORM_RULES: PlatformRules = Object.freeze({
  maxRetries: 4,
  maxRetryAfterSeconds: 900,
  minRetryAfterSeconds: 1,
  retentionWindowMs: 24 * 60 * 60 * 1000,
  maxRetryDataBytes: 4096,
  maxPayloadPlusRetryDataBytes: 200 * 1024,
  platformRetriesCountTowardCap: true,
  maxPlatformRetries: 4,
  platformRetryCarriesRetryData: false,
  finalRetryRequest: 'drop-event',
  productThrownError: 'not-retried',
  thrownErrorRetryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
  legacyRetry: 'default-options',
  invalidRetryAfterSeconds: 1,
  nonObjectRetryData: 'omit-data',
  oversizedRetryData: 'drop-event',
  platformBackoff: Object.freeze({ initialSeconds: 60, factor: 2, maxSeconds: 900 }),
  productTimeoutSeconds: 25,
  asyncTimeoutSeconds: 55,
} as const);

/** The name of a rule. */
export type RuleName = keyof PlatformRules;

/** The rules that are assumptions (U in FORGE_FACTS.md), which a finding may rest on. */
export const ASSUMED_RULES = [
  'platformRetriesCountTowardCap',
  'maxPlatformRetries',
  'platformRetryCarriesRetryData',
  'finalRetryRequest',
  'productThrownError',
  'thrownErrorRetryReason',
  'legacyRetry',
  'invalidRetryAfterSeconds',
  'oversizedRetryData',
  'platformBackoff',
] as const satisfies readonly RuleName[];

/** An undocumented rule whose default the model assumes. */
export type AssumedRule = (typeof ASSUMED_RULES)[number];
