/**
 * Issues: create (one and bulk), get, edit, delete, assign, and the workflow's transitions.
 */
import { SITE } from '../clock.js';
import { jiraError, jiraFieldErrors, reply } from '../http.js';
import { route, type Route } from '../route.js';
import { DEFAULT_PRIORITY, ID_BASE, STATUSES, TRANSITIONS } from './catalog.js';
import { badBody, objectBody, withIssue, type JiraContext } from './context.js';
import { applyEdit, namedRef, type FieldErrors } from './edit.js';
import { fieldSelector } from './field-selector.js';
import { issueJson, statusJson } from './render.js';
import { ensureProject, ensureUser, findProject, type JiraIssue, type JiraState } from './state.js';

type Created = { readonly issue: JiraIssue } | { readonly errors: FieldErrors };

const projectOf = (state: JiraState, value: unknown, errors: FieldErrors) => {
  const ref = objectBody(value);
  const key = ref?.['key'];
  const id = ref?.['id'];
  if (typeof key === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(key)) return ensureProject(state, key.toUpperCase());
  if (typeof id === 'string' || typeof id === 'number') {
    const project = findProject(state, String(id));
    if (project === undefined) errors['project'] = 'valid project is required';
    return project;
  }
  errors['project'] = 'Specify a valid project ID or key';
  return undefined;
};

/**
 * Creates an issue from a create-issue body. Projects named by key are registered on first use (the
 * world cannot know the site's projects); an unknown project id is an error, as on Jira.
 *
 * @example
 * createIssue(jira, { fields: { project: { key: 'SUP' }, summary: 'Printer on fire', issuetype: { name: 'Task' } } })
 */
export const createIssue = (state: JiraState, body: Record<string, unknown>): Created => {
  const fields = objectBody(body['fields']) ?? {};
  const errors: FieldErrors = {};
  const project = projectOf(state, fields['project'], errors);
  const issuetype = fields['issuetype'] === undefined ? undefined : namedRef(state, 'issueTypes', fields['issuetype']);
  if (issuetype === undefined) errors['issuetype'] = fields['issuetype'] === undefined ? 'Specify an issue type' : 'The issue type selected is invalid.';
  if (typeof fields['summary'] !== 'string' || fields['summary'].trim() === '') errors['summary'] = 'You must specify a summary of the issue.';
  if (project === undefined || issuetype === undefined || Object.keys(errors).length > 0) return { errors };
  const now = state.clock.tick();
  const issue: JiraIssue = {
    id: state.ids.next('issue', ID_BASE.issue),
    key: `${project.key}-${project.nextNumber}`,
    projectId: project.id,
    summary: '',
    description: null,
    issuetype,
    status: STATUSES[0].name,
    priority: DEFAULT_PRIORITY,
    labels: [],
    assignee: null,
    reporter: state.me,
    creator: state.me,
    duedate: null,
    other: {},
    created: now,
    updated: now,
    properties: new Map(),
    comments: [],
    worklogs: [],
    watchers: [state.me],
  };
  const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'project' && name !== 'issuetype'));
  const editErrors = applyEdit(state, issue, { fields: rest, update: body['update'] });
  if (Object.keys(editErrors).length > 0) return { errors: editErrors };
  for (const property of Array.isArray(body['properties']) ? body['properties'] : []) {
    const p = objectBody(property);
    if (typeof p?.['key'] === 'string') issue.properties.set(p['key'], p['value']);
  }
  const transition = TRANSITIONS.find((t) => t.id === String(objectBody(body['transition'])?.['id']));
  if (transition !== undefined) issue.status = transition.to;
  project.nextNumber += 1;
  state.issues.set(issue.id, issue);
  return { issue };
};

const createdRef = (ctx: JiraContext, issue: JiraIssue) => ({ id: issue.id, key: issue.key, self: `${SITE}/rest/api/${ctx.version}/issue/${issue.id}` });

/** Edits a copy first so that a rejected edit changes nothing, as Jira validates before it writes. */
const editIssue = (state: JiraState, issue: JiraIssue, body: Record<string, unknown>): FieldErrors => {
  const draft: JiraIssue = { ...issue, labels: [...issue.labels], other: { ...issue.other } };
  const errors = applyEdit(state, draft, body);
  if (Object.keys(errors).length > 0) return errors;
  Object.assign(issue, draft, { updated: state.clock.tick() });
  return errors;
};

const transitionsJson = (ctx: JiraContext, only: string | null) => ({
  expand: 'transitions',
  transitions: TRANSITIONS.filter((t) => only === null || t.id === only).map((t) => ({
    id: t.id,
    name: t.name,
    to: statusJson(ctx.state, ctx.version, t.to),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  })),
});

const listParam = (values: readonly string[]): string[] =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/** The issue routes. */
export const ISSUE_ROUTES: readonly Route<JiraContext>[] = [
  route('POST', '/rest/api/3/issue', ({ body }, ctx) => {
    const request = objectBody(body);
    if (request === undefined) return badBody();
    const created = createIssue(ctx.state, request);
    return 'errors' in created ? jiraFieldErrors(created.errors) : reply(201, createdRef(ctx, created.issue));
  }),
  route('POST', '/rest/api/3/issue/bulk', ({ body }, ctx) => {
    const updates = objectBody(body)?.['issueUpdates'];
    if (!Array.isArray(updates)) return jiraError(400, 'Field issueUpdates is required.');
    const issues: unknown[] = [];
    const errors: unknown[] = [];
    updates.forEach((update, i) => {
      const created = createIssue(ctx.state, objectBody(update) ?? {});
      if ('errors' in created) errors.push({ status: 400, elementErrors: { errorMessages: [], errors: created.errors }, failedElementNumber: i });
      else issues.push(createdRef(ctx, created.issue));
    });
    return reply(issues.length === 0 && errors.length > 0 ? 400 : 201, { issues, errors });
  }),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) =>
      reply(200, issueJson(ctx.state, ctx.version, issue, fieldSelector(query.getAll('fields'), '*all'), listParam(query.getAll('properties')))),
    ),
  ),
  route('PUT', '/rest/api/3/issue/{issueIdOrKey}', ({ params, query, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const request = objectBody(body);
      if (request === undefined) return badBody();
      const errors = editIssue(ctx.state, issue, request);
      if (Object.keys(errors).length > 0) return jiraFieldErrors(errors);
      return query.get('returnIssue') === 'true' ? reply(200, issueJson(ctx.state, ctx.version, issue, fieldSelector([], '*all'))) : reply(204);
    }),
  ),
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const subtasks = [...ctx.state.issues.values()].filter((i) => i.parent === issue.id);
      if (subtasks.length > 0 && query.get('deleteSubtasks') !== 'true')
        return jiraError(400, `The issue has subtasks. Set deleteSubtasks to true to delete them.`);
      for (const gone of [issue, ...subtasks]) {
        ctx.state.issues.delete(gone.id);
        for (const [id, link] of ctx.state.links) if (link.inward === gone.id || link.outward === gone.id) ctx.state.links.delete(id);
      }
      return reply(204);
    }),
  ),
  route('PUT', '/rest/api/3/issue/{issueIdOrKey}/assignee', ({ params, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const accountId = objectBody(body)?.['accountId'];
      if (accountId !== null && accountId !== '-1' && (typeof accountId !== 'string' || accountId === ''))
        return jiraError(400, 'Specify the accountId of the assignee, or null to unassign.');
      issue.assignee = accountId === null || accountId === '-1' ? null : ensureUser(ctx.state, accountId).accountId;
      issue.updated = ctx.state.clock.tick();
      return reply(204);
    }),
  ),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', ({ params, query }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], () => reply(200, transitionsJson(ctx, query.get('transitionId')))),
  ),
  route('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', ({ params, body }, ctx) =>
    withIssue(ctx, params['issueIdOrKey'], (issue) => {
      const request = objectBody(body);
      if (request === undefined) return badBody();
      const id = objectBody(request['transition'])?.['id'];
      const transition = TRANSITIONS.find((t) => t.id === String(id));
      if (transition === undefined) return jiraError(400, `Transition id '${String(id)}' is not valid for this issue.`);
      const errors = editIssue(ctx.state, issue, { fields: request['fields'], update: request['update'] });
      if (Object.keys(errors).length > 0) return jiraFieldErrors(errors);
      issue.status = transition.to;
      return reply(204);
    }),
  ),
];
