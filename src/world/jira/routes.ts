/**
 * Every Jira endpoint the world simulates statefully, and the answer for a Jira request: routes are
 * written against `/rest/api/3`, and `/rest/api/2` and `/rest/api/latest` reach the same routes (only
 * `self` links keep the version asked for).
 */
import type { WorldReply } from '../http.js';
import { dispatch, type Route } from '../route.js';
import { COMMENT_ROUTES } from './comment-routes.js';
import type { JiraContext } from './context.js';
import { ISSUE_ROUTES } from './issue-routes.js';
import { LINK_ROUTES } from './link-routes.js';
import { PROJECT_ROUTES } from './project-routes.js';
import { PROPERTY_ROUTES } from './property-routes.js';
import type { ApiVersion } from './render.js';
import { SEARCH_ROUTES } from './search-routes.js';
import type { JiraState } from './state.js';
import { USER_ROUTES } from './user-routes.js';
import { WORKLOG_ROUTES } from './worklog-routes.js';

/** The simulated Jira endpoints. */
export const JIRA_ROUTES: readonly Route<JiraContext>[] = [
  ...ISSUE_ROUTES,
  ...COMMENT_ROUTES,
  ...PROPERTY_ROUTES,
  ...LINK_ROUTES,
  ...WORKLOG_ROUTES,
  ...USER_ROUTES,
  ...PROJECT_ROUTES,
  ...SEARCH_ROUTES,
];

const VERSIONED = /^\/rest\/api\/(2|3|latest)(?=\/|$)/;

/**
 * The answer of the simulated Jira, or undefined when no simulated endpoint matches.
 *
 * @example
 * answerJira(jira, { method: 'GET', path: '/rest/api/2/issue/SUP-1' })?.status // 200, or 404 if there is no SUP-1
 */
export const answerJira = (state: JiraState, request: { readonly method: string; readonly path: string; readonly body?: unknown }): WorldReply | undefined => {
  const match = VERSIONED.exec(request.path);
  if (match === null) return undefined;
  const version: ApiVersion = match[1] === '2' ? '2' : '3';
  return dispatch(JIRA_ROUTES, { ...request, path: request.path.replace(VERSIONED, '/rest/api/3') }, { state, version });
};
