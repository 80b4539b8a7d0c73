/**
 * The platform corpus of issue 10: for each corrected rule, a handler that really has the bug (it must
 * fail the named property on every seed) and one that really does not (it must pass every property on
 * every seed), each of which the old rule got wrong. Same shapes as the main corpus (test/handlers),
 * with `settings` in the options for the GraphQL pair.
 *
 * @example
 * for (const c of PLATFORM_BUGGY) test(c.name, async () => {
 *   const result = await checkRetrySemantics(c.handler, { ...c.options, properties: [c.property] });
 *   expect(result.passed).toBe(false);
 * });
 */
import type { BuggyCase, CorrectCase } from '../index.js';
import * as delivery from './delivery-rules.js';
import * as graphql from './graphql.js';
import * as install from './install.js';
import * as work from './invocation-work.js';
import * as latency from './latency.js';
import * as limits from './rate-limits.js';
import * as randomIds from './random-ids.js';
import * as retryAfter from './retry-after.js';

export const PLATFORM_BUGGY: readonly BuggyCase[] = [
  {
    name: 'item 2: passes a retry delay in milliseconds as retryAfter',
    property: 'retry-after-valid',
    alsoCaughtBy: ['respects-retry-cap'],
    handler: retryAfter.millisecondsSlip,
    options: retryAfter.options,
  },
  {
    name: 'item 3: posts telemetry without awaiting it',
    property: 'bounded-invocation',
    alsoCaughtBy: ['no-duplicate-effects', 'no-swallowed-failures'],
    handler: work.fireAndForgetAudit,
    options: work.options,
  },
  { name: 'item 3: Promise.race against a timer it never clears', property: 'bounded-invocation', handler: work.raceWithoutClear, options: work.options },
  {
    name: 'item 4: skips a rate-limited page and asks for the next one at once',
    property: 'honours-retry-after',
    alsoCaughtBy: ['no-swallowed-failures', 'bounded-invocation'],
    handler: limits.skipsFailedPage,
    options: limits.pagesOptions,
  },
  {
    name: 'item 4: keeps writing to the issue after a per-issue or quota 429',
    property: 'honours-retry-after',
    alsoCaughtBy: ['no-duplicate-effects', 'bounded-invocation'],
    handler: limits.writesOnAfterLimit,
    options: limits.options,
  },
  {
    name: 'item 9: a GraphQL mutation after a fragment, posted again on every retry',
    property: 'no-duplicate-effects',
    alsoCaughtBy: ['no-swallowed-failures'],
    handler: graphql.fragmentFirst,
    options: graphql.options,
  },
  {
    name: 'item 9: a GraphQL mutation after a comment, posted again on every retry',
    property: 'no-duplicate-effects',
    alsoCaughtBy: ['no-swallowed-failures'],
    handler: graphql.commentFirst,
    options: graphql.options,
  },
  {
    name: 'item 5: takes a platform retry for its last chance and gives up with retries left',
    property: 'no-swallowed-failures',
    handler: delivery.platformRetryIsLast,
    options: delivery.productOptions,
  },
  {
    name: 'item 6: throws on a 5xx so that Forge retries the trigger',
    property: 'survives-every-delivery',
    alsoCaughtBy: ['no-swallowed-failures'],
    handler: delivery.throwsForRetry,
    options: delivery.productOptions,
  },
  { name: 'item 7: returns a Date as retryData', property: 'retry-data-round-trips', handler: delivery.dateAsRetryData, options: delivery.productOptions },
  {
    name: 'item 8: resolver consumer keeps a Date in retryData',
    property: 'retry-data-round-trips',
    handler: delivery.resolverDate,
    options: delivery.resolverOptions,
  },
  {
    name: 'also: reads retryContext.retentionWindow as if it were always there',
    property: 'survives-every-delivery',
    handler: delivery.windowAssumed,
    options: delivery.asyncOptions,
  },
  {
    name: 'seeded randomness: a Math.random message id in a POST without Idempotency-Key, sent again on retry',
    property: 'no-duplicate-effects',
    handler: randomIds.randomMessageId,
    options: randomIds.options,
  },
];

export const PLATFORM_CORRECT: readonly CorrectCase[] = [
  { name: 'item 2: passes a quota Retry-After of 2000 or 3600 straight through', handler: retryAfter.passThrough, options: retryAfter.options },
  { name: 'item 3: propagates a fix version to 60 child issues in one invocation', handler: work.propagateFixVersion, options: work.childrenOptions },
  { name: 'item 4: goes on past a burst limit, stops at a per-issue or quota limit', handler: limits.reasonAware, options: limits.options },
  { name: 'item 4: reads three endpoints at once with Promise.allSettled, then retries', handler: limits.readsTogether, options: limits.options },
  { name: 'item 4: async consumer honours a 429 that carries only X-RateLimit-Reset', handler: limits.resetAwareConsumer, options: limits.consumerOptions },
  { name: 'seeded randomness: a message id derived from the issue, sent as Idempotency-Key', handler: randomIds.deterministicKey, options: randomIds.options },
  { name: 'item 9: re-asserts sync state with a mutation the settings name idempotent', handler: graphql.idempotentResync, options: graphql.resyncOptions },
  { name: 'item 5: trusts retryCount for its budget, whatever the platform retried', handler: delivery.trustsRetryCount, options: delivery.productOptions },
  { name: 'item 6: catches every failure and returns InvocationError', handler: delivery.catchesAndRetries, options: delivery.productOptions },
  { name: 'item 7: a string cursor as retryData, where the platform sends non-objects', handler: delivery.cursorString, options: delivery.sendsNonObjects },
  { name: 'item 8: resolver consumer with an ISO string in retryData and the v1 cap', handler: delivery.resolverIsoString, options: delivery.resolverOptions },
  { name: 'also: reads retentionWindow with ?. and gives up as it closes', handler: delivery.windowAware, options: delivery.asyncOptions },
];

/**
 * The time corpus of issue 10 (request latency, 401/403 after install), kept apart so that `npm test` sweeps it on
 * one seed (test/corpus/platform-handlers.test.ts) and `npm run test:full` on twenty, like the rest.
 */
export const TIME_BUGGY: readonly BuggyCase[] = [
  {
    name: 'latency: labels sub-tasks with forEach(async ...) and returns with the PUTs in flight',
    property: 'bounded-invocation',
    alsoCaughtBy: ['no-swallowed-failures'],
    handler: latency.labelsWithoutAwaiting,
    options: latency.options,
  },
  {
    name: 'also: installed-app setup takes a 403 for "not allowed here" and returns while the permissions propagate',
    property: 'no-swallowed-failures',
    handler: install.setupSkipsOnForbidden,
    options: install.options,
  },
];

/** The correct half of the time corpus; the 61-call `propagateFixVersion` above is the other latency claim. */
export const TIME_CORRECT: readonly CorrectCase[] = [
  { name: 'latency: labels sub-tasks with Promise.allSettled, awaited', handler: latency.labelsTogether, options: latency.options },
  {
    name: 'also: installed-app setup retries a 401/403 until the permissions are granted',
    handler: install.setupRetriesWhileForbidden,
    options: install.options,
  },
  { name: 'also: upgraded-app setup retries a 401/403 the same way', handler: install.setupRetriesWhileForbidden, options: install.upgradedOptions },
];
