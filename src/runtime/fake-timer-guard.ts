/**
 * A check needs the real clock underneath its own. When the test has fake timers on
 * (`vi.useFakeTimers()`, `jest.useFakeTimers()`, a sinon clock), the check would run on someone else's
 * clock, which nothing advances; it is refused before the run, saying what to do.
 */
import { HarnessUsageError } from '../messages/usage-error.js';

/** The clock globals a test runner's fake timers replace. */
const CLOCK_GLOBALS = ['Date', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'queueMicrotask'] as const;

/**
 * Marks fake timers leave: fake-timers (vitest's, Jest's modern timers, sinon) sets `isFake` on its
 * Date, `clock` on it and on its timer functions, `hadOwnProperty` on what it hijacked; Jest's legacy
 * timers are mock functions.
 */
const isFaked = (value: unknown): boolean => {
  if (typeof value !== 'function') return false;
  const marks = value as unknown as Record<string, unknown>;
  return marks['isFake'] === true || 'clock' in value || Object.hasOwn(value, 'hadOwnProperty') || marks['_isMockFunction'] === true;
};

/**
 * The name of the first faked clock global, if any.
 *
 * @example
 * fakedClockGlobal() // undefined with real timers, 'Date' after vi.useFakeTimers()
 */
export const fakedClockGlobal = (): string | undefined => {
  const g = globalThis as unknown as Record<string, unknown>;
  const faked = CLOCK_GLOBALS.find((name) => isFaked(g[name]));
  if (faked !== undefined) return faked;
  return isFaked(process.nextTick) ? 'process.nextTick' : undefined;
};

/**
 * Throws a HarnessUsageError when fake timers are on.
 *
 * @example
 * refuseFakeTimers(); // before a session opens
 */
export const refuseFakeTimers = (): void => {
  const faked = fakedClockGlobal();
  if (faked === undefined) return;
  throw new HarnessUsageError({
    what: `fake timers are on (${faked} is faked, e.g. by vi.useFakeTimers() or jest.useFakeTimers()); a check runs the handler on a virtual clock of its own and needs the real one underneath`,
    fix: 'call vi.useRealTimers() (or jest.useRealTimers(), clock.uninstall()) before the check; the check still gives the handler virtual time',
  });
};
