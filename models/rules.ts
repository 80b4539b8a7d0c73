/**
 * The platform's rules as data, derived from the catalog (models/rules-catalog.ts): the type of a set of
 * rules, the defaults the harness assumes, and the rules that are assumptions.
 */
import type { AllowedValue } from './rules-allowed.js';
import { PLATFORM_RULE_CATALOG } from './rules-catalog.js';

type Catalog = typeof PLATFORM_RULE_CATALOG;

/** The name of a rule. */
export type RuleName = keyof Catalog;

/**
 * Every rule of event delivery the model consults. Each field's documentation, basis and allowed values
 * are in its catalog entry.
 */
export type PlatformRules = { readonly [K in RuleName]: AllowedValue<Catalog[K]['allowed']> };

/** How the platform backs off before a retry it makes on its own (timeouts, OOM, platform errors). */
export type PlatformBackoff = PlatformRules['platformBackoff'];

/**
 * Overrides of some rules, as `rules: { ... }` takes them: a record rule may override some of its fields,
 * the others keep their default.
 *
 * @example
 * const overrides: RuleOverrides = { maxRetries: 2, platformBackoff: { initialSeconds: 30 } };
 */
export type RuleOverrides = {
  readonly [K in RuleName]?: PlatformRules[K] extends Readonly<Record<string, unknown>> ? Partial<PlatformRules[K]> : PlatformRules[K];
};

/** Each rule's default exactly as the catalog writes it (a type that must fit `PlatformRules`). */
export type RuleDefaults = { readonly [K in RuleName]: Catalog[K]['default'] };

/** The rule names in catalog order. */
export const RULE_NAMES = Object.keys(PLATFORM_RULE_CATALOG) as readonly RuleName[];

const freeze = <T>(value: T): T => (typeof value === 'object' && value !== null ? Object.freeze({ ...value }) : value);

/**
 * The rules the harness assumes unless told otherwise: each catalog entry's default.
 *
 * @example
 * DEFAULT_PLATFORM_RULES.maxRetries // 4
 */
export const DEFAULT_PLATFORM_RULES: PlatformRules = Object.freeze(
  Object.fromEntries(RULE_NAMES.map((name) => [name, freeze(PLATFORM_RULE_CATALOG[name].default)])),
) as PlatformRules;

/** An undocumented rule whose default the model assumes (basis `assumed`, U in docs/platform.md). */
export type AssumedRule = { [K in RuleName]: Catalog[K]['basis'] extends 'assumed' ? K : never }[RuleName];

const isAssumed = (name: RuleName): name is AssumedRule => PLATFORM_RULE_CATALOG[name].basis === 'assumed';

/**
 * The rules that are assumptions, in catalog order, which a finding may rest on.
 *
 * @example
 * ASSUMED_RULES.includes('legacyRetry') // true
 */
export const ASSUMED_RULES: readonly AssumedRule[] = Object.freeze(RULE_NAMES.filter(isAssumed));
