/**
 * The many-events corpus (issue 14): for each property about what happens between events, a handler
 * with the bug and one (or two) without, modelled on the public Forge apps that count issue activity,
 * stamp issues and mirror their status. Same shapes as the main corpus: every buggy handler must fail
 * its property on every seed, every correct handler must pass every property on every seed.
 *
 * @example
 * for (const c of EVENTS_BUGGY) test(c.name, async () => {
 *   const result = await checkRetrySemantics(c.handler, { ...c.options, properties: [c.property] });
 *   expect(result.passed).toBe(false);
 * });
 */
import type { BuggyCase, CorrectCase } from '../index.js';
import * as counterBuggy from './buggy/activity-counter.js';
import * as statusBuggy from './buggy/last-status.js';
import * as stamperBuggy from './buggy/touched-stamper.js';
import * as counter from './correct/activity-counter.js';
import * as status from './correct/last-status.js';
import * as label from './correct/reviewed-label.js';
import * as stamper from './correct/touched-stamper.js';

export const EVENTS_BUGGY: readonly BuggyCase[] = [
  {
    name: 'activity counter: read, add one, write back',
    property: 'no-lost-updates',
    alsoCaughtBy: ['no-stale-overwrite'],
    handler: counterBuggy.handler,
    options: counterBuggy.options,
  },
  { name: 'last-touched stamper that stamps its own updates', property: 'no-self-trigger-loop', handler: stamperBuggy.handler, options: stamperBuggy.options },
  { name: 'status mirror that trusts arrival order', property: 'no-stale-overwrite', handler: statusBuggy.handler, options: statusBuggy.options },
];

export const EVENTS_CORRECT: readonly CorrectCase[] = [
  { name: 'activity counter with a versioned transact', handler: counter.handler, options: counter.options },
  { name: 'last-touched stamper that skips selfGenerated events', handler: stamper.handler, options: stamper.options },
  { name: 'reviewed label written once', handler: label.handler, options: label.options },
  { name: 'status mirror that keeps the newest changelog id', handler: status.handler, options: status.options },
];
