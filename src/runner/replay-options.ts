/**
 * The options a replay line repeats besides seed and path: those that decide which handler call and
 * which events a path names. A path is a position in the search over generated scenarios, so the
 * replay must generate the same events (the trigger regime, the `eventType` payloads with their
 * variants and module key), load the module the same way (cold starts) and search with the same
 * properties, or it names another scenario.
 */
import type { PropertyId } from '../../properties/catalog.js';
import type { ResolvedOptions } from './resolved-options.js';

const quoted = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The replay line's extra options, as source text by option name.
 *
 * @example
 * replayOptions({ ...options, regime: 'product-event', generatedFrom: { eventType: 'avi:jira:updated:issue', payloadVariants: false, moduleKey: undefined } })
 * // { eventType: "'avi:jira:updated:issue'" }
 */
export const replayOptions = (options: ResolvedOptions, narrowed?: readonly PropertyId[]): Record<string, string> => {
  const from = options.generatedFrom;
  return {
    ...(options.regime === 'async-event' ? { trigger: "'async-event'" } : {}),
    ...(options.regime === 'resolver-consumer' ? { trigger: "'async-event'", consumerShape: "'resolver'", functionKey: quoted(options.functionKey) } : {}),
    // A path names a scenario of a check with cold starts only when the replay loads the module too.
    ...(options.module !== undefined ? { module: options.module.label } : {}),
    ...(from === undefined ? {} : { eventType: quoted(from.eventType) }),
    ...(from?.payloadVariants === true ? { payloadVariants: 'true' } : {}),
    ...(from?.moduleKey === undefined ? {} : { moduleKey: quoted(from.moduleKey) }),
    ...(narrowed !== undefined ? { properties: `[${narrowed.map(quoted).join(', ')}]` } : {}),
  };
};
