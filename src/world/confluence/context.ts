/**
 * Helpers every Confluence route shares: the body as an object, a body's content in either of the
 * shapes the APIs take, and v2 cursor paging with `_links.next` and the `Link` header.
 */
import { confluenceError, reply, type WorldReply } from '../http.js';
import { intParam, offsetOf, page, tokenFor } from '../paging.js';
import { WIKI } from './render.js';
import type { ContentBody } from './state.js';

/** The body as an object, or undefined. */
export const objectBody = (body: unknown): Record<string, unknown> | undefined =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;

/**
 * Content from a request body: v2's `{ representation, value }` or v1's `{ storage: { value, representation } }`.
 *
 * @example
 * contentOf({ representation: 'storage', value: '<p>Hi</p>' }) // { representation: 'storage', value: '<p>Hi</p>' }
 */
export const contentOf = (value: unknown): ContentBody | undefined => {
  const body = objectBody(value);
  if (body === undefined) return undefined;
  if (typeof body['value'] === 'string')
    return { representation: typeof body['representation'] === 'string' ? body['representation'] : 'storage', value: body['value'] };
  if (body['value'] !== undefined) return { representation: String(body['representation'] ?? 'atlas_doc_format'), value: JSON.stringify(body['value']) };
  for (const [representation, inner] of Object.entries(body)) {
    const content = objectBody(inner);
    if (typeof content?.['value'] === 'string') return { representation, value: content['value'] };
  }
  return undefined;
};

/**
 * One page of a v2 listing: `{ results, _links: { next?, base } }`, and a `Link` header when there is more.
 *
 * @example
 * cursorPage(pages, query, '/wiki/api/v2/pages', (p) => p.id)
 */
export const cursorPage = <T>(all: readonly T[], query: URLSearchParams, path: string, render: (item: T) => unknown): WorldReply => {
  const limit = intParam(query, 'limit', 25, 250);
  const offset = offsetOf(query.get('cursor'));
  if (offset === undefined) return confluenceError(400, 'Invalid cursor');
  const { items, isLast } = page(all, offset, limit);
  const results = items.map(render);
  if (isLast) return reply(200, { results, _links: { base: WIKI } });
  const nextQuery = new URLSearchParams(query);
  nextQuery.set('cursor', tokenFor(offset + items.length));
  nextQuery.set('limit', String(limit));
  const next = `${path}?${nextQuery.toString()}`;
  return reply(200, { results, _links: { next, base: WIKI } }, { link: `<${next}>; rel="next", <${WIKI}>; rel="base"` });
};

/** A comma-separated, possibly repeated query parameter as a list. */
export const listParam = (query: URLSearchParams, name: string): string[] =>
  query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
