/**
 * The conditions of @forge/kvs 1.6.5 (`WhereConditions`, `FilterConditions` in conditions.js, sent as
 * `{ property?, condition, values }`), evaluated on stored values: the range of an entity query, its
 * filters, and the conditions of a transaction. Comparisons are between two numbers or two strings
 * (JavaScript order); any other pair does not match, as a typed index would not.
 */

/** One condition as it arrives on the wire. */
export interface WireCondition {
  readonly property?: string;
  readonly condition: string;
  readonly values: readonly unknown[];
}

/** Filters or transaction conditions: `{ and: [...] }` or `{ or: [...] }`. */
export interface WireFilters {
  readonly and?: readonly WireCondition[];
  readonly or?: readonly WireCondition[];
}

/** Orders two comparable values; undefined when they are of different kinds. */
const compare = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
};

const holds = (ordering: number | undefined, test: (n: number) => boolean): boolean => ordering !== undefined && test(ordering);

/** The conditions the simulator knows, by wire name. */
const CONDITIONS: Readonly<Record<string, (actual: unknown, values: readonly unknown[]) => boolean>> = {
  EQUAL_TO: (a, [v]) => holds(compare(a, v), (n) => n === 0),
  NOT_EQUAL_TO: (a, [v]) => a !== undefined && !holds(compare(a, v), (n) => n === 0),
  GREATER_THAN: (a, [v]) => holds(compare(a, v), (n) => n > 0),
  GREATER_THAN_EQUAL_TO: (a, [v]) => holds(compare(a, v), (n) => n >= 0),
  LESS_THAN: (a, [v]) => holds(compare(a, v), (n) => n < 0),
  LESS_THAN_EQUAL_TO: (a, [v]) => holds(compare(a, v), (n) => n <= 0),
  BETWEEN: (a, [low, high]) => holds(compare(a, low), (n) => n >= 0) && holds(compare(a, high), (n) => n <= 0),
  BEGINS_WITH: (a, [v]) => (typeof a === 'string' || typeof a === 'number') && String(a).startsWith(String(v)),
  CONTAINS: (a, [v]) => (typeof a === 'string' ? a.includes(String(v)) : Array.isArray(a) && a.includes(v)),
  NOT_CONTAINS: (a, [v]) => (typeof a === 'string' ? !a.includes(String(v)) : Array.isArray(a) ? !a.includes(v) : a !== undefined),
  EXISTS: (a) => a !== undefined && a !== null,
  NOT_EXISTS: (a) => a === undefined || a === null,
};

/**
 * True when the simulator knows the condition.
 *
 * @example
 * isKnownCondition('BEGINS_WITH') // true
 */
export const isKnownCondition = (name: string): boolean => name in CONDITIONS;

/**
 * Whether a value satisfies one condition.
 *
 * @example
 * satisfies('SUP-42', { condition: 'BEGINS_WITH', values: ['SUP-'] }) // true
 */
export const satisfies = (actual: unknown, c: WireCondition): boolean => CONDITIONS[c.condition]?.(actual, c.values ?? []) ?? false;

/**
 * Whether an entity's attributes satisfy filters (`and`: all, `or`: any; none given: true).
 *
 * @example
 * satisfiesFilters({ age: 30 }, { and: [{ property: 'age', condition: 'GREATER_THAN', values: [18] }] }) // true
 */
export const satisfiesFilters = (attributes: Readonly<Record<string, unknown>>, filters: WireFilters | undefined): boolean => {
  if (filters?.and !== undefined) return filters.and.every((c) => satisfies(attributes[c.property ?? ''], c));
  if (filters?.or !== undefined) return filters.or.length === 0 || filters.or.some((c) => satisfies(attributes[c.property ?? ''], c));
  return true;
};

/**
 * The condition names of filters that the simulator does not know, for a refusal that names them.
 *
 * @example
 * unknownConditions({ and: [{ property: 'a', condition: 'IN', values: [] }] }) // ['IN']
 */
export const unknownConditions = (filters: WireFilters | undefined): string[] =>
  [...(filters?.and ?? []), ...(filters?.or ?? [])].map((c) => String(c.condition)).filter((name) => !isKnownCondition(name));

/**
 * Orders two values of an index's sort key: numbers before strings, each in its own order; missing last.
 *
 * @example
 * compareSortValues(2, 10) // negative
 */
export const compareSortValues = (a: unknown, b: unknown): number => {
  const rank = (v: unknown): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return compare(a, b) ?? 0;
};
