/** Describing thrown values without trusting them: a hostile value must not break a report. */

/** `TypeError: x is undefined`, or a safe rendering of a non-Error value. */
export const describeThrown = (error: unknown): string => {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    if (typeof error === 'string') return `the string ${JSON.stringify(error)}`;
    if (error === null || error === undefined) return String(error);
    if (typeof error === 'object') return `a non-Error object ${safeJson(error)}`;
    return `the ${typeof error} ${String(error)}`;
  } catch {
    return 'an unprintable value';
  }
};

const safeJson = (value: object): string => {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return '{}';
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return '(not JSON)';
  }
};

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
