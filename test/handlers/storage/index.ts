/**
 * The storage and platform-service corpus (issue 13): for every simulated storage and platform
 * surface, a handler with a known bug and one without, modelled on the public Forge apps that use
 * them. Same shapes as the main corpus (`test/handlers/index.ts`): every buggy handler must fail its
 * property on every seed, and every correct handler must pass every property on every seed. KVS,
 * legacy storage and SQL failures are planned in fewer deliveries than product failures, so the
 * sweeps give these handlers {@link STORAGE_RUNS} runs.
 *
 * @example
 * for (const c of STORAGE_BUGGY) test(c.name, async () => {
 *   const result = await checkRetrySemantics(c.handler, { ...c.options, numRuns: STORAGE_RUNS, properties: [c.property] });
 *   expect(result.passed).toBe(false);
 * });
 */
import type { UpstreamSurface } from '../../../models/surfaces.js';
import type { BuggyCase, CorrectCase } from '../types.js';
import * as appEventsBuggy from './buggy/app-events.js';
import * as batchBuggy from './buggy/kvs-batch.js';
import * as keysBuggy from './buggy/kvs-keys.js';
import * as queryBuggy from './buggy/kvs-query.js';
import * as secretBuggy from './buggy/kvs-secret.js';
import * as transactBuggy from './buggy/kvs-transact.js';
import * as legacyBuggy from './buggy/legacy-storage.js';
import * as queueBuggy from './buggy/queue.js';
import * as sqlCounterBuggy from './buggy/sql-counter.js';
import * as sqlBuggy from './buggy/sql.js';
import * as webTriggerBuggy from './buggy/web-trigger.js';
import * as appEvents from './correct/app-events.js';
import * as batch from './correct/kvs-batch.js';
import * as keys from './correct/kvs-keys.js';
import * as query from './correct/kvs-query.js';
import * as secret from './correct/kvs-secret.js';
import * as transact from './correct/kvs-transact.js';
import * as legacy from './correct/legacy-storage.js';
import * as queue from './correct/queue.js';
import * as sqlCounter from './correct/sql-counter.js';
import * as sql from './correct/sql.js';
import * as webTrigger from './correct/web-trigger.js';

/** Runs per seed in the storage sweeps. */
export const STORAGE_RUNS = 300;

/** The surface each pair (the part of a case's name before the colon) exercises, so a test can see every simulated storage and platform surface has a pair. */
export const SURFACE_OF_PAIR: Readonly<Record<string, UpstreamSurface>> = {
  'kvs query': 'kvs',
  'kvs batch': 'kvs',
  'kvs transact': 'kvs',
  'kvs keys': 'kvs',
  'kvs secret': 'kvs',
  'sql counter': 'sql',
  'legacy storage': 'storage',
  sql: 'sql',
  queue: 'queue',
  'app events': 'app-events',
  'web trigger': 'web-trigger',
};

export const STORAGE_BUGGY: readonly BuggyCase[] = [
  {
    name: 'kvs query: a failed page ends the scan (catch { break })',
    property: 'no-swallowed-failures',
    handler: queryBuggy.handler,
    options: queryBuggy.options,
  },
  { name: 'kvs batch: batchSet failedKeys never read', property: 'no-swallowed-failures', handler: batchBuggy.handler, options: batchBuggy.options },
  {
    name: 'kvs transact: counter transaction without a per-event condition',
    property: 'no-duplicate-effects',
    handler: transactBuggy.handler,
    options: transactBuggy.options,
  },
  {
    name: 'legacy storage: APIError while listing means the end of the list',
    property: 'no-swallowed-failures',
    handler: legacyBuggy.handler,
    options: legacyBuggy.options,
  },
  { name: 'sql: audit INSERT without a unique event key', property: 'no-duplicate-effects', handler: sqlBuggy.handler, options: sqlBuggy.options },
  {
    name: 'sql counter: bare UPDATE ... SET sync_count = sync_count + 1',
    property: 'no-duplicate-effects',
    handler: sqlCounterBuggy.handler,
    options: sqlCounterBuggy.options,
  },
  {
    name: 'kvs keys: sync/<project>/<issue> keys the service refuses (INVALID_KEY)',
    property: 'survives-every-delivery',
    handler: keysBuggy.handler,
    options: keysBuggy.options,
  },
  {
    name: 'kvs secret: a failed getSecret read as "no key yet"',
    property: 'no-swallowed-failures',
    handler: secretBuggy.handler,
    options: secretBuggy.options,
  },
  {
    name: 'queue: pushes every job again after a partial success, done-marker after the push',
    property: 'no-duplicate-effects',
    handler: queueBuggy.handler,
    options: queueBuggy.options,
  },
  {
    name: 'app events: publish result never read',
    property: 'no-swallowed-failures',
    alsoCaughtBy: ['no-duplicate-effects'],
    handler: appEventsBuggy.handler,
    options: appEventsBuggy.options,
  },
  {
    name: 'web trigger: getUrl and the CI call unguarded',
    property: 'survives-every-delivery',
    handler: webTriggerBuggy.handler,
    options: webTriggerBuggy.options,
  },
];

export const STORAGE_CORRECT: readonly CorrectCase[] = [
  { name: 'kvs query: pages with beginsWith and cursors, a failed page is a retry', handler: query.handler, options: query.options },
  { name: 'kvs batch: resends failedKeys once, then retries', handler: batch.handler, options: batch.options },
  { name: 'kvs transact: counter and per-event marker in one conditional transaction', handler: transact.handler, options: transact.options },
  { name: 'legacy storage: storage.query() paging to the empty page, failures retried', handler: legacy.handler, options: legacy.options },
  { name: 'sql: INSERT IGNORE on a unique event key, table from a migration', handler: sql.handler, options: sql.options },
  { name: 'sql counter: increment conditional on the event it counts', handler: sqlCounter.handler, options: sqlCounter.options },
  { name: 'kvs keys: colon-separated keys squeezed to the service key rules', handler: keys.handler, options: keys.options },
  { name: 'kvs secret: signing key read by name from secret storage, a failed read is a retry', handler: secret.handler, options: secret.options },
  { name: 'queue: at most once through a KVS claim, partial success resends only failedEvents', handler: queue.handler, options: queue.options },
  { name: 'app events: reads the publish result, at most once through a KVS claim', handler: appEvents.handler, options: appEvents.options },
  { name: 'web trigger: getUrl guarded, idempotent PUT honouring Retry-After', handler: webTrigger.handler, options: webTrigger.options },
];
