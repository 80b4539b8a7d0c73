/**
 * A handler looping on microtasks alone (`while (true) await null`, `while (!done) await
 * Promise.resolve()`) never lets the event loop turn: no timer, no I/O and no test-runner timeout can
 * run again, so the process hangs. On Forge such a loop runs into the function timeout.
 *
 * The harness cannot end it in-process on Node 20: nothing in JavaScript can interrupt a microtask
 * loop, and V8's `terminateExecution` (through `node:inspector`) leaves async_hooks' context stack
 * unbalanced, which aborts Node at its next callback whenever an AsyncLocalStorage is in use, as it
 * always is here. What it can do is notice, deterministically, and not hang silently: a promise
 * hook counts the promise jobs each invocation starts between two real turns of the driver; past
 * SPIN_BOUND, the harness says which delivery is spinning and why on stderr, and ends the process
 * with exit code 1, so that a CI run fails with the reason instead of hanging until it is killed.
 */
import { promiseHooks } from 'node:v8';
import { invocationStorage } from './invocation.js';
import { realExit } from './process-exit.js';
import type { Restore } from './swap.js';

/**
 * Promise jobs one invocation may start without a real turn. Far past any handler's honest work
 * (a million awaits in one go is seconds of pure CPU) and reached by a spinning loop in about two
 * seconds.
 */
export const SPIN_BOUND = 10_000_000;

/** The spin's diagnosis, for stderr. */
export const spinMessage = (delivery: number): string =>
  `forge-retry-harness: the handler in delivery ${delivery} started ${SPIN_BOUND.toLocaleString('en-US')} promise jobs without ever yielding to the event loop ` +
  '(a loop such as `while (true) await null` or `while (!done) await Promise.resolve()`). On Forge it would run into the function timeout; ' +
  'in this process nothing can interrupt it, so the harness ends the process. Make the loop wait on a timer or on I/O, or bound it.\n';

/**
 * Counts each invocation's promise jobs for the length of a check; returns how to stop counting.
 *
 * @example
 * const restore = guardSpins();
 */
export const guardSpins = (): Restore => {
  const stop = promiseHooks.onInit(() => {
    const inv = invocationStorage.getStore();
    if (inv === undefined || inv.ended) return;
    inv.promisesThisTurn += 1;
    if (inv.promisesThisTurn < SPIN_BOUND) return;
    process.stderr.write(spinMessage(inv.delivery));
    realExit(1);
  }) as () => void;
  return () => stop();
};
