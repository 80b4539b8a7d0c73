/**
 * The allowed values of a platform rule as words, for the fix of a usage error and for the README
 * table: the same catalog entry reads the same in both.
 */
import type { AllowedValues, ScalarAllowed } from '../../models/rules-allowed.js';
import { renderValue } from '../../models/render-value.js';

/** Joins items as a sentence does: `a`, `a or b`, `a, b or c`. */
const joined = (items: readonly string[], word: 'or' | 'and'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`;

/**
 * What a rule admits, as the object of "pass ...".
 *
 * @example
 * describeAllowed({ kind: 'integer', min: 0, max: 10 }) // 'a whole number from 0 to 10'
 * describeAllowed({ kind: 'one-of', values: ['a', 'b'] }) // '"a" or "b"'
 */
export const describeAllowed = (allowed: AllowedValues): string => {
  switch (allowed.kind) {
    case 'integer':
      return `a whole number from ${allowed.min} to ${allowed.max}`;
    case 'number':
      return `a number from ${allowed.min} to ${allowed.max}`;
    case 'boolean':
      return 'true or false';
    case 'one-of':
      return joined(
        allowed.values.map((value) => renderValue(value)),
        'or',
      );
    case 'record':
      return `an object with some of ${joined(Object.keys(allowed.fields), 'and')}`;
  }
};

/**
 * The fix of a usage error for a bad value of a rule (or of one field of a record rule).
 *
 * @example
 * allowedFix({ kind: 'integer', min: 0, max: 10 }, 4) // 'pass a whole number from 0 to 10 (default 4)'
 */
export const allowedFix = (allowed: AllowedValues | ScalarAllowed, defaultValue: unknown): string =>
  `pass ${describeAllowed(allowed)} (default ${renderValue(defaultValue)})`;
