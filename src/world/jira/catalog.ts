/**
 * The simulated Jira site's configuration: a default workflow (To Do, In Progress, Done and the
 * transitions between them), the usual issue types, priorities and link types, and its users. Ids and
 * names follow a fresh Jira Cloud company-managed project, so handlers that compare against them work.
 */

/** Jira's status categories, keyed as the API keys them. */
export const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

/** A status category key. */
export type StatusCategory = keyof typeof STATUS_CATEGORIES;

/** The default workflow's statuses; the first is where new issues start. */
export const STATUSES = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'Done', category: 'done' },
] as const satisfies readonly { id: string; name: string; category: StatusCategory }[];

/** The default workflow's transitions: global, so every status can reach every other. */
export const TRANSITIONS = [
  { id: '11', name: 'To Do', to: 'To Do' },
  { id: '21', name: 'In Progress', to: 'In Progress' },
  { id: '31', name: 'Done', to: 'Done' },
] as const;

/** Issue types; an issue created without a known type gets the one named, registered on first use. */
export const ISSUE_TYPES = [
  { id: '10000', name: 'Epic', hierarchyLevel: 1, subtask: false },
  { id: '10001', name: 'Task', hierarchyLevel: 0, subtask: false },
  { id: '10002', name: 'Bug', hierarchyLevel: 0, subtask: false },
  { id: '10003', name: 'Story', hierarchyLevel: 0, subtask: false },
  { id: '10004', name: 'Subtask', hierarchyLevel: -1, subtask: true },
] as const;

/** Priorities; new issues get Medium. */
export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
] as const;

/** The name of the priority new issues get. */
export const DEFAULT_PRIORITY = 'Medium';

/** Issue link types. */
export const LINK_TYPES = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
] as const;

/** The account the app acts as (`asApp()`): author of what the handler creates, `GET /myself`. */
export const APP_USER = { accountId: '712020:7f3c8a4e-0000-4000-8000-00000000a991', displayName: 'Forge app', accountType: 'app', active: true } as const;

/** The people on a site that was not seeded with users (the first is the default payloads' user). */
export const DEFAULT_USERS = [
  { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Mia Krystof', emailAddress: 'mia@example.com', accountType: 'atlassian', active: true },
  { accountId: '5b10a2844c20165700ede21g', displayName: 'Emma Richards', emailAddress: 'emma@example.com', accountType: 'atlassian', active: true },
] as const;

/** The project of a site that was not seeded with projects. */
export const DEFAULT_PROJECT = { key: 'TEST', name: 'Test project', projectTypeKey: 'software' } as const;

/** Where Jira ids start, per kind. */
export const ID_BASE = { issue: 10001, project: 10000, comment: 10000, worklog: 10000, link: 10100, status: 10100, issuetype: 10100, priority: 10100 } as const;

/**
 * The category a status name suggests, for statuses a seed names that the default workflow lacks.
 *
 * @example
 * categoryOf('Closed') // 'done'
 */
export const categoryOf = (name: string): StatusCategory =>
  /\b(done|closed|resolved|complete|cancel+ed)\b/i.test(name) ? 'done' : /\b(open|to ?do|backlog|new|selected)\b/i.test(name) ? 'new' : 'indeterminate';
