/**
 * Users and watchers: the current account, one user by account id, user search, bulk read, assignable
 * search; an issue's watchers (list, add, remove). Accounts a handler writes (a watcher, an assignee) are
 * registered on first use, since the world cannot know every account of a site; reads of an unknown
 * account answer 404.
 */
import { SITE } from '../clock.js';
import { jiraError, reply } from '../http.js';
import { intParam, page } from '../paging.js';
import { route, type Route } from '../route.js';
import { withIssue, type JiraContext } from './context.js';
import { userJson } from './render.js';
import { ensureUser, type JiraUser } from './state.js';

const matches = (user: JiraUser, query: string): boolean => {
  const q = query.toLowerCase();
  return [user.displayName, user.emailAddress ?? '', user.accountId].some((text) => text.toLowerCase().includes(q));
};

const searchUsers = (ctx: JiraContext, query: URLSearchParams, humansOnly: boolean): unknown[] => {
  const text = query.get('query') ?? query.get('username') ?? '';
  const accountId = query.get('accountId');
  const found = [...ctx.state.users.values()].filter(
    (u) => (accountId === null || u.accountId === accountId) && (text === '' || matches(u, text)) && (!humansOnly || u.accountType === 'atlassian'),
  );
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = intParam(query, 'maxResults', 50, 1000);
  return found.slice(startAt, startAt + maxResults).map((u) => userJson(ctx.state, ctx.version, u.accountId));
};

const watcherOf = (body: unknown): string | undefined => (typeof body === 'string' && body.trim() !== '' ? body.trim().replace(/^"|"$/g, '') : undefined);

/** The user and watcher routes. */
export const USER_ROUTES: readonly Route<JiraContext>[] = [
  route('GET', '/rest/api/3/myself', (_call, ctx) => reply(200, userJson(ctx.state, ctx.version, ctx.state.me))),
  route('GET', '/rest/api/3/user', ({ query }, ctx) => {
    const accountId = query.get('accountId');
    if (accountId === null || !ctx.state.users.has(accountId)) return jiraError(404, 'Specified user does not exist or you do not have required permissions');
    return reply(200, userJson(ctx.state, ctx.version, accountId));
  }),
  route('GET', '/rest/api/3/user/search', ({ query }, ctx) => reply(200, searchUsers(ctx, query, false))),
  route('GET', '/rest/api/3/users/search', ({ query }, ctx) => reply(200, searchUsers(ctx, query, false))),
  route('GET', '/rest/api/3/user/assignable/search', ({ query }, ctx) => reply(200, searchUsers(ctx, query, true))),
  route('GET', '/rest/api/3/user/bulk', ({ query }, ctx) => {
    const ids = query.getAll('accountId').filter((id) => ctx.state.users.has(id));
    const startAt = intParam(query, 'startAt', 0);
    const maxResults = intParam(query, 'maxResults', 10, 200);
    const { items, isLast } = page(ids, startAt, maxResults);
    return reply(200, {
      self: `${SITE}/rest/api/${ctx.version}/user/bulk`,
      maxResults,
      startAt,
      total: ids.length,
      isLast,
      values: items.map((id) => userJson(ctx.state, ctx.version, id)),
    });
  }),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/watchers', ({ params }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      reply(200, {
        self: `${SITE}/rest/api/${ctx.version}/issue/${issue.key}/watchers`,
        isWatching: issue.watchers.includes(ctx.state.me),
        watchCount: issue.watchers.length,
        watchers: issue.watchers.map((id) => userJson(ctx.state, ctx.version, id)),
      }),
    ),
  ),
  route('POST', '/rest/api/3/issue/{issueIdOrKey}/watchers', ({ params, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const accountId = body === undefined ? ctx.state.me : watcherOf(body);
      if (accountId === undefined) return jiraError(400, 'The request body must be the account id of the user, as a JSON string.');
      ensureUser(ctx.state, accountId);
      if (!issue.watchers.includes(accountId)) issue.watchers.push(accountId);
      return reply(204);
    }),
  ),
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}/watchers', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const accountId = query.get('accountId');
      if (accountId === null) return jiraError(400, 'The accountId query parameter is required.');
      const at = issue.watchers.indexOf(accountId);
      if (at >= 0) issue.watchers.splice(at, 1);
      return reply(204);
    }),
  ),
];
