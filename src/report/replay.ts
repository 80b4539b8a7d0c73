/**
 * A finding's replay: the options to pass again, and the one rendering of them as the line a user pastes.
 * The JSON, Markdown and SARIF reports print the same object, so every format replays alike.
 */
import type { PropertyId } from '../../properties/catalog.js';
import type { ReplayModule } from '../runtime/handler-module.js';

/**
 * How to replay one failure: pass these as options. Besides seed and path it holds the options that
 * decide which scenario a path names (chosen in runner/replay-options.ts); every report format prints this one object.
 */
export interface Replay {
  readonly seed: number;
  readonly path: string;
  /** Set for many-events checks that ignore the handler's own changes. */
  readonly manyEvents?: { readonly ignoreSelf: true };
  /** The async-event regime (queue consumers). */
  readonly trigger?: 'async-event';
  /** Set for a resolver-style consumer, with its `functionKey`. */
  readonly consumerShape?: 'resolver';
  readonly functionKey?: string;
  /** The module the check loaded fresh per run (cold starts): its file (as the CLI names it), or the user's own loader. */
  readonly module?: ReplayModule;
  /** The product event whose catalog payloads were generated. */
  readonly eventType?: string;
  readonly payloadVariants?: true;
  readonly moduleKey?: string;
  /**
   * The properties the scenario was found with, when not every selected one: a path names a scenario
   * of that search, so it is replayed with the same selection.
   */
  readonly properties?: readonly PropertyId[];
}

const quoted = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** One replay option as the source a user pastes (module names print as JSON strings, as they always have). */
const optionSource = (key: string, value: NonNullable<Replay[keyof Replay]>): string => {
  // A loader is a function, not source: the line names it for the user to pass again.
  if (typeof value === 'object' && 'load' in value) return '{ load }';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v: string) => quoted(v)).join(', ')}]`;
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
    .join(', ')} }`;
};

/**
 * The replay's options as the source between the braces of a replay line: the options, then seed and path.
 *
 * @example
 * formatReplayOptions({ seed: 7, path: '3:0', eventType: 'avi:jira:updated:issue' })
 * // `eventType: 'avi:jira:updated:issue', seed: 7, path: "3:0"`
 */
export const formatReplayOptions = (replay: Replay): string => {
  const { seed, path, ...extra } = replay;
  return [
    ...Object.entries(extra).flatMap(([k, v]) => (v === undefined ? [] : [`${k}: ${optionSource(k, v)}`])),
    `seed: ${seed}`,
    `path: ${JSON.stringify(path)}`,
  ].join(', ');
};

/** Renders how to replay one failure, naming the handler when it has a usable name. */
export const formatReplay = (handlerName: string, replay: Replay): string => {
  const name = /^[A-Za-z_$][\w$]*$/.test(handlerName) ? handlerName : 'handler';
  return `assertRetrySemantics(${name}, { ${formatReplayOptions(replay)} })`;
};
