/**
 * Comments on issues: list (paged, ordered), add, get, update, delete, and the bulk read by ids. Added
 * comments appear in the next listing, so a handler that checks before it comments sees its own.
 */
import { jiraError, reply, type WorldReply } from '../http.js';
import { intParam } from '../paging.js';
import { route, type Route } from '../route.js';
import { addComment } from './comment-store.js';
import { badBody, objectBody, withIssue, type JiraContext } from './context.js';
import { commentJson } from './render.js';
import type { JiraComment, JiraIssue } from './state.js';

const withComment = (ctx: JiraContext, issue: JiraIssue, id: string | undefined, then: (comment: JiraComment) => WorldReply): WorldReply => {
  const comment = issue.comments.find((c) => c.id === id);
  return comment === undefined ? jiraError(404, `Can not find a comment for the id: ${id}.`) : then(comment);
};

const expandsProperties = (query: URLSearchParams): boolean => (query.get('expand') ?? '').split(',').includes('properties');

const ordered = (comments: readonly JiraComment[], orderBy: string | null): JiraComment[] => {
  const sorted = [...comments].sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
  return orderBy === '-created' ? sorted.reverse() : sorted;
};

/** Default and largest page of `GET comments`, from the spec. */
const COMMENT_PAGE = 100;

/** The comment routes. */
export const COMMENT_ROUTES: readonly Route<JiraContext>[] = [
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/comment', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const startAt = intParam(query, 'startAt', 0);
      const maxResults = intParam(query, 'maxResults', COMMENT_PAGE, 5000);
      const all = ordered(issue.comments, query.get('orderBy'));
      const withProperties = expandsProperties(query);
      return reply(200, {
        comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(ctx.state, ctx.version, c, withProperties)),
        maxResults,
        total: all.length,
        startAt,
      });
    }),
  ),
  route('POST', '/rest/api/3/issue/{issueIdOrKey}/comment', ({ params, query, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const request = objectBody(body);
      if (request === undefined) return badBody();
      if (request['body'] === undefined || request['body'] === null || request['body'] === '')
        return reply(400, { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } });
      const properties = (Array.isArray(request['properties']) ? request['properties'] : [])
        .map(objectBody)
        .flatMap((p) => (typeof p?.['key'] === 'string' ? [{ key: p['key'], value: p['value'] }] : []));
      const comment = addComment(ctx.state, issue, request['body'], request['visibility'], properties);
      return reply(201, commentJson(ctx.state, ctx.version, comment, expandsProperties(query)));
    }),
  ),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      withComment(ctx, issue, params['id'], (comment) => reply(200, commentJson(ctx.state, ctx.version, comment, expandsProperties(query)))),
    ),
  ),
  route('PUT', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', ({ params, query, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      withComment(ctx, issue, params['id'], (comment) => {
        const request = objectBody(body);
        if (request === undefined) return badBody();
        if (request['body'] !== undefined) comment.body = request['body'];
        if (request['visibility'] !== undefined) comment.visibility = request['visibility'];
        comment.updated = ctx.state.clock.tick();
        comment.updateAuthor = ctx.state.me;
        return reply(200, commentJson(ctx.state, ctx.version, comment, expandsProperties(query)));
      }),
    ),
  ),
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', ({ params }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      withComment(ctx, issue, params['id'], (comment) => {
        issue.comments.splice(issue.comments.indexOf(comment), 1);
        return reply(204);
      }),
    ),
  ),
  route('POST', '/rest/api/3/comment/list', ({ query, body }, ctx) => {
    const ids = objectBody(body)?.['ids'];
    if (!Array.isArray(ids)) return jiraError(400, 'The ids of the comments are required.');
    const wanted = new Set(ids.map(String));
    const found = [...ctx.state.issues.values()].flatMap((i) => i.comments).filter((c) => wanted.has(c.id));
    const values = found.sort((a, b) => Number(a.id) - Number(b.id)).map((c) => commentJson(ctx.state, ctx.version, c, expandsProperties(query)));
    return reply(200, { isLast: true, maxResults: 1000, startAt: 0, total: values.length, values });
  }),
];
