/**
 * One turn of the real event loop, taken with the `setImmediate` captured when this module loaded:
 * fake timers never replace it, and one turn drains every microtask and `process.nextTick` queued so
 * far, which is all an upstream answer of the simulation needs.
 */
const realSetImmediate = globalThis.setImmediate;

/**
 * Resolves after the current macrotask and all queued microtasks.
 *
 * @example
 * await realTurn();
 */
export const realTurn = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

const realSetTimeout = globalThis.setTimeout;

/**
 * Resolves after about a millisecond of real time: how the driver waits while the handler's real
 * work (a file read, a crypto job) is pending, without keeping a core busy with turns.
 *
 * @example
 * await realPause();
 */
export const realPause = (): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, 1));
