/** The public options of a check; its result types live beside the runner that makes them. */
import type fc from 'fast-check';
import type { Trigger } from '../../models/codes.js';
import type { RuleOverrides } from '../../models/rules.js';
import type { PropertyId } from '../../properties/catalog.js';
import type { PropertySettings } from '../../properties/types.js';
import type { KnownEventType } from '../payloads/catalog.js';
import type { UpstreamFixture, UpstreamRoutes } from '../upstream/fixtures.js';
import type { StorageSeed } from '../upstream/storage-seed.js';
import type { ConfluenceSeed, JiraSeed } from '../world/seed.js';

export type { KnownEventType } from '../payloads/catalog.js';
export type { StorageSeed } from '../upstream/storage-seed.js';
export type { ConfluenceSeed, JiraSeed } from '../world/seed.js';

export type { ForgeHandler } from '../runtime/handler-call.js';
export type {
  AssumptionVerdict,
  CheckFailure,
  CheckResult,
  CoverageStatistics,
  FaultClass,
  InconclusiveReason,
  PropertyVerdict,
  Replay,
  VerdictKind,
} from '../runner/results.js';

/** Options of `checkRetrySemantics` and `assertRetrySemantics`. Unknown keys are rejected. */
export interface CheckOptions {
  /** Which delivery regime the handler lives under. @defaultValue 'product-event' */
  readonly trigger?: Trigger;
  /**
   * The event payload (product events) or queue body (async events), or a fast-check arbitrary of them.
   * It overrides `eventType` and `payloadVariants`.
   * @defaultValue the catalog's `avi:jira:created:issue` payload / a realistic queue body
   */
  readonly event?: unknown;
  /**
   * The product event to deliver: its realistic payloads are generated from the run's seed and shrink
   * towards the event's fixed sample (an unknown name is refused, naming the closest known ones).
   * Product events only.
   *
   * @example
   * checkRetrySemantics(run, { eventType: 'avi:jira:updated:issue' }); // event.changelog.items is there
   * @defaultValue none (the fixed `avi:jira:created:issue` payload)
   */
  readonly eventType?: KnownEventType | (string & {});
  /**
   * Also vary the documented optional and nullable parts of the `eventType` payloads (an absent
   * assignee, a changelog side cleared to null), not only their values.
   * @defaultValue false
   */
  readonly payloadVariants?: boolean;
  /**
   * The trigger's module key, which the platform puts in the `context` of the events it delivers
   * (`event.context.moduleKey`): stamped into the `eventType` payloads, as the CLI does with each
   * manifest trigger's key. With `eventType` only.
   *
   * @example
   * checkRetrySemantics(run, { eventType: 'avi:jira:updated:issue', moduleKey: 'issue-updated-sync' });
   * @defaultValue the catalog's `<event>-trigger`
   */
  readonly moduleKey?: string;
  /**
   * What the key-value store (@forge/kvs and legacy `storage`, which share it) holds when each run
   * starts: `keys`, `secrets`, and `entities` by entity name.
   *
   * @example
   * checkRetrySemantics(run, { storage: { keys: { config: { enabled: true, project: 'SUP' } } } });
   * @defaultValue empty
   */
  readonly storage?: StorageSeed;
  /**
   * The simulated Jira each run starts from: `issues` (with comments, worklogs, properties, watchers),
   * `projects`, `users`, `links`. The event's issue is added when not listed; a generated event is
   * about one of the seeded issues.
   *
   * @example
   * checkRetrySemantics(run, { jira: { issues: [{ key: 'OPS-7', summary: 'Config', properties: { sync: { on: true } } }] } });
   * @defaultValue the event's issue in its project, and a `TEST` project
   */
  readonly jira?: JiraSeed;
  /**
   * The simulated Confluence each run starts from: `pages` (with labels, properties, footer comments)
   * and `spaces`. The event's page is added when not listed; a generated event is about one of the
   * seeded pages.
   *
   * @example
   * checkRetrySemantics(run, { eventType: 'avi:confluence:created:page', confluence: { pages: [{ title: 'Runbook', space: 'OPS' }] } });
   * @defaultValue the event's page in its space, or a `TEST` space
   */
  readonly confluence?: ConfluenceSeed;
  /** Generated scenarios to run. @defaultValue 100 */
  readonly numRuns?: number;
  /** Seed of the generator. @defaultValue the env var FORGE_RETRY_HARNESS_SEED, else 20250101 */
  readonly seed?: number;
  /**
   * Replay path of one failing scenario, from a report (with its `seed`): `"13:2:0"` for a sampled one,
   * `"x1.3.0"` for a schedule of the exhaustive walk. It takes precedence over `exhaustive`.
   */
  readonly path?: string;
  /** Only these properties. @defaultValue every property of the regime */
  readonly properties?: readonly PropertyId[];
  /** Every property but these. @defaultValue none */
  readonly skip?: readonly PropertyId[];
  /**
   * Success responses of upstreams: a function of the request or a route table; it overrides the
   * world for every request it answers.
   * @defaultValue the stateful simulated Jira and Confluence, then the status and body Atlassian's OpenAPI specs document, then 200 with a JSON body
   */
  readonly upstream?: UpstreamFixture | UpstreamRoutes;
  /**
   * Overrides of the model's platform rules (undocumented points are assumptions); a value outside a
   * rule's allowed values is refused. `platformBackoff` may override some of its fields.
   * @defaultValue DEFAULT_PLATFORM_RULES
   */
  readonly rules?: RuleOverrides;
  /** Function timeout in seconds. @defaultValue 25 for product events, 55 for async events */
  readonly timeoutSeconds?: number;
  /** How an async consumer is called: with the AsyncEvent, or @forge/resolver style. @defaultValue 'function' */
  readonly consumerShape?: 'function' | 'resolver';
  /** The resolver function key for `consumerShape: 'resolver'`. @defaultValue 'consumer' */
  readonly functionKey?: string;
  /** Property knobs: non-idempotent methods, request bound, read-only POST paths. @defaultValue DEFAULT_PROPERTY_SETTINGS */
  readonly settings?: Partial<PropertySettings>;
  /** Most deliveries the harness plays for one event before it stops the run undecided. @defaultValue 12 */
  readonly maxDeliveries?: number;
  /** Shrink a failing scenario to a minimal one before reporting it; `false` reports the first failure as found. @defaultValue true */
  readonly shrink?: boolean;
  /**
   * Fail on findings that hold only under some plausible values of the undocumented rules they rest on
   * (by default they are warnings naming the assumption, e.g. "fails only if productThrownError is
   * 'not-retried'"). @defaultValue false
   */
  readonly strictAssumptions?: boolean;
  /**
   * Make `assertRetrySemantics` fail when the check is inconclusive (no property had anything to judge,
   * or the handler never reached any I/O); by default it passes and prints why. @defaultValue false
   */
  readonly strict?: boolean;
  /**
   * Show the handler's console output in a failure report: the output of each delivery of the reported
   * scenario, replayed once more with its console captured. During the search it is dropped either way.
   * @defaultValue false
   */
  readonly showConsole?: boolean;
  /**
   * The handler's module, so that the check can simulate cold starts: each run starts from a fresh
   * instance of the module (its module-level variables empty again), and redeliveries (duplicates, app
   * and platform retries) may come to a fresh instance, as on Forge, instead of the one instance the
   * function came from. `{ file }` loads the file as the CLI does (TypeScript without a build step;
   * packages under node_modules stay shared); `{ load }` is your own loader and must return a fresh
   * instance on every call. `export` names the handler's export (the function's name when left out, else `run`).
   * Without this option cold starts cannot be simulated, and the report says so.
   *
   * @example
   * assertRetrySemantics(run, { module: { file: new URL('../src/index.ts', import.meta.url) } });
   * // Vitest, with its mocks: a fresh registry per load
   * assertRetrySemantics(run, { module: { load: async () => { vi.resetModules(); return import(`../src/index`); } } });
   * @defaultValue none (one instance, the function's, serves every delivery)
   */
  readonly module?: HandlerModuleOption;
  /**
   * Enumerate every fault schedule of the small scope instead of sampling: `true`, or `{ depth }` to
   * bound the deliveries a schedule covers. Product events then also walk every interleaving of two
   * events over their first three requests each (unless `manyEvents: false`). @defaultValue false (depth 5 for product events, 4 for async events when enabled)
   */
  readonly exhaustive?: boolean | { readonly depth: number };
  /**
   * Many-events scenarios (product events): a few events on one issue handled at once, interleaved at
   * their awaits, in any order, late, redelivered, and the events the app's own writes produce. They
   * run after the single-event scenarios and judge no-lost-updates, no-self-trigger-loop and
   * no-stale-overwrite; they are not counted in `runs`. On by default at one many-events scenario per
   * ten of `numRuns` (10 for a default check), unless `event` is given (they deliver payloads of their
   * own issue, and a given event is delivered as given); `false` turns them off (and leaves those properties out),
   * `true` plays 40, `{ runs }` sets how many; `{ ignoreSelf: true }` says the manifest's trigger has
   * `filter.ignoreSelf`, so self-generated events are not delivered. The exhaustive mode walks every
   * interleaving of two events instead (see `exhaustive`).
   * @defaultValue on, numRuns / 10 scenarios, when `event` is not given (`true` means 40 runs, ignoreSelf false)
   */
  readonly manyEvents?: boolean | { readonly runs?: number; readonly ignoreSelf?: boolean };
}

/** Where a check gets fresh instances of the handler's module (the `module` option). */
export type HandlerModuleOption = { readonly file: string | URL; readonly export?: string } | { readonly load: () => unknown; readonly export?: string };

/** An event arbitrary from the user's copy of fast-check. */
export type EventArbitrary = fc.Arbitrary<unknown>;
