/**
 * One invocation in virtual time. A fake clock (Date and timers only, and only for code inside the
 * invocation, see ./routed-clock.ts: undici and the event loop keep their real microtasks and
 * `setImmediate`) starts at the delivery's scheduled instant. The driver
 * lets the handler run for a real turn at a time; when it has neither settled nor made progress, the
 * clock jumps to the next timer the handler set, so a 10-minute sleep costs nothing. The function
 * timeout is a timer like any other, set first so it wins a tie. A handler that waits on nothing at
 * all is cut off at the timeout as hung.
 */
import { classifyReturn, type Outcome } from '../../models/outcome.js';
import { thrownMessage } from '../../models/render-value.js';
import { after, durationMs, formatOffset, type VirtualMs } from '../../models/time.js';
import type { RequestRecord, RuntimeIssue } from '../../models/trace.js';
import { formatMessage } from '../messages/format.js';
import type { DeliveryHooks, DeliveryUpstream } from '../upstream/simulation.js';
import { pendingModuleTimers } from './handler-module.js';
import { Invocation, invocationStorage } from './invocation.js';
import { realPause, realTurn } from './real-turn.js';
import { hasRealWork } from './real-work.js';
import { safeValue } from './safe-value.js';
import type { RunRandom } from './seeded-random.js';
import type { HarnessSession } from './session.js';

/** Real turns without progress, and without timers to advance, after which the handler counts as hung. */
const HUNG_AFTER_QUIET_TURNS = 3;

/**
 * Real pauses (about 1 ms each) without progress while the handler's real work is pending, after which
 * it counts as hung: a read of a pipe that never ends would otherwise hold the check for ever. Far
 * past any file read, signature, gzip or module load of a handler (each makes progress in
 * milliseconds), so on any machine honest work finishes long before; only what never finishes reaches it.
 */
const REAL_WORK_PATIENCE = 20_000;

/** What one invocation needs. */
export interface InvocationSpec {
  readonly session: HarnessSession;
  readonly delivery: number;
  readonly start: VirtualMs;
  readonly timeoutMs: number;
  readonly openUpstream: (hooks: DeliveryHooks) => DeliveryUpstream;
  readonly nextUuid: () => string;
  /** Keep the handler's console output (for a failure report) instead of dropping it. @defaultValue false */
  readonly captureConsole?: boolean;
  /** The run's seeded randomness, shared by its deliveries. */
  readonly random: RunRandom;
  /** Calls the handler (synchronously; its result may be a promise). */
  readonly call: () => unknown;
}

/** What one invocation came to. */
export interface InvocationResult {
  readonly outcome: Outcome;
  readonly endedAt: VirtualMs;
  readonly requests: readonly RequestRecord[];
  /** Live: late calls of this invocation are still appended while the check runs. */
  readonly issues: RuntimeIssue[];
  /** The handler's console lines, when `captureConsole` was set. */
  readonly console?: readonly string[];
}

/** A user fixture or the harness failed; not a finding about the handler. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

type Settled = { readonly kind: 'returned'; readonly value: unknown } | { readonly kind: 'threw'; readonly error: unknown };

const start = (inv: Invocation, call: () => unknown, onSettled: (s: Settled) => void): void => {
  invocationStorage.run(inv, () => {
    try {
      Promise.resolve(call()).then(
        (value) => onSettled({ kind: 'returned', value }),
        (error: unknown) => onSettled({ kind: 'threw', error }),
      );
    } catch (error) {
      onSettled({ kind: 'threw', error });
    }
  });
};

/**
 * Runs one invocation to its end: returned, threw, timed out, hung or crashed. The fake clock is
 * uninstalled on every path.
 *
 * @example
 * const result = await runInvocation({ session, delivery: 1, start: VIRTUAL_EPOCH, timeoutMs: 25_000, openUpstream, nextUuid, call });
 */
export const runInvocation = async (spec: InvocationSpec): Promise<InvocationResult> => {
  const { clock } = spec.session;
  spec.session.reassertGlobals();
  clock.reset();
  clock.setSystemTime(spec.start);
  try {
    const now = (): VirtualMs => clock.now as VirtualMs;
    const deadline = after(spec.start, durationMs(spec.timeoutMs));
    const hooks: DeliveryHooks = {
      now,
      onCrash: (fault) => inv.crashAt(fault),
      onIssue: (issue) => inv.issues.push(issue),
    };
    const inv: Invocation = new Invocation(spec.delivery, spec.openUpstream(hooks), now, deadline, spec.nextUuid, spec.random);
    spec.session.track(inv);
    // Latency is a timer on the invocation's clock like the handler's own, so the driver moves time to it
    // when nothing else happens; kept apart so that it is never counted as a timer the handler left.
    inv.elapse = (ms) => new Promise<void>((resolve) => clock.setTimeout(() => resolve(), ms));
    if (spec.captureConsole === true) inv.consoleLines = [];

    let timedOut = false;
    clock.setTimeout(() => {
      timedOut = true;
    }, spec.timeoutMs);
    let settled: Settled | undefined;
    let uncaught: { readonly error: unknown } | undefined;
    start(inv, spec.call, (s) => {
      settled ??= s;
      inv.returned = true;
    });

    let seen = -1;
    let quiet = 0;
    let waiting = 0;
    let hung = false;
    while (settled === undefined && !inv.ended && !timedOut) {
      await (hasRealWork(inv) ? realPause() : realTurn());
      inv.jobsThisTurn = 0;
      if (settled !== undefined || inv.ended) break;
      if (inv.activity !== seen) {
        seen = inv.activity;
        quiet = 0;
        waiting = 0;
        continue;
      }
      // Virtual time stands still while real work is pending (./real-work.ts): its result, not the
      // machine's speed, decides what the handler does next.
      if (hasRealWork(inv)) {
        waiting += 1;
        if (waiting < REAL_WORK_PATIENCE) continue;
        inv.issues.push({
          kind: 'hung',
          detail: `the handler waited on real work (a file, crypto or zlib request) that never finished; cut off at the ${spec.timeoutMs / 1000} s timeout`,
        });
        hung = true;
        break;
      }
      quiet += 1;
      // The deadline timer is always pending until it fires; anything beyond it is the handler's.
      if (clock.countTimers() > 1 || quiet >= HUNG_AFTER_QUIET_TURNS) {
        if (clock.countTimers() <= 1) hung = true;
        quiet = 0;
        try {
          invocationStorage.run(inv, () => clock.next());
        } catch (error) {
          // A timer callback threw: on Forge the uncaught exception ends the invocation with an error.
          uncaught = { error };
        }
        if (uncaught !== undefined) break;
      }
    }
    inv.ended = true;
    if (inv.harnessError !== undefined) {
      const cause = inv.harnessError.error;
      throw new HarnessError(formatMessage(`an upstream fixture or the harness failed during delivery ${spec.delivery}: ${thrownMessage(cause)}`), { cause });
    }
    const base = { requests: inv.upstream.requests, issues: inv.issues, ...(inv.consoleLines !== undefined ? { console: inv.consoleLines } : {}) };
    if (inv.crash !== undefined) {
      const { fault } = inv.crash;
      return { ...base, outcome: { kind: 'platform-fault', fault }, endedAt: fault === 'timeout' ? deadline : now() };
    }
    // process.exit() ends the process wherever the handler was: like an uncaught error, whatever it caught.
    if (inv.exit !== undefined) return { ...base, outcome: { kind: 'thrown', error: inv.exit.error }, endedAt: now() };
    if (uncaught !== undefined) return { ...base, outcome: { kind: 'thrown', error: safeValue(uncaught.error) }, endedAt: now() };
    if (settled !== undefined) {
      // Only a handler that returned can be blamed for timers: after a timeout or crash the platform
      // discards the process, pending timers and all.
      // A fresh instance's own timers (set by its top-level code) are not the handler's leftovers.
      const handlerTimers = clock.countTimers() - 1 - pendingModuleTimers(inv.moduleTimers, clock) - inv.inFlight.size;
      if (handlerTimers > 0) inv.issues.push({ kind: 'timers-left-running', count: handlerTimers });
      // Answers still on their way: requests the handler did not wait for (docs/platform.md#requestlatency).
      for (const { what, due } of inv.inFlight.values()) {
        inv.issues.push({
          kind: 'late-call',
          detail: `${what} was still in flight when the handler returned (its answer was due at ${formatOffset(due)}; not awaited)`,
        });
      }
      const outcome: Outcome = settled.kind === 'threw' ? { kind: 'thrown', error: safeValue(settled.error) } : classifyValue(settled.value);
      return { ...base, outcome, endedAt: now() };
    }
    if (hung && !inv.issues.some((i) => i.kind === 'hung'))
      inv.issues.push({ kind: 'hung', detail: `the handler neither settled nor waited on a timer; cut off at the ${spec.timeoutMs / 1000} s timeout` });
    return { ...base, outcome: { kind: 'platform-fault', fault: 'timeout' }, endedAt: deadline };
  } finally {
    // Timers the handler left behind die with the invocation, as they do when Forge ends the process.
    clock.reset();
    spec.session.reassertGlobals();
  }
};

const classifyValue = (value: unknown): Outcome => {
  const outcome = classifyReturn(value);
  return outcome.kind === 'success' ? { kind: 'success', value: safeValue(outcome.value) } : outcome;
};
