/**
 * Entity properties: the same four endpoints on issues, projects and comments (list keys, get, set,
 * delete). A set answers 201 when it created the key and 200 when it replaced it, as the spec documents.
 */
import { SITE } from '../clock.js';
import { jiraError, reply, type WorldReply } from '../http.js';
import { route, type Route, type RouteCall } from '../route.js';
import { issueNotFound, type JiraContext } from './context.js';
import { findIssue, findProject } from './state.js';

/** Finds the property map a path names, or says why not. */
type Owner = (ctx: JiraContext, params: Readonly<Record<string, string>>) => { readonly properties: Map<string, unknown>; readonly self: string } | WorldReply;

const KEY_MAX = 255;

const propertyRoutesFor = (base: string, owner: Owner): Route<JiraContext>[] => {
  const withOwner = (call: RouteCall, ctx: JiraContext, then: (properties: Map<string, unknown>, self: string, key: string) => WorldReply): WorldReply => {
    const found = owner(ctx, call.params);
    return 'status' in found ? found : then(found.properties, found.self, call.params['propertyKey'] ?? '');
  };
  const missing = (key: string): WorldReply => jiraError(404, `The property with key '${key}' does not exist.`);
  return [
    route('GET', base, (call, ctx) =>
      withOwner(call, ctx, (properties, self) =>
        reply(200, { keys: [...properties.keys()].map((key) => ({ self: `${self}/${encodeURIComponent(key)}`, key })) }),
      ),
    ),
    route('GET', `${base}/{propertyKey}`, (call, ctx) =>
      withOwner(call, ctx, (properties, _self, key) => (properties.has(key) ? reply(200, { key, value: properties.get(key) }) : missing(key))),
    ),
    route('PUT', `${base}/{propertyKey}`, (call, ctx) =>
      withOwner(call, ctx, (properties, _self, key) => {
        if (key.length > KEY_MAX) return jiraError(400, `The property key can not be longer than ${KEY_MAX} characters.`);
        if (call.body === undefined) return jiraError(400, 'The property value must be valid JSON.');
        const created = !properties.has(key);
        properties.set(key, structuredClone(call.body));
        return reply(created ? 201 : 200, {});
      }),
    ),
    route('DELETE', `${base}/{propertyKey}`, (call, ctx) =>
      withOwner(call, ctx, (properties, _self, key) => (properties.delete(key) ? reply(204) : missing(key))),
    ),
  ];
};

/** Issue, project and comment properties. */
export const PROPERTY_ROUTES: readonly Route<JiraContext>[] = [
  ...propertyRoutesFor('/rest/api/3/issue/{issueIdOrKey}/properties', (ctx, params) => {
    const issue = findIssue(ctx.state, params['issueIdOrKey'] ?? '');
    return issue === undefined ? issueNotFound() : { properties: issue.properties, self: `${SITE}/rest/api/${ctx.version}/issue/${issue.id}/properties` };
  }),
  ...propertyRoutesFor('/rest/api/3/project/{projectIdOrKey}/properties', (ctx, params) => {
    const project = findProject(ctx.state, params['projectIdOrKey'] ?? '');
    return project === undefined
      ? jiraError(404, `No project could be found with key '${params['projectIdOrKey']}'.`)
      : { properties: project.properties, self: `${SITE}/rest/api/${ctx.version}/project/${project.id}/properties` };
  }),
  ...propertyRoutesFor('/rest/api/3/comment/{commentId}/properties', (ctx, params) => {
    const id = params['commentId'] ?? '';
    for (const issue of ctx.state.issues.values()) {
      const comment = issue.comments.find((c) => c.id === id);
      if (comment !== undefined) return { properties: comment.properties, self: `${SITE}/rest/api/${ctx.version}/comment/${id}/properties` };
    }
    return jiraError(404, `Can not find a comment for the id: ${id}.`);
  }),
];
