/**
 * `setImmediate` stays real inside an invocation (undici and the driver's own turns need the real
 * event loop), but a chain of immediates a handler leaves running must not outlive its check: it
 * would keep a Jest worker alive and throw its late rejections into the test runner after the
 * check has returned. Immediates scheduled from inside an invocation are dropped once its check is
 * over (the invocation is sealed); until then they run, and what they do is recorded as late calls.
 */
import { promisify } from 'node:util';
import { invocationStorage } from './invocation.js';
import { swapProperty, type Restore } from './swap.js';

type Fn = (...args: unknown[]) => unknown;

/**
 * Replaces `globalThis.setImmediate` for the length of a check; returns how to put it back.
 *
 * @example
 * const restore = containImmediates();
 */
export const containImmediates = (): Restore => {
  const real = globalThis.setImmediate as unknown as Fn;
  const contained = function setImmediate(this: unknown, callback: unknown, ...args: unknown[]): unknown {
    const inv = invocationStorage.getStore();
    if (inv === undefined || typeof callback !== 'function') return real.call(this, callback, ...args);
    return real.call(
      this,
      function containedImmediate(this: unknown, ...a: unknown[]) {
        if (!inv.sealed) return (callback as Fn).apply(this, a);
        return undefined;
      },
      ...args,
    );
  };
  // `util.promisify(setImmediate)` keeps Node's own behaviour.
  const custom = Object.getOwnPropertyDescriptor(real, promisify.custom);
  if (custom !== undefined) Object.defineProperty(contained, promisify.custom, custom);
  return swapProperty(globalThis, 'setImmediate', contained);
};
