/**
 * Handlers log (on Forge it goes to `forge logs`), and a check invokes them hundreds of times. While a
 * check runs, console output made from inside an invocation is dropped (or, with `showConsole`, kept
 * on the invocation for the failure report, never printed); output from anywhere else (the
 * test runner, the user's test code) passes through untouched. Routing is by AsyncLocalStorage, like
 * every other simulated service.
 */
import { renderValue } from '../../models/render-value.js';
import { invocationStorage } from './invocation.js';
import { restoreAll, swapProperty, type Restore } from './swap.js';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/** One console call as a report line: strings as written, other values through the one renderer. */
const consoleLine = (method: string, args: readonly unknown[]): string =>
  `${method}: ${args.map((a) => (typeof a === 'string' ? a : renderValue(a, 200))).join(' ')}`;

/**
 * Wraps the console's printing methods so that calls from a handler are dropped; returns the undo.
 *
 * @example
 * const restore = muteHandlerConsole();
 * try { ... } finally { restore(); }
 */
export const muteHandlerConsole = (): Restore => {
  const restores: Restore[] = [];
  for (const method of METHODS) {
    const original = console[method] as (...args: unknown[]) => void;
    restores.push(
      swapProperty(console, method, function (this: unknown, ...args: unknown[]) {
        const inv = invocationStorage.getStore();
        if (inv === undefined) original.apply(this, args);
        else inv.consoleLines?.push(consoleLine(method, args));
      }),
    );
  }
  return () => restoreAll(restores);
};
