/**
 * Parsing `Retry-After` as RFC 9110 defines it: delta-seconds (`1*DIGIT`) or an HTTP-date. Only the
 * preferred IMF-fixdate form is accepted for dates (`Sun, 06 Nov 1994 08:49:37 GMT`), which is what
 * Atlassian and most servers send; anything else is malformed and sets no deadline, so no property
 * can blame a handler for ignoring it.
 */

/** A parsed Retry-After. */
export type RetryAfterHeader =
  | { readonly kind: 'delta-seconds'; readonly seconds: number }
  | { readonly kind: 'http-date'; readonly epochMs: number }
  | { readonly kind: 'malformed'; readonly raw: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Parses a Retry-After header value (already trimmed by fetch's Headers).
 *
 * @example
 * parseRetryAfter('120') // { kind: 'delta-seconds', seconds: 120 }
 */
export const parseRetryAfter = (raw: string): RetryAfterHeader => {
  const value = raw.trim();
  if (/^\d+$/.test(value)) return { kind: 'delta-seconds', seconds: Number(value) };
  const m = IMF_FIXDATE.exec(value);
  if (m !== null) {
    const [, , day, month, year, hh, mm, ss] = m;
    const epochMs = Date.UTC(Number(year), MONTHS.indexOf(month as (typeof MONTHS)[number]), Number(day), Number(hh), Number(mm), Number(ss));
    // Date.UTC rolls impossible fields over (31 Feb is 3 Mar, 25:00 is the next day); such a date is
    // malformed, and reading it as a later instant would blame a handler for a deadline nobody sent.
    const date = new Date(epochMs);
    if (date.getUTCDate() === Number(day) && date.getUTCHours() === Number(hh) && date.getUTCMinutes() === Number(mm) && date.getUTCSeconds() === Number(ss)) {
      return { kind: 'http-date', epochMs };
    }
  }
  return { kind: 'malformed', raw };
};

/** The instant a Retry-After received at `receivedAt` asks to wait until, or undefined when malformed. */
export const retryDeadline = (raw: string, receivedAt: number): number | undefined => {
  const parsed = parseRetryAfter(raw);
  switch (parsed.kind) {
    case 'delta-seconds':
      return receivedAt + parsed.seconds * 1000;
    case 'http-date':
      return Math.max(receivedAt, parsed.epochMs);
    case 'malformed':
      return undefined;
  }
};
