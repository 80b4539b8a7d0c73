/** Reading thrown values without trusting them: a hostile value must not break a judgment. */

// The one renderer of thrown values lives with the other value renderers; re-exported here because
// the report's timeline still imports it from this path.
export { describeThrown } from '../../models/render-value.js';

/** The name of an error's class as it reports itself, or undefined for non-Errors. */
export const errorName = (error: unknown): string | undefined => {
  try {
    return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error && 'message' in error)
      ? String((error as { name: unknown }).name)
      : undefined;
  } catch {
    return undefined;
  }
};
