/**
 * The README's table of platform rules, rendered from the catalog, so the README cannot drift from
 * what the harness validates (a test compares the two).
 */
import type { AllowedValues } from '../../models/rules-allowed.js';
import { PLATFORM_RULE_CATALOG } from '../../models/rules-catalog.js';
import { RULE_NAMES } from '../../models/rules.js';
import { describeAllowed } from './allowed-values.js';

/** A default as a TypeScript literal, the way a user would write the override. */
const literal = (value: unknown): string => {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  }
  return String(value);
};

/** Allowed values in the README's TypeScript spelling: literals in backticks, ranges in words. */
const allowedCell = (allowed: AllowedValues): string => {
  switch (allowed.kind) {
    case 'record':
      return Object.entries(allowed.fields)
        .map(([field, a]) => `\`${field}\`: ${allowedCell(a)}`)
        .join('; ');
    case 'one-of':
      return allowed.values.map((value) => `\`${literal(value)}\``).join(' or ');
    case 'boolean':
      return '`true` or `false`';
    default:
      return describeAllowed(allowed);
  }
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The markdown table of every platform rule: name (linked to its explanation), basis, default, allowed
 * values and a one-line summary.
 *
 * @example
 * renderRulesTable().split('\n')[0] // '| rule | basis | default | allowed | meaning |'
 */
export const renderRulesTable = (): string =>
  [
    '| rule | basis | default | allowed | meaning |',
    '|---|---|---|---|---|',
    ...RULE_NAMES.map((name) => {
      const entry = PLATFORM_RULE_CATALOG[name];
      const cells = [`[\`${name}\`](${entry.source})`, entry.basis, `\`${literal(entry.default)}\``, allowedCell(entry.allowed), entry.summary];
      return `| ${cells.map(cell).join(' | ')} |`;
    }),
  ].join('\n');
