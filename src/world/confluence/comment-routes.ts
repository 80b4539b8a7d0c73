/**
 * Confluence v2 footer comments: add to a page or reply to a comment (201), list a page's comments,
 * get, update (the version must go up by one), delete.
 */
import { confluenceError, reply, type WorldReply } from '../http.js';
import { route, type Route } from '../route.js';
import { contentOf, cursorPage, objectBody } from './context.js';
import { addFooterComment, isProblem } from './content.js';
import { commentJson } from './render.js';
import { liveComment, livePage, versionStamp, type ConfluenceComment, type ConfluenceState } from './state.js';

const V2 = '/wiki/api/v2';

const withComment = (state: ConfluenceState, id: string | undefined, then: (comment: ConfluenceComment) => WorldReply): WorldReply => {
  const comment = liveComment(state, id);
  return comment === undefined ? confluenceError(404) : then(comment);
};

const live = (state: ConfluenceState, filter: (c: ConfluenceComment) => boolean): ConfluenceComment[] =>
  [...state.comments.values()].filter((c) => c.status === 'current' && filter(c)).sort((a, b) => Number(a.id) - Number(b.id));

/** The v2 footer comment routes. */
export const COMMENT_ROUTES: readonly Route<ConfluenceState>[] = [
  route('POST', `${V2}/footer-comments`, ({ body }, state) => {
    const request = objectBody(body);
    const content = contentOf(request?.['body']);
    if (request === undefined || content === undefined) return confluenceError(400, 'body must be { representation, value }.');
    const pageId = request['pageId'] ?? request['blogPostId'];
    const parentCommentId = request['parentCommentId'];
    if (pageId === undefined && parentCommentId === undefined) return confluenceError(400, 'One of pageId, blogPostId, parentCommentId is required.');
    const created = addFooterComment(
      state,
      { ...(pageId === undefined ? {} : { pageId: String(pageId) }), ...(parentCommentId === undefined ? {} : { parentCommentId: String(parentCommentId) }) },
      content,
    );
    return isProblem(created)
      ? confluenceError(created.problem.status, created.problem.message)
      : reply(201, commentJson(state, created, created.body.representation));
  }),
  route('GET', `${V2}/footer-comments`, ({ query }, state) =>
    cursorPage(
      live(state, () => true),
      query,
      `${V2}/footer-comments`,
      (c) => commentJson(state, c, query.get('body-format')),
    ),
  ),
  route('GET', `${V2}/pages/{id}/footer-comments`, ({ params, query }, state) => {
    const page = livePage(state, params['id']);
    if (page === undefined) return confluenceError(404);
    return cursorPage(
      live(state, (c) => c.pageId === page.id && c.parentCommentId === undefined),
      query,
      `${V2}/pages/${page.id}/footer-comments`,
      (c) => commentJson(state, c, query.get('body-format')),
    );
  }),
  route('GET', `${V2}/footer-comments/{comment-id}`, ({ params, query }, state) =>
    withComment(state, params['comment-id'], (c) => reply(200, commentJson(state, c, query.get('body-format')))),
  ),
  route('GET', `${V2}/footer-comments/{id}/children`, ({ params, query }, state) =>
    withComment(state, params['id'], (parent) =>
      cursorPage(
        live(state, (c) => c.parentCommentId === parent.id),
        query,
        `${V2}/footer-comments/${parent.id}/children`,
        (c) => commentJson(state, c, query.get('body-format')),
      ),
    ),
  ),
  route('PUT', `${V2}/footer-comments/{comment-id}`, ({ params, body }, state) =>
    withComment(state, params['comment-id'], (comment) => {
      const request = objectBody(body);
      const version = objectBody(request?.['version'])?.['number'];
      const content = contentOf(request?.['body']);
      if (typeof version !== 'number' || content === undefined) return confluenceError(400, 'version.number and body are required.');
      if (version !== comment.version.number + 1)
        return confluenceError(409, `Version must be incremented on update. Current version is: ${comment.version.number}`);
      comment.body = content;
      comment.version = versionStamp(state, version);
      return reply(200, commentJson(state, comment, content.representation));
    }),
  ),
  route('DELETE', `${V2}/footer-comments/{comment-id}`, ({ params }, state) =>
    withComment(state, params['comment-id'], (comment) => {
      comment.status = 'trashed';
      return reply(204);
    }),
  ),
];
