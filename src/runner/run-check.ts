/**
 * The runner's entry: under the harness lock, a replay path of the exhaustive walk replays that
 * schedule, an exhaustive check walks every schedule, and anything else samples scenarios.
 */
import { withHarnessLock } from '../runtime/lock.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import { replaySchedule, runExhaustiveCheck } from './exhaustive.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { CheckResult } from './results.js';
import { runSampledCheck } from './sampled.js';

/** Runs one check of a validated handler with resolved options; the lock keeps checks serial. */
export const runCheck = (handler: ForgeHandler, options: ResolvedOptions): Promise<CheckResult> =>
  withHarnessLock(() => {
    if (options.path?.startsWith('x')) return replaySchedule(handler, options, options.path);
    return options.exhaustive > 0 ? runExhaustiveCheck(handler, options) : runSampledCheck(handler, options);
  });
