/**
 * Robust verdicts: a finding is judged again on its shrunk scenario under every combination of plausible
 * values of the assumed rules it rests on. It is a failure when it holds under all of them, and a warning
 * naming the assumption when it holds only under some: where Atlassian's docs are silent, the harness does
 * not fail a handler on a guess.
 */
import { assumptionCombinations, withCombination, type AssumptionCombination } from '../../models/assumption-combinations.js';
import { renderValue } from '../../models/render-value.js';
import { PLATFORM_RULE_CATALOG } from '../../models/rules-catalog.js';
import type { AssumedRule, PlatformRules, RuleName } from '../../models/rules.js';
import type { Trace } from '../../models/trace.js';
import type { PropertyId } from '../../properties/catalog.js';
import { findingAssumptions } from '../../properties/judge.js';
import type { PropertySettings, RetryProperty } from '../../properties/types.js';
import type { AssumptionVerdict } from './results.js';

/** Plays the finding's scenario again under other rules. */
export type ReplayUnder = (rules: PlatformRules) => Promise<Trace>;

const renderCombination = (c: AssumptionCombination): string =>
  Object.entries(c)
    .map(([rule, value]) => `${rule} is ${renderValue(value, 60)}`)
    .join(' and ');

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** "productThrownError is 'not-retried' (the default assumption: ...)", or "x is 1 or 2". */
const ruleClause = (rule: AssumedRule, values: readonly unknown[]): string => {
  const [only] = values;
  const isDefault = values.length === 1 && same(only, PLATFORM_RULE_CATALOG[rule].default);
  return `${rule} is ${values.map((v) => renderValue(v, 60)).join(' or ')}${isDefault ? ` (the default assumption: ${PLATFORM_RULE_CATALOG[rule].summary})` : ''}`;
};

/**
 * "fails only if productThrownError is 'not-retried' ...", from the combinations the finding holds under:
 * rules under which it holds for every value do not matter and are left out; when what remains is not a
 * plain product of values, the combinations are listed.
 */
const onlyLine = (rules: readonly AssumedRule[], all: readonly AssumptionCombination[], holdsUnder: readonly AssumptionCombination[]): string => {
  const valuesOf = (rule: AssumedRule, of: readonly AssumptionCombination[]): unknown[] =>
    of.map((c) => c[rule]).filter((v, i, list) => list.findIndex((w) => same(v, w)) === i);
  const deciding = rules.filter((rule) => valuesOf(rule, holdsUnder).length < valuesOf(rule, all).length);
  const product = deciding.reduce((n, rule) => n * valuesOf(rule, holdsUnder).length, 1);
  const free = rules.filter((rule) => !deciding.includes(rule)).reduce((n, rule) => n * valuesOf(rule, all).length, 1);
  if (deciding.length > 0 && product * free === holdsUnder.length) {
    return `fails only if ${deciding.map((rule) => ruleClause(rule, valuesOf(rule, holdsUnder))).join(' and ')}`;
  }
  const shown = holdsUnder.slice(0, 3).map(renderCombination);
  return `fails only if ${shown.join('; or ')}${holdsUnder.length > shown.length ? `; or ${holdsUnder.length - shown.length} more combinations` : ''}`;
};

/**
 * Judges `property`'s finding on `trace` again under every combination of plausible values of the assumed
 * rules it rests on (except those the user pinned with `rules`); undefined when it rests on none.
 */
export const judgeUnderAssumptions = async (
  trace: Trace,
  property: RetryProperty<PropertyId>,
  settings: PropertySettings,
  pinned: readonly RuleName[],
  replay: ReplayUnder,
): Promise<AssumptionVerdict | undefined> => {
  const rules = findingAssumptions(trace, property).filter((rule) => !pinned.includes(rule));
  if (rules.length === 0) return undefined;
  const { combinations, total, capped } = assumptionCombinations(rules, trace.rules);
  const holdsUnder: AssumptionCombination[] = [];
  const clearedUnder: AssumptionCombination[] = [];
  for (const [i, combination] of combinations.entries()) {
    // The first combination is the rules the finding was made under: it holds there by construction.
    const holds = i === 0 || property.check(await replay(withCombination(trace.rules, combination)), settings).kind === 'fail';
    (holds ? holdsUnder : clearedUnder).push(combination);
  }
  return { rules, holdsUnder, clearedUnder, total, capped, only: clearedUnder.length === 0 ? '' : onlyLine(rules, combinations, holdsUnder) };
};
