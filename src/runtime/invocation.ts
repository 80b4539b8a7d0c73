/**
 * The state of one simulated invocation, as the simulated platform services see it. It is the value
 * of the AsyncLocalStorage below: every `__forge_fetch__` or Node `fetch` call finds the invocation it
 * belongs to through its async context, never through "whatever runs now", so a promise leaked by a
 * finished invocation cannot reach the next one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { InjectedFault, RuntimeIssue } from '../../models/trace.js';
import type { VirtualMs } from '../../models/time.js';
import { formatMessage } from '../messages/format.js';
import type { DeliveryUpstream } from '../upstream/simulation.js';
import type { RunRandom } from './seeded-random.js';

/** A crash the plan injected at a request. */
export type CrashFault = Extract<InjectedFault, { kind: 'crash-at-request' }>;

/** One invocation of the handler. */
export class Invocation {
  /** True once the invocation is over (returned, threw, timed out, crashed): later calls are late calls. */
  ended = false;
  /** True once the check is over: late calls are still refused but no longer recorded. */
  sealed = false;
  /**
   * True once the handler's promise settled. A request answered after that is one the handler did not
   * await: on Forge the process is frozen or ended when the handler returns, so it is work left running.
   */
  returned = false;
  /** Bumped on every request and answer: the driver's sign that the handler is still making progress. */
  activity = 0;
  crash: CrashFault | undefined;
  /** An error of the harness or of a user fixture; the driver rethrows it after cleaning up. */
  harnessError: { readonly error: unknown } | undefined;
  /** Set when the handler called `process.exit()`: the invocation failed with this error. */
  exit: { readonly error: Error } | undefined;
  /** Real asynchronous work (file, crypto, zlib requests) the invocation started that has not finished (./real-work.ts). */
  readonly realWork = new Map<number, { readonly type: string; readonly resource: object }>();
  /** Promise and microtask jobs started since the driver's last real turn (./spin-guard.ts). */
  jobsThisTurn = 0;
  readonly issues: RuntimeIssue[] = [];
  /** The handler's console output, one line per call, when the check shows it (`showConsole`); else dropped. */
  consoleLines: string[] | undefined;
  /** Requests (by seq) answered by the simulation whose answers have not been handed to the handler yet. */
  readonly undelivered = new Set<number>();
  /** Timers (fake-clock ids) set by the top-level code of a module instance loaded in this invocation (./handler-module.ts). */
  readonly moduleTimers = new Set<string>();
  /**
   * True while a module instance is evaluated synchronously in this invocation: what the loader opens
   * meanwhile (a module loader's message port, a cache file) is its own housekeeping, not the handler's
   * real work, and must not hold virtual time (./real-work.ts).
   */
  loadingModule = false;
  /**
   * Requests (by seq) whose answers are on their way in virtual time (their latency), with what they
   * were and when the answer is due: if the handler returns first, each was work left running.
   */
  readonly inFlight = new Map<number, { readonly what: string; readonly due: VirtualMs }>();
  /** Waits `ms` of virtual time on the invocation's clock (set by the driver, ./run-invocation.ts). */
  elapse: (ms: number) => Promise<void> = () => Promise.resolve();

  constructor(
    /** The 1-based delivery number, for messages. */
    readonly delivery: number,
    readonly upstream: DeliveryUpstream,
    /** Virtual now (the invocation's fake clock). */
    readonly now: () => VirtualMs,
    /** Virtual instant at which the function times out. */
    readonly deadline: VirtualMs,
    /** Deterministic UUIDs for `crypto.randomUUID` during the invocation. */
    readonly nextUuid: () => string,
    /** The run's seeded randomness (./seeded-random.ts). */
    readonly random: RunRandom,
  ) {}

  /** Ends the invocation at an injected crash. */
  crashAt(fault: CrashFault): void {
    this.crash = fault;
    this.ended = true;
  }

  /** Ends the invocation as the handler's `process.exit()` would end its process. */
  exitWith(error: Error): void {
    this.exit ??= { error };
    this.ended = true;
  }

  /**
   * Records `what` as work left running when the handler has already returned: an answer it did not
   * await (docs/platform.md, "Outbound request limits": work left running after return).
   */
  noteIfReturned(what: string): void {
    if (this.returned && !this.sealed) this.issues.push({ kind: 'late-call', detail: `${what} was still running when the handler returned (not awaited)` });
  }

  /** Records a harness or fixture error and ends the invocation. */
  fail(error: unknown): void {
    this.harnessError ??= { error };
    this.ended = true;
  }
}

/** Where each async context finds its invocation. */
export const invocationStorage = new AsyncLocalStorage<Invocation>();

/** Thrown to the handler when it calls a Forge service outside a live invocation. */
export class HarnessCallError extends Error {
  override readonly name = 'HarnessCallError';
}

/**
 * The live invocation of the calling async context. A call from a finished invocation is a late call:
 * it is recorded on that invocation (while its check runs) and refused; a call from no invocation at
 * all is refused with an explanation.
 *
 * @example
 * const inv = requireLiveInvocation('__forge_fetch__ /rest/api/3/issue');
 */
export const requireLiveInvocation = (what: string): Invocation => {
  const inv = invocationStorage.getStore();
  if (inv === undefined) {
    throw new HarnessCallError(
      formatMessage(`${what} was called outside any simulated invocation. Forge services are only available while the harness runs a handler.`),
    );
  }
  if (inv.ended) {
    const detail = `${what} after delivery ${inv.delivery} had ended`;
    if (!inv.sealed) inv.issues.push({ kind: 'late-call', detail });
    throw new HarnessCallError(formatMessage(`late call: ${detail}. On Forge the invocation's process is gone by then; the call is refused.`));
  }
  return inv;
};
