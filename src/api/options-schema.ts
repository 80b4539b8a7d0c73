/**
 * The schema of a check's options: each option's type and bounds, each failure's fix. Defaults that
 * depend on other options (the timeout on the trigger, the seed on the environment) are filled in
 * afterwards, by resolveOptions.
 */
import * as v from 'valibot';
import { TRIGGERS } from '../../models/codes.js';
import { PROPERTY_IDS } from '../../properties/catalog.js';
import type { PropertySettings } from '../../properties/types.js';
import { RUNAWAY_REQUESTS } from '../runtime/forge-fetch.js';
import { CONSUMER_SHAPES } from '../runtime/handler-call.js';
import { MAX_NUM_RUNS, MAX_SCHEDULE_DEPTH, readReplayPath, replayPathBeyond, replayPathFix } from '../runner/replay-path.js';
import type { UpstreamFixture, UpstreamRoutes } from '../upstream/fixtures.js';
import { closeEventTypes, payloadFamilyOf } from '../payloads/event-payloads.js';
import { STORAGE_SEED_SCHEMA } from '../upstream/storage-seed.js';
import { CONFLUENCE_SEED_SCHEMA, JIRA_SEED_SCHEMA } from '../world/seed.js';
import { RULES_SCHEMA } from './rule-schemas.js';
import { isPlainObject, strictFields, wholeNumber } from './strict-fields.js';
import type { CheckOptions } from './types.js';

const propertyIds = v.array(v.picklist(PROPERTY_IDS, `use one of: ${PROPERTY_IDS.join(', ')}`), `pass an array of property ids: ${PROPERTY_IDS.join(', ')}`);

const METHODS_FIX = 'pass an array of HTTP methods, e.g. ["POST", "PATCH"]';
const MUTATIONS_FIX = 'pass an array of GraphQL operation or root-field names, e.g. ["resyncIssue"]';
const PATHS_FIX = 'pass an array of regular expressions, e.g. [/^\\/rest\\/api\\/3\\/search$/]';

const SETTINGS_ENTRIES = {
  nonIdempotentMethods: v.optional(v.array(v.string(METHODS_FIX), METHODS_FIX)),
  // Opt-in (no such Forge limit exists). Past RUNAWAY_REQUESTS the runtime stops answering, so a higher
  // bound could never be reached.
  maxRequestsPerInvocation: v.optional(wholeNumber(1, RUNAWAY_REQUESTS - 1)),
  maxSelfTriggerDepth: v.optional(wholeNumber(1, 20)),
  idempotentMutations: v.optional(v.array(v.string(MUTATIONS_FIX), MUTATIONS_FIX)),
  readOnlyPaths: v.optional(v.array(v.instance(RegExp, PATHS_FIX), PATHS_FIX)),
} satisfies Record<keyof PropertySettings, v.GenericSchema>;

const EXHAUSTIVE_FIX = 'pass true, false or { depth: 1..8 }';

const MANY_EVENTS_FIX = 'pass true, false, or { runs, ignoreSelf }';

const replayPath = v.pipe(
  v.string(replayPathFix),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const path = readReplayPath(dataset.value);
    const beyond = path === undefined ? undefined : replayPathBeyond(path);
    if (path !== undefined && beyond === undefined) return path;
    addIssue({ message: beyond === undefined ? replayPathFix(dataset.value) : `${beyond}: ${replayPathFix(dataset.value)}` });
    return NEVER;
  }),
);

const upstream = v.custom<UpstreamFixture | UpstreamRoutes>(
  (value) => typeof value === 'function' || (typeof value === 'object' && value !== null),
  'pass a function (request, state) => reply | undefined, or a route table like { "GET /rest/api/3/issue/:key": { body: {...} } }',
);

const eventType = v.pipe(
  v.string('pass an event name like "avi:jira:updated:issue"'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed || payloadFamilyOf(dataset.value) !== undefined) return;
    const close = closeEventTypes(dataset.value);
    addIssue({
      message:
        close.length > 0
          ? `use a known event name; the closest are: ${close.join(', ')}`
          : 'use a known event name like "avi:jira:updated:issue" (the list is KNOWN_EVENT_TYPES), or pass the payload as the `event` option',
    });
  }),
);

const MODULE_FIX =
  "pass { file } (the path or file URL of the handler's module) or { load } (a function that returns a fresh instance of it), each with an optional `export`";
const EXPORT_FIX = 'pass the name of the handler\'s export, e.g. "run"';
const exportName = v.optional(v.pipe(v.string(EXPORT_FIX), v.nonEmpty(EXPORT_FIX)));

/** `{ file, export? }` or `{ load, export? }`: each shape's own schema names a bad field precisely. */
const handlerModule = v.lazy((input) =>
  isPlainObject(input) && 'load' in input
    ? strictFields(
        {
          load: v.custom<() => unknown>((f) => typeof f === 'function', 'pass a function that returns a fresh module instance on every call'),
          export: exportName,
        },
        { notObject: MODULE_FIX, unknownKey: 'use load and export (or file and export)' },
      )
    : strictFields(
        {
          file: v.union(
            [v.pipe(v.string(), v.nonEmpty()), v.instance(URL)],
            'pass a path (absolute, or relative to the working directory) or a file URL, e.g. new URL("../src/index.ts", import.meta.url)',
          ),
          export: exportName,
        },
        { notObject: MODULE_FIX, unknownKey: 'use file and export (or load and export)' },
      ),
);

const OPTION_ENTRIES = {
  trigger: v.optional(v.picklist(TRIGGERS, `use one of: ${TRIGGERS.join(', ')}`)),
  event: v.optional(v.unknown()),
  eventType: v.optional(eventType),
  payloadVariants: v.optional(v.boolean('pass true or false')),
  storage: v.optional(STORAGE_SEED_SCHEMA),
  jira: v.optional(JIRA_SEED_SCHEMA),
  confluence: v.optional(CONFLUENCE_SEED_SCHEMA),
  numRuns: v.optional(wholeNumber(1, MAX_NUM_RUNS)),
  seed: v.optional(wholeNumber(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'pass a whole number')),
  path: v.optional(replayPath),
  properties: v.optional(propertyIds),
  skip: v.optional(propertyIds),
  upstream: v.optional(upstream),
  rules: v.optional(RULES_SCHEMA),
  timeoutSeconds: v.optional(wholeNumber(1, 900)),
  consumerShape: v.optional(v.picklist(CONSUMER_SHAPES, 'use "function" or "resolver"')),
  functionKey: v.optional(v.pipe(v.string('pass a non-empty string'), v.nonEmpty('pass a non-empty string'))),
  settings: v.optional(strictFields(SETTINGS_ENTRIES, { notObject: 'pass an object', unknownKey: `use one of: ${Object.keys(SETTINGS_ENTRIES).join(', ')}` })),
  maxDeliveries: v.optional(wholeNumber(1, 1000)),
  shrink: v.optional(v.boolean('pass true or false')),
  strictAssumptions: v.optional(v.boolean('pass true or false')),
  strict: v.optional(v.boolean('pass true or false')),
  showConsole: v.optional(v.boolean('pass true or false')),
  module: v.optional(handlerModule),
  exhaustive: v.optional(
    // A boolean or `{ depth }`: the object's own schema names a bad depth precisely, which a union would not.
    v.lazy((input) =>
      typeof input === 'boolean'
        ? v.boolean(EXHAUSTIVE_FIX)
        : strictFields({ depth: wholeNumber(1, MAX_SCHEDULE_DEPTH) }, { notObject: EXHAUSTIVE_FIX, unknownKey: EXHAUSTIVE_FIX }),
    ),
  ),
  manyEvents: v.optional(
    v.union(
      [
        v.boolean(MANY_EVENTS_FIX),
        strictFields(
          { runs: v.optional(wholeNumber(1, 100_000)), ignoreSelf: v.optional(v.boolean('pass true or false')) },
          { notObject: MANY_EVENTS_FIX, unknownKey: 'use one of: runs, ignoreSelf' },
        ),
      ],
      MANY_EVENTS_FIX,
    ),
  ),
} satisfies Record<keyof CheckOptions, v.GenericSchema>;

/** Every option key, for validation and for the error that lists them. */
export const OPTION_KEYS = Object.keys(OPTION_ENTRIES) as readonly (keyof CheckOptions)[];

/**
 * A check's options: only known keys, each with a value of its type and bounds.
 *
 * @example
 * v.safeParse(OPTIONS_SCHEMA, { numRuns: 0 }).success // false
 */
export const OPTIONS_SCHEMA = strictFields(OPTION_ENTRIES, {
  notObject: 'pass an object, e.g. { numRuns: 200 }',
  unknownKey: `use one of: ${OPTION_KEYS.join(', ')}`,
});

/** The options after the schema: typed, bounds checked, the replay path parsed. */
export type ParsedOptions = v.InferOutput<typeof OPTIONS_SCHEMA>;
