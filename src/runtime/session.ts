/**
 * A harness session: the process-global state one check needs, installed once when the check starts
 * and restored exactly when it ends, on every path. The fake clock is installed here too, once per
 * check: installing it per invocation cost a third of a passing check. `runInvocation` resets it to
 * the delivery's instant and drops leftover timers; between invocations no harness code reads it.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { installDispatcher } from './dispatcher.js';
import { createForgeRuntime } from './forge-runtime.js';
import { simulatedForgeFetch } from './forge-fetch.js';
import type { Invocation } from './invocation.js';
import { muteHandlerConsole } from './handler-console.js';
import { realTurn } from './real-turn.js';
import { captureRejections } from './rejections.js';
import { installSeal } from './seal/index.js';
import { restoreAll, swapProperty, type Restore } from './swap.js';
import { stubRandomUuid } from './uuid.js';

/** The globals a check installs. */
/** The globals the fake clock replaces: Date and timers only; undici and the event loop keep real microtasks and setImmediate. */
const FAKED = ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;

/** Bound once: fake-timers captures the real timer functions when it binds to a global. */
const timers = FakeTimers.withGlobal(globalThis);

export class HarnessSession {
  #restores: Restore[] = [];
  #faked: (readonly [string, unknown])[] = [];
  /** The check's fake clock. */
  clock!: ReturnType<typeof timers.install>;
  #invocations: Invocation[] = [];
  #open = true;
  /** The invocation running now, or the last one (where late rejections are recorded). */
  last: Invocation | undefined;

  private constructor() {}

  /**
   * Installs `__forge_fetch__`, `__forge_runtime__`, the simulated dispatcher, the `node:http` guard,
   * the UUID stub, the rejection capture and the handler-console mute. If any step fails, what was installed is restored.
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
      restores.push(captureRejections(() => session.last));
      restores.push(muteHandlerConsole());
      const clock = timers.install({ now: 0, toFake: [...FAKED] });
      restores.push(() => clock.uninstall());
      session.clock = clock;
      session.#faked = FAKED.map((name) => [name, (globalThis as Record<string, unknown>)[name]] as const);
    } catch (error) {
      restoreAll(restores);
      throw error;
    }
    return session;
  }

  /**
   * Puts the fake Date and timers back if a handler replaced them, so that the next invocation, and
   * the uninstall at the end, find the clock as installed.
   */
  reassertClock(): void {
    const g = globalThis as Record<string, unknown>;
    for (const [name, fake] of this.#faked) if (g[name] !== fake) g[name] = fake;
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
