/**
 * Every rule of event delivery the model consults, one entry each: its basis, its default, the values
 * it may take and where it is explained. Documented rules have their documented value; every
 * undocumented point is an `assumed` rule with an explicit default, so a user can override it
 * (`rules: { ... }`) and a report can say which assumption a finding rests on. The `PlatformRules`
 * type, the defaults, the list of assumptions, option validation and the README table derive from it.
 *
 * The ranges are the harness's own bounds on an override: wide enough for any plausible platform, narrow
 * enough that a typo (or a zero delay that lets time stand still) is refused at the door.
 */
import type { RuleEntry } from './rules-allowed.js';

/**
 * The platform-rules catalog.
 *
 * @example
 * PLATFORM_RULE_CATALOG.maxRetries.default // 4
 * PLATFORM_RULE_CATALOG.legacyRetry.basis  // 'assumed'
 */
export const PLATFORM_RULE_CATALOG = {
  /** D (product events page): "You can only retry an event for a maximum of four times." @defaultValue 4 */
  maxRetries: {
    basis: 'documented',
    default: 4,
    allowed: { kind: 'integer', min: 0, max: 10 },
    summary: 'retries a product event may request',
    source: 'docs/platform.md#maxretries',
  },
  /** D: retryAfter above 900 s is lowered to 900. @defaultValue 900 */
  maxRetryAfterSeconds: {
    basis: 'documented',
    default: 900,
    allowed: { kind: 'number', min: 1, max: 86_400 },
    summary: 'a longer requested retryAfter is lowered to this',
    source: 'docs/platform.md#maxretryafterseconds',
  },
  /** C (@forge/events MIN_RETRY_AFTER): retryAfter `<= 0` becomes 1. @defaultValue 1 */
  minRetryAfterSeconds: {
    basis: 'sdk-code',
    default: 1,
    allowed: { kind: 'number', min: 1, max: 900 },
    summary: 'a requested retryAfter of 0 or less becomes this; also the shortest platform backoff',
    source: 'docs/platform.md#minretryafterseconds',
  },
  /** D: async events are retried until 24 h after enqueue. @defaultValue 86_400_000 */
  retentionWindowMs: {
    basis: 'documented',
    default: 24 * 60 * 60 * 1000,
    allowed: { kind: 'integer', min: 0, max: 96 * 60 * 60 * 1000 },
    summary: 'async events are retried until this long after enqueue',
    source: 'docs/platform.md#retentionwindowms',
  },
  /**
   * U: how much longer than `retentionWindowMs` an async event is retried when the platform is degraded
   * (its own errors made the retries). The docs: the window extends "by up to 72 hours".
   * @defaultValue 259_200_000
   */
  degradedRetentionWindowMs: {
    basis: 'assumed',
    default: 72 * 60 * 60 * 1000,
    allowed: { kind: 'integer', min: 0, max: 72 * 60 * 60 * 1000 },
    plausible: [72 * 60 * 60 * 1000, 0],
    summary: 'the retention window extends by this under platform degradation (up to 72 h)',
    source: 'docs/platform.md#degradedretentionwindowms',
  },
  /**
   * D: consumers written for `@forge/resolver` belong to events v1, whose events were retried at most
   * four times (the unlimited retries within the window cover v2+ function consumers). @defaultValue 4
   */
  resolverConsumerMaxRetries: {
    basis: 'documented',
    default: 4,
    allowed: { kind: 'integer', min: 0, max: 10 },
    summary: 'retries a resolver-style (events v1) consumer gets',
    source: 'docs/platform.md#resolverconsumermaxretries',
  },
  /** D: retryData is at most 4 KB (async-events limits page). @defaultValue 4096 */
  maxRetryDataBytes: {
    basis: 'documented',
    default: 4096,
    allowed: { kind: 'integer', min: 0, max: 1024 * 1024 },
    summary: 'largest retryData, in bytes of JSON',
    source: 'docs/platform.md#maxretrydatabytes',
  },
  /** D (ECO-759, component Async Events): payload plus retryData over 200 KB may not be retried; async events only. @defaultValue 204_800 */
  maxPayloadPlusRetryDataBytes: {
    basis: 'documented',
    default: 200 * 1024,
    allowed: { kind: 'integer', min: 0, max: 10 * 1024 * 1024 },
    summary: 'largest async-event payload plus retryData that is still retried',
    source: 'docs/platform.md#maxpayloadplusretrydatabytes',
  },
  /**
   * U: whether retries the platform makes on its own for a product event (timeout, OOM, platform errors)
   * use up the four. The docs define retryCount as the number of times the app asked for a retry, and
   * the async-events page says platform-level errors do not increment it: we assume separate counters.
   * @defaultValue false
   */
  platformRetriesCountTowardCap: {
    basis: 'assumed',
    default: false,
    allowed: { kind: 'boolean' },
    plausible: [false, true],
    summary: 'platform retries of a product event do not use up its four retries (retryCount counts app requests)',
    source: 'docs/platform.md#platformretriescounttowardcap',
  },
  /**
   * U: how many platform retries a product event gets when they do not count toward the cap.
   * @defaultValue 4
   */
  maxPlatformRetries: {
    basis: 'assumed',
    default: 4,
    allowed: { kind: 'integer', min: 0, max: 100 },
    summary: 'used only when platform retries do not count toward the cap',
    source: 'docs/platform.md#maxplatformretries',
    // The docs give no number: none, one and many bound what a handler may meet.
    plausible: [4, 1, 10],
  },
  /** U: whether a platform retry carries the previous delivery's retryData. @defaultValue false */
  platformRetryCarriesRetryData: {
    basis: 'assumed',
    default: false,
    allowed: { kind: 'boolean' },
    summary: 'undocumented; assume a platform retry has no retryData',
    source: 'docs/platform.md#platformretrycarriesretrydata',
    plausible: [false, true],
  },
  /**
   * U: what happens when a retry is requested on the last permitted delivery. We assume the event is
   * dropped. @defaultValue 'drop-event'
   */
  finalRetryRequest: {
    basis: 'assumed',
    default: 'drop-event',
    allowed: { kind: 'one-of', values: ['drop-event'] },
    summary: 'a retry requested at retryCount 4 drops the event',
    source: 'docs/platform.md#finalretryrequest',
    plausible: ['drop-event'],
  },
  /**
   * U: whether a product event whose handler threw (the runtime reports FUNCTION_ERR) is retried.
   * Changelog CHANGE-681 (2022) retries product triggers after "app-level errors" without saying a throw
   * is one. The default is the harsher reading; a finding that rests on it holds only if it holds under
   * both. @defaultValue 'not-retried'
   */
  productThrownError: {
    basis: 'assumed',
    default: 'not-retried',
    allowed: { kind: 'one-of', values: ['not-retried', 'retried-as-platform-error'] },
    summary: 'a thrown product-event handler (FUNCTION_ERR) is not retried (CHANGE-681 suggests it may be)',
    source: 'docs/platform.md#productthrownerror',
    // A 2022 changelog entry says app-level errors of product triggers are retried; nothing says how.
    plausible: ['not-retried', 'retried-as-platform-error'],
  },
  /** U: the reason on the retry of an async event whose handler threw. @defaultValue 'FUNCTION_PLATFORM_UNKNOWN_ERROR' */
  thrownErrorRetryReason: {
    basis: 'assumed',
    default: 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
    allowed: { kind: 'one-of', values: ['FUNCTION_PLATFORM_UNKNOWN_ERROR', 'FUNCTION_RETRY_REQUEST'] },
    summary: 'the reason on the retry of a thrown async consumer',
    source: 'docs/platform.md#thrownerrorretryreason',
    plausible: ['FUNCTION_PLATFORM_UNKNOWN_ERROR', 'FUNCTION_RETRY_REQUEST'],
  },
  /**
   * U: the legacy `QueueResponse.retry()` shape `{ _retry: true }` without retryOptions. We assume the
   * SDK's defaults apply (retryAfter 1 s, FUNCTION_RETRY_REQUEST). @defaultValue 'default-options'
   */
  legacyRetry: {
    basis: 'assumed',
    default: 'default-options',
    allowed: { kind: 'one-of', values: ['default-options', 'success'] },
    summary: 'the legacy `{ _retry: true }` means the SDK defaults (1 s, FUNCTION_RETRY_REQUEST)',
    source: 'docs/platform.md#legacyretry',
    plausible: ['default-options', 'success'],
  },
  /**
   * U: when a requested retryAfter is not a finite number (NaN becomes `null` in JSON), after how many
   * seconds the platform retries. @defaultValue 1
   */
  invalidRetryAfterSeconds: {
    basis: 'assumed',
    default: 1,
    allowed: { kind: 'number', min: 1, max: 900 },
    summary: 'delay when retryAfter is NaN or not a number',
    source: 'docs/platform.md#invalidretryafterseconds',
    // The shortest and the longest delay the platform gives any retry.
    plausible: [1, 900],
  },
  /**
   * U: what happens to retryData that is not an object. The docs say it "is not sent" (ECO-734); the
   * public tracker marks ECO-734 fixed on 2025-07-09, so it may now be sent as JSON like an object.
   * @defaultValue 'omit-data'
   */
  nonObjectRetryData: {
    basis: 'assumed',
    default: 'omit-data',
    allowed: { kind: 'one-of', values: ['omit-data', 'send-data', 'drop-event'] },
    plausible: ['omit-data', 'send-data'],
    summary: 'retryData that is not an object is not sent (ECO-734, marked fixed in 2025: may be sent)',
    source: 'docs/platform.md#nonobjectretrydata',
  },
  /** U: what the platform does with retryData over the limit. @defaultValue 'drop-event' */
  oversizedRetryData: {
    basis: 'assumed',
    default: 'drop-event',
    allowed: { kind: 'one-of', values: ['drop-event', 'omit-data'] },
    summary: 'retryData over 4 KB drops the event',
    source: 'docs/platform.md#oversizedretrydata',
    plausible: ['drop-event', 'omit-data'],
  },
  /**
   * U: the platform's backoff schedule for its own retries (timeouts, OOM, platform errors): "exponential,
   * up to about 15 minutes". @defaultValue `{ initialSeconds: 60, factor: 2, maxSeconds: 900 }`
   */
  platformBackoff: {
    basis: 'assumed',
    default: { initialSeconds: 60, factor: 2, maxSeconds: 900 },
    allowed: {
      kind: 'record',
      fields: {
        /** Delay before the first platform retry, in seconds. */
        initialSeconds: { kind: 'number', min: 0, max: 86_400 },
        /** Multiplier per further platform retry. */
        factor: { kind: 'number', min: 1, max: 10 },
        /** Upper bound, in seconds ("exponential, up to about 15 minutes"). */
        maxSeconds: { kind: 'number', min: 0, max: 86_400 },
      },
    },
    summary: '"exponential, up to about 15 minutes"',
    source: 'docs/platform.md#platformbackoff',
    // "Exponential, up to about 15 minutes" leaves the start open: a minute, or seconds.
    plausible: [
      { initialSeconds: 60, factor: 2, maxSeconds: 900 },
      { initialSeconds: 1, factor: 2, maxSeconds: 900 },
    ],
  },
  /** D: function timeout of a product-event trigger, in seconds. @defaultValue 25 */
  productTimeoutSeconds: {
    basis: 'documented',
    default: 25,
    allowed: { kind: 'integer', min: 1, max: 900 },
    summary: 'function timeout of a product-event trigger',
    source: 'docs/platform.md#producttimeoutseconds',
  },
  /** D: function timeout of an async-event consumer, in seconds. @defaultValue 55 */
  asyncTimeoutSeconds: {
    basis: 'documented',
    default: 55,
    allowed: { kind: 'integer', min: 1, max: 900 },
    summary: 'function timeout of an async-event consumer',
    source: 'docs/platform.md#asynctimeoutseconds',
  },
  /**
   * U: how long simulated requests take in virtual time. Atlassian documents no latency; the scenario
   * generates plausible, bounded ones (src/scenario/latency.ts). `fast` takes a tenth of each, `none`
   * answers at once. A finding that needs the slower answers holds only under `generated`, so it is a
   * warning naming this rule. @defaultValue 'generated'
   */
  requestLatency: {
    basis: 'assumed',
    default: 'generated',
    allowed: { kind: 'one-of', values: ['generated', 'fast', 'none'] },
    summary: 'requests take the generated latency: mostly 30-300 ms, at most two of 1-2.5 s per delivery, storage up to 20 ms',
    source: 'docs/platform.md#requestlatency',
    // Real requests are not instant: a tenth of the generated latency is the fast end of the plausible.
    plausible: ['generated', 'fast'],
  },
} as const satisfies Readonly<Record<string, RuleEntry>>;
