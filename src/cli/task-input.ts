/**
 * What a CLI target receives, decided before the run and carried as plain data (a task crosses the
 * process boundary to a worker, a fast-check arbitrary would not). In order of precedence:
 *
 * 1. `--event FILE`, the one event (or body) the user gave on the command line;
 * 2. the config file's `event` for the module (the user's own payload, or arbitrary of payloads);
 * 3. for a trigger: its event type, whose realistic payloads the API's catalog generates (src/payloads/);
 * 4. for a consumer: the bodies the app's own triggers pushed to its queue (queue-bodies.ts);
 * 5. otherwise a consumer has no body, and its row says so instead of passing on an invented one.
 */
import fc from 'fast-check';
import type { CheckOptions } from '../api/types.js';
import type { Problem } from './errors.js';

/** Where a target's event comes from. */
export type TaskInput =
  | { readonly kind: 'payloads'; readonly eventType: string; readonly moduleKey: string | undefined }
  | { readonly kind: 'event-file'; readonly file: string; readonly value: unknown }
  | { readonly kind: 'config' }
  | { readonly kind: 'pushed'; readonly queue: string; readonly bodies: readonly unknown[]; readonly producers: readonly string[] }
  | { readonly kind: 'missing'; readonly moduleKey: string; readonly queue: string | undefined; readonly configName: string }
  | { readonly kind: 'default' };

/**
 * The options an input sets: an event type (the API's payload catalog generates its payloads, stamped
 * with the trigger's module key, so a report's replay line generates the same ones), or the event
 * itself; undefined leaves them to the config entry or the API default.
 */
export const eventOption = (input: TaskInput): Pick<CheckOptions, 'event' | 'eventType' | 'moduleKey'> | undefined => {
  switch (input.kind) {
    case 'payloads':
      return { eventType: input.eventType, ...(input.moduleKey === undefined ? {} : { moduleKey: input.moduleKey }) };
    case 'event-file':
      return { event: input.value };
    case 'pushed':
      return { event: input.bodies.length === 1 ? input.bodies[0] : fc.constantFrom(...input.bodies) };
    case 'config':
    case 'default':
    case 'missing':
      return undefined;
  }
};

/**
 * Where an input comes from, for the JSON output.
 *
 * @example
 * inputSource({ kind: 'pushed', queue: 'page-index', bodies: [{}, {}], producers: ['page-created-index'] })
 * // '2 bodies pushed to queue "page-index" by page-created-index'
 */
export const inputSource = (input: TaskInput): string => {
  switch (input.kind) {
    case 'payloads':
      return `generated ${input.eventType} payloads`;
    case 'event-file':
      return `--event ${input.file}`;
    case 'config':
      return 'the config file';
    case 'pushed':
      return `${input.bodies.length} ${input.bodies.length === 1 ? 'body' : 'bodies'} pushed to queue "${input.queue}" by ${input.producers.join(', ')}`;
    case 'missing':
      return 'none: no queue body';
    case 'default':
      return 'the default event';
  }
};

/** Why a consumer without a body is not checked: the note its row carries. */
export const missingBodyProblem = (input: Extract<TaskInput, { kind: 'missing' }>): Problem => ({
  what: `no queue body: supply one in ${input.configName} for consumer "${input.moduleKey}"${
    input.queue === undefined ? '' : ` (no trigger of the app pushed to queue "${input.queue}" when the harness ran them)`
  }; a consumer checked on an invented body would pass without reaching its real code`,
  fix: `add { "modules": { ${JSON.stringify(input.moduleKey)}: { "event": <the body a producer passes to Queue.push({ body })> } } } to ${input.configName}, or pass --event FILE`,
});
