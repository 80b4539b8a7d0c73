/**
 * The replay of a finding: seed and path, and the options that decide which handler call and which
 * events a path names. A path is a position in the search over generated scenarios, so the replay must
 * generate the same events (the trigger regime, the `eventType` payloads with their variants and module
 * key), load the module the same way (cold starts) and search with the same properties, or it names
 * another scenario. This is the one place those options are chosen: the text replay line and the JSON,
 * Markdown and SARIF reports all print the `Replay` built here.
 */
import type { PropertyId } from '../../properties/catalog.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { Replay } from './results.js';

/**
 * The replay of `path` under the check's options.
 *
 * @example
 * replayOf({ ...options, regime: 'product-event', generatedFrom: { eventType: 'avi:jira:updated:issue', payloadVariants: false, moduleKey: undefined } }, '3:0')
 * // { seed: options.seed, path: '3:0', eventType: 'avi:jira:updated:issue' }
 */
export const replayOf = (options: ResolvedOptions, path: string, narrowed: readonly PropertyId[] | undefined, manyEvents = false): Replay => {
  const from = options.generatedFrom;
  return {
    seed: options.seed,
    path,
    // Only a many-events check reads `ignoreSelf`: a single-event path names the same scenario either way.
    ...(manyEvents && options.manyEvents.ignoreSelf ? { manyEvents: { ignoreSelf: true } as const } : {}),
    ...(options.regime === 'async-event' ? { trigger: 'async-event' as const } : {}),
    ...(options.regime === 'resolver-consumer'
      ? { trigger: 'async-event' as const, consumerShape: 'resolver' as const, functionKey: options.functionKey }
      : {}),
    // A path names a scenario of a check with cold starts only when the replay loads the module too.
    ...(options.module !== undefined ? { module: options.module.replayAs } : {}),
    ...(from === undefined ? {} : { eventType: from.eventType }),
    ...(from?.payloadVariants === true ? { payloadVariants: true as const } : {}),
    ...(from?.moduleKey === undefined ? {} : { moduleKey: from.moduleKey }),
    ...(narrowed !== undefined ? { properties: narrowed } : {}),
  };
};
