/**
 * The one value renderer of the harness: every report line, property message and usage error that shows
 * a value the handler or the user gave renders it here, so one value always reads the same. It lives in
 * models/, the bottom layer, so that the model, the properties and src/ can all use it. Short, safe
 * against hostile values (a Proxy whose traps throw), deterministic.
 */

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
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
};

/**
 * What kind of value this is, for a usage error: strings are quoted, containers are named, scalars keep
 * their type: `"x"`, `a function`, `an array`, `null`, `an object`, `number NaN`.
 *
 * @example
 * describeInput(-3) // 'number -3'
 */
export const describeInput = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
};
