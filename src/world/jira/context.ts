/**
 * What every Jira route works on: the site, and the REST API version the request named (`/rest/api/2`
 * or `/3`), which only changes `self` links.
 */
import type { ApiVersion } from './render.js';
import type { JiraIssue, JiraState } from './state.js';
import { jiraError, type WorldReply } from '../http.js';
import { findIssue } from './state.js';

/** A Jira route's state. */
export interface JiraContext {
  readonly state: JiraState;
  readonly version: ApiVersion;
}

/** Jira's answer for an issue that does not exist. */
export const issueNotFound = (): WorldReply => jiraError(404, 'Issue does not exist or you do not have permission to see it.');

/**
 * Runs `then` with the issue the path names, or answers 404.
 *
 * @example
 * withIssue(ctx, 'SUP-1', (issue) => reply(200, { key: issue.key }))
 */
export const withIssue = (ctx: JiraContext, idOrKey: string | undefined, then: (issue: JiraIssue) => WorldReply): WorldReply => {
  const issue = idOrKey === undefined ? undefined : findIssue(ctx.state, idOrKey);
  return issue === undefined ? issueNotFound() : then(issue);
};

/** The body as an object (Jira answers 400 for anything else). */
export const objectBody = (body: unknown): Record<string, unknown> | undefined =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;

/** Jira's 400 for a body that is not a JSON object. */
export const badBody = (): WorldReply => jiraError(400, 'The request body is missing or is not a JSON object.');
