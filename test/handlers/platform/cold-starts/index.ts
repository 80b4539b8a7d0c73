/**
 * Item 10 of issue 10, cold starts: the corpus pair (a dedup `Set` in a module variable, a KVS claim),
 * swept on two seeds in `npm test` (test/corpus/cold-start-handlers.test.ts) and twenty in test:full.
 * Both are checked with `module`, so that runs start on fresh instances and redeliveries may come to one.
 */
import type { BuggyCase, CorrectCase } from '../../index.js';
import * as claim from './kvs-claim.js';
import * as set from './set-dedup.js';

export const COLD_START_BUGGY: readonly BuggyCase[] = [
  {
    name: 'item 10: dedups redeliveries with a module-level Set, which a cold start empties',
    property: 'no-duplicate-effects',
    handler: set.handler,
    options: set.options,
  },
];

export const COLD_START_CORRECT: readonly CorrectCase[] = [
  { name: 'item 10: claims the event in KVS with FAIL_IF_EXISTS, shared by every instance', handler: claim.handler, options: claim.options },
];
