/**
 * Dates in queries: absolute (`2025-01-31`, `2025/01/31 14:00`), relative to now (`-1d`, `-2w`, `4h`),
 * and the date functions (`now()`, `startOfDay()`, `endOfMonth()`...). "Now" is the world's virtual
 * clock, never the real one; days start at midnight UTC.
 */
import type { QueryValue } from './ast.js';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const startOf = (unit: string, now: number): number => {
  const d = new Date(now);
  if (unit === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (unit === 'week') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay());
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return Date.UTC(d.getUTCFullYear(), 0, 1);
};

const endOf = (unit: string, now: number): number => {
  const d = new Date(startOf(unit, now));
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime() - 1;
};

/**
 * The instant a query value names, or undefined when it names none.
 *
 * @example
 * queryInstant({ kind: 'text', text: '-1d' }, Date.UTC(2025, 0, 2)) // Date.UTC(2025, 0, 1)
 */
export const queryInstant = (value: QueryValue, now: number): number | undefined => {
  if (value.kind === 'function') {
    if (value.name === 'now') return now;
    const match = /^(start|end)of(day|week|month|year)$/.exec(value.name);
    if (match === null) return undefined;
    return match[1] === 'start' ? startOf(match[2]!, now) : endOf(match[2]!, now);
  }
  if (value.kind !== 'text') return undefined;
  const relative = /^([+-]?)(\d+)([mhdw])$/.exec(value.text.trim());
  if (relative !== null) return now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * UNIT_MS[relative[3]!]!;
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.text.trim());
  if (absolute === null) return undefined;
  const [, y, mo, d, h, mi] = absolute;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
};
