/**
 * Handler results go into the trace, which reports print and properties compare. A hostile result (a
 * Proxy, a cycle, a huge object) is replaced by a description, so the trace stays plain data while
 * still saying what the handler did.
 */
import { types } from 'node:util';
import { thrownMessage } from '../../models/render-value.js';

/** Results whose JSON is longer than this are summarised. */
const MAX_JSON_CHARS = 64 * 1024;

/**
 * The value itself when it is safe to keep, else a string describing it.
 *
 * @example
 * safeValue(new Proxy({}, {})) // '[Proxy]'
 */
export const safeValue = (value: unknown): unknown => {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (types.isProxy(value)) return '[Proxy]';
  if (value instanceof Error) return value;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && json.length > MAX_JSON_CHARS) return `[a value of ${json.length} characters of JSON]`;
    return value;
  } catch (error) {
    return `[a value JSON cannot represent: ${thrownMessage(error)}]`;
  }
};
