/**
 * The simulated Jira site's state: users, projects, issues with their comments, worklogs, watchers and
 * properties, and the links between issues. Plain data behind lookups; routes change it, renderers turn
 * it into the API's JSON.
 */
import type { Counters, WorldClock } from '../clock.js';
import { ID_BASE, ISSUE_TYPES, PRIORITIES, STATUSES, categoryOf, type StatusCategory } from './catalog.js';

/** A user of the site. */
export interface JiraUser {
  readonly accountId: string;
  displayName: string;
  emailAddress?: string;
  active: boolean;
  accountType: 'atlassian' | 'app' | 'customer';
}

/** A project. Issue numbers count per project. */
export interface JiraProject {
  readonly id: string;
  readonly key: string;
  name: string;
  projectTypeKey: string;
  readonly properties: Map<string, unknown>;
  nextNumber: number;
}

/** A comment on an issue. */
export interface JiraComment {
  readonly id: string;
  readonly issueId: string;
  readonly author: string;
  updateAuthor: string;
  body: unknown;
  visibility?: unknown;
  readonly created: number;
  updated: number;
  readonly properties: Map<string, unknown>;
}

/** A worklog on an issue. */
export interface JiraWorklog {
  readonly id: string;
  readonly issueId: string;
  readonly author: string;
  updateAuthor: string;
  comment?: unknown;
  started: number;
  timeSpentSeconds: number;
  readonly created: number;
  updated: number;
}

/** An issue. The fields Jira models itself are members; every other field (custom fields) is in `other`. */
export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly projectId: string;
  summary: string;
  description: unknown;
  issuetype: string;
  status: string;
  priority: string;
  labels: string[];
  assignee: string | null;
  reporter: string | null;
  readonly creator: string;
  /** The parent issue's id. */
  parent?: string;
  duedate: string | null;
  readonly other: Record<string, unknown>;
  readonly created: number;
  updated: number;
  readonly properties: Map<string, unknown>;
  readonly comments: JiraComment[];
  readonly worklogs: JiraWorklog[];
  readonly watchers: string[];
}

/** A link between two issues, by issue id. */
export interface JiraLink {
  readonly id: string;
  readonly type: string;
  readonly inward: string;
  readonly outward: string;
}

/** A named thing with an id: statuses, issue types, priorities. */
export interface Named {
  readonly id: string;
  readonly name: string;
}

/** The whole site. */
export interface JiraState {
  readonly clock: WorldClock;
  readonly ids: Counters;
  /** The account requests are made as. */
  readonly me: string;
  readonly users: Map<string, JiraUser>;
  readonly projects: Map<string, JiraProject>;
  readonly issues: Map<string, JiraIssue>;
  readonly links: Map<string, JiraLink>;
  readonly statuses: Map<string, Named & { readonly category: StatusCategory }>;
  readonly issueTypes: Map<string, Named & { readonly subtask: boolean; readonly hierarchyLevel: number }>;
  readonly priorities: Map<string, Named>;
}

/**
 * An empty site with the default workflow, issue types and priorities.
 *
 * @example
 * emptyJira(new WorldClock(), new Counters(), APP_USER.accountId).issues.size // 0
 */
export const emptyJira = (clock: WorldClock, ids: Counters, me: string): JiraState => ({
  clock,
  ids,
  me,
  users: new Map(),
  projects: new Map(),
  issues: new Map(),
  links: new Map(),
  statuses: new Map(STATUSES.map((s) => [s.name.toLowerCase(), { ...s }])),
  issueTypes: new Map(ISSUE_TYPES.map((t) => [t.name.toLowerCase(), { ...t }])),
  priorities: new Map(PRIORITIES.map((p) => [p.name.toLowerCase(), { ...p }])),
});

/**
 * The issue with this id or key (keys are case-insensitive, as in Jira).
 *
 * @example
 * findIssue(jira, 'sup-1')?.key // 'SUP-1'
 */
export const findIssue = (state: JiraState, idOrKey: string): JiraIssue | undefined => {
  const byId = state.issues.get(idOrKey);
  if (byId !== undefined) return byId;
  const key = idOrKey.toUpperCase();
  for (const issue of state.issues.values()) if (issue.key === key) return issue;
  return undefined;
};

/** The project with this id or key. */
export const findProject = (state: JiraState, idOrKey: string): JiraProject | undefined => {
  const byId = state.projects.get(idOrKey);
  if (byId !== undefined) return byId;
  const key = idOrKey.toUpperCase();
  for (const project of state.projects.values()) if (project.key === key) return project;
  return undefined;
};

/** The project with this key, created (named after its key) when the site has none yet. */
export const ensureProject = (state: JiraState, key: string, id?: string): JiraProject => {
  const existing = findProject(state, key);
  if (existing !== undefined) return existing;
  const projectId = id ?? state.ids.next('project', ID_BASE.project);
  state.ids.reserve('project', projectId);
  const project: JiraProject = { id: projectId, key, name: key, projectTypeKey: 'software', properties: new Map(), nextNumber: 1 };
  state.projects.set(projectId, project);
  return project;
};

/** The user with this account id, registered when the site has not seen it (the world cannot know every account). */
export const ensureUser = (state: JiraState, accountId: string): JiraUser => {
  const existing = state.users.get(accountId);
  if (existing !== undefined) return existing;
  const user: JiraUser = { accountId, displayName: `User ${accountId.slice(-6)}`, active: true, accountType: 'atlassian' };
  state.users.set(accountId, user);
  return user;
};

/** A status, issue type or priority by name, registered on first use with a fresh id. */
export const ensureNamed = <K extends 'statuses' | 'issueTypes' | 'priorities'>(state: JiraState, registry: K, name: string): string => {
  const map = state[registry] as Map<string, Named>;
  const existing = map.get(name.toLowerCase());
  if (existing !== undefined) return existing.name;
  const kind = registry === 'statuses' ? 'status' : registry === 'issueTypes' ? 'issuetype' : 'priority';
  const id = state.ids.next(kind, ID_BASE[kind]);
  const entry =
    registry === 'statuses'
      ? { id, name, category: categoryOf(name) }
      : registry === 'issueTypes'
        ? { id, name, subtask: false, hierarchyLevel: 0 }
        : { id, name };
  map.set(name.toLowerCase(), entry);
  return name;
};

/** A status, issue type or priority by id or name. */
export const findNamed = <K extends 'statuses' | 'issueTypes' | 'priorities'>(state: JiraState, registry: K, idOrName: string): Named | undefined => {
  const map = state[registry] as Map<string, Named>;
  return map.get(idOrName.toLowerCase()) ?? [...map.values()].find((n) => n.id === idOrName);
};
