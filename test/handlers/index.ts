/**
 * The handler corpus that proves the harness right: every buggy handler must fail its property on
 * every seed within 100 runs, and every correct handler must pass every property on every seed.
 *
 * @example
 * for (const c of BUGGY) test(c.name, async () => {
 *   const result = await checkRetrySemantics(c.handler, { ...c.options, properties: [c.property] });
 *   expect(result.passed).toBe(false);
 * });
 */
// Atlassian's sample 1 is the example app's lookupReporter: one copy, checked by the demo and here.
import { lookupReporter as atlassianSample1 } from '../../examples/forge-app/src/atlassian-sample-1.js';
import * as atlassianSample2 from './buggy/atlassian-sample-2.js';
import * as bounded from './buggy/bounded-invocation.js';
import * as honours from './buggy/honours-retry-after.js';
import * as duplicates from './buggy/no-duplicate-effects.js';
import * as swallowed from './buggy/no-swallowed-failures.js';
import * as matchesCause from './buggy/reason-matches-cause.js';
import * as reasonValid from './buggy/reason-valid.js';
import * as retryCap from './buggy/respects-retry-cap.js';
import * as retryAfterValid from './buggy/retry-after-valid.js';
import * as retryData from './buggy/retry-data-round-trips.js';
import * as survives from './buggy/survives-every-delivery.js';
import * as auditLog from './correct/audit-log.js';
import * as crmSync from './correct/crm-sync-consumer.js';
import * as rollup from './correct/estimate-rollup-resolver.js';
import * as triage from './correct/triage-issue.js';
import * as welcome from './correct/welcome-comment.js';
import type { BuggyCase, CorrectCase } from './types.js';

export { PROPERTY_IDS } from './types.js';
export type { BuggyCase, CorrectCase, ForgeHandler, HandlerOptions, PropertyId, UpstreamFixture } from './types.js';

export const BUGGY: readonly BuggyCase[] = [
  {
    name: 'parseInt on Retry-After, uncapped',
    property: 'retry-after-valid',
    alsoCaughtBy: ['honours-retry-after'],
    handler: retryAfterValid.handler3,
    options: retryAfterValid.options,
  },

  { name: 'always retries after 10 s whatever Retry-After says', property: 'honours-retry-after', handler: honours.handler, options: honours.options },
  {
    name: 'retries in-process back to back',
    property: 'honours-retry-after',
    alsoCaughtBy: ['bounded-invocation'],
    handler: honours.handler2,
    options: honours.options,
  },

  { name: 'forgets retryReason on a deferral', property: 'reason-valid', handler: reasonValid.handler, options: reasonValid.options },
  { name: 'uses platform codes as retryReason', property: 'reason-valid', handler: reasonValid.handler2, options: reasonValid.options },

  { name: 'reports a 429 as FUNCTION_RETRY_REQUEST', property: 'reason-matches-cause', handler: matchesCause.handler, options: matchesCause.options },

  {
    name: 'keeps a Date in retryData',
    property: 'retry-data-round-trips',
    alsoCaughtBy: ['survives-every-delivery'],
    handler: retryData.handler,
    options: retryData.options,
  },
  // Whether Forge drops retryData that is not an object is an assumption (ECO-734): only a warning by default.
  {
    name: 'passes a string as retryData',
    property: 'retry-data-round-trips',
    restsOn: 'nonObjectRetryData',
    handler: retryData.handler2,
    options: retryData.options,
  },
  {
    name: 'carries progress as a Set in retryData',
    property: 'retry-data-round-trips',
    alsoCaughtBy: ['no-swallowed-failures'],
    handler: retryData.handler3,
    options: retryData.options3,
  },

  // Whether Forge retries a thrown product-event handler is undocumented: only a warning by default.
  {
    name: 'throws on an upstream error',
    property: 'survives-every-delivery',
    restsOn: 'productThrownError',
    handler: survives.handler,
    options: survives.options,
  },
  { name: 'reads retryData on a platform retry', property: 'survives-every-delivery', handler: survives.handler2, options: survives.options },
  { name: 'dereferences a null assignee', property: 'survives-every-delivery', handler: survives.handler3, options: survives.options3 },

  { name: 'polls for an assignee with retries forever', property: 'respects-retry-cap', handler: retryCap.handler, options: retryCap.options },
  { name: 'asks for a fifth retry during an outage', property: 'respects-retry-cap', handler: retryCap.handler2, options: retryCap.options2 },

  { name: 'posts a comment again on every retry', property: 'no-duplicate-effects', handler: duplicates.handler, options: duplicates.options },
  { name: 'KVS done-marker after the POST', property: 'no-duplicate-effects', handler: duplicates.handler2, options: duplicates.options },
  { name: 'pushes the same queue job again on a retry', property: 'no-duplicate-effects', handler: duplicates.handler3, options: duplicates.options },

  { name: 'catch-all that logs and returns', property: 'no-swallowed-failures', handler: swallowed.handler, options: swallowed.options },
  { name: 'Promise.allSettled without looking at the results', property: 'no-swallowed-failures', handler: swallowed.handler2, options: swallowed.options },

  {
    name: 'pages with while (!isLast) on an API without isLast',
    property: 'bounded-invocation',
    alsoCaughtBy: ['honours-retry-after'],
    handler: bounded.handler,
    options: bounded.options,
  },
  {
    name: 'sleeps Retry-After in-process',
    property: 'bounded-invocation',
    alsoCaughtBy: ['no-swallowed-failures'],
    handler: bounded.handler2,
    options: bounded.options2,
  },

  {
    name: 'Atlassian sample 1 (requesting a retry)',
    property: 'retry-after-valid',
    alsoCaughtBy: ['no-swallowed-failures', 'survives-every-delivery', 'respects-retry-cap'],
    handler: atlassianSample1,
    options: { trigger: 'product-event' },
  },
  {
    name: 'Atlassian sample 2 (handling a retry)',
    property: 'no-swallowed-failures',
    alsoCaughtBy: ['survives-every-delivery'],
    handler: atlassianSample2.handler,
    options: atlassianSample2.options,
  },
];

/**
 * Buggy handlers whose trigger the harness generates less often (KVS failures are planned in fewer
 * deliveries than product failures): they must fail, but may need more than 100 runs on some seeds.
 */
export const BUGGY_RARE: readonly BuggyCase[] = [
  { name: 'best-effort KVS writes with .catch(() => {})', property: 'no-swallowed-failures', handler: swallowed.handler3, options: swallowed.options },
];

export const CORRECT: readonly CorrectCase[] = [
  { name: 'triages a new issue (GET + idempotent PUT, dead letter on the last retry)', handler: triage.handler, options: triage.options },
  { name: 'posts a welcome comment once (check before create)', handler: welcome.handler, options: welcome.options },
  { name: 'async consumer syncs to a CRM with an Idempotency-Key', handler: crmSync.handler, options: crmSync.options },
  { name: 'resolver-style consumer rolls up estimates', handler: rollup.handler, options: rollup.options },
  {
    name: 'audit log without upstream calls',
    inconclusive: 'the handler made no upstream request in any run',
    handler: auditLog.handler,
    options: auditLog.options,
  },
];
