/**
 * The formal model of Forge event delivery: pure, no I/O, no globals. Import it as
 * `forge-retry-harness/models` to reason about what the platform does with an event.
 */
export { APP_RETRY_REASONS, PLATFORM_RETRY_REASONS, PLATFORM_FAULTS, REGIMES, TRIGGERS, isAppRetryReason, isPlatformRetryReason } from './codes.js';
export type { AppRetryReason, PlatformFault, PlatformRetryReason, Regime, RetryReason, Trigger } from './codes.js';
export { DEFAULT_PLATFORM_RULES, ASSUMED_RULES } from './rules.js';
export type { AssumedRule, PlatformBackoff, PlatformRules, RuleName, RuleOverrides } from './rules.js';
export { PLATFORM_RULE_CATALOG } from './rules-catalog.js';
export type { AllowedValue, AllowedValues, RuleBasis, RuleEntry, ScalarAllowed } from './rules-allowed.js';
export { classifyReturn } from './outcome.js';
export type { Outcome, OutcomeKind, RequestedRetry } from './outcome.js';
export { findJsonLosses, transitRetryData, utf8Length } from './retry-data.js';
export type { JsonLoss, RetryDataTransit } from './retry-data.js';
export { normaliseRetryAfter, describeNormalisation } from './retry-after.js';
export type { NormalisedRetryAfter } from './retry-after.js';
export { DROP_REASONS } from './delivery-types.js';
export type {
  Decision,
  DeliveryCounters,
  DeliveryEnvironment,
  DeliveryInput,
  DeliveryKind,
  DeliveryState,
  DropReason,
  RetryContext,
  ScheduledDelivery,
  Transition,
} from './delivery-types.js';
export { ModelMisuseError, describeDecision, isTerminal, startEvent, step } from './delivery.js';
export { SURFACE_CATALOG, UPSTREAM_SURFACES } from './surfaces.js';
export type { SurfaceFamily } from './surfaces.js';
export { OPERATIONS } from './operations.js';
export type { DeliveryRecord, InjectedFault, Operation, RequestRecord, ResponseRecord, RuntimeIssue, Trace, TraceEnd, UpstreamSurface } from './trace.js';
export { INSTANCES, instanceFor } from './instance.js';
export type { Instance } from './instance.js';
export { VIRTUAL_EPOCH, after, at, durationMs, formatOffset, seconds } from './time.js';
export type { DurationMs, VirtualMs } from './time.js';
