/**
 * Replacing a property of a shared object and putting back exactly what was there: the same property
 * descriptor (value, getter, flags), or no property at all if there was none.
 */

/** Puts a replaced property back. */
export type Restore = () => void;

/**
 * Defines `key` on `target` as a plain writable value and returns how to undo it.
 *
 * @example
 * const restore = swapProperty(globalThis, '__forge_fetch__', simulatedFetch);
 * try { ... } finally { restore(); }
 */
export const swapProperty = (target: object, key: PropertyKey, value: unknown): Restore => {
  const before = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, writable: true, enumerable: before?.enumerable ?? false, configurable: true });
  return () => {
    if (before === undefined) Reflect.deleteProperty(target, key);
    else Object.defineProperty(target, key, before);
  };
};

/**
 * Runs every restore, last installed first, even when some throw; rethrows the first error.
 *
 * @example
 * restoreAll([restoreFetch, restoreRuntime]);
 */
export const restoreAll = (restores: Restore[]): void => {
  let failure: { error: unknown } | undefined;
  while (restores.length > 0) {
    const restore = restores.pop()!;
    try {
      restore();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
};
