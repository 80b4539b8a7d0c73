/**
 * Content properties of pages, in both APIs: v2 by property id under `/pages/{page-id}/properties`, v1
 * by key under `/content/{id}/property`. Creating a key twice is refused; an update must raise the
 * version by one (v1's PUT creates a key it does not have, at version 1).
 */
import { confluenceError, confluenceV1Error, reply, type WorldReply } from '../http.js';
import { intParam } from '../paging.js';
import { route, type Route } from '../route.js';
import { cursorPage, objectBody } from './context.js';
import { createProperty, isProblem, updateProperty } from './content.js';
import { propertyJson, propertyV1Json, WIKI } from './render.js';
import { livePage, type ConfluencePage, type ConfluenceState } from './state.js';

const V2 = '/wiki/api/v2';
const V1 = '/wiki/rest/api';

const withPage = (state: ConfluenceState, id: string | undefined, then: (page: ConfluencePage) => WorldReply, v1 = false): WorldReply => {
  const page = livePage(state, id);
  if (page !== undefined) return then(page);
  return v1 ? confluenceV1Error(404, `No content found with id: ${id}`) : confluenceError(404);
};

/** The content property routes. */
export const PROPERTY_ROUTES: readonly Route<ConfluenceState>[] = [
  route('GET', `${V2}/pages/{page-id}/properties`, ({ params, query }, state) =>
    withPage(state, params['page-id'], (page) => {
      const key = query.get('key');
      return cursorPage(
        page.properties.filter((p) => key === null || p.key === key),
        query,
        `${V2}/pages/${page.id}/properties`,
        propertyJson,
      );
    }),
  ),
  route('POST', `${V2}/pages/{page-id}/properties`, ({ params, body }, state) =>
    withPage(state, params['page-id'], (page) => {
      const request = objectBody(body);
      if (typeof request?.['key'] !== 'string') return confluenceError(400, 'key is required.');
      const created = createProperty(state, page, request['key'], request['value'] ?? null);
      return isProblem(created) ? confluenceError(created.problem.status, created.problem.message) : reply(200, propertyJson(created));
    }),
  ),
  route('GET', `${V2}/pages/{page-id}/properties/{property-id}`, ({ params }, state) =>
    withPage(state, params['page-id'], (page) => {
      const property = page.properties.find((p) => p.id === params['property-id']);
      return property === undefined ? confluenceError(404) : reply(200, propertyJson(property));
    }),
  ),
  route('PUT', `${V2}/pages/{page-id}/properties/{property-id}`, ({ params, body }, state) =>
    withPage(state, params['page-id'], (page) => {
      const property = page.properties.find((p) => p.id === params['property-id']);
      if (property === undefined) return confluenceError(404);
      const request = objectBody(body);
      const version = objectBody(request?.['version'])?.['number'];
      if (typeof version !== 'number') return confluenceError(400, 'version.number is required.');
      const updated = updateProperty(state, property, request?.['value'] ?? null, version);
      return isProblem(updated) ? confluenceError(updated.problem.status, updated.problem.message) : reply(200, propertyJson(updated));
    }),
  ),
  route('DELETE', `${V2}/pages/{page-id}/properties/{property-id}`, ({ params }, state) =>
    withPage(state, params['page-id'], (page) => {
      const at = page.properties.findIndex((p) => p.id === params['property-id']);
      if (at < 0) return confluenceError(404);
      page.properties.splice(at, 1);
      return reply(204);
    }),
  ),
  route('GET', `${V1}/content/{id}/property`, ({ params, query }, state) =>
    withPage(
      state,
      params['id'],
      (page) => {
        const start = intParam(query, 'start', 0);
        const limit = intParam(query, 'limit', 10, 200);
        const results = page.properties.slice(start, start + limit).map((p) => propertyV1Json(page, p));
        return reply(200, { results, start, limit, size: results.length, _links: { base: WIKI, context: '/wiki' } });
      },
      true,
    ),
  ),
  route('POST', `${V1}/content/{id}/property`, ({ params, body }, state) =>
    withPage(
      state,
      params['id'],
      (page) => {
        const request = objectBody(body);
        if (typeof request?.['key'] !== 'string') return confluenceV1Error(400, 'The property key is required.');
        const created = createProperty(state, page, request['key'], request['value'] ?? null);
        return isProblem(created) ? confluenceV1Error(created.problem.status, created.problem.message) : reply(200, propertyV1Json(page, created));
      },
      true,
    ),
  ),
  route('GET', `${V1}/content/{id}/property/{key}`, ({ params }, state) =>
    withPage(
      state,
      params['id'],
      (page) => {
        const property = page.properties.find((p) => p.key === params['key']);
        return property === undefined ? confluenceV1Error(404, `No property found with key: ${params['key']}`) : reply(200, propertyV1Json(page, property));
      },
      true,
    ),
  ),
  route('PUT', `${V1}/content/{id}/property/{key}`, ({ params, body }, state) =>
    withPage(
      state,
      params['id'],
      (page) => {
        const request = objectBody(body);
        const version = objectBody(request?.['version'])?.['number'];
        if (typeof version !== 'number') return confluenceV1Error(400, 'The property version number is required.');
        const property = page.properties.find((p) => p.key === params['key']);
        const result =
          property === undefined
            ? version === 1
              ? createProperty(state, page, params['key'] ?? '', request?.['value'] ?? null)
              : { problem: { status: 404, message: `No property found with key: ${params['key']}` } }
            : updateProperty(state, property, request?.['value'] ?? null, version);
        return isProblem(result) ? confluenceV1Error(result.problem.status, result.problem.message) : reply(200, propertyV1Json(page, result));
      },
      true,
    ),
  ),
  route('DELETE', `${V1}/content/{id}/property/{key}`, ({ params }, state) =>
    withPage(
      state,
      params['id'],
      (page) => {
        const at = page.properties.findIndex((p) => p.key === params['key']);
        if (at < 0) return confluenceV1Error(404, `No property found with key: ${params['key']}`);
        page.properties.splice(at, 1);
        return reply(204);
      },
      true,
    ),
  ),
];
