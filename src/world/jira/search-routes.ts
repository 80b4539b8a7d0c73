/**
 * JQL search: the 2025 endpoints (`/search/jql`, GET and POST, paged by `nextPageToken`/`isLast`, ids
 * only unless `fields` asks for more, bounded queries only), the legacy `/search` (paged by
 * `startAt`/`total`, navigable fields by default) and the approximate count.
 */
import { jiraError, reply, type WorldReply } from '../http.js';
import { intParam, offsetOf, page, tokenFor } from '../paging.js';
import { route, type Route } from '../route.js';
import { objectBody, type JiraContext } from './context.js';
import { fieldSelector } from './field-selector.js';
import { runJql } from './jql.js';
import { issueJson } from './render.js';

/** Search parameters, read from a query string or a POST body alike. */
interface SearchInput {
  readonly jql: string;
  readonly fields: readonly string[];
  readonly properties: readonly string[];
  readonly maxResults: number | undefined;
  readonly startAt: number | undefined;
  readonly nextPageToken: string | undefined;
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []).map((s) => s.trim()).filter((s) => s.length > 0);

const fromQuery = (query: URLSearchParams): SearchInput => ({
  jql: query.get('jql') ?? '',
  fields: query.getAll('fields'),
  properties: query.getAll('properties').flatMap((p) => list(p)),
  maxResults: query.has('maxResults') ? intParam(query, 'maxResults', 50) : undefined,
  startAt: query.has('startAt') ? intParam(query, 'startAt', 0) : undefined,
  nextPageToken: query.get('nextPageToken') ?? undefined,
});

const fromBody = (body: unknown): SearchInput => {
  const b = objectBody(body) ?? {};
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  return {
    jql: typeof b['jql'] === 'string' ? b['jql'] : '',
    fields: list(b['fields']),
    properties: list(b['properties']),
    maxResults: n(b['maxResults']),
    startAt: n(b['startAt']),
    nextPageToken: typeof b['nextPageToken'] === 'string' ? b['nextPageToken'] : undefined,
  };
};

/** The most issues one page of `/search/jql` returns; the default page is 50, as documented. */
const JQL_PAGE_MAX = 5000;
/** The most issues one page of the legacy search returns. */
const LEGACY_PAGE_MAX = 100;

const enhanced = (ctx: JiraContext, input: SearchInput): WorldReply => {
  const outcome = runJql(ctx.state, input.jql, { bounded: true });
  if ('error' in outcome) return jiraError(400, outcome.error);
  const offset = offsetOf(input.nextPageToken);
  if (offset === undefined) return jiraError(400, 'The nextPageToken is invalid or has expired.');
  const size = Math.min(input.maxResults ?? 50, JQL_PAGE_MAX);
  const { items, isLast } = page(outcome.issues, offset, size);
  const select = fieldSelector(input.fields, 'id');
  const onlyIds = input.fields.length === 0 || input.fields.every((f) => f.split(',').every((t) => t.trim() === 'id'));
  const issues = items.map((issue) =>
    onlyIds && input.properties.length === 0 ? { id: issue.id } : issueJson(ctx.state, ctx.version, issue, select, input.properties),
  );
  return reply(200, isLast ? { issues, isLast } : { issues, nextPageToken: tokenFor(offset + items.length), isLast });
};

const legacy = (ctx: JiraContext, input: SearchInput): WorldReply => {
  const outcome = runJql(ctx.state, input.jql, { bounded: false });
  if ('error' in outcome) return jiraError(400, outcome.error);
  const startAt = input.startAt ?? 0;
  const maxResults = Math.min(input.maxResults ?? 50, LEGACY_PAGE_MAX);
  const select = fieldSelector(input.fields, '*navigable');
  const issues = outcome.issues.slice(startAt, startAt + maxResults).map((issue) => issueJson(ctx.state, ctx.version, issue, select, input.properties));
  return reply(200, { expand: 'schema,names', startAt, maxResults, total: outcome.issues.length, issues });
};

/** The search routes. */
export const SEARCH_ROUTES: readonly Route<JiraContext>[] = [
  route('GET', '/rest/api/3/search/jql', ({ query }, ctx) => enhanced(ctx, fromQuery(query))),
  route('POST', '/rest/api/3/search/jql', ({ body }, ctx) => enhanced(ctx, fromBody(body))),
  route('GET', '/rest/api/3/search', ({ query }, ctx) => legacy(ctx, fromQuery(query))),
  route('POST', '/rest/api/3/search', ({ body }, ctx) => legacy(ctx, fromBody(body))),
  route('POST', '/rest/api/3/search/approximate-count', ({ body }, ctx) => {
    const outcome = runJql(ctx.state, fromBody(body).jql, { bounded: true });
    return 'error' in outcome ? jiraError(400, outcome.error) : reply(200, { count: outcome.issues.length });
  }),
];
