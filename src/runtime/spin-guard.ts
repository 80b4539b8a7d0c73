/**
 * A handler looping on microtasks alone (`while (true) await null`, `while (!done) await
 * Promise.resolve()`) never lets the event loop turn: no timer, no I/O and no test-runner timeout can
 * run again, so the process hangs. On Forge such a loop runs into the function timeout.
 *
 * The harness cannot end it in-process on Node 20: nothing in JavaScript can interrupt a microtask
 * loop, and V8's `terminateExecution` (through `node:inspector`) leaves async_hooks' context stack
 * unbalanced, which aborts Node at its next callback whenever an AsyncLocalStorage is in use, as it
 * always is here. What it can do is notice, deterministically, and not hang silently: a promise
 * hook, and wrappers of `process.nextTick` and `queueMicrotask`, count the jobs each invocation
 * starts between two real turns of the driver; past SPIN_BOUND, the harness says which delivery is
 * spinning and why on stderr, and ends the process with exit code 1, so that a CI run fails with
 * the reason instead of hanging until it is killed.
 */
import { MESSAGE_PREFIX } from '../messages/format.js';
import { promiseHooks } from 'node:v8';
import { invocationStorage } from './invocation.js';
import { realExit } from './process-exit.js';
import { restoreAll, swapProperty, type Restore } from './swap.js';

type Fn = (...args: unknown[]) => unknown;

/**
 * Promise jobs one invocation may start without a real turn. Far past any handler's honest work
 * (a million awaits with nothing to wait on, in one go, is already a second of pure CPU) and
 * reached by a spinning loop in a second or two.
 */
export const SPIN_BOUND = 5_000_000;

/** The spin's diagnosis, for stderr. */
export const spinMessage = (delivery: number): string =>
  `${MESSAGE_PREFIX} the handler in delivery ${delivery} started ${SPIN_BOUND.toLocaleString('en-US')} promise and microtask jobs without ever yielding to the event loop ` +
  '(a loop such as `while (true) await null` or `while (!done) await Promise.resolve()`). On Forge it would run into the function timeout; ' +
  'in this process nothing can interrupt it, so the harness ends the process. Make the loop wait on a timer or on I/O, or bound it.\n';

/**
 * Counts each invocation's jobs for the length of a check; returns how to stop counting.
 *
 * @example
 * const restore = guardSpins();
 */
export const guardSpins = (): Restore => {
  const count = (): void => {
    const inv = invocationStorage.getStore();
    if (inv === undefined || inv.ended) return;
    inv.jobsThisTurn += 1;
    if (inv.jobsThisTurn < SPIN_BOUND) return;
    process.stderr.write(spinMessage(inv.delivery));
    realExit(1);
  };
  const counted = <T extends Fn>(original: T): T =>
    function countedJob(this: unknown, ...args: unknown[]) {
      count();
      return original.apply(this, args);
    } as T;
  const restores: Restore[] = [];
  const stop = promiseHooks.onInit(count) as () => void;
  restores.push(() => stop());
  restores.push(swapProperty(process, 'nextTick', counted(process.nextTick as Fn)));
  restores.push(swapProperty(globalThis, 'queueMicrotask', counted(globalThis.queueMicrotask as Fn)));
  return () => restoreAll(restores);
};
