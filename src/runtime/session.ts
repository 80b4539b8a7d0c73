/**
 * A harness session: the process-global state one check needs, installed once when the check starts
 * and restored exactly when it ends, on every path. The fake clock is created here too, once per
 * check: making one per invocation cost a third of a passing check. `runInvocation` resets it to
 * the delivery's instant and drops leftover timers; only code inside an invocation reads it.
 * Around every invocation, what a handler may have replaced on purpose or by accident (the routed
 * Date and timers, `globalThis.fetch`, `process.exitCode`) is put back as the check found it.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { installDispatcher } from './dispatcher.js';
import { createForgeRuntime } from './forge-runtime.js';
import { simulatedForgeFetch } from './forge-fetch.js';
import type { Invocation } from './invocation.js';
import { muteHandlerConsole } from './handler-console.js';
import { realTurn } from './real-turn.js';
import { routeClock, type RoutedGlobals, type VirtualClock } from './routed-clock.js';
import { captureRejections } from './rejections.js';
import { installSeal } from './seal/index.js';
import { restoreAll, swapProperty, type Restore } from './swap.js';
import { stubRandomUuid } from './uuid.js';
import { trapProcessExit } from './process-exit.js';
import { guardSpins } from './spin-guard.js';
import { containImmediates } from './immediates.js';
import { trackRealWork } from './real-work.js';
import { seedRandomness } from './seeded-random.js';

const sameDescriptor = (a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.value === b.value &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable);

/** Bound once: fake-timers captures the real Date when it binds to a global; its clocks' Date extends it. */
const timers = FakeTimers.withGlobal(globalThis);

export class HarnessSession {
  #restores: Restore[] = [];
  #routed: RoutedGlobals = new Map();
  #fetch: PropertyDescriptor | undefined;
  #exitCode: typeof process.exitCode;
  /** The check's fake clock: what invocations see as Date and timers (./routed-clock.ts). */
  clock!: VirtualClock;
  #invocations: Invocation[] = [];
  #open = true;
  /** The invocation running now, or the last one (where late rejections are recorded). */
  last: Invocation | undefined;

  private constructor() {}

  /**
   * Installs `__forge_fetch__`, `__forge_runtime__`, the simulated dispatcher, the seal on the network
   * and child processes, the UUID stub, the rejection capture, the handler-console mute, the
   * `process.exit` trap, the spin guard, the `setImmediate` containment and the routed clock. If any step fails, what was installed
   * is restored.
   *
   * @example
   * const session = HarnessSession.open();
   * try { ... } finally { await session.close(); }
   */
  static open(): HarnessSession {
    const session = new HarnessSession();
    const restores = session.#restores;
    try {
      restores.push(swapProperty(globalThis, '__forge_fetch__', simulatedForgeFetch));
      restores.push(swapProperty(globalThis, '__forge_runtime__', createForgeRuntime()));
      restores.push(installDispatcher());
      restores.push(installSeal());
      restores.push(stubRandomUuid());
      restores.push(seedRandomness());
      restores.push(captureRejections(() => session.last));
      restores.push(muteHandlerConsole());
      restores.push(trapProcessExit());
      restores.push(guardSpins());
      restores.push(containImmediates());
      restores.push(trackRealWork());
      session.#fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
      session.#exitCode = process.exitCode;
      const clock = timers.createClock(0);
      const routed = routeClock(clock);
      restores.push(routed.restore);
      session.clock = clock;
      session.#routed = routed.globals;
    } catch (error) {
      restoreAll(restores);
      throw error;
    }
    return session;
  }

  /**
   * Puts back what a handler replaced: the routed Date and timers (so that the next invocation, and
   * the restore at the end, find the clock as installed), `globalThis.fetch` and `process.exitCode`.
   */
  reassertGlobals(): void {
    const g = globalThis as Record<string, unknown>;
    for (const [name, routed] of this.#routed) if (g[name] !== routed) g[name] = routed;
    const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    if (!sameDescriptor(fetch, this.#fetch)) {
      if (this.#fetch === undefined) Reflect.deleteProperty(globalThis, 'fetch');
      else Object.defineProperty(globalThis, 'fetch', this.#fetch);
    }
    if (process.exitCode !== this.#exitCode) process.exitCode = this.#exitCode;
  }

  /** Whether the session's globals are installed. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Registers an invocation of this session (so that it can be sealed at the end). */
  track(inv: Invocation): void {
    this.#invocations.push(inv);
    this.last = inv;
  }

  /**
   * Restores every global. Waits one real turn first, so that rejections the last invocation left
   * behind are recorded on it rather than reported to the test runner.
   *
   * @example
   * await session.close();
   */
  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    try {
      await realTurn();
    } finally {
      for (const inv of this.#invocations) {
        inv.ended = true;
        inv.sealed = true;
      }
      this.#invocations = [];
      this.last = undefined;
      restoreAll(this.#restores);
    }
  }
}
