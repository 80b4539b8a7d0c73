/**
 * The vocabulary of the platform-rules catalog: how sure we are of a rule (its basis) and which values
 * it may take. Pure data and types, so that validation (src/api/), the README table and a future config
 * file can all read the same description.
 */

/**
 * How we know a rule: `documented` by Atlassian (D in docs/platform.md), read in the published
 * `sdk-code` (C), or `assumed` because nothing says (U): an assumption a finding may rest on.
 */
export type RuleBasis = 'documented' | 'sdk-code' | 'assumed';

/** The values a scalar rule (or a field of a record rule) may take. */
export type ScalarAllowed =
  /** A whole number from `min` to `max`, both included. */
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  /** A finite number from `min` to `max`, both included (fractions allowed). */
  | { readonly kind: 'number'; readonly min: number; readonly max: number }
  | { readonly kind: 'boolean' }
  /** One of these strings. */
  | { readonly kind: 'one-of'; readonly values: readonly [string, ...string[]] };

/** The values a rule may take: a scalar, or a record of scalar fields (each may be overridden alone). */
export type AllowedValues = ScalarAllowed | { readonly kind: 'record'; readonly fields: Readonly<Record<string, ScalarAllowed>> };

/**
 * The TypeScript type of the values an `AllowedValues` admits.
 *
 * @example
 * type Shape = AllowedValue<{ kind: 'one-of'; values: ['drop-event', 'omit-data'] }>; // 'drop-event' | 'omit-data'
 */
export type AllowedValue<A> = A extends { readonly kind: 'integer' | 'number' }
  ? number
  : A extends { readonly kind: 'boolean' }
    ? boolean
    : A extends { readonly kind: 'one-of'; readonly values: readonly (infer V)[] }
      ? V
      : A extends { readonly kind: 'record'; readonly fields: infer F }
        ? { readonly [K in keyof F]: AllowedValue<F[K]> }
        : never;

/** One entry of the catalog: everything the harness knows about one rule. */
export interface RuleEntry {
  readonly basis: RuleBasis;
  readonly default: unknown;
  readonly allowed: AllowedValues;
  /** One line: what the rule decides. */
  readonly summary: string;
  /** Where the rule is explained and its source page cited: `docs/platform.md#<name lowercased>`. */
  readonly source: `docs/platform.md#${string}`;
  /**
   * Assumed rules only: every value Atlassian's docs leave possible, the default included. A finding that
   * rests on the rule is judged again under each of them (robust verdicts); a finding that does not
   * hold under all of them is a warning, not a failure.
   */
  readonly plausible?: readonly unknown[];
}
