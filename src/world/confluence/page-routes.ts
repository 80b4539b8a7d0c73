/**
 * Confluence v2 pages and spaces: create (titles unique per space), list (filtered by space, title,
 * status, id; cursor-paged), get (with `body-format`, labels and properties on request), update (the
 * version must go up by one), delete (to the trash), children and ancestors.
 */
import { confluenceError, reply, type WorldReply } from '../http.js';
import { route, type Route } from '../route.js';
import { contentOf, cursorPage, listParam, objectBody } from './context.js';
import { createPage, isProblem, updatePage } from './content.js';
import { labelJson, pageJson, propertyJson, spaceJson } from './render.js';
import { livePage, type ConfluencePage, type ConfluenceState, type PageStatus } from './state.js';

const V2 = '/wiki/api/v2';
const STATUSES: readonly PageStatus[] = ['current', 'draft', 'archived'];

const problem = (p: { status: number; message: string }): WorldReply => confluenceError(p.status, p.message);

const withPage = (state: ConfluenceState, id: string | undefined, then: (page: ConfluencePage) => WorldReply): WorldReply => {
  const page = livePage(state, id);
  return page === undefined ? confluenceError(404) : then(page);
};

const statusOf = (value: unknown): PageStatus | undefined => (value === undefined ? 'current' : STATUSES.find((s) => s === value));

const ORDER: Readonly<Record<string, (a: ConfluencePage, b: ConfluencePage) => number>> = {
  id: (a, b) => Number(a.id) - Number(b.id),
  title: (a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  'created-date': (a, b) => a.createdAt - b.createdAt,
  'modified-date': (a, b) => a.version.createdAt - b.version.createdAt,
};

/** Pages filtered and sorted as the v2 listings' parameters ask. */
const listed = (state: ConfluenceState, query: URLSearchParams, spaceIds: readonly string[]): ConfluencePage[] => {
  const statuses = listParam(query, 'status');
  const ids = listParam(query, 'id');
  const title = query.get('title');
  const sort = query.get('sort') ?? 'id';
  const order = ORDER[sort.replace(/^-/, '')] ?? ORDER['id']!;
  return [...state.pages.values()]
    .filter((p) => p.status !== 'trashed' || statuses.includes('trashed'))
    .filter((p) => (statuses.length === 0 ? p.status === 'current' || p.status === 'archived' : statuses.includes(p.status)))
    .filter((p) => spaceIds.length === 0 || spaceIds.includes(p.spaceId))
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => title === null || p.title === title)
    .sort((a, b) => (sort.startsWith('-') ? -order(a, b) : order(a, b)));
};

const bodyFormat = (query: URLSearchParams): string | null => query.get('body-format');

const fullPage = (state: ConfluenceState, page: ConfluencePage, query: URLSearchParams): Record<string, unknown> => ({
  ...pageJson(state, page, bodyFormat(query)),
  ...(query.get('include-labels') === 'true' ? { labels: { results: page.labels.map(labelJson), meta: { hasMore: false, cursor: null }, _links: {} } } : {}),
  ...(query.get('include-properties') === 'true'
    ? { properties: { results: page.properties.map(propertyJson), meta: { hasMore: false, cursor: null }, _links: {} } }
    : {}),
});

/** The v2 page and space routes. */
export const PAGE_ROUTES: readonly Route<ConfluenceState>[] = [
  route('POST', `${V2}/pages`, ({ body }, state) => {
    const request = objectBody(body);
    if (request === undefined) return confluenceError(400, 'The request body must be a JSON object.');
    const spaceId = request['spaceId'];
    const status = statusOf(request['status']);
    if (typeof spaceId !== 'string' && typeof spaceId !== 'number') return confluenceError(400, 'spaceId is required.');
    if (status === undefined) return confluenceError(400, `Invalid status ${String(request['status'])}`);
    const parentId = request['parentId'] === undefined || request['parentId'] === null ? null : String(request['parentId']);
    const content = request['body'] === undefined ? { representation: 'storage', value: '' } : contentOf(request['body']);
    if (content === undefined) return confluenceError(400, 'body must be { representation, value }.');
    const title = typeof request['title'] === 'string' ? request['title'] : '';
    const created = createPage(state, { spaceId: String(spaceId), title, status, parentId, body: content });
    return isProblem(created) ? problem(created.problem) : reply(200, pageJson(state, created, created.body.representation));
  }),
  route('GET', `${V2}/pages`, ({ query }, state) =>
    cursorPage(listed(state, query, listParam(query, 'space-id')), query, `${V2}/pages`, (p) => pageJson(state, p, bodyFormat(query))),
  ),
  route('GET', `${V2}/pages/{id}`, ({ params, query }, state) => withPage(state, params['id'], (page) => reply(200, fullPage(state, page, query)))),
  route('PUT', `${V2}/pages/{id}`, ({ params, body }, state) =>
    withPage(state, params['id'], (page) => {
      const request = objectBody(body);
      if (request === undefined) return confluenceError(400, 'The request body must be a JSON object.');
      if (request['id'] !== undefined && String(request['id']) !== page.id) return confluenceError(400, 'The id in the body must match the id in the path.');
      const version = objectBody(request['version'])?.['number'];
      if (typeof version !== 'number') return confluenceError(400, 'version.number is required.');
      if (typeof request['title'] !== 'string' || request['status'] === undefined) return confluenceError(400, 'title and status are required.');
      const status = statusOf(request['status']);
      if (status === undefined) return confluenceError(400, `Invalid status ${String(request['status'])}`);
      const content = request['body'] === undefined ? undefined : contentOf(request['body']);
      const message = objectBody(request['version'])?.['message'];
      const updated = updatePage(state, page, {
        version,
        title: request['title'],
        status,
        ...(content === undefined ? {} : { body: content }),
        ...(typeof message === 'string' ? { message } : {}),
        ...(request['parentId'] === undefined ? {} : { parentId: request['parentId'] === null ? null : String(request['parentId']) }),
      });
      return isProblem(updated) ? problem(updated.problem) : reply(200, pageJson(state, updated, updated.body.representation));
    }),
  ),
  route('DELETE', `${V2}/pages/{id}`, ({ params, query }, state) => {
    const page = state.pages.get(params['id'] ?? '');
    if (page === undefined || (page.status === 'trashed' && query.get('purge') !== 'true')) return confluenceError(404);
    if (page.status === 'trashed') state.pages.delete(page.id);
    else page.status = 'trashed';
    return reply(204);
  }),
  route('GET', `${V2}/pages/{id}/children`, ({ params, query }, state) =>
    withPage(state, params['id'], (page) =>
      cursorPage(
        [...state.pages.values()].filter((p) => p.parentId === page.id && p.status !== 'trashed'),
        query,
        `${V2}/pages/${page.id}/children`,
        (p) => ({ id: p.id, status: p.status, title: p.title, spaceId: p.spaceId, childPosition: p.position }),
      ),
    ),
  ),
  route('GET', `${V2}/pages/{id}/ancestors`, ({ params }, state) =>
    withPage(state, params['id'], (page) => {
      const chain: { id: string; type: string }[] = [];
      for (
        let p = page.parentId === null ? undefined : state.pages.get(page.parentId);
        p !== undefined;
        p = p.parentId === null ? undefined : state.pages.get(p.parentId)
      )
        chain.unshift({ id: p.id, type: 'page' });
      return reply(200, { results: chain, _links: {} });
    }),
  ),
  route('GET', `${V2}/spaces`, ({ query }, state) => {
    const keys = listParam(query, 'keys');
    const ids = listParam(query, 'ids');
    const spaces = [...state.spaces.values()].filter((s) => (keys.length === 0 || keys.includes(s.key)) && (ids.length === 0 || ids.includes(s.id)));
    return cursorPage(spaces, query, `${V2}/spaces`, spaceJson);
  }),
  route('GET', `${V2}/spaces/{id}`, ({ params }, state) => {
    const space = state.spaces.get(params['id'] ?? '');
    return space === undefined ? confluenceError(404) : reply(200, spaceJson(space));
  }),
  route('GET', `${V2}/spaces/{id}/pages`, ({ params, query }, state) => {
    const space = state.spaces.get(params['id'] ?? '');
    if (space === undefined) return confluenceError(404);
    return cursorPage(listed(state, query, [space.id]), query, `${V2}/spaces/${space.id}/pages`, (p) => pageJson(state, p, bodyFormat(query)));
  }),
];
