/**
 * Confluence v1 content (`/wiki/rest/api/content`): create a page or a footer comment, list by space,
 * title and type, get with `expand`, update (the version must go up by one), delete, children, CQL
 * search, and spaces by key. The same state as v2, so either API sees the other's writes.
 */
import { confluenceV1Error, reply, type WorldReply } from '../http.js';
import { intParam } from '../paging.js';
import { route, type Route } from '../route.js';
import { contentOf, listParam, objectBody } from './context.js';
import { addFooterComment, createPage, isProblem, updatePage, type Problem } from './content.js';
import { runCql, type ContentItem } from './cql.js';
import { commentV1Json, pageV1Json, WIKI } from './render.js';
import { ensureSpace, findSpaceByKey, liveComment, livePage, type ConfluenceState, type PageStatus } from './state.js';

const V1 = '/wiki/rest/api';

const problem = (p: Problem): WorldReply => confluenceV1Error(p.problem.status, p.problem.message);

const notFound = (id: string | undefined): WorldReply => confluenceV1Error(404, `No content found with id: ${id}`);

const listing = (results: readonly unknown[], start: number, limit: number, total: number, path: string): WorldReply =>
  reply(200, {
    results,
    start,
    limit,
    size: results.length,
    _links: {
      base: WIKI,
      context: '/wiki',
      self: `${WIKI}${path}`,
      ...(start + results.length < total ? { next: `${path.split('?')[0]}?start=${start + limit}&limit=${limit}` } : {}),
    },
  });

const itemJson = (state: ConfluenceState, item: ContentItem, expand: readonly string[]) =>
  item.type === 'page' ? pageV1Json(state, item.page, expand) : commentV1Json(state, item.comment, expand);

const statusOf = (value: unknown): PageStatus | undefined => (value === undefined ? 'current' : (['current', 'draft'] as const).find((s) => s === value));

/** The v1 content routes. */
export const CONTENT_ROUTES: readonly Route<ConfluenceState>[] = [
  route('POST', `${V1}/content`, ({ body }, state) => {
    const request = objectBody(body);
    if (request === undefined) return confluenceV1Error(400, 'The request body must be a JSON object.');
    const content = request['body'] === undefined ? { representation: 'storage', value: '' } : contentOf(request['body']);
    if (content === undefined) return confluenceV1Error(400, 'body must be { storage: { value, representation } }.');
    if (request['type'] === 'comment') {
      const container = objectBody(request['container'])?.['id'];
      const created = addFooterComment(state, { pageId: String(container) }, content);
      return isProblem(created) ? problem(created) : reply(200, commentV1Json(state, created, ['body.storage']));
    }
    if (request['type'] !== 'page')
      return confluenceV1Error(400, `Content type ${String(request['type'])} is not supported by forge-retry-harness's simulated Confluence (page, comment).`);
    const spaceKey = objectBody(request['space'])?.['key'];
    if (typeof spaceKey !== 'string') return confluenceV1Error(400, 'space.key is required.');
    const status = statusOf(request['status']);
    if (status === undefined) return confluenceV1Error(400, `Invalid status ${String(request['status'])}`);
    const ancestors = Array.isArray(request['ancestors']) ? request['ancestors'].map(objectBody) : [];
    const parent = ancestors.at(-1)?.['id'];
    const created = createPage(state, {
      spaceId: ensureSpace(state, spaceKey).id,
      title: typeof request['title'] === 'string' ? request['title'] : '',
      status,
      parentId: parent === undefined ? null : String(parent),
      body: content,
    });
    return isProblem(created) ? problem(created) : reply(200, pageV1Json(state, created, ['body.storage']));
  }),
  route('GET', `${V1}/content`, ({ query }, state) => {
    const type = query.get('type') ?? 'page';
    const spaceKey = query.get('spaceKey');
    const title = query.get('title');
    const statuses = listParam(query, 'status');
    const start = intParam(query, 'start', 0);
    const limit = intParam(query, 'limit', 25, 200);
    const expand = listParam(query, 'expand');
    if (type !== 'page') return listing([], start, limit, 0, `${V1}/content`);
    const pages = [...state.pages.values()]
      .filter((p) => (statuses.length === 0 ? p.status === 'current' : statuses.includes(p.status)))
      .filter((p) => spaceKey === null || state.spaces.get(p.spaceId)?.key === spaceKey)
      .filter((p) => title === null || p.title === title);
    return listing(
      pages.slice(start, start + limit).map((p) => pageV1Json(state, p, expand)),
      start,
      limit,
      pages.length,
      `${V1}/content`,
    );
  }),
  route('GET', `${V1}/content/search`, ({ query }, state) => {
    const outcome = runCql(state, query.get('cql') ?? '');
    if ('error' in outcome) return confluenceV1Error(400, outcome.error);
    const start = intParam(query, 'start', 0);
    const limit = intParam(query, 'limit', 25, 200);
    const expand = listParam(query, 'expand');
    return listing(
      outcome.items.slice(start, start + limit).map((item) => itemJson(state, item, expand)),
      start,
      limit,
      outcome.items.length,
      `${V1}/content/search`,
    );
  }),
  route('GET', `${V1}/search`, ({ query }, state) => {
    const cql = query.get('cql') ?? '';
    const outcome = runCql(state, cql);
    if ('error' in outcome) return confluenceV1Error(400, outcome.error);
    const start = intParam(query, 'start', 0);
    const limit = intParam(query, 'limit', 25, 200);
    const results = outcome.items.slice(start, start + limit).map((item) => {
      const content = itemJson(state, item, []);
      return {
        content,
        title: content['title'],
        excerpt: '',
        url: (content['_links'] as { webui?: string }).webui ?? '',
        entityType: 'content',
        lastModified: (content['version'] as { when: string }).when,
      };
    });
    return reply(200, {
      results,
      start,
      limit,
      size: results.length,
      totalSize: outcome.items.length,
      cqlQuery: cql,
      searchDuration: 0,
      _links: { base: WIKI, context: '/wiki' },
    });
  }),
  route('GET', `${V1}/content/{id}`, ({ params, query }, state) => {
    const expand = listParam(query, 'expand');
    const page = livePage(state, params['id']);
    if (page !== undefined) return reply(200, pageV1Json(state, page, expand));
    const comment = liveComment(state, params['id']);
    return comment === undefined ? notFound(params['id']) : reply(200, commentV1Json(state, comment, expand));
  }),
  route('PUT', `${V1}/content/{id}`, ({ params, body }, state) => {
    const page = livePage(state, params['id']);
    if (page === undefined) return notFound(params['id']);
    const request = objectBody(body);
    const version = objectBody(request?.['version'])?.['number'];
    if (request === undefined || typeof version !== 'number') return confluenceV1Error(400, 'version.number is required.');
    const content = request['body'] === undefined ? undefined : contentOf(request['body']);
    const status = request['status'] === undefined ? undefined : statusOf(request['status']);
    const ancestors = Array.isArray(request['ancestors']) ? request['ancestors'].map(objectBody) : undefined;
    const parent = ancestors?.at(-1)?.['id'];
    const message = objectBody(request['version'])?.['message'];
    const updated = updatePage(state, page, {
      version,
      ...(typeof request['title'] === 'string' ? { title: request['title'] } : {}),
      ...(status === undefined ? {} : { status }),
      ...(content === undefined ? {} : { body: content }),
      ...(typeof message === 'string' ? { message } : {}),
      ...(parent === undefined ? {} : { parentId: String(parent) }),
    });
    return isProblem(updated) ? problem(updated) : reply(200, pageV1Json(state, updated, ['body.storage']));
  }),
  route('DELETE', `${V1}/content/{id}`, ({ params }, state) => {
    const page = livePage(state, params['id']);
    if (page !== undefined) {
      page.status = 'trashed';
      return reply(204);
    }
    const comment = liveComment(state, params['id']);
    if (comment === undefined) return notFound(params['id']);
    comment.status = 'trashed';
    return reply(204);
  }),
  route('GET', `${V1}/content/{id}/child/{type}`, ({ params, query }, state) => {
    const page = livePage(state, params['id']);
    if (page === undefined) return notFound(params['id']);
    const start = intParam(query, 'start', 0);
    const limit = intParam(query, 'limit', 25, 200);
    const expand = listParam(query, 'expand');
    const items: ContentItem[] =
      params['type'] === 'page'
        ? [...state.pages.values()].filter((p) => p.parentId === page.id && p.status === 'current').map((p) => ({ type: 'page', page: p }))
        : params['type'] === 'comment'
          ? [...state.comments.values()].filter((c) => c.pageId === page.id && c.status === 'current').map((c) => ({ type: 'comment', comment: c }))
          : [];
    return listing(
      items.slice(start, start + limit).map((item) => itemJson(state, item, expand)),
      start,
      limit,
      items.length,
      `${V1}/content/${page.id}/child/${params['type']}`,
    );
  }),
  route('GET', `${V1}/space/{spaceKey}`, ({ params }, state) => {
    const space = findSpaceByKey(state, params['spaceKey'] ?? '');
    if (space === undefined) return confluenceV1Error(404, `No space with key : ${params['spaceKey']}`);
    return reply(200, {
      id: Number(space.id),
      key: space.key,
      name: space.name,
      type: space.type,
      status: 'current',
      _links: { webui: `/spaces/${space.key}`, self: `${WIKI}/rest/api/space/${space.key}`, base: WIKI, context: '/wiki' },
    });
  }),
];
