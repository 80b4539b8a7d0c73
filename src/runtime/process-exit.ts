/**
 * `process.exit()` or `process.abort()` in a handler would end the test process (and the CLI with exit
 * code 0, CI green). On Forge it ends the invocation's process: the invocation fails. For the length of
 * a check, a call from inside an invocation ends that invocation instead, as a crash the driver
 * reports like an uncaught error (so survives-every-delivery judges it); a call from anywhere else
 * passes through.
 */
import { invocationStorage } from './invocation.js';
import { restoreAll, swapProperty, type Restore } from './swap.js';

/** What the handler's `process.exit()` throws to unwind its own code; the invocation has already ended. */
export class ProcessExitError extends Error {
  override readonly name = 'ProcessExitError';
}

const describeCode = (code: unknown): string => {
  if (code === undefined) return '';
  return typeof code === 'number' || typeof code === 'string' ? String(code) : typeof code;
};

/** The real `process.exit`, for the harness's own last resort (./spin-guard.ts), whatever is installed. */
export const realExit: (code?: number) => never = process.exit.bind(process);

/**
 * Replaces `process.exit` and `process.abort`; returns how to put them back.
 *
 * @example
 * const restore = trapProcessExit();
 */
export const trapProcessExit = (): Restore => {
  const restores: Restore[] = [];
  for (const fn of ['exit', 'abort'] as const) {
    const original = process[fn] as (...args: unknown[]) => never;
    restores.push(
      swapProperty(process, fn, function trappedExit(this: unknown, ...args: unknown[]): never {
        const inv = invocationStorage.getStore();
        if (inv === undefined) return original.apply(this, args);
        const call = `process.${fn}(${fn === 'exit' ? describeCode(args[0]) : ''})`;
        if (inv.ended && !inv.sealed) inv.issues.push({ kind: 'late-call', detail: `${call} after delivery ${inv.delivery} had ended` });
        const error = new ProcessExitError(
          `the handler called ${call} during delivery ${inv.delivery}: on Forge that ends the invocation's process, so the invocation fails`,
        );
        inv.exitWith(error);
        throw error;
      }),
    );
  }
  return () => restoreAll(restores);
};
