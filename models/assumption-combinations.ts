/**
 * The combinations of plausible values of the assumed rules a finding rests on (robust verdicts): each
 * assumed rule lists every value Atlassian's docs leave possible (`plausible` in models/rules-catalog.ts),
 * and a finding is judged again under every combination of them, up to a bound.
 */
import { PLATFORM_RULE_CATALOG } from './rules-catalog.js';
import type { AssumedRule, PlatformRules } from './rules.js';

/** The most combinations a finding is judged under; beyond it the report says the search was capped. */
export const MAX_ASSUMPTION_COMBINATIONS = 32;

/**
 * The values an assumed rule may plausibly take: its catalog's `plausible` list, else its default alone.
 *
 * @example
 * plausibleValues('productThrownError') // ['not-retried', 'retried-as-platform-error']
 */
export const plausibleValues = (rule: AssumedRule): readonly unknown[] => {
  const entry: { readonly default: unknown; readonly plausible?: readonly unknown[] } = PLATFORM_RULE_CATALOG[rule];
  return entry.plausible ?? [entry.default];
};

/** One assignment of values to the rules a finding rests on. */
export type AssumptionCombination = Readonly<Partial<Record<AssumedRule, unknown>>>;

/** The combinations to judge under, and whether the bound cut some off. */
export interface AssumptionCombinations {
  readonly combinations: readonly AssumptionCombination[];
  /** How many combinations there are in all (more than `combinations.length` when capped). */
  readonly total: number;
  readonly capped: boolean;
}

/**
 * Every combination of plausible values of `rules`, the values in `current` first (so the first
 * combination is the one the finding was made under), in catalog order, at most `max`.
 *
 * @example
 * assumptionCombinations(['legacyRetry'], DEFAULT_PLATFORM_RULES).combinations
 * // [{ legacyRetry: 'default-options' }, { legacyRetry: 'success' }]
 */
export const assumptionCombinations = (
  rules: readonly AssumedRule[],
  current: PlatformRules,
  max: number = MAX_ASSUMPTION_COMBINATIONS,
): AssumptionCombinations => {
  const axes = rules.map((rule) => {
    const now = current[rule];
    const others = plausibleValues(rule).filter((value) => JSON.stringify(value) !== JSON.stringify(now));
    return { rule, values: [now, ...others] };
  });
  const total = axes.reduce((n, axis) => n * axis.values.length, 1);
  const combinations: AssumptionCombination[] = [];
  // Mixed-radix counting, the first axis fastest: deterministic, and the current values come first.
  for (let index = 0; index < Math.min(total, max); index++) {
    let rest = index;
    const combination: Partial<Record<AssumedRule, unknown>> = {};
    for (const axis of axes) {
      combination[axis.rule] = axis.values[rest % axis.values.length];
      rest = Math.floor(rest / axis.values.length);
    }
    combinations.push(combination);
  }
  return { combinations, total, capped: total > max };
};

/** `rules` with the values of one combination. */
export const withCombination = (rules: PlatformRules, combination: AssumptionCombination): PlatformRules => ({ ...rules, ...combination }) as PlatformRules;
