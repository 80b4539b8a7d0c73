/**
 * Seeds for the world's state: the Jira issues, projects and users and the Confluence spaces and pages a
 * handler expects to find (a configuration issue, a page to update, the user the event names). Validated
 * at the door with valibot; a bad seed is a HarnessUsageError naming the key, e.g.
 * `world seed "jira.issues[0].key" is "sup-1"` with the fix `pass an issue key like "SUP-42"`.
 */
import * as v from 'valibot';
import { describeInput } from '../../models/render-value.js';
import { usageError } from '../messages/usage-error.js';
import { parseTime } from './clock.js';

/** Kinds of Atlassian account. */
export const ACCOUNT_TYPES = ['atlassian', 'app', 'customer'] as const;
/** Jira project types. */
export const PROJECT_TYPES = ['software', 'service_desk', 'business'] as const;
/** Confluence page states a seed may start in. */
export const PAGE_STATUSES = ['current', 'draft', 'archived'] as const;
/** Confluence space types. */
export const SPACE_TYPES = ['global', 'personal'] as const;

const numericId = v.pipe(v.string('a numeric id as a string, like "10001"'), v.regex(/^\d+$/, 'a numeric id as a string, like "10001"'));
const accountId = v.pipe(v.string('an account id (a string)'), v.nonEmpty('an account id (a non-empty string)'));
const timestamp = v.pipe(
  v.string('a timestamp like "2025-01-01T00:00:00.000Z"'),
  v.check((text) => parseTime(text) !== undefined, 'a timestamp like "2025-01-01T00:00:00.000Z"'),
);
const issueKey = v.pipe(v.string('an issue key like "SUP-42"'), v.regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'an issue key like "SUP-42"'));
const projectKey = v.pipe(v.string('a project key like "SUP"'), v.regex(/^[A-Z][A-Z0-9_]*$/, 'a project key like "SUP" (upper-case letters, digits, _)'));
const spaceKey = v.pipe(v.string('a space key like "ENG"'), v.regex(/^~?[A-Za-z0-9]+$/, 'a space key like "ENG"'));
const label = v.pipe(v.string('a label (a string without spaces)'), v.regex(/^\S+$/, 'a label (a string without spaces)'));
const properties = v.record(v.string(), v.unknown(), 'an object of property keys to JSON values');
const present = v.custom<unknown>((value) => value !== undefined, 'a value (text, or an ADF document for API v3)');
const text = (what: string) => v.string(what);
const list = <T extends v.GenericSchema>(item: T, what: string) => v.array(item, what);

const userSeed = v.strictObject({
  accountId,
  displayName: v.optional(text('a display name (a string)')),
  emailAddress: v.optional(text('an email address (a string)')),
  active: v.optional(v.boolean('true or false')),
  accountType: v.optional(v.picklist(ACCOUNT_TYPES, `one of: ${ACCOUNT_TYPES.join(', ')}`)),
});

const projectSeed = v.strictObject({
  key: projectKey,
  id: v.optional(numericId),
  name: v.optional(text('a project name (a string)')),
  projectTypeKey: v.optional(v.picklist(PROJECT_TYPES, `one of: ${PROJECT_TYPES.join(', ')}`)),
  properties: v.optional(properties),
});

const commentSeed = v.strictObject({
  body: present,
  id: v.optional(numericId),
  author: v.optional(accountId),
  created: v.optional(timestamp),
  properties: v.optional(properties),
});

const worklogSeed = v.strictObject({
  timeSpentSeconds: v.pipe(
    v.number('a whole number of seconds above 0'),
    v.integer('a whole number of seconds above 0'),
    v.minValue(1, 'a whole number of seconds above 0'),
  ),
  id: v.optional(numericId),
  started: v.optional(timestamp),
  comment: v.optional(v.unknown()),
  author: v.optional(accountId),
});

const issueSeed = v.strictObject({
  key: issueKey,
  id: v.optional(numericId),
  summary: v.optional(text('a summary (a string)')),
  description: v.optional(v.unknown()),
  issuetype: v.optional(text('an issue type name like "Task"')),
  status: v.optional(text('a status name like "To Do"')),
  priority: v.optional(text('a priority name like "Medium"')),
  labels: v.optional(list(label, 'an array of labels')),
  assignee: v.optional(v.nullable(accountId)),
  reporter: v.optional(v.nullable(accountId)),
  parent: v.optional(issueKey),
  created: v.optional(timestamp),
  updated: v.optional(timestamp),
  fields: v.optional(v.record(v.string(), v.unknown(), 'an object of other fields, like { customfield_10010: 3 }')),
  properties: v.optional(properties),
  comments: v.optional(list(commentSeed, 'an array of comments')),
  worklogs: v.optional(list(worklogSeed, 'an array of worklogs')),
  watchers: v.optional(list(accountId, 'an array of account ids')),
});

const linkSeed = v.strictObject({
  type: text('a link type name like "Blocks"'),
  inward: issueKey,
  outward: issueKey,
  id: v.optional(numericId),
});

const spaceSeed = v.strictObject({
  key: spaceKey,
  id: v.optional(numericId),
  name: v.optional(text('a space name (a string)')),
  type: v.optional(v.picklist(SPACE_TYPES, `one of: ${SPACE_TYPES.join(', ')}`)),
});

const pageCommentSeed = v.strictObject({
  body: text('a comment body in storage format (a string)'),
  id: v.optional(numericId),
  author: v.optional(accountId),
  created: v.optional(timestamp),
});

const pageSeed = v.strictObject({
  title: v.pipe(text('a page title (a string)'), v.nonEmpty('a page title (a non-empty string)')),
  id: v.optional(numericId),
  space: v.optional(spaceKey),
  parentId: v.optional(numericId),
  status: v.optional(v.picklist(PAGE_STATUSES, `one of: ${PAGE_STATUSES.join(', ')}`)),
  body: v.optional(text('a page body in storage format (a string)')),
  version: v.optional(v.pipe(v.number('a version number from 1'), v.integer('a version number from 1'), v.minValue(1, 'a version number from 1'))),
  author: v.optional(accountId),
  created: v.optional(timestamp),
  labels: v.optional(list(label, 'an array of labels')),
  properties: v.optional(properties),
  comments: v.optional(list(pageCommentSeed, 'an array of footer comments')),
});

const jiraSeed = v.strictObject({
  issues: v.optional(list(issueSeed, 'an array of issues')),
  projects: v.optional(list(projectSeed, 'an array of projects')),
  users: v.optional(list(userSeed, 'an array of users')),
  links: v.optional(list(linkSeed, 'an array of issue links')),
});

const confluenceSeed = v.strictObject({
  pages: v.optional(list(pageSeed, 'an array of pages')),
  spaces: v.optional(list(spaceSeed, 'an array of spaces')),
});

/** The schema of the Jira part of a world seed (the `jira` option). */
export const JIRA_SEED_SCHEMA = jiraSeed;
/** The schema of the Confluence part of a world seed (the `confluence` option). */
export const CONFLUENCE_SEED_SCHEMA = confluenceSeed;

/** The schema of a world seed. */
export const WORLD_SEED_SCHEMA = v.strictObject({ jira: v.optional(jiraSeed), confluence: v.optional(confluenceSeed) });

/**
 * What the world starts with. Everything is optional; ids, timestamps and authors not given are assigned
 * deterministically.
 *
 * @example
 * const seed: WorldSeed = {
 *   jira: { issues: [{ key: 'SUP-1', summary: 'Printer on fire', labels: ['hardware'] }] },
 *   confluence: { pages: [{ title: 'Runbook', space: 'OPS', body: '<p>Call Moss.</p>' }] },
 * };
 */
export type WorldSeed = v.InferInput<typeof WORLD_SEED_SCHEMA>;
/** The Jira part of a world seed: issues (with comments, worklogs, properties), projects, users, links. */
export type JiraSeed = NonNullable<WorldSeed['jira']>;
/** The Confluence part of a world seed: pages (with labels, properties, footer comments) and spaces. */
export type ConfluenceSeed = NonNullable<WorldSeed['confluence']>;
/** A seeded Jira issue. */
export type IssueSeed = v.InferInput<typeof issueSeed>;
/** A seeded Jira user. */
export type UserSeed = v.InferInput<typeof userSeed>;
/** A seeded Jira project. */
export type ProjectSeed = v.InferInput<typeof projectSeed>;
/** A seeded Confluence page. */
export type PageSeed = v.InferInput<typeof pageSeed>;
/** A seeded Confluence space. */
export type SpaceSeed = v.InferInput<typeof spaceSeed>;

type PathItem = { readonly key: unknown };

/**
 * A seed path as a reader writes it.
 *
 * @example
 * seedPath(['jira', 'issues', 0, 'key']) // 'jira.issues[0].key'
 */
export const seedPath = (keys: readonly unknown[]): string =>
  keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');

/** The keys an object schema at `keys` allows, walking through optional, nullable and array wrappers. */
const keysAt = (keys: readonly unknown[]): string[] => {
  let schema: v.GenericSchema = WORLD_SEED_SCHEMA;
  const unwrap = (s: v.GenericSchema): v.GenericSchema => ('wrapped' in s ? unwrap(s.wrapped as v.GenericSchema) : s);
  for (const key of keys) {
    schema = unwrap(schema);
    if ('item' in schema) schema = schema.item as v.GenericSchema;
    else if ('entries' in schema) schema = (schema.entries as Record<string, v.GenericSchema>)[String(key)] ?? schema;
  }
  schema = unwrap(schema);
  return 'entries' in schema ? Object.keys(schema.entries as object) : [];
};

/**
 * A validated seed, or a HarnessUsageError naming the first bad key. `label` names the seed in the
 * message (an option name, a config file's key).
 *
 * @example
 * parseWorldSeed({ jira: { issues: [{ key: 'SUP-1' }] } }).jira?.issues?.[0]?.key // 'SUP-1'
 */
export const parseWorldSeed = (input: unknown, label = 'world seed'): WorldSeed => {
  const result = v.safeParse(WORLD_SEED_SCHEMA, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const keys = (issue.path ?? []).map((item: PathItem) => item.key);
  const where = seedPath(keys);
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const parent = keys.slice(0, -1);
    return usageError(
      `unknown key ${JSON.stringify(String(keys.at(-1)))} in ${label}${parent.length === 0 ? '' : ` "${seedPath(parent)}"`}`,
      `use one of: ${keysAt(parent).join(', ')}`,
    );
  }
  const subject = where === '' ? label : `${label} "${where}"`;
  const expected = issue.type === 'strict_object' ? `an object with some of: ${keysAt(keys).join(', ')}` : issue.message;
  return usageError(`${subject} is ${describeInput(issue.input)}`, `pass ${expected}`);
};

/** A seed problem found after the shape was checked (a duplicate key, a link to an issue not seeded). */
export const seedError = (keys: readonly unknown[], problem: string, fix: string, label = 'world seed'): never =>
  usageError(`${label} "${seedPath(keys)}" ${problem}`, fix);
