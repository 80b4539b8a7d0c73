/**
 * The harness's public types as the handler corpus uses them, imported from the package entry point so
 * that the corpus breaks at compile time if the public API drifts, and the one shape of a corpus entry
 * every corpus index (`index.ts`, `world/`, `platform/`, `storage/`, `events/`) lists.
 */
export { PROPERTY_IDS } from '../../src/index.js';
export type { PropertyId, ForgeHandler, UpstreamFixture, UpstreamReply as FixtureReply, UpstreamRequest as FixtureRequest } from '../../src/index.js';
import type { CheckOptions, ForgeHandler, PropertyId } from '../../src/index.js';

/** The subset of check options the corpus uses. */
export type HandlerOptions = Pick<
  CheckOptions,
  | 'trigger'
  | 'event'
  | 'eventType'
  | 'payloadVariants'
  | 'storage'
  | 'jira'
  | 'confluence'
  | 'upstream'
  | 'consumerShape'
  | 'functionKey'
  | 'settings'
  | 'rules'
  | 'manyEvents'
  | 'numRuns'
  | 'module'
>;

/** A handler with a known bug, and the property that must catch it. */
export interface BuggyCase {
  readonly name: string;
  /** Must fail on every seed within its corpus's runs (100; the storage corpus's STORAGE_RUNS). */
  readonly property: PropertyId;
  /** Other properties the same bug (or a second one) also trips, on some seeds. */
  readonly alsoCaughtBy?: readonly PropertyId[];
  /**
   * The assumed rule the bug is a bug only under: the finding must be a warning naming it by default, and
   * a failure with `strictAssumptions: true`.
   */
  readonly restsOn?: string;
  readonly handler: ForgeHandler;
  readonly options: HandlerOptions;
}

/** A handler that must pass every property on every seed. */
export interface CorrectCase {
  readonly name: string;
  /**
   * Set for a handler that genuinely gives nothing to judge (it makes no request): the check must be
   * inconclusive with this reason, never passed.
   */
  readonly inconclusive?: string;
  readonly handler: ForgeHandler;
  readonly options: HandlerOptions;
}
