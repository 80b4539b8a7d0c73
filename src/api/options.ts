/**
 * Options are validated at the door: an unknown key, a bad value or an unknown property id is a
 * HarnessUsageError that names what was wrong and lists what is valid.
 */
import fc from 'fast-check';
import { REGIMES, type Regime } from '../../models/codes.js';
import { describeInput } from '../../models/render-value.js';
import { DEFAULT_PLATFORM_RULES, type PlatformRules } from '../../models/rules.js';
import { PROPERTIES, PROPERTY_IDS, isPropertyId, type PropertyId } from '../../properties/catalog.js';
import { DEFAULT_PROPERTY_SETTINGS, type PropertySettings, type RetryProperty } from '../../properties/types.js';
import { DEFAULT_ASYNC_EVENT_BODY, DEFAULT_PRODUCT_EVENT } from '../payloads/default-events.js';
import { normaliseFixture, type UpstreamFixture, type UpstreamRoutes } from '../upstream/fixtures.js';
import { RUNAWAY_REQUESTS } from '../runtime/forge-fetch.js';
import { usageError } from '../messages/usage-error.js';
import type { CheckOptions, ForgeHandler } from './types.js';
import type { ResolvedOptions } from '../runner/resolved-options.js';

/** The seed used when neither the options nor FORGE_RETRY_HARNESS_SEED give one. */
export const DEFAULT_SEED = 20250101;

/** Every option key, for validation and for the error that lists them. */
export const OPTION_KEYS = [
  'trigger', 'event', 'numRuns', 'seed', 'path', 'properties', 'skip', 'upstream', 'rules',
  'timeoutSeconds', 'consumerShape', 'functionKey', 'settings', 'maxDeliveries', 'shrink', 'exhaustive',
] as const satisfies readonly (keyof CheckOptions)[];

export type { ResolvedOptions } from '../runner/resolved-options.js';

const fail = usageError;

const isArbitrary = (value: unknown): value is fc.Arbitrary<unknown> =>
  typeof value === 'object' && value !== null &&
  typeof (value as { generate?: unknown }).generate === 'function' &&
  typeof (value as { shrink?: unknown }).shrink === 'function';

const positiveInteger = (name: string, value: unknown, max: number): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fail(`option "${name}" is ${describe(value)}`, `pass a whole number from 1 to ${max}`);
  }
  return value as number;
};

const describe = describeInput;

const propertyList = (name: string, value: unknown): PropertyId[] => {
  if (!Array.isArray(value)) return fail(`option "${name}" is ${describe(value)}`, `pass an array of property ids: ${PROPERTY_IDS.join(', ')}`);
  for (const id of value) {
    if (!isPropertyId(id)) fail(`unknown property id ${describe(id)} in "${name}"`, `use one of: ${PROPERTY_IDS.join(', ')}`);
  }
  return value as PropertyId[];
};

const envSeed = (): number | undefined => {
  const raw = typeof process !== 'undefined' ? process.env['FORGE_RETRY_HARNESS_SEED'] : undefined;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) fail(`FORGE_RETRY_HARNESS_SEED is ${JSON.stringify(raw)}`, 'set it to a whole number, or unset it');
  return n;
};

const resolveRules = (value: unknown): PlatformRules => {
  if (value === undefined) return DEFAULT_PLATFORM_RULES;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`option "rules" is ${describe(value)}`, 'pass an object with some of the PlatformRules fields');
  }
  const known = Object.keys(DEFAULT_PLATFORM_RULES);
  for (const [key, v] of Object.entries(value)) {
    if (!known.includes(key)) fail(`unknown rule "${key}" in "rules"`, `use one of: ${known.join(', ')}`);
    const expected = typeof DEFAULT_PLATFORM_RULES[key as keyof PlatformRules];
    if (typeof v !== expected) fail(`rule "${key}" is ${describe(v)}`, `pass a ${expected}, like the default ${JSON.stringify(DEFAULT_PLATFORM_RULES[key as keyof PlatformRules])}`);
  }
  return Object.freeze({ ...DEFAULT_PLATFORM_RULES, ...(value as Partial<PlatformRules>) });
};

const resolveSettings = (value: unknown): PropertySettings => {
  if (value === undefined) return DEFAULT_PROPERTY_SETTINGS;
  if (typeof value !== 'object' || value === null) return fail(`option "settings" is ${describe(value)}`, 'pass an object');
  const known = Object.keys(DEFAULT_PROPERTY_SETTINGS);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`unknown setting "${key}" in "settings"`, `use one of: ${known.join(', ')}`);
  }
  const merged = { ...DEFAULT_PROPERTY_SETTINGS, ...(value as Partial<PropertySettings>) };
  // Opt-in (no such Forge limit exists). Past RUNAWAY_REQUESTS the runtime stops answering, so a higher
  // bound could never be reached.
  if (merged.maxRequestsPerInvocation !== undefined) {
    positiveInteger('settings.maxRequestsPerInvocation', merged.maxRequestsPerInvocation, RUNAWAY_REQUESTS - 1);
  }
  if (!Array.isArray(merged.idempotentMutations) || merged.idempotentMutations.some((m) => typeof m !== 'string')) {
    fail('setting "idempotentMutations" is not an array of GraphQL operation or field names', 'pass e.g. ["resyncIssue"]');
  }
  if (!Array.isArray(merged.nonIdempotentMethods) || merged.nonIdempotentMethods.some((m) => typeof m !== 'string')) {
    fail('setting "nonIdempotentMethods" is not an array of HTTP methods', 'pass e.g. ["POST", "PATCH"]');
  }
  if (!Array.isArray(merged.readOnlyPaths) || merged.readOnlyPaths.some((p) => !(p instanceof RegExp))) {
    fail('setting "readOnlyPaths" is not an array of regular expressions', 'pass e.g. [/^\\/rest\\/api\\/3\\/search$/]');
  }
  return { ...merged, nonIdempotentMethods: merged.nonIdempotentMethods.map((m) => m.toUpperCase()) };
};

const compileUpstream = (value: UpstreamFixture | UpstreamRoutes | undefined): UpstreamFixture | undefined => {
  try {
    return normaliseFixture(value);
  } catch (error) {
    return fail(`option "upstream" has a bad route: ${error instanceof Error ? error.message.replace(/^forge-retry-harness: /, '') : String(error)}`,
      'write routes as "METHOD /path/:param", e.g. "GET /rest/api/3/issue/:key"');
  }
};

/**
 * Validates a handler and its options and fills in the defaults.
 *
 * @throws HarnessUsageError naming the bad input and the fix.
 */
export const resolveOptions = (handler: unknown, options: unknown = {}): { handler: ForgeHandler; options: ResolvedOptions } => {
  if (typeof handler !== 'function') {
    fail(`the handler is ${describe(handler)}, not a function`,
      'pass the exported handler itself, e.g. assertRetrySemantics(run) with `import { run } from "../src/index"`');
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(`options is ${describe(options)}`, 'pass an object, e.g. { numRuns: 200 }');
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) fail(`unknown option "${key}"`, `use one of: ${OPTION_KEYS.join(', ')}`);
  }
  const regime = (o['trigger'] ?? 'product-event') as Regime;
  if (!REGIMES.includes(regime)) fail(`option "trigger" is ${describe(o['trigger'])}`, `use one of: ${REGIMES.join(', ')}`);
  const consumerShape = o['consumerShape'] ?? 'function';
  if (consumerShape !== 'function' && consumerShape !== 'resolver') {
    fail(`option "consumerShape" is ${describe(consumerShape)}`, 'use "function" or "resolver"');
  }
  const functionKey = o['functionKey'] ?? 'consumer';
  if (typeof functionKey !== 'string' || functionKey === '') fail(`option "functionKey" is ${describe(functionKey)}`, 'pass a non-empty string');
  const seed = o['seed'] ?? envSeed() ?? DEFAULT_SEED;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) fail(`option "seed" is ${describe(seed)}`, 'pass a whole number');
  const path = o['path'];
  if (path !== undefined && (typeof path !== 'string' || !/^(\d+(:\d+)*|x(\d+(\.\d+)*)?d?)$/.test(path))) {
    fail(`option "path" is ${describe(path)}`, 'copy the path from a report, like "13:2:0", together with its seed');
  }
  const only = o['properties'] === undefined ? undefined : propertyList('properties', o['properties']);
  const skip = o['skip'] === undefined ? [] : propertyList('skip', o['skip']);
  const properties = PROPERTIES.filter(
    (p) => (p.regimes as readonly string[]).includes(regime) && (only === undefined || only.includes(p.id)) && !skip.includes(p.id),
  );
  if (only !== undefined && properties.length === 0) {
    fail(`none of the selected properties applies to ${regime} handlers`,
      `select from: ${PROPERTIES.filter((p) => (p.regimes as readonly string[]).includes(regime)).map((p) => p.id).join(', ')}`);
  }
  const upstreamOption = o['upstream'];
  if (upstreamOption !== undefined && typeof upstreamOption !== 'function' && (typeof upstreamOption !== 'object' || upstreamOption === null)) {
    fail(`option "upstream" is ${describe(upstreamOption)}`, 'pass a function (request, state) => reply | undefined, or a route table like { "GET /rest/api/3/issue/:key": { body: {...} } }');
  }
  const rules = resolveRules(o['rules']);
  const timeoutSeconds = o['timeoutSeconds'] === undefined
    ? (regime === 'product-event' ? rules.productTimeoutSeconds : rules.asyncTimeoutSeconds)
    : positiveInteger('timeoutSeconds', o['timeoutSeconds'], 900);
  const event = o['event'];
  const shrink = o['shrink'] ?? true;
  if (typeof shrink !== 'boolean') fail(`option "shrink" is ${describe(shrink)}`, 'pass true or false');
  const exhaustiveOption = o['exhaustive'] ?? false;
  let exhaustive = 0;
  if (exhaustiveOption === true) exhaustive = regime === 'product-event' ? 5 : 4;
  else if (typeof exhaustiveOption === 'object' && exhaustiveOption !== null && !Array.isArray(exhaustiveOption)) {
    exhaustive = positiveInteger('exhaustive.depth', (exhaustiveOption as { depth?: unknown }).depth, 8);
  } else if (exhaustiveOption !== false) fail(`option "exhaustive" is ${describe(exhaustiveOption)}`, 'pass true, false or { depth: 1..8 }');
  return {
    handler: handler as ForgeHandler,
    options: {
      regime,
      event: isArbitrary(event)
        ? event
        : fc.constant(event ?? (regime === 'product-event' ? DEFAULT_PRODUCT_EVENT : DEFAULT_ASYNC_EVENT_BODY)),
      numRuns: o['numRuns'] === undefined ? 100 : positiveInteger('numRuns', o['numRuns'], 1_000_000),
      seed: seed as number,
      path: path as string | undefined,
      properties,
      upstream: compileUpstream(upstreamOption as UpstreamFixture | UpstreamRoutes | undefined),
      rules,
      timeoutSeconds,
      consumerShape: consumerShape as 'function' | 'resolver',
      functionKey: functionKey as string,
      settings: resolveSettings(o['settings']),
      maxDeliveries: o['maxDeliveries'] === undefined ? 12 : positiveInteger('maxDeliveries', o['maxDeliveries'], 1000),
      shrink: shrink as boolean,
      exhaustive,
    },
  };
};
