/**
 * Builds the Jira site from a validated seed: users (the app's account always), projects (a `TEST`
 * project when the seed names none), issues with their comments, worklogs, watchers and properties,
 * and links. Projects and users an issue names are registered if the seed did not list them;
 * duplicates, links to issues not seeded and unknown link types are errors that name the key.
 */
import { parseTime, type Counters, type WorldClock } from '../clock.js';
import { seedError, type WorldSeed } from '../seed.js';
import { APP_USER, DEFAULT_PRIORITY, DEFAULT_PROJECT, DEFAULT_USERS, ID_BASE, LINK_TYPES, STATUSES } from './catalog.js';
import { emptyJira, ensureNamed, ensureProject, ensureUser, findIssue, type JiraIssue, type JiraState } from './state.js';

type JiraSeed = NonNullable<WorldSeed['jira']>;
type IssueSeed = NonNullable<JiraSeed['issues']>[number];

/** Fields an issue seed sets by its own keys; `fields` is for the others. */
const MODELLED = [
  'summary',
  'description',
  'issuetype',
  'status',
  'priority',
  'labels',
  'assignee',
  'reporter',
  'parent',
  'created',
  'updated',
  'project',
  'duedate',
  'comment',
  'worklog',
  'watches',
];

const timeOr = (clock: WorldClock, text: string | undefined): number => {
  if (text === undefined) return clock.tick();
  const ms = parseTime(text)!;
  clock.observe(ms);
  return ms;
};

const seedUsers = (state: JiraState, seed: JiraSeed): void => {
  state.users.set(APP_USER.accountId, { ...APP_USER });
  const users = seed.users ?? DEFAULT_USERS;
  users.forEach((user, i) => {
    if (state.users.has(user.accountId))
      seedError(['jira', 'users', i, 'accountId'], `repeats the account ${JSON.stringify(user.accountId)}`, 'give each user once');
    state.users.set(user.accountId, {
      accountId: user.accountId,
      displayName: user.displayName ?? user.accountId,
      ...(user.emailAddress === undefined ? {} : { emailAddress: user.emailAddress }),
      active: user.active ?? true,
      accountType: user.accountType ?? 'atlassian',
    });
  });
};

const seedProjects = (state: JiraState, seed: JiraSeed): void => {
  const projects = seed.projects ?? (seed.issues === undefined || seed.issues.length === 0 ? [DEFAULT_PROJECT] : []);
  projects.forEach((p, i) => {
    if ([...state.projects.values()].some((q) => q.key === p.key))
      seedError(['jira', 'projects', i, 'key'], `repeats the project ${JSON.stringify(p.key)}`, 'give each project once');
    if ('id' in p && p.id !== undefined && state.projects.has(p.id))
      seedError(['jira', 'projects', i, 'id'], `repeats the id ${JSON.stringify(p.id)}`, 'give each project its own id, or leave ids out');
    const project = ensureProject(state, p.key, 'id' in p ? p.id : undefined);
    project.name = p.name ?? project.name;
    project.projectTypeKey = p.projectTypeKey ?? project.projectTypeKey;
    for (const [key, value] of Object.entries('properties' in p ? (p.properties ?? {}) : {})) project.properties.set(key, structuredClone(value));
  });
};

const seedIssue = (state: JiraState, seed: IssueSeed, i: number): JiraIssue => {
  const at = (...keys: unknown[]) => ['jira', 'issues', i, ...keys];
  if (findIssue(state, seed.key) !== undefined) seedError(at('key'), `repeats the issue ${JSON.stringify(seed.key)}`, 'give each issue once');
  if (seed.id !== undefined && state.issues.has(seed.id))
    seedError(at('id'), `repeats the id ${JSON.stringify(seed.id)}`, 'give each issue its own id, or leave ids out');
  for (const name of Object.keys(seed.fields ?? {})) {
    if (MODELLED.includes(name))
      seedError(at('fields', name), 'is a field the issue seed has its own key for', `set "${name}" on the issue itself (jira.issues[${i}].${name})`);
  }
  const [projectKey = '', number = '0'] = seed.key.split(/-(?=\d+$)/);
  const project = ensureProject(state, projectKey);
  project.nextNumber = Math.max(project.nextNumber, Number(number) + 1);
  const id = seed.id ?? state.ids.next('issue', ID_BASE.issue);
  state.ids.reserve('issue', id);
  const created = timeOr(state.clock, seed.created);
  const users = [
    seed.assignee,
    seed.reporter,
    ...(seed.watchers ?? []),
    ...(seed.comments ?? []).map((c) => c.author),
    ...(seed.worklogs ?? []).map((w) => w.author),
  ];
  for (const user of users) if (typeof user === 'string') ensureUser(state, user);
  const issue: JiraIssue = {
    id,
    key: seed.key,
    projectId: project.id,
    summary: seed.summary ?? `Seeded issue ${seed.key}`,
    description: seed.description ?? null,
    issuetype: ensureNamed(state, 'issueTypes', seed.issuetype ?? 'Task'),
    status: ensureNamed(state, 'statuses', seed.status ?? STATUSES[0].name),
    priority: ensureNamed(state, 'priorities', seed.priority ?? DEFAULT_PRIORITY),
    labels: [...new Set(seed.labels ?? [])],
    assignee: seed.assignee ?? null,
    reporter: seed.reporter === undefined ? state.me : seed.reporter,
    creator: seed.reporter ?? state.me,
    duedate: null,
    other: structuredClone(seed.fields ?? {}),
    created,
    updated: seed.updated === undefined ? created : timeOr(state.clock, seed.updated),
    properties: new Map(Object.entries(seed.properties ?? {}).map(([k, v]) => [k, structuredClone(v)])),
    comments: [],
    worklogs: [],
    watchers: [...new Set(seed.watchers ?? [])],
  };
  (seed.comments ?? []).forEach((c, j) => {
    if (c.id !== undefined && [...state.issues.values(), issue].some((x) => x.comments.some((y) => y.id === c.id)))
      seedError(at('comments', j, 'id'), `repeats the comment id ${JSON.stringify(c.id)}`, 'give each comment its own id, or leave ids out');
    const commentId = c.id ?? state.ids.next('comment', ID_BASE.comment);
    state.ids.reserve('comment', commentId);
    const when = timeOr(state.clock, c.created);
    const author = c.author ?? state.me;
    issue.comments.push({
      id: commentId,
      issueId: id,
      author,
      updateAuthor: author,
      body: structuredClone(c.body),
      created: when,
      updated: when,
      properties: new Map(Object.entries(c.properties ?? {})),
    });
  });
  (seed.worklogs ?? []).forEach((w) => {
    const worklogId = w.id ?? state.ids.next('worklog', ID_BASE.worklog);
    state.ids.reserve('worklog', worklogId);
    const when = timeOr(state.clock, w.started);
    const author = w.author ?? state.me;
    issue.worklogs.push({
      id: worklogId,
      issueId: id,
      author,
      updateAuthor: author,
      ...(w.comment === undefined ? {} : { comment: structuredClone(w.comment) }),
      started: when,
      timeSpentSeconds: w.timeSpentSeconds,
      created: when,
      updated: when,
    });
  });
  state.issues.set(id, issue);
  return issue;
};

/**
 * The site a seed describes (an empty seed gives the default users and the `TEST` project).
 *
 * @example
 * jiraFromSeed({ issues: [{ key: 'SUP-1' }] }, new WorldClock(), new Counters()).issues.size // 1
 */
export const jiraFromSeed = (seed: JiraSeed, clock: WorldClock, ids: Counters): JiraState => {
  const state = emptyJira(clock, ids, APP_USER.accountId);
  seedUsers(state, seed);
  seedProjects(state, seed);
  const issues = (seed.issues ?? []).map((issue, i) => seedIssue(state, issue, i));
  (seed.issues ?? []).forEach((issue, i) => {
    if (issue.parent === undefined) return;
    const parent = findIssue(state, issue.parent);
    if (parent === undefined)
      seedError(
        ['jira', 'issues', i, 'parent'],
        `names ${JSON.stringify(issue.parent)}, which is not a seeded issue`,
        'seed the parent issue too, or leave "parent" out',
      );
    issues[i]!.parent = parent!.id;
  });
  (seed.links ?? []).forEach((link, i) => {
    const type = LINK_TYPES.find((t) => t.name.toLowerCase() === link.type.toLowerCase());
    if (type === undefined)
      seedError(['jira', 'links', i, 'type'], `is ${JSON.stringify(link.type)}`, `use one of: ${LINK_TYPES.map((t) => t.name).join(', ')}`);
    const ends = (['inward', 'outward'] as const).map((end) => {
      const issue = findIssue(state, link[end]);
      if (issue === undefined)
        seedError(['jira', 'links', i, end], `names ${JSON.stringify(link[end])}, which is not a seeded issue`, 'link seeded issues only');
      return issue!.id;
    });
    const id = link.id ?? ids.next('link', ID_BASE.link);
    ids.reserve('link', id);
    state.links.set(id, { id, type: type!.name, inward: ends[0]!, outward: ends[1]! });
  });
  return state;
};
