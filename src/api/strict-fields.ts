/**
 * The one object schema of option validation: a plain object (not an array, not null) whose keys are
 * all known. Its two fixes say what to pass instead of a non-object and what the known keys are.
 */
import * as v from 'valibot';

/** True for an object that can hold options: not null, not an array, not a function. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fixes of a strict object's two usage errors. */
export interface StrictFieldsFixes {
  /** When the value is not an object (or a required key is missing). */
  readonly notObject: string;
  /** When it has a key that is not one of the entries. */
  readonly unknownKey: string;
}

/**
 * A plain object with only these entries.
 *
 * @example
 * strictFields({ depth: v.number() }, { notObject: 'pass { depth }', unknownKey: 'use only depth' })
 */
export const strictFields = <const E extends v.ObjectEntries>(entries: E, fixes: StrictFieldsFixes) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, fixes.notObject),
    // An unknown key is reported with `expected: 'never'`; a missing required key expects its name.
    v.strictObject(entries, (issue) => (issue.expected === 'never' ? fixes.unknownKey : fixes.notObject)),
  );

/**
 * A whole number from `min` to `max`; every failure has the same fix.
 *
 * @example
 * wholeNumber(1, 8, 'pass a whole number from 1 to 8')
 */
export const wholeNumber = (min: number, max: number, fix = `pass a whole number from ${min} to ${max}`) =>
  v.pipe(v.number(fix), v.integer(fix), v.minValue(min, fix), v.maxValue(max, fix));
