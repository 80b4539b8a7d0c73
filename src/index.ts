/**
 * forge-retry-harness: a property-based test harness for the retry semantics of Atlassian Forge
 * event handlers.
 */
export { assertRetrySemantics, checkRetrySemantics } from './api/check.js';
export { HarnessUsageError } from './messages/usage-error.js';
export { RetrySemanticsError } from './api/errors.js';
export type {
  AssumptionVerdict,
  CheckFailure,
  CheckOptions,
  CheckResult,
  ConfluenceSeed,
  CoverageStatistics,
  FaultClass,
  ForgeHandler,
  HandlerModuleOption,
  InconclusiveReason,
  JiraSeed,
  KnownEventType,
  PropertyVerdict,
  Replay,
  StorageSeed,
  VerdictKind,
} from './api/types.js';
export { PROPERTY_IDS } from '../properties/catalog.js';
export type { PropertyId } from '../properties/catalog.js';
export type { PropertySettings } from '../properties/types.js';
export { DEFAULT_PLATFORM_RULES } from '../models/rules.js';
export type { PlatformRules } from '../models/rules.js';
export type { Trace } from '../models/trace.js';
export type { UpstreamFixture, UpstreamReply, UpstreamRequest, UpstreamRoutes } from './upstream/fixtures.js';
