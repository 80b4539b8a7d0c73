/**
 * The README's "What it checks" table, rendered from the catalog so the README never restates a
 * property by hand. Pure: `npm run docs` writes it into README.md and a test fails when they differ.
 */
import type { Regime } from '../models/codes.js';
import { PROPERTIES } from './catalog.js';
import type { RetryProperty } from './types.js';

const REGIME_WORDS: Readonly<Record<Regime, string>> = { 'product-event': 'product', 'async-event': 'async', 'resolver-consumer': 'resolver' };

/** A table cell: Markdown would split a row at a bare `|`. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The Markdown table of `properties` (the whole catalog by default): id, what it demands, the event
 * kinds it judges and the platform rule behind it, one row each in catalog order.
 *
 * @example
 * renderPropertyTable().split('\n')[0]; // '| id | demands | events | platform rule behind it |'
 */
export const renderPropertyTable = (properties: readonly RetryProperty[] = PROPERTIES): string =>
  [
    '| id | demands | events | platform rule behind it |',
    '|---|---|---|---|',
    ...properties.map((p) => `| \`${p.id}\` | ${cell(p.summary)} | ${p.regimes.map((r) => REGIME_WORDS[r]).join(', ')} | ${cell(p.rule)} |`),
  ].join('\n');
