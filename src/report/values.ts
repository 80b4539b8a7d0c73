/** Rendering handler values for reports: short, safe against hostile values, deterministic. */

/** A value as compact JSON-like text, cut at `max` characters; never throws. */
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
