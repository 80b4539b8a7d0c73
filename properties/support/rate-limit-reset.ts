/**
 * Parsing `X-RateLimit-Reset`, the instant a Jira or Confluence rate limit resets. Atlassian documents it
 * as `yyyy-MM-ddTHH:mmZ` (the hourly points quota resets at the top of the UTC hour); older responses
 * carry full ISO 8601 instants in UTC, with seconds and sometimes milliseconds. Anything else is
 * malformed and sets no deadline, so no property can blame a handler for ignoring it
 * (docs/platform.md, "Jira rate-limit responses and headers").
 */

const RESET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/**
 * The epoch milliseconds an `X-RateLimit-Reset` value names, or undefined when it is not one of the
 * accepted forms or names an impossible date (31 Feb, 25:00).
 *
 * @example
 * parseRateLimitReset('2025-01-01T01:00Z') // Date.UTC(2025, 0, 1, 1)
 * parseRateLimitReset('tomorrow')          // undefined
 */
export const parseRateLimitReset = (raw: string): number | undefined => {
  const m = RESET.exec(raw.trim());
  if (m === null) return undefined;
  const [, year, month, day, hh, mm, ss = '0', ms = '0'] = m;
  const fields = [year, month, day, hh, mm, ss].map(Number) as [number, number, number, number, number, number];
  const epochMs = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], Number(ms.padEnd(3, '0')));
  const date = new Date(epochMs);
  // Date.UTC rolls impossible fields over; such a value is malformed, not a later instant.
  const same =
    date.getUTCFullYear() === fields[0] &&
    date.getUTCMonth() === fields[1] - 1 &&
    date.getUTCDate() === fields[2] &&
    date.getUTCHours() === fields[3] &&
    date.getUTCMinutes() === fields[4] &&
    date.getUTCSeconds() === fields[5];
  return same ? epochMs : undefined;
};
