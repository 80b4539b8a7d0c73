/**
 * The schema of `rules: { ... }`, built from the platform-rules catalog: every rule accepts exactly the
 * values its entry allows, and each failure's fix states them and the default. A config file will be
 * validated with the same schema.
 */
import * as v from 'valibot';
import type { RuleEntry, ScalarAllowed } from '../../models/rules-allowed.js';
import { PLATFORM_RULE_CATALOG } from '../../models/rules-catalog.js';
import { DEFAULT_PLATFORM_RULES, RULE_NAMES, type PlatformRules, type RuleOverrides } from '../../models/rules.js';
import { allowedFix } from './allowed-values.js';
import { isPlainObject, strictFields, wholeNumber } from './strict-fields.js';

const scalarSchema = (allowed: ScalarAllowed, fix: string): v.GenericSchema => {
  switch (allowed.kind) {
    case 'integer':
      return wholeNumber(allowed.min, allowed.max, fix);
    case 'number':
      // v.number refuses NaN; the bounds refuse the infinities.
      return v.pipe(v.number(fix), v.minValue(allowed.min, fix), v.maxValue(allowed.max, fix));
    case 'boolean':
      return v.boolean(fix);
    case 'one-of':
      return v.picklist(allowed.values, fix);
  }
};

const ruleSchema = (entry: RuleEntry): v.GenericSchema => {
  const { allowed } = entry;
  if (allowed.kind !== 'record') return scalarSchema(allowed, allowedFix(allowed, entry.default));
  const defaults = entry.default as Readonly<Record<string, unknown>>;
  const fields = Object.entries(allowed.fields).map(([field, a]) => [field, v.optional(scalarSchema(a, allowedFix(a, defaults[field])))]);
  return strictFields(Object.fromEntries(fields) as v.ObjectEntries, {
    notObject: allowedFix(allowed, entry.default),
    unknownKey: `use one of: ${Object.keys(allowed.fields).join(', ')}`,
  });
};

/**
 * Overrides of the platform rules: known rule names only, each with one of its allowed values.
 *
 * @example
 * v.parse(RULES_SCHEMA, { maxRetries: 2 }) // { maxRetries: 2 }
 */
export const RULES_SCHEMA = strictFields(
  Object.fromEntries(RULE_NAMES.map((name) => [name, v.optional(ruleSchema(PLATFORM_RULE_CATALOG[name]))])) as v.ObjectEntries,
  { notObject: 'pass an object with some of the PlatformRules fields', unknownKey: `use one of: ${RULE_NAMES.join(', ')}` },
) as unknown as v.GenericSchema<unknown, RuleOverrides>;

/**
 * The defaults with validated overrides applied; a record rule keeps the default of each field not given.
 *
 * @example
 * mergeRules({ platformBackoff: { factor: 3 } }).platformBackoff // { initialSeconds: 60, factor: 3, maxSeconds: 900 }
 */
export const mergeRules = (overrides: RuleOverrides | undefined): PlatformRules => {
  if (overrides === undefined) return DEFAULT_PLATFORM_RULES;
  const merged = RULE_NAMES.map((name) => {
    const base: unknown = DEFAULT_PLATFORM_RULES[name];
    const given: unknown = overrides[name];
    if (given === undefined) return [name, base];
    return [name, isPlainObject(base) && isPlainObject(given) ? Object.freeze({ ...base, ...given }) : given];
  });
  return Object.freeze(Object.fromEntries(merged)) as PlatformRules;
};
