/**
 * The runner's entry: under the harness lock, the check mode picks the runner. A replay path of the
 * exhaustive walk replays that schedule, a sampled one replays that scenario, an exhaustive check walks
 * every schedule, and a default check walks the first level of that walk, then samples scenarios.
 */
import { match } from 'ts-pattern';
import { withHarnessLock } from '../runtime/lock.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import { replaySchedule, runExhaustiveCheck } from './exhaustive.js';
import { CheckObserver } from './check-observer.js';
import { runDefaultCheck } from './default-check.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { CheckResult } from './results.js';
import { runSampledCheck, toResult } from './sampled.js';
import { runEventsRounds } from './events-check.js';
import { replayEventsWalk } from './events-walk.js';

/** Runs one check of a validated handler with resolved options; the lock keeps checks serial. */
export const runCheck = (handler: ForgeHandler, options: ResolvedOptions): Promise<CheckResult> =>
  withHarnessLock(() =>
    match(options.mode)
      .with({ kind: 'sample' }, () => runDefaultCheck(handler, options))
      .with({ kind: 'exhaustive' }, (m) => runExhaustiveCheck(handler, options, m.depth))
      .with({ kind: 'replay', path: { kind: 'sampled' } }, (m) => runSampledCheck(handler, options, m.path))
      .with({ kind: 'replay', path: { kind: 'schedule' } }, (m) => replaySchedule(handler, options, m.path))
      .with({ kind: 'replay', path: { kind: 'events' } }, async (m) => {
        const observer = new CheckObserver(options.properties, options.settings, options.payloadGiven);
        const round = await runEventsRounds(handler, options, m.path);
        observer.noteJudged(round.judged);
        return toResult(options, round.runs, round.failures, observer);
      })
      .with({ kind: 'replay', path: { kind: 'events-walk' } }, (m) => replayEventsWalk(handler, options, m.path))
      .exhaustive(),
  );
