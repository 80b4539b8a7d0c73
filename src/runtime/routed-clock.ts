/**
 * Virtual time for the handler, real time for everyone else. The check's fake clock is never installed
 * as the process's clock: `Date`, `setTimeout`, `setInterval` and their `clear*` (on globalThis and
 * on `node:timers`), `setTimeout`/`setInterval`/`setImmediate` and `scheduler.wait` of
 * `node:timers/promises`, `performance.now()` and `process.hrtime` (and `.bigint`) are replaced by
 * functions that route by async context, like every other simulated service: a call from inside an
 * invocation reaches the fake clock, a call from anywhere else (the test runner, a `test.concurrent`
 * neighbour awaiting a real timer, the harness itself) reaches the real one.
 *
 * Two details follow Node rather than the fake-timers defaults. A delay below 1 ms (or NaN, or past
 * 2^31 - 1) is 1 ms, as Node makes it, so a `while (true) await sleep(0)` loop moves virtual time on
 * and ends at the function timeout. A timer callback runs in the async context that set it, so a
 * timer left by a finished invocation fires as that invocation's late call, not the current one's.
 */
import { syncBuiltinESMExports } from 'node:module';
import nodeTimers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { promisify } from 'node:util';
import type FakeTimers from '@sinonjs/fake-timers';
import { VIRTUAL_EPOCH } from '../../models/time.js';
import { invocationStorage } from './invocation.js';
import { restoreAll, swapProperty, type Restore } from './swap.js';

/** The check's clock, created unattached (`createClock`), advanced only by the invocation driver. */
export type VirtualClock = FakeTimers.Clock;

type Fn = (...args: unknown[]) => unknown;

/** The real clock's functions, as they are when a check starts (./fake-timer-guard.ts has made sure they are real). */
const realClock = () =>
  ({
    Date: globalThis.Date,
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    promisesSetTimeout: timersPromises.setTimeout,
    promisesSetInterval: timersPromises.setInterval,
    promisesSetImmediate: timersPromises.setImmediate,
    schedulerWait: timersPromises.scheduler.wait,
    performanceNow: globalThis.performance.now,
    hrtime: process.hrtime,
  }) as const;

/**
 * What `performance.now()` and `process.hrtime` count from inside an invocation: the virtual epoch, as
 * if the process had started when the event was enqueued. Any fixed origin would do; a fixed one keeps
 * the values the handler sees the same on every run.
 */
const MONOTONIC_ORIGIN = VIRTUAL_EPOCH;

const NS_PER_MS = 1_000_000n;

/** Node's bound on a timer delay; past it (and below 1) Node uses 1 ms. */
const TIMEOUT_MAX = 2 ** 31 - 1;

/** fake-timers numbers its timers from 1e12 up, clear of Node's own small timer ids. */
const FAKE_ID_START = 1e12;

/**
 * The delay Node would use for `ms`.
 *
 * @example
 * nodeDelay(0) // 1
 */
export const nodeDelay = (ms: unknown): number => {
  const after = Number(ms);
  return after >= 1 && after <= TIMEOUT_MAX ? after : 1;
};

const inInvocation = (): boolean => invocationStorage.getStore() !== undefined;

/** The globals the routed clock replaces, by name, as installed (for putting back what a handler replaced). */
export type RoutedGlobals = ReadonlyMap<string, unknown>;

/**
 * Installs the routing for `clock`; returns how to undo it and the routed globals as installed.
 *
 * @example
 * const { restore } = routeClock(FakeTimers.withGlobal(globalThis).createClock(0));
 */
export const routeClock = (clock: VirtualClock): { readonly restore: Restore; readonly globals: RoutedGlobals } => {
  const REAL = realClock();
  const fakeHandles = new WeakSet<object>();
  const isFake = (handle: unknown): boolean => (handle !== null && typeof handle === 'object' ? fakeHandles.has(handle) : Number(handle) >= FAKE_ID_START);

  const schedule = (kind: 'setTimeout' | 'setInterval') =>
    function routedSchedule(this: unknown, callback: unknown, ms?: unknown, ...args: unknown[]): unknown {
      const inv = invocationStorage.getStore();
      if (inv === undefined) return (REAL[kind] as Fn).call(this, callback, ms, ...args);
      // Bound to this copy's invocation store only: AsyncResource.bind costs ~30 µs a timer.
      const bound = typeof callback === 'function' ? (...a: unknown[]) => invocationStorage.run(inv, () => (callback as Fn)(...a)) : callback;
      const handle = (clock[kind] as Fn)(bound, nodeDelay(ms), ...args);
      if (handle !== null && typeof handle === 'object') fakeHandles.add(handle);
      return handle;
    };
  const clear = (kind: 'clearTimeout' | 'clearInterval') =>
    function routedClear(this: unknown, handle: unknown): void {
      if (isFake(handle)) (clock[kind] as Fn)(handle);
      else (REAL[kind] as Fn).call(this, handle);
    };

  const setTimeout = schedule('setTimeout');
  const setInterval = schedule('setInterval');
  const sleep = (ms: unknown, value: unknown, signal: AbortSignal | undefined): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted === true) return reject(signal.reason);
      const onAbort = (): void => {
        clock.clearTimeout(handle as never);
        reject(signal?.reason);
      };
      const handle = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  const promisesSetTimeout = (ms?: unknown, value?: unknown, options?: { signal?: AbortSignal }): Promise<unknown> =>
    inInvocation() ? sleep(ms, value, options?.signal) : ((REAL.promisesSetTimeout as Fn)(ms, value, options) as Promise<unknown>);
  const promisesSetInterval = (ms?: unknown, value?: unknown, options?: { signal?: AbortSignal }): AsyncIterable<unknown> =>
    inInvocation()
      ? (async function* fakeInterval() {
          for (;;) yield await sleep(ms, value, options?.signal);
        })()
      : ((REAL.promisesSetInterval as Fn)(ms, value, options) as AsyncIterable<unknown>);
  // An immediate does not move virtual time; it goes through the contained global `setImmediate`
  // (./immediates.ts), so that one left by a finished check never resolves into the test runner.
  const promisesSetImmediate = (value?: unknown, options?: { signal?: AbortSignal }): Promise<unknown> =>
    inInvocation()
      ? new Promise((resolve, reject) => {
          if (options?.signal?.aborted === true) return reject(options.signal.reason);
          globalThis.setImmediate(() => resolve(value));
        })
      : ((REAL.promisesSetImmediate as Fn)(value, options) as Promise<unknown>);
  const realScheduler = timersPromises.scheduler;
  const schedulerWait = (ms?: unknown, options?: { signal?: AbortSignal }): Promise<unknown> =>
    inInvocation() ? sleep(ms, undefined, options?.signal) : ((REAL.schedulerWait as Fn).call(realScheduler, ms, options) as Promise<unknown>);
  // `util.promisify(setTimeout)` reads this; Node's own points at timers/promises.
  Object.defineProperty(setTimeout, promisify.custom, { value: promisesSetTimeout });

  const virtualNs = (): bigint => BigInt(clock.now - MONOTONIC_ORIGIN) * NS_PER_MS;
  const performanceNow = function now(this: unknown): number {
    return inInvocation() ? clock.now - MONOTONIC_ORIGIN : (REAL.performanceNow as () => number).call(globalThis.performance);
  };
  const hrtime = Object.assign(
    function hrtime(previous?: readonly [number, number]): [number, number] {
      if (!inInvocation()) return REAL.hrtime(previous as [number, number] | undefined);
      let ns = virtualNs();
      if (Array.isArray(previous)) ns -= BigInt(previous[0]) * 1_000_000_000n + BigInt(previous[1]);
      return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
    },
    { bigint: (): bigint => (inInvocation() ? virtualNs() : REAL.hrtime.bigint()) },
  );

  const now = (): number => (inInvocation() ? clock.now : REAL.Date.now());
  const Date: DateConstructor = new Proxy(REAL.Date, {
    construct: (target, args: unknown[], newTarget): object =>
      inInvocation()
        ? Reflect.construct(clock.Date, args, newTarget === Date ? clock.Date : newTarget)
        : Reflect.construct(target, args, newTarget === Date ? target : newTarget),
    apply: (target) => (inInvocation() ? new target(clock.now).toString() : target()),
    get: (target, key) => (key === 'now' ? now : Reflect.get(target, key)),
  });

  const timers = { setTimeout, clearTimeout: clear('clearTimeout'), setInterval, clearInterval: clear('clearInterval') };
  const globals = new Map<string, unknown>([['Date', Date], ...Object.entries(timers)]);
  const restores: Restore[] = [];
  try {
    for (const [name, value] of globals) restores.push(swapProperty(globalThis, name, value));
    for (const [name, value] of Object.entries(timers)) restores.push(swapProperty(nodeTimers, name, value));
    restores.push(swapProperty(timersPromises, 'setTimeout', promisesSetTimeout));
    restores.push(swapProperty(timersPromises, 'setInterval', promisesSetInterval));
    restores.push(swapProperty(timersPromises, 'setImmediate', promisesSetImmediate));
    restores.push(swapProperty(realScheduler, 'wait', schedulerWait));
    restores.push(swapProperty(globalThis.performance, 'now', performanceNow));
    restores.push(swapProperty(process, 'hrtime', hrtime));
    syncBuiltinESMExports();
  } catch (error) {
    restoreAll(restores);
    syncBuiltinESMExports();
    throw error;
  }
  return {
    globals,
    restore: () => {
      try {
        restoreAll(restores);
      } finally {
        syncBuiltinESMExports();
      }
    },
  };
};
