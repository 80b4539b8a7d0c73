/**
 * Paging the way each API pages: Jira's `startAt`/`maxResults`/`total`, Jira's 2025 search
 * `nextPageToken`/`isLast`, Confluence v2's opaque `cursor` in `_links.next`, Confluence v1's
 * `start`/`limit`/`size`. Tokens and cursors are deterministic encodings of an offset.
 */

/**
 * A whole number from a query parameter, clamped; the fallback when absent or not a number.
 *
 * @example
 * intParam(new URLSearchParams('maxResults=500'), 'maxResults', 50, 100) // 100
 */
export const intParam = (query: URLSearchParams, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
  const raw = query.get(name);
  const n = raw === null ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : fallback;
};

/**
 * An opaque token for an offset (`nextPageToken`, `cursor`).
 *
 * @example
 * offsetOf(tokenFor(50)) // 50
 */
export const tokenFor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

/** The offset a token stands for; undefined when the token is not one the world handed out. */
export const offsetOf = (token: string | null | undefined): number | undefined => {
  if (token === null || token === undefined || token === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
};

/**
 * The slice `[start, start + size)` of a list, and whether it is the last one.
 *
 * @example
 * page([1, 2, 3], 0, 2) // { items: [1, 2], isLast: false }
 */
export const page = <T>(all: readonly T[], start: number, size: number): { items: T[]; isLast: boolean } => {
  const items = all.slice(start, start + size);
  return { items, isLast: start + items.length >= all.length };
};
