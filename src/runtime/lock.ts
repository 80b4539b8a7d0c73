/**
 * The process-wide harness lock. The globals a check installs are process-global, so two checks
 * running at once (`Promise.all`, `test.concurrent`) would see each other's clock and traffic. Checks
 * queue here; the holder gets a `HarnessSession` with the globals installed for its whole length.
 *
 * The queue lives on `globalThis` under a `Symbol.for` key, not in this module: the ESM and the CJS
 * build of the package (or two copies of it) loaded in one process are different modules, and each
 * must wait for the other's checks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { HarnessUsageError } from '../messages/usage-error.js';
import { refuseFakeTimers } from './fake-timer-guard.js';
import { HarnessSession } from './session.js';

/** What every copy of the harness in the process shares. */
interface SharedLock {
  /** Settles when the last queued check has ended. */
  tail: Promise<void>;
  /** The session of the check each async context belongs to, whichever copy opened it. */
  readonly holder: AsyncLocalStorage<unknown>;
}

/** Versioned, so that a future layout never reads this one. */
const LOCK_KEY = Symbol.for('forge-retry-harness.lock.v1');

const shared = ((): SharedLock => {
  const g = globalThis as unknown as Record<symbol, SharedLock | undefined>;
  const existing = g[LOCK_KEY];
  if (existing !== undefined) return existing;
  const lock: SharedLock = { tail: Promise.resolve(), holder: new AsyncLocalStorage<unknown>() };
  Object.defineProperty(globalThis, LOCK_KEY, { value: lock, writable: false, enumerable: false, configurable: false });
  return lock;
})();

/**
 * The session of the check the calling async context belongs to, if it holds the lock.
 *
 * @example
 * const session = currentSession() ?? fail('drive() outside withHarnessLock');
 */
export const currentSession = (): HarnessSession | undefined => {
  const session = shared.holder.getStore();
  return session instanceof HarnessSession && session.isOpen ? session : undefined;
};

/** A check of another copy of the package holds the lock in this very async context. */
const foreignSession = (): boolean => {
  const session = shared.holder.getStore() as { isOpen?: unknown } | undefined;
  return session !== undefined && !(session instanceof HarnessSession) && session.isOpen === true;
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
  if (foreignSession()) {
    // Waiting would deadlock: the holder is this very call chain.
    throw new HarnessUsageError({
      what: 'a check was started from inside a check of another copy of forge-retry-harness (its ESM and CJS builds, or two installed versions)',
      fix: 'start nested checks through the same import of forge-retry-harness as the outer one',
    });
  }
  const previous = shared.tail;
  let release!: () => void;
  shared.tail = new Promise<void>((resolve) => {
    release = resolve;
  });
  await previous;
  try {
    refuseFakeTimers();
    const session = HarnessSession.open();
    try {
      return await shared.holder.run(session, fn);
    } finally {
      await session.close();
    }
  } finally {
    release();
  }
};
