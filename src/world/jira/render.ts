/**
 * Jira's JSON for the simulated state: issues (with the field selection of `fields=`), users, projects,
 * comments, worklogs and links, in the shapes of the platform REST API (v2 and v3 differ only in the
 * `self` links here: bodies are returned as they were written).
 */
import { SITE, jiraTime } from '../clock.js';
import { LINK_TYPES, STATUS_CATEGORIES } from './catalog.js';
import type { FieldSelector } from './field-selector.js';
import type { JiraComment, JiraIssue, JiraProject, JiraState, JiraWorklog } from './state.js';

/** The REST API version a request used, for `self` links. */
export type ApiVersion = '2' | '3';

const api = (version: ApiVersion, rest: string): string => `${SITE}/rest/api/${version}${rest}`;

const avatarUrls = (seed: string): Record<string, string> =>
  Object.fromEntries(
    ['48x48', '24x24', '16x16', '32x32'].map((size) => [size, `https://avatar-management.services.atlassian.com/${seed}/${size.split('x')[0]}`]),
  );

/**
 * A user as Jira returns it, or null for no user.
 *
 * @example
 * userJson(jira, '3', '5b10ac8d82e05b22cc7d4ef5')?.displayName // 'Mia Krystof'
 */
export const userJson = (state: JiraState, version: ApiVersion, accountId: string | null): Record<string, unknown> | null => {
  if (accountId === null) return null;
  const user = state.users.get(accountId);
  return {
    self: api(version, `/user?accountId=${encodeURIComponent(accountId)}`),
    accountId,
    accountType: user?.accountType ?? 'atlassian',
    ...(user?.emailAddress === undefined ? {} : { emailAddress: user.emailAddress }),
    avatarUrls: avatarUrls(accountId),
    displayName: user?.displayName ?? accountId,
    active: user?.active ?? true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
};

/** A project as it appears inside an issue. */
export const projectRef = (version: ApiVersion, project: JiraProject): Record<string, unknown> => ({
  self: api(version, `/project/${project.id}`),
  id: project.id,
  key: project.key,
  name: project.name,
  projectTypeKey: project.projectTypeKey,
  simplified: false,
  avatarUrls: avatarUrls(`project-${project.id}`),
});

/** An issue type by name. */
export const issueTypeJson = (state: JiraState, version: ApiVersion, name: string): Record<string, unknown> => {
  const type = state.issueTypes.get(name.toLowerCase());
  const id = type?.id ?? '10001';
  return {
    self: api(version, `/issuetype/${id}`),
    id,
    description: '',
    iconUrl: `${SITE}/images/icons/issuetypes/${id}.png`,
    name,
    subtask: type?.subtask ?? false,
    hierarchyLevel: type?.hierarchyLevel ?? 0,
  };
};

/** A status by name, with its category. */
export const statusJson = (state: JiraState, version: ApiVersion, name: string): Record<string, unknown> => {
  const status = state.statuses.get(name.toLowerCase());
  const category = STATUS_CATEGORIES[status?.category ?? 'indeterminate'];
  const id = status?.id ?? '3';
  return {
    self: api(version, `/status/${id}`),
    description: '',
    iconUrl: `${SITE}/images/icons/statuses/generic.png`,
    name,
    id,
    statusCategory: { self: api(version, `/statuscategory/${category.id}`), ...category },
  };
};

const priorityJson = (state: JiraState, version: ApiVersion, name: string): Record<string, unknown> => {
  const id = state.priorities.get(name.toLowerCase())?.id ?? '3';
  return { self: api(version, `/priority/${id}`), iconUrl: `${SITE}/images/icons/priorities/${name.toLowerCase()}.svg`, name, id };
};

/** A comment; `withProperties` adds its properties as `expand=properties` does. */
export const commentJson = (state: JiraState, version: ApiVersion, comment: JiraComment, withProperties = false): Record<string, unknown> => ({
  self: api(version, `/issue/${comment.issueId}/comment/${comment.id}`),
  id: comment.id,
  author: userJson(state, version, comment.author),
  body: comment.body,
  updateAuthor: userJson(state, version, comment.updateAuthor),
  created: jiraTime(comment.created),
  updated: jiraTime(comment.updated),
  jsdPublic: true,
  ...(comment.visibility === undefined ? {} : { visibility: comment.visibility }),
  ...(withProperties ? { properties: [...comment.properties].map(([key, value]) => ({ key, value })) } : {}),
});

const formatSpent = (seconds: number): string => {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['w', 144000],
    ['d', 28800],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length === 0 ? '0m' : parts.join(' ');
};

/** A worklog. */
export const worklogJson = (state: JiraState, version: ApiVersion, worklog: JiraWorklog): Record<string, unknown> => ({
  self: api(version, `/issue/${worklog.issueId}/worklog/${worklog.id}`),
  author: userJson(state, version, worklog.author),
  updateAuthor: userJson(state, version, worklog.updateAuthor),
  ...(worklog.comment === undefined ? {} : { comment: worklog.comment }),
  created: jiraTime(worklog.created),
  updated: jiraTime(worklog.updated),
  started: jiraTime(worklog.started),
  timeSpent: formatSpent(worklog.timeSpentSeconds),
  timeSpentSeconds: worklog.timeSpentSeconds,
  id: worklog.id,
  issueId: worklog.issueId,
});

/** A link type by name, as the API shows it. */
export const linkTypeJson = (version: ApiVersion, type: (typeof LINK_TYPES)[number]): Record<string, unknown> => ({
  ...type,
  self: api(version, `/issueLinkType/${type.id}`),
});

/** An issue as it appears inside another (links, parent): key, id and a few fields. */
const issueRef = (state: JiraState, version: ApiVersion, issue: JiraIssue): Record<string, unknown> => ({
  id: issue.id,
  key: issue.key,
  self: api(version, `/issue/${issue.id}`),
  fields: {
    summary: issue.summary,
    status: statusJson(state, version, issue.status),
    priority: priorityJson(state, version, issue.priority),
    issuetype: issueTypeJson(state, version, issue.issuetype),
  },
});

const linksOf = (state: JiraState, version: ApiVersion, issue: JiraIssue): Record<string, unknown>[] =>
  [...state.links.values()].flatMap((link) => {
    const type = LINK_TYPES.find((t) => t.name === link.type) ?? LINK_TYPES[3];
    const other = link.inward === issue.id ? state.issues.get(link.outward) : link.outward === issue.id ? state.issues.get(link.inward) : undefined;
    if (other === undefined) return [];
    const side = link.inward === issue.id ? 'outwardIssue' : 'inwardIssue';
    return [{ id: link.id, self: api(version, `/issueLink/${link.id}`), type: linkTypeJson(version, type), [side]: issueRef(state, version, other) }];
  });

/** Every field of an issue by name, computed only when selected. */
const fieldValues = (state: JiraState, version: ApiVersion, issue: JiraIssue): Record<string, () => unknown> => {
  const project = state.projects.get(issue.projectId)!;
  const done = state.statuses.get(issue.status.toLowerCase())?.category === 'done';
  const parent = issue.parent === undefined ? undefined : state.issues.get(issue.parent);
  return {
    summary: () => issue.summary,
    description: () => issue.description,
    issuetype: () => issueTypeJson(state, version, issue.issuetype),
    project: () => projectRef(version, project),
    status: () => statusJson(state, version, issue.status),
    statuscategorychangedate: () => jiraTime(issue.updated),
    priority: () => priorityJson(state, version, issue.priority),
    labels: () => [...issue.labels],
    assignee: () => userJson(state, version, issue.assignee),
    reporter: () => userJson(state, version, issue.reporter),
    creator: () => userJson(state, version, issue.creator),
    created: () => jiraTime(issue.created),
    updated: () => jiraTime(issue.updated),
    duedate: () => issue.duedate,
    resolution: () => (done ? { self: api(version, '/resolution/10000'), id: '10000', description: 'Work has been done on this issue.', name: 'Done' } : null),
    resolutiondate: () => (done ? jiraTime(issue.updated) : null),
    ...(parent === undefined ? {} : { parent: () => issueRef(state, version, parent) }),
    subtasks: () => [...state.issues.values()].filter((i) => i.parent === issue.id).map((i) => issueRef(state, version, i)),
    issuelinks: () => linksOf(state, version, issue),
    comment: () => ({
      comments: issue.comments.map((c) => commentJson(state, version, c)),
      self: api(version, `/issue/${issue.id}/comment`),
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    }),
    worklog: () => ({
      startAt: 0,
      maxResults: 20,
      total: issue.worklogs.length,
      worklogs: issue.worklogs.slice(0, 20).map((w) => worklogJson(state, version, w)),
    }),
    watches: () => ({ self: api(version, `/issue/${issue.key}/watchers`), watchCount: issue.watchers.length, isWatching: issue.watchers.includes(state.me) }),
    attachment: () => [],
    components: () => [],
    fixVersions: () => [],
    versions: () => [],
    environment: () => null,
    timetracking: () => ({}),
    ...Object.fromEntries(Object.entries(issue.other).map(([name, value]) => [name, () => value])),
  };
};

/**
 * An issue as `GET /issue` and the searches return it: `fields` holds the selected fields, `properties`
 * the requested issue properties.
 *
 * @example
 * issueJson(jira, '3', issue, fieldSelector([], '*all')).fields.project.key // 'SUP'
 */
export const issueJson = (
  state: JiraState,
  version: ApiVersion,
  issue: JiraIssue,
  select: FieldSelector,
  propertyKeys: readonly string[] = [],
): Record<string, unknown> => {
  const values = fieldValues(state, version, issue);
  const fields = Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => select(name))
      .map(([name, value]) => [name, value()]),
  );
  const properties = Object.fromEntries(propertyKeys.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: api(version, `/issue/${issue.id}`),
    key: issue.key,
    fields,
    ...(propertyKeys.length === 0 ? {} : { properties }),
  };
};

/** A project as `GET /project/{key}` returns it. */
export const projectJson = (state: JiraState, version: ApiVersion, project: JiraProject): Record<string, unknown> => ({
  expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
  ...projectRef(version, project),
  description: '',
  lead: userJson(state, version, state.me),
  issueTypes: [...state.issueTypes.values()].map((t) => issueTypeJson(state, version, t.name)),
  assigneeType: 'UNASSIGNED',
  style: 'classic',
  isPrivate: false,
  properties: {},
});
