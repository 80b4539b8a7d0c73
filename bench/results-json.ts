/**
 * Writes results as JSON with every object's keys sorted (so two runs differ only in their numbers),
 * fractions rounded to three decimals and non-finite numbers as null.
 */
import { writeFileSync } from 'node:fs';

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  if (typeof value === 'number') return Number.isFinite(value) ? (Number.isInteger(value) ? value : Math.round(value * 1000) / 1000) : null;
  return value;
};

export const writeResults = (path: string, results: unknown): void => {
  writeFileSync(path, `${JSON.stringify(canonical(results), null, 2)}\n`);
};
