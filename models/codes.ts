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
 * The two delivery regimes. Product events (triggers) allow at most four app-requested retries;
 * async events (queue consumers, events v2) are retried within a retention window instead.
 */
export const REGIMES = ['product-event', 'async-event'] as const;
/** A delivery regime. */
export type Regime = (typeof REGIMES)[number];

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
