/**
 * Worklogs on issues: add (201), list (paged), get, update, delete. Time spent is given in seconds or
 * as Jira's duration text (`1w 2d 3h 4m`, a week of 5 days of 8 hours).
 */
import { parseTime } from '../clock.js';
import { jiraError, reply, type WorldReply } from '../http.js';
import { intParam } from '../paging.js';
import { route, type Route } from '../route.js';
import { ID_BASE } from './catalog.js';
import { badBody, objectBody, withIssue, type JiraContext } from './context.js';
import { worklogJson } from './render.js';
import type { JiraIssue, JiraWorklog } from './state.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = { w: 144000, d: 28800, h: 3600, m: 60 };

/**
 * Seconds in a Jira duration, or undefined when it is not one.
 *
 * @example
 * durationSeconds('1h 30m') // 5400
 */
export const durationSeconds = (text: string): number | undefined => {
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(part);
    if (match === null) return undefined;
    total += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  }
  return total > 0 ? Math.round(total) : undefined;
};

const spentOf = (request: Record<string, unknown>): number | undefined => {
  const seconds = request['timeSpentSeconds'];
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0) return seconds;
  return typeof request['timeSpent'] === 'string' ? durationSeconds(request['timeSpent']) : undefined;
};

const withWorklog = (issue: JiraIssue, id: string | undefined, then: (worklog: JiraWorklog) => WorldReply): WorldReply => {
  const worklog = issue.worklogs.find((w) => w.id === id);
  return worklog === undefined ? jiraError(404, `Cannot find worklog with id: '${id}'.`) : then(worklog);
};

const NO_TIME = { errorMessages: [], errors: { timeLogged: 'You must indicate the time spent working.' } };

/** The worklog routes. */
export const WORKLOG_ROUTES: readonly Route<JiraContext>[] = [
  route('POST', '/rest/api/3/issue/{issueIdOrKey}/worklog', ({ params, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const request = objectBody(body);
      if (request === undefined) return badBody();
      const spent = spentOf(request);
      if (spent === undefined) return reply(400, NO_TIME);
      const now = ctx.state.clock.tick();
      const started = typeof request['started'] === 'string' ? parseTime(request['started']) : undefined;
      const worklog: JiraWorklog = {
        id: ctx.state.ids.next('worklog', ID_BASE.worklog),
        issueId: issue.id,
        author: ctx.state.me,
        updateAuthor: ctx.state.me,
        ...(request['comment'] === undefined ? {} : { comment: request['comment'] }),
        started: started ?? now,
        timeSpentSeconds: spent,
        created: now,
        updated: now,
      };
      issue.worklogs.push(worklog);
      issue.updated = now;
      return reply(201, worklogJson(ctx.state, ctx.version, worklog));
    }),
  ),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/worklog', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const startAt = intParam(query, 'startAt', 0);
      const maxResults = intParam(query, 'maxResults', 5000, 5000);
      return reply(200, {
        startAt,
        maxResults,
        total: issue.worklogs.length,
        worklogs: issue.worklogs.slice(startAt, startAt + maxResults).map((w) => worklogJson(ctx.state, ctx.version, w)),
      });
    }),
  ),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', ({ params }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => withWorklog(issue, params['id'], (w) => reply(200, worklogJson(ctx.state, ctx.version, w)))),
  ),
  route('PUT', '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', ({ params, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      withWorklog(issue, params['id'], (worklog) => {
        const request = objectBody(body);
        if (request === undefined) return badBody();
        const spent = request['timeSpentSeconds'] === undefined && request['timeSpent'] === undefined ? worklog.timeSpentSeconds : spentOf(request);
        if (spent === undefined) return reply(400, NO_TIME);
        worklog.timeSpentSeconds = spent;
        if (request['comment'] !== undefined) worklog.comment = request['comment'];
        const started = typeof request['started'] === 'string' ? parseTime(request['started']) : undefined;
        if (started !== undefined) worklog.started = started;
        worklog.updated = ctx.state.clock.tick();
        worklog.updateAuthor = ctx.state.me;
        return reply(200, worklogJson(ctx.state, ctx.version, worklog));
      }),
    ),
  ),
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', ({ params }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      withWorklog(issue, params['id'], (worklog) => {
        issue.worklogs.splice(issue.worklogs.indexOf(worklog), 1);
        return reply(204);
      }),
    ),
  ),
];
