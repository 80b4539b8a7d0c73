/**
 * Projects and labels: get a project, search projects, and the site's labels in use.
 */
import { SITE } from '../clock.js';
import { jiraError, reply } from '../http.js';
import { intParam, page } from '../paging.js';
import { route, type Route } from '../route.js';
import type { JiraContext } from './context.js';
import { projectJson } from './render.js';
import { findProject } from './state.js';

/** The project and label routes. */
export const PROJECT_ROUTES: readonly Route<JiraContext>[] = [
  route('GET', '/rest/api/3/project/{projectIdOrKey}', ({ params }, ctx) => {
    const project = findProject(ctx.state, params['projectIdOrKey'] ?? '');
    return project === undefined
      ? jiraError(404, `No project could be found with key '${params['projectIdOrKey']}'.`)
      : reply(200, projectJson(ctx.state, ctx.version, project));
  }),
  route('GET', '/rest/api/3/project', (_call, ctx) =>
    reply(
      200,
      [...ctx.state.projects.values()].map((p) => projectJson(ctx.state, ctx.version, p)),
    ),
  ),
  route('GET', '/rest/api/3/project/search', ({ query }, ctx) => {
    const text = (query.get('query') ?? '').toLowerCase();
    const keys = query
      .getAll('keys')
      .flatMap((k) => k.split(','))
      .map((k) => k.toUpperCase());
    const found = [...ctx.state.projects.values()].filter(
      (p) => (text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)) && (keys.length === 0 || keys.includes(p.key)),
    );
    const startAt = intParam(query, 'startAt', 0);
    const maxResults = intParam(query, 'maxResults', 50, 100);
    const { items, isLast } = page(found, startAt, maxResults);
    return reply(200, {
      self: `${SITE}/rest/api/${ctx.version}/project/search`,
      maxResults,
      startAt,
      total: found.length,
      isLast,
      values: items.map((p) => projectJson(ctx.state, ctx.version, p)),
    });
  }),
  route('GET', '/rest/api/3/label', ({ query }, ctx) => {
    const labels = [...new Set([...ctx.state.issues.values()].flatMap((i) => i.labels))].sort();
    const startAt = intParam(query, 'startAt', 0);
    const maxResults = intParam(query, 'maxResults', 1000, 1000);
    const { items, isLast } = page(labels, startAt, maxResults);
    return reply(200, { maxResults, startAt, total: labels.length, isLast, values: items });
  }),
];
