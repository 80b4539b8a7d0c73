/**
 * The process-wide harness lock. Fake timers and the Forge globals are process-global, so two checks
 * running at once (`Promise.all`, `test.concurrent`) would see each other's clock and traffic. Checks
 * queue here; the holder gets a `HarnessSession` with the globals installed for its whole length.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { HarnessSession } from './session.js';

const holder = new AsyncLocalStorage<HarnessSession>();
let tail: Promise<void> = Promise.resolve();

/**
 * The session of the check the calling async context belongs to, if it holds the lock.
 *
 * @example
 * const session = currentSession() ?? fail('drive() outside withHarnessLock');
 */
export const currentSession = (): HarnessSession | undefined => {
  const session = holder.getStore();
  return session?.isOpen === true ? session : undefined;
};

/**
 * Runs `fn` holding the harness lock, with the simulated Forge globals installed, and restores every
 * global afterwards, whether `fn` returns, throws or its handler hung. Re-entrant: a call from inside
 * `fn` (e.g. `drive()` within a check) runs directly in the same session.
 *
 * @example
 * const traces = await withHarnessLock(async () => [await drive(a), await drive(b)]);
 */
export const withHarnessLock = async <T>(fn: () => T | Promise<T>): Promise<T> => {
  if (currentSession() !== undefined) return fn();
  const previous = tail;
  let release!: () => void;
  tail = new Promise<void>((resolve) => {
    release = resolve;
  });
  await previous;
  try {
    const session = HarnessSession.open();
    try {
      return await holder.run(session, fn);
    } finally {
      await session.close();
    }
  } finally {
    release();
  }
};
