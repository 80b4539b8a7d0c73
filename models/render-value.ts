/**
 * The one value renderer of the harness: every report line, property message and usage error that shows
 * a value the handler or the user gave renders it here, so one value always reads the same. It lives in
 * models/, the bottom layer, so that the model, the properties and src/ can all use it. Short, safe
 * against hostile values (a Proxy whose traps throw), deterministic: no function here ever throws.
 *
 * Four forms, one per question a message asks:
 * - `renderValue`: what the value is (`{"a":1}`, `"x"`, `10n`), for report lines;
 * - `describeInput`: what kind of input it is (`"x"`, `number -3`, `an array`), for usage errors;
 * - `kindOf`: its type alone (`string`, `array`, `null`), for "retryData is string";
 * - `describeThrown` / `thrownMessage`: what was thrown (`TypeError: x is undefined`), for failures.
 */

/** How long a thrown value's or a usage input's rendering may get before it is cut. */
const DETAIL_MAX = 120;

/**
 * Cuts text longer than `max` characters to `max`, ending in `...`: the one cutting rule of messages.
 *
 * @example
 * cutText('abcdef', 5) // 'ab...'
 */
export const cutText = (text: string, max: number): string => (text.length > max ? `${text.slice(0, Math.max(0, max - 3))}...` : text);

/**
 * A value as compact JSON-like text, cut at `max` characters; never throws.
 *
 * @example
 * renderValue({ a: 1 }) // '{"a":1}'
 * renderValue(10n)      // '10n'
 */
export const renderValue = (value: unknown, max = 80): string => {
  let text: string;
  try {
    if (value === undefined) text = 'undefined';
    else if (typeof value === 'bigint') text = `${value}n`;
    else if (typeof value === 'function') text = '[function]';
    else if (typeof value === 'string') text = JSON.stringify(value);
    else if (typeof value === 'number') text = String(value);
    else text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    text = typeof value === 'object' && value !== null ? '[object that cannot be serialised]' : String(value);
  }
  return cutText(text, max);
};

/**
 * The type of a value as a message names it: `typeof`, except that null and arrays are named.
 *
 * @example
 * kindOf([1]) // 'array'
 */
export const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  try {
    if (Array.isArray(value)) return 'array';
  } catch {
    // Array.isArray throws on a revoked Proxy; it is then some object.
  }
  return typeof value;
};

/**
 * What kind of value this is, for a usage error: strings are quoted, containers are named, scalars keep
 * their type: `"x"`, `a function`, `an array`, `null`, `an object`, `number NaN`, `undefined`.
 *
 * @example
 * describeInput(-3) // 'number -3'
 */
export const describeInput = (value: unknown): string => {
  if (typeof value === 'string') return renderValue(value, DETAIL_MAX);
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  const kind = kindOf(value);
  if (kind === 'array') return 'an array';
  if (kind === 'null') return 'null';
  return kind === 'object' ? 'an object' : `${kind} ${renderValue(value)}`;
};

/**
 * What a handler threw (or rejected with), without trusting it: an Error as `name: message`, anything
 * else named by its type and rendered, cut at 120 characters.
 *
 * @example
 * describeThrown(new TypeError('x is undefined')) // 'TypeError: x is undefined'
 * describeThrown({ code: 'E1' })                   // 'a non-Error object {"code":"E1"}'
 */
export const describeThrown = (error: unknown): string => {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    if (error === null || error === undefined) return String(error);
    if (typeof error === 'string') return `the string ${renderValue(error, DETAIL_MAX)}`;
    if (typeof error === 'object') return `a non-Error object ${renderValue(error, DETAIL_MAX)}`;
    return `the ${typeof error} ${renderValue(error, DETAIL_MAX)}`;
  } catch {
    return 'an unprintable value';
  }
};

/**
 * The message of a caught error, for a message that quotes it: an Error's own message, else what
 * `describeThrown` says of the value.
 *
 * @example
 * thrownMessage(new Error('ENOENT: no such file')) // 'ENOENT: no such file'
 */
export const thrownMessage = (error: unknown): string => {
  try {
    if (error instanceof Error) return String(error.message);
  } catch {
    // A hostile Error-like value: describe it instead.
  }
  return describeThrown(error);
};
