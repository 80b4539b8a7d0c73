/** A check's options after validation and defaults: what the runner reads. */
import type fc from 'fast-check';
import type { Regime } from '../../models/codes.js';
import type { PlatformRules, RuleName } from '../../models/rules.js';
import type { PropertyId } from '../../properties/catalog.js';
import type { PropertySettings, RetryProperty } from '../../properties/types.js';
import type { HandlerModule } from '../runtime/handler-module.js';
import type { UpstreamFixture } from '../upstream/fixtures.js';
import type { StorageSeed } from '../upstream/storage-seed.js';
import type { WorldSeed } from '../world/seed.js';
import type { ReplayPath } from './replay-path.js';

/**
 * How a check explores the handler: sample scenarios with fast-check, walk every fault schedule of the
 * small scope up to `depth` deliveries, or replay the one scenario a report's path names.
 */
export type CheckMode =
  { readonly kind: 'sample' } | { readonly kind: 'exhaustive'; readonly depth: number } | { readonly kind: 'replay'; readonly path: ReplayPath };

/** Options after validation and defaults. */
export interface ResolvedOptions {
  readonly regime: Regime;
  readonly event: fc.Arbitrary<unknown>;
  /** Whether the user supplied the event (else it is the harness's default payload). */
  readonly payloadGiven: boolean;
  /** The user gave an arbitrary: each run's event differs, so a failure report shows the one it got. */
  readonly eventGenerated: boolean;
  /** The `eventType` options the events were generated from, when they were: a replay line repeats them. */
  readonly generatedFrom?: { readonly eventType: string; readonly payloadVariants: boolean; readonly moduleKey: string | undefined };
  readonly numRuns: number;
  readonly seed: number;
  readonly properties: readonly RetryProperty<PropertyId>[];
  readonly upstream: UpstreamFixture | undefined;
  /** The simulated Jira and Confluence each run starts from (the event's issue and page join it per run). */
  readonly world: WorldSeed;
  readonly storage: StorageSeed | undefined;
  readonly rules: PlatformRules;
  readonly timeoutSeconds: number;
  readonly consumerShape: 'function' | 'resolver';
  readonly functionKey: string;
  readonly settings: PropertySettings;
  readonly maxDeliveries: number;
  readonly shrink: boolean;
  readonly mode: CheckMode;
  /** Rules the user set with `rules`: pinned, so robust verdicts do not vary them. */
  readonly pinnedRules: readonly RuleName[];
  /** A finding that holds only under some plausible assumptions fails the check too. */
  readonly strictAssumptions: boolean;
  /** An inconclusive check fails `assertRetrySemantics` (the CLI's --strict). */
  readonly strict: boolean;
  /** Many-events scenarios: how many runs (0: off) and whether the manifest filters self-generated events. */
  /**
   * Many-events scenarios: how many, the manifest's ignoreSelf, and the event types the trigger lists
   * (the `eventType` option; undefined: every issue event type), the only ones delivered.
   */
  readonly manyEvents: { readonly runs: number; readonly ignoreSelf: boolean; readonly eventTypes: readonly string[] | undefined };
  /** Show the handler's console output of the reported scenario in its failure report. */
  readonly showConsole: boolean;
  /**
   * Loads fresh instances of the handler's module, so that runs start cold and redeliveries may come to
   * a fresh instance; undefined when only the function was given (then cold starts are not simulated).
   */
  readonly module: HandlerModule | undefined;
}
