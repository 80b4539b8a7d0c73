/**
 * Options are validated at the door: an unknown key, a bad value or an unknown property id is a
 * HarnessUsageError that names what was wrong and lists what is valid. The schema (options-schema.ts)
 * checks each option on its own; here the defaults that depend on other options are filled in.
 */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGE_PREFIX } from '../messages/format.js';
import fc from 'fast-check';
import * as v from 'valibot';
import type { Regime } from '../../models/codes.js';
import type { RuleName } from '../../models/rules.js';
import { describeInput } from '../../models/render-value.js';
import { propertyById } from '../../properties/catalog.js';
import { DEFAULT_PROPERTY_SETTINGS, type PropertySettings } from '../../properties/types.js';
import { usageError } from '../messages/usage-error.js';
import { DEFAULT_ASYNC_EVENT_BODY } from '../payloads/default-events.js';
import { defaultPayload, payloadArbitrary } from '../payloads/event-payloads.js';
import { bindEventToSeed, createWorld, type WorldSeed } from '../world/index.js';
import { manyEventsOf, manyEventsOn, propertySelection, regimeOf } from '../runner/applicable-properties.js';
import type { CheckMode, ResolvedOptions } from '../runner/resolved-options.js';
import { fileModule, loaderModule, type HandlerModule } from '../runtime/handler-module.js';
import { normaliseFixture, type UpstreamFixture, type UpstreamRoutes } from '../upstream/fixtures.js';
import { OPTIONS_SCHEMA, type ParsedOptions } from './options-schema.js';
import { mergeRules } from './rule-schemas.js';
import type { ForgeHandler } from './types.js';
import { throwUsageIssue } from './usage-issue.js';
import { assertOptionsApply, assertUsableEvent, assertUsableHandler, isArbitrary } from './misuse.js';

export { OPTION_KEYS } from './options-schema.js';
export type { ResolvedOptions } from '../runner/resolved-options.js';

/** The event delivered when neither `event` nor `eventType` is given. */
const DEFAULT_EVENT_TYPE = 'avi:jira:created:issue';

/** The seed used when neither the options nor FORGE_RETRY_HARNESS_SEED give one. */
export const DEFAULT_SEED = 20250101;

/** Deliveries an exhaustive walk covers when `exhaustive: true` gives no depth. */
const DEFAULT_DEPTH: Readonly<Record<Regime, number>> = { 'product-event': 5, 'async-event': 4, 'resolver-consumer': 4 };

const envSeed = (): number | undefined => {
  const raw = typeof process !== 'undefined' ? process.env['FORGE_RETRY_HARNESS_SEED'] : undefined;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) usageError(`FORGE_RETRY_HARNESS_SEED is ${JSON.stringify(raw)}`, 'set it to a whole number, or unset it');
  return n;
};

const resolveSettings = (value: Partial<PropertySettings> | undefined): PropertySettings => {
  // A setting given as undefined keeps its default, as an option given as undefined does.
  const given = Object.entries(value ?? {}).filter(([, setting]) => setting !== undefined);
  const merged: PropertySettings = { ...DEFAULT_PROPERTY_SETTINGS, ...Object.fromEntries(given) };
  return { ...merged, nonIdempotentMethods: merged.nonIdempotentMethods.map((m) => m.toUpperCase()) };
};

const compileUpstream = (value: UpstreamFixture | UpstreamRoutes | undefined): UpstreamFixture | undefined => {
  try {
    return normaliseFixture(value);
  } catch (error) {
    return usageError(
      `option "upstream" has a bad route: ${error instanceof Error ? error.message.replace(`${MESSAGE_PREFIX} `, '') : String(error)}`,
      'write routes as "METHOD /path/:param", e.g. "GET /rest/api/3/issue/:key"',
    );
  }
};

/** The seeds as the world will read them: a bad one is refused here, before any run, naming its key. */
const checkedWorld = (o: ParsedOptions): WorldSeed => {
  const seed: WorldSeed = { ...(o.jira !== undefined ? { jira: o.jira } : {}), ...(o.confluence !== undefined ? { confluence: o.confluence } : {}) };
  // Building the world once finds what the shape cannot: a repeated key, a link to an issue not seeded.
  createWorld(seed);
  return seed;
};

/** Payloads with the trigger's module key in their Forge context, as the platform delivers them to that trigger. */
const withModuleKey = (payloads: fc.Arbitrary<Record<string, unknown>>, moduleKey: string | undefined): fc.Arbitrary<Record<string, unknown>> =>
  moduleKey === undefined
    ? payloads
    : payloads.map((p) => {
        const context = p['context'];
        return typeof context === 'object' && context !== null ? { ...p, context: { ...context, moduleKey } } : p;
      });

/**
 * The event arbitrary and the world it lives in. The user's `event` wins and is delivered as given;
 * otherwise `eventType` generates payloads from the run's seed (the catalog's fixed issue-created
 * payload when neither is given), bound to the seeded issues and pages when there are some.
 */
const eventAndWorld = (o: ParsedOptions, regime: Regime): { event: fc.Arbitrary<unknown>; world: WorldSeed } => {
  const world = checkedWorld(o);
  if (o.eventType !== undefined && regime !== 'product-event') {
    usageError(
      `option "eventType" is ${JSON.stringify(o.eventType)} with trigger "${regime}"`,
      'async events carry the body your app pushed: pass it as the `event` option, or leave out "eventType"',
    );
  }
  if (o.moduleKey !== undefined && (o.eventType === undefined || o.event !== undefined)) {
    usageError(
      `option "moduleKey" is ${JSON.stringify(o.moduleKey)} ${o.event === undefined ? 'without "eventType"' : 'with "event"'}`,
      "moduleKey is stamped into the payloads generated from eventType: give eventType too, or put the module key in your event's context",
    );
  }
  if (o.event !== undefined) return { event: isArbitrary(o.event) ? o.event : fc.constant(o.event), world };
  if (regime !== 'product-event') return { event: fc.constant(DEFAULT_ASYNC_EVENT_BODY), world };
  const generated =
    o.eventType === undefined
      ? fc.constant(defaultPayload(DEFAULT_EVENT_TYPE))
      : withModuleKey(payloadArbitrary(o.eventType, { variants: o.payloadVariants === true }), o.moduleKey);
  const bound = bindEventToSeed(generated, world);
  createWorld(bound.seed);
  return { event: bound.event, world: bound.seed };
};

/** The handler's name, if it can be an export's: what `module` loads when it names no export. */
const functionName = (handler: ForgeHandler): string | undefined => {
  try {
    return typeof handler.name === 'string' && /^[A-Za-z_$][\w$]*$/.test(handler.name) ? handler.name : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The `module` option as the driver uses it. A file is found here, before any run; its export is read
 * from the first instance the check loads (a missing one stops the check with a usage error then).
 */
const moduleOf = (value: ParsedOptions['module'], handler: ForgeHandler): HandlerModule | undefined => {
  if (value === undefined) return undefined;
  // Without a name the export is the Forge templates' `run`; a module without it is refused at its first load, listing its exports.
  const exportName = value.export ?? functionName(handler) ?? 'run';
  if ('load' in value) return loaderModule(value.load, exportName);
  const file = value.file instanceof URL ? fileURLToPath(value.file) : resolve(value.file);
  if (!existsSync(file) || !statSync(file).isFile()) {
    usageError(
      `option "module": no file ${file}`,
      'pass the path of the handler\'s module: absolute, relative to the working directory, or a URL such as new URL("../src/index.ts", import.meta.url)',
    );
  }
  const display = relative(process.cwd(), file).split(sep).join('/') || file;
  return fileModule(file, exportName, display.startsWith('..') ? file : display);
};

/** A replay path wins over `exhaustive`: it names one scenario, whichever search found it. */
const modeOf = (o: ParsedOptions, regime: Regime): CheckMode => {
  if (o.path !== undefined) return { kind: 'replay', path: o.path };
  if (o.exhaustive === undefined || o.exhaustive === false) return { kind: 'sample' };
  return { kind: 'exhaustive', depth: o.exhaustive === true ? DEFAULT_DEPTH[regime] : o.exhaustive.depth };
};

const selectProperties = (o: ParsedOptions, regime: Regime): ResolvedOptions['properties'] => {
  const { applies, selected } = propertySelection(regime, { ...o, eventGiven: o.event !== undefined });
  const manyEvents = manyEventsOn(o.manyEvents, o.event !== undefined);
  if (selected.length === 0) {
    const offEvents = manyEvents ? [] : (o.properties ?? []).filter((id) => propertyById(id).checkEvents !== undefined);
    if (offEvents.length > 0) {
      usageError(
        `option "properties" selects ${offEvents.join(', ')}, which judge only many-events scenarios, and "manyEvents" is false`,
        'leave out manyEvents: false (many-events scenarios are on by default), or select single-event properties',
      );
    }
    // A check of nothing would pass with 0 runs: a vacuous pass.
    const chosen = o.properties?.filter((id) => applies.some((p) => p.id === id)) ?? applies.map((p) => p.id);
    usageError(
      chosen.length === 0
        ? `none of the selected properties applies to ${regime} handlers`
        : `option "skip" leaves no property to check on ${regime} handlers (it skips ${chosen.join(', ')}), so the check would pass without judging anything`,
      `keep at least one of: ${applies.map((p) => p.id).join(', ')}`,
    );
  }
  return selected;
};

/**
 * Validates a handler and its options and fills in the defaults.
 *
 * @throws HarnessUsageError naming the bad input and the fix.
 * @example
 * const { options } = resolveOptions(run, { numRuns: 200 });
 * options.mode // { kind: 'sample' }
 */
export const resolveOptions = (handler: unknown, options: unknown = {}): { handler: ForgeHandler; options: ResolvedOptions } => {
  if (typeof handler !== 'function') {
    usageError(
      `the handler is ${describeInput(handler)}, not a function`,
      'pass the exported handler itself, e.g. assertRetrySemantics(run) with `import { run } from "../src/index"`',
    );
  }
  const parsed = v.safeParse(OPTIONS_SCHEMA, options);
  if (!parsed.success) return throwUsageIssue(parsed.issues[0]);
  const o = parsed.output;
  const trigger = o.trigger ?? 'product-event';
  assertOptionsApply(o, trigger);
  assertUsableHandler(handler, o, trigger);
  const regime = regimeOf(trigger, o.consumerShape);
  const properties = selectProperties(o, regime);
  const seed = o.seed ?? envSeed() ?? DEFAULT_SEED;
  assertUsableEvent(o.event, seed);
  const rules = mergeRules(o.rules);
  const { event, world } = eventAndWorld(o, regime);
  const numRuns = o.numRuns ?? 100;
  return {
    handler: handler as ForgeHandler,
    options: {
      regime,
      event,
      world,
      storage: o.storage,
      payloadGiven: o.event !== undefined,
      eventGenerated: isArbitrary(o.event) || (o.event === undefined && o.eventType !== undefined),
      ...(o.event === undefined && o.eventType !== undefined
        ? { generatedFrom: { eventType: o.eventType, payloadVariants: o.payloadVariants === true, moduleKey: o.moduleKey } }
        : {}),
      numRuns,
      seed,
      properties,
      upstream: compileUpstream(o.upstream),
      rules,
      timeoutSeconds: o.timeoutSeconds ?? (regime === 'product-event' ? rules.productTimeoutSeconds : rules.asyncTimeoutSeconds),
      consumerShape: o.consumerShape ?? 'function',
      functionKey: o.functionKey ?? 'consumer',
      settings: resolveSettings(o.settings),
      maxDeliveries: o.maxDeliveries ?? 12,
      shrink: o.shrink ?? true,
      mode: modeOf(o, regime),
      pinnedRules: Object.keys(o.rules ?? {}).filter((name) => (o.rules as Record<string, unknown>)[name] !== undefined) as RuleName[],
      strictAssumptions: o.strictAssumptions ?? false,
      strict: o.strict ?? false,
      manyEvents: manyEventsOf(o.manyEvents, o.event !== undefined, numRuns, o.eventType),
      showConsole: o.showConsole ?? false,
      module: moduleOf(o.module, handler as ForgeHandler),
    },
  };
};
