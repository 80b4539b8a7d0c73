/**
 * Labels on pages: read with v2 (`/pages/{id}/labels`), read, add and remove with v1
 * (`/content/{id}/label`), which is where Confluence lets an app write them.
 */
import { confluenceError, confluenceV1Error, reply, type WorldReply } from '../http.js';
import { route, type Route } from '../route.js';
import { cursorPage, objectBody } from './context.js';
import { addLabels, isProblem } from './content.js';
import { labelJson, labelV1Json, WIKI } from './render.js';
import { livePage, type ConfluencePage, type ConfluenceState } from './state.js';

const V1 = '/wiki/rest/api';

const v1List = (page: ConfluencePage): WorldReply =>
  reply(200, {
    results: page.labels.map(labelV1Json),
    start: 0,
    limit: 200,
    size: page.labels.length,
    _links: { self: `${WIKI}/rest/api/content/${page.id}/label`, base: WIKI, context: '/wiki' },
  });

const withPageV1 = (state: ConfluenceState, id: string | undefined, then: (page: ConfluencePage) => WorldReply): WorldReply => {
  const page = livePage(state, id);
  return page === undefined ? confluenceV1Error(404, `No content found with id: ${id}`) : then(page);
};

const removeLabel = (page: ConfluencePage, name: string | null | undefined): WorldReply => {
  const at = page.labels.findIndex((l) => l.name === name?.toLowerCase());
  if (at < 0) return confluenceV1Error(404, `No label with name ${name} on content ${page.id}`);
  page.labels.splice(at, 1);
  return reply(204);
};

/** The label routes. */
export const LABEL_ROUTES: readonly Route<ConfluenceState>[] = [
  route('GET', '/wiki/api/v2/pages/{id}/labels', ({ params, query }, state) => {
    const page = livePage(state, params['id']);
    if (page === undefined) return confluenceError(404);
    const prefix = query.get('prefix');
    return cursorPage(
      page.labels.filter((l) => prefix === null || l.prefix === prefix),
      query,
      `/wiki/api/v2/pages/${page.id}/labels`,
      labelJson,
    );
  }),
  route('GET', `${V1}/content/{id}/label`, ({ params }, state) => withPageV1(state, params['id'], v1List)),
  route('POST', `${V1}/content/{id}/label`, ({ params, body }, state) =>
    withPageV1(state, params['id'], (page) => {
      const items = (Array.isArray(body) ? body : [body]).map(objectBody);
      if (items.some((l) => typeof l?.['name'] !== 'string')) return confluenceV1Error(400, 'Each label needs a name.');
      const added = addLabels(
        state,
        page,
        items.map((l) => ({ name: String(l!['name']), prefix: typeof l!['prefix'] === 'string' ? l!['prefix'] : 'global' })),
      );
      return isProblem(added) ? confluenceV1Error(added.problem.status, added.problem.message) : v1List(page);
    }),
  ),
  route('DELETE', `${V1}/content/{id}/label`, ({ params, query }, state) => withPageV1(state, params['id'], (page) => removeLabel(page, query.get('name')))),
  route('DELETE', `${V1}/content/{id}/label/{label}`, ({ params }, state) => withPageV1(state, params['id'], (page) => removeLabel(page, params['label']))),
];
