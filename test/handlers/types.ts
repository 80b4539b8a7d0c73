/**
 * The harness's public types as the handler corpus uses them, imported from the package entry point so
 * that the corpus breaks at compile time if the public API drifts.
 */
export { PROPERTY_IDS } from '../../src/index.js';
export type { PropertyId, ForgeHandler, UpstreamFixture, UpstreamReply as FixtureReply, UpstreamRequest as FixtureRequest } from '../../src/index.js';
import type { CheckOptions } from '../../src/index.js';

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
