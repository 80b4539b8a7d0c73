/**
 * The retry reasons of `@forge/events` `InvocationErrorCode`, split by who may use them.
 * Source: Atlassian's product events page ("retryReason values", twice) and docs/platform.md "The InvocationError shape and the retry codes".
 */

/** Reasons an app may pass to `InvocationError` (seed: "1. Retry for app level errors"). */
export const APP_RETRY_REASONS = ['FUNCTION_UPSTREAM_RATE_LIMITED', 'FUNCTION_RETRY_REQUEST'] as const;

/** Reasons only the platform sets, on retries it makes itself (seed: "2. Retry for platform level errors"). */
export const PLATFORM_RETRY_REASONS = [
  'FUNCTION_OUT_OF_MEMORY',
  'FUNCTION_TIME_OUT',
  'FUNCTION_PLATFORM_RATE_LIMITED',
  'FUNCTION_PLATFORM_UNKNOWN_ERROR',
] as const;

/** An app-level retry reason. */
export type AppRetryReason = (typeof APP_RETRY_REASONS)[number];
/** A platform-level retry reason. */
export type PlatformRetryReason = (typeof PLATFORM_RETRY_REASONS)[number];
/** Any retry reason the platform can put in `retryContext.retryReason`. */
export type RetryReason = AppRetryReason | PlatformRetryReason;

/** True when `value` is one of the two app-level codes. */
export const isAppRetryReason = (value: unknown): value is AppRetryReason =>
  typeof value === 'string' && (APP_RETRY_REASONS as readonly string[]).includes(value);

/** True when `value` is one of the four platform-level codes. */
export const isPlatformRetryReason = (value: unknown): value is PlatformRetryReason =>
  typeof value === 'string' && (PLATFORM_RETRY_REASONS as readonly string[]).includes(value);

/**
 * What a handler is attached to, as a user names it (`trigger` option, `--trigger`): a product-event
 * trigger, or an async-event consumer.
 */
export const TRIGGERS = ['product-event', 'async-event'] as const;
/** A trigger kind. */
export type Trigger = (typeof TRIGGERS)[number];

/**
 * The three delivery regimes (docs/platform.md "How the platform calls handlers"). Product events
 * (triggers) allow at most four app-requested retries; async events (function consumers, events v2) are
 * retried within a retention window instead; `@forge/resolver` consumers belong to events v1, deprecated,
 * whose events were retried at most four times (`resolverConsumerMaxRetries`).
 */
export const REGIMES = ['product-event', 'async-event', 'resolver-consumer'] as const;
/** A delivery regime. */
export type Regime = (typeof REGIMES)[number];

/** True for the regimes of queue consumers (`Queue.push`): async events, v2 function or v1 resolver style. */
export const isQueueRegime = (regime: Regime): regime is 'async-event' | 'resolver-consumer' => regime !== 'product-event';

/**
 * The most app-level retries an event of `regime` gets, or undefined when no count caps them (v2+
 * function consumers: the retention window does).
 *
 * @example
 * retryCapOf('resolver-consumer', DEFAULT_PLATFORM_RULES) // 4
 */
export const retryCapOf = (regime: Regime, rules: { readonly maxRetries: number; readonly resolverConsumerMaxRetries: number }): number | undefined =>
  regime === 'product-event' ? rules.maxRetries : regime === 'resolver-consumer' ? rules.resolverConsumerMaxRetries : undefined;

/**
 * Faults the platform itself causes or detects, each with the reason it puts on the retry.
 * Source: Atlassian's product events page, "2. Retry for platform level errors".
 */
export const PLATFORM_FAULTS = {
  timeout: 'FUNCTION_TIME_OUT',
  'out-of-memory': 'FUNCTION_OUT_OF_MEMORY',
  'platform-rate-limited': 'FUNCTION_PLATFORM_RATE_LIMITED',
  'platform-unknown-error': 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
} as const satisfies Record<string, PlatformRetryReason>;
/** A platform fault kind. */
export type PlatformFault = keyof typeof PLATFORM_FAULTS;
