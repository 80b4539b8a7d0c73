/**
 * Issue links and their types: `POST /issueLink` (201), read and delete a link, list the types. A link
 * shows on both issues' `fields.issuelinks`.
 */
import { jiraError, reply } from '../http.js';
import { route, type Route } from '../route.js';
import { ID_BASE, LINK_TYPES } from './catalog.js';
import { addComment } from './comment-store.js';
import { badBody, objectBody, type JiraContext } from './context.js';
import { linkTypeJson } from './render.js';
import { findIssue, type JiraIssue } from './state.js';

const linkType = (value: unknown) => {
  const ref = objectBody(value);
  return LINK_TYPES.find((t) => t.name.toLowerCase() === String(ref?.['name']).toLowerCase() || t.id === String(ref?.['id']));
};

const issueOf = (ctx: JiraContext, value: unknown): JiraIssue | undefined => {
  const ref = objectBody(value);
  const idOrKey = ref?.['key'] ?? ref?.['id'];
  return typeof idOrKey === 'string' || typeof idOrKey === 'number' ? findIssue(ctx.state, String(idOrKey)) : undefined;
};

/** The issue link routes. */
export const LINK_ROUTES: readonly Route<JiraContext>[] = [
  route('POST', '/rest/api/3/issueLink', ({ body }, ctx) => {
    const request = objectBody(body);
    if (request === undefined) return badBody();
    const type = linkType(request['type']);
    if (type === undefined) return jiraError(404, `No issue link type with name '${String(objectBody(request['type'])?.['name'])}' found.`);
    const inward = issueOf(ctx, request['inwardIssue']);
    const outward = issueOf(ctx, request['outwardIssue']);
    if (inward === undefined || outward === undefined) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
    const id = ctx.state.ids.next('link', ID_BASE.link);
    ctx.state.links.set(id, { id, type: type.name, inward: inward.id, outward: outward.id });
    const now = ctx.state.clock.tick();
    inward.updated = now;
    outward.updated = now;
    const comment = objectBody(request['comment']);
    if (comment?.['body'] !== undefined) addComment(ctx.state, outward, comment['body'], comment['visibility'], []);
    return reply(201, {});
  }),
  route('GET', '/rest/api/3/issueLink/{linkId}', ({ params }, ctx) => {
    const link = ctx.state.links.get(params['linkId'] ?? '');
    if (link === undefined) return jiraError(404, `No issue link with id '${params['linkId']}' exists.`);
    const type = LINK_TYPES.find((t) => t.name === link.type) ?? LINK_TYPES[3];
    const ref = (id: string) => {
      const issue = ctx.state.issues.get(id)!;
      return { id: issue.id, key: issue.key };
    };
    return reply(200, { id: link.id, type: linkTypeJson(ctx.version, type), inwardIssue: ref(link.inward), outwardIssue: ref(link.outward) });
  }),
  route('DELETE', '/rest/api/3/issueLink/{linkId}', ({ params }, ctx) =>
    ctx.state.links.delete(params['linkId'] ?? '') ? reply(204) : jiraError(404, `No issue link with id '${params['linkId']}' exists.`),
  ),
  route('GET', '/rest/api/3/issueLinkType', (_call, ctx) => reply(200, { issueLinkTypes: LINK_TYPES.map((t) => linkTypeJson(ctx.version, t)) })),
];
