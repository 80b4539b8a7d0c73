/**
 * JQL over the simulated issues: the clauses handlers commonly write (project, key, status,
 * statusCategory, labels, assignee/reporter with currentUser() and EMPTY, issuetype, priority, parent,
 * resolution, text `~` on summary/description/comments, date comparisons on created/updated/duedate,
 * custom fields and `issue.property[key].path`), AND/OR/NOT, and ORDER BY. As in Jira, `!=` and
 * `NOT IN` never match an empty field, and a project that does not exist is an error. A function the
 * world does not know (`openSprints()`, `membersOf()`) matches nothing.
 */
import { QuerySyntaxError, type QueryNode, type QueryValue, type SortKey } from '../query/ast.js';
import { queryInstant } from '../query/dates.js';
import { parseQuery } from '../query/parse.js';
import { plainText, textMatches } from '../query/text.js';
import { STATUS_CATEGORIES } from './catalog.js';
import { findProject, type JiraIssue, type JiraState } from './state.js';

/** What a field is, for comparison. `ids` values match by any of their names (key, id, name). */
type FieldView =
  | { readonly kind: 'ids'; readonly values: readonly (readonly string[])[] }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'date'; readonly at: number | null };

const ALIASES: Readonly<Record<string, string>> = {
  issuekey: 'key',
  type: 'issuetype',
  resolved: 'resolutiondate',
  statuscategory: 'statuscategory',
  due: 'duedate',
  createddate: 'created',
  updateddate: 'updated',
};

const canonical = (field: string): string => {
  const lower = field.toLowerCase();
  const custom = /^cf\[(\d+)\]$/.exec(lower);
  return custom !== null ? `customfield_${custom[1]}` : (ALIASES[lower] ?? lower);
};

const namesOf = (value: unknown): string[] => {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [String(value)];
  const o = value as Record<string, unknown>;
  return ['value', 'name', 'key', 'id', 'accountId'].flatMap((k) => (typeof o[k] === 'string' || typeof o[k] === 'number' ? [String(o[k])] : []));
};

const valuesOf = (value: unknown): (readonly string[])[] =>
  value === null || value === undefined
    ? []
    : Array.isArray(value)
      ? value.map(namesOf).filter((n) => n.length > 0)
      : [namesOf(value)].filter((n) => n.length > 0);

const userNames = (state: JiraState, accountId: string | null): (readonly string[])[] => {
  if (accountId === null) return [];
  const user = state.users.get(accountId);
  return [[accountId, ...(user === undefined ? [] : [user.displayName, ...(user.emailAddress === undefined ? [] : [user.emailAddress])])]];
};

const propertyPath = (issue: JiraIssue, field: string): unknown => {
  const match = /^issue\.property\[([^\]]+)\](.*)$/i.exec(field);
  if (match === null) return undefined;
  let value: unknown = issue.properties.get(match[1]!);
  for (const step of match[2]!.split('.').filter((s) => s.length > 0))
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
  return value;
};

const view = (state: JiraState, issue: JiraIssue, field: string): FieldView => {
  const name = canonical(field);
  const project = state.projects.get(issue.projectId)!;
  const status = state.statuses.get(issue.status.toLowerCase());
  const named = (registry: 'issueTypes' | 'priorities', n: string) => [[n, (state[registry] as Map<string, { id: string }>).get(n.toLowerCase())?.id ?? n]];
  switch (name) {
    case 'project':
      return { kind: 'ids', values: [[project.key, project.id, project.name]] };
    case 'key':
    case 'id':
      return { kind: 'ids', values: [[issue.key, issue.id]] };
    case 'status':
      return { kind: 'ids', values: [[issue.status, status?.id ?? issue.status]] };
    case 'statuscategory': {
      const category = STATUS_CATEGORIES[status?.category ?? 'indeterminate'];
      return { kind: 'ids', values: [[category.key, category.name, String(category.id)]] };
    }
    case 'issuetype':
      return { kind: 'ids', values: named('issueTypes', issue.issuetype) };
    case 'priority':
      return { kind: 'ids', values: named('priorities', issue.priority) };
    case 'labels':
      return { kind: 'ids', values: issue.labels.map((l) => [l]) };
    case 'assignee':
    case 'reporter':
    case 'creator':
      return { kind: 'ids', values: userNames(state, issue[name]) };
    case 'watcher':
      return { kind: 'ids', values: issue.watchers.flatMap((w) => userNames(state, w)) };
    case 'parent': {
      const parent = issue.parent === undefined ? undefined : state.issues.get(issue.parent);
      return { kind: 'ids', values: parent === undefined ? [] : [[parent.key, parent.id]] };
    }
    case 'resolution':
      return { kind: 'ids', values: status?.category === 'done' ? [['Done', '10000']] : [] };
    case 'summary':
      return { kind: 'text', text: issue.summary };
    case 'description':
      return { kind: 'text', text: plainText(issue.description) };
    case 'comment':
      return { kind: 'text', text: issue.comments.map((c) => plainText(c.body)).join('\n') };
    case 'text':
      return { kind: 'text', text: [issue.summary, plainText(issue.description), ...issue.comments.map((c) => plainText(c.body))].join('\n') };
    case 'created':
      return { kind: 'date', at: issue.created };
    case 'updated':
      return { kind: 'date', at: issue.updated };
    case 'resolutiondate':
      return { kind: 'date', at: status?.category === 'done' ? issue.updated : null };
    case 'duedate':
      return { kind: 'date', at: issue.duedate === null ? null : Date.parse(`${issue.duedate}T00:00:00Z`) };
    default: {
      const value = name.startsWith('issue.property[') ? propertyPath(issue, field) : (issue.other[name] ?? issue.other[field]);
      return { kind: 'ids', values: valuesOf(value) };
    }
  }
};

/** The texts a value stands for; a function the world does not know stands for none. */
const targets = (state: JiraState, value: QueryValue): (string | null)[] => {
  switch (value.kind) {
    case 'empty':
      return [null];
    case 'text':
      return [value.text];
    case 'function':
      return value.name === 'currentuser' ? [state.me] : [];
    case 'list':
      return value.items.flatMap((item) => targets(state, item));
  }
};

const sameName = (names: readonly string[], target: string): boolean => names.some((n) => n.toLowerCase() === target.toLowerCase());

const compareDates = (at: number | null, operator: string, value: QueryValue, now: number): boolean => {
  if (value.kind === 'empty') return operator === 'is' || operator === '=' ? at === null : at !== null;
  const instant = queryInstant(value, now);
  if (instant === undefined)
    throw new QuerySyntaxError(
      `Date value '${value.kind === 'text' ? value.text : value.kind}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
    );
  if (at === null) return false;
  switch (operator) {
    case '=':
      return at === instant;
    case '!=':
      return at !== instant;
    case '>':
      return at > instant;
    case '>=':
      return at >= instant;
    case '<':
      return at < instant;
    case '<=':
      return at <= instant;
    default:
      throw new QuerySyntaxError(`The operator '${operator.toUpperCase()}' is not supported by date fields.`);
  }
};

const clauseMatches = (state: JiraState, issue: JiraIssue, clause: Extract<QueryNode, { kind: 'clause' }>): boolean => {
  const field = view(state, issue, clause.field);
  const { operator, value } = clause;
  if (field.kind === 'date')
    return operator === 'is not' ? compareDates(field.at, '!=', { kind: 'empty' }, 0) : compareDates(field.at, operator, value, state.clock.peek());
  if (field.kind === 'text') {
    if (operator === 'is' || operator === 'is not') return (field.text.trim() === '') === (operator === 'is');
    if (operator !== '~' && operator !== '!~')
      throw new QuerySyntaxError(`The operator '${operator.toUpperCase()}' is not supported by the '${clause.field}' field.`);
    const query = targets(state, value)[0] ?? '';
    return textMatches(field.text, query) === (operator === '~');
  }
  const wanted = targets(state, value);
  const hit = wanted.some((t) => (t === null ? field.values.length === 0 : field.values.some((names) => sameName(names, t))));
  switch (operator) {
    case '=':
    case 'in':
    case 'is':
      return hit;
    case '!=':
    case 'not in':
    case 'is not':
      return wanted.includes(null) ? !hit : field.values.length > 0 && !hit;
    case '~':
    case '!~':
      return field.values.some((names) => names.some((n) => textMatches(n, wanted[0] ?? ''))) === (operator === '~');
    default: {
      const bound = Number(wanted[0]);
      const numbers = field.values.map((names) => Number(names[0])).filter(Number.isFinite);
      if (!Number.isFinite(bound)) throw new QuerySyntaxError(`The operator '${operator}' is not supported by the '${clause.field}' field.`);
      return numbers.some((n) => (operator === '>' ? n > bound : operator === '>=' ? n >= bound : operator === '<' ? n < bound : n <= bound));
    }
  }
};

const matches = (state: JiraState, issue: JiraIssue, node: QueryNode): boolean => {
  switch (node.kind) {
    case 'and':
      return matches(state, issue, node.left) && matches(state, issue, node.right);
    case 'or':
      return matches(state, issue, node.left) || matches(state, issue, node.right);
    case 'not':
      return !matches(state, issue, node.node);
    case 'clause':
      return clauseMatches(state, issue, node);
  }
};

/** A value Jira rejects by itself, without the "Error in the JQL Query" preamble. */
class QueryValueError extends QuerySyntaxError {}

/** Jira rejects a project that does not exist rather than matching nothing. */
const checkProjects = (state: JiraState, node: QueryNode): void => {
  if (node.kind === 'clause') {
    if (canonical(node.field) !== 'project') return;
    for (const t of targets(state, node.value))
      if (t !== null && findProject(state, t) === undefined && ![...state.projects.values()].some((p) => p.name.toLowerCase() === t.toLowerCase())) {
        throw new QueryValueError(`The value '${t}' does not exist for the field 'project'.`);
      }
    return;
  }
  if (node.kind === 'not') checkProjects(state, node.node);
  else {
    checkProjects(state, node.left);
    checkProjects(state, node.right);
  }
};

const sortValue = (state: JiraState, issue: JiraIssue, field: string): number | string | null => {
  const name = canonical(field);
  if (name === 'key') {
    const [project = '', number = '0'] = issue.key.split('-');
    return `${project.padEnd(12, ' ')}${number.padStart(12, '0')}`;
  }
  if (name === 'id') return Number(issue.id);
  if (name === 'priority') return -Number(state.priorities.get(issue.priority.toLowerCase())?.id ?? 3);
  if (name === 'rank') return issue.created;
  const v = view(state, issue, field);
  if (v.kind === 'date') return v.at;
  if (v.kind === 'text') return v.text.toLowerCase();
  return v.values[0]?.[0]?.toLowerCase() ?? null;
};

const compare = (a: number | string | null, b: number | string | null): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
};

/** Without ORDER BY, newest first. */
const DEFAULT_ORDER: readonly SortKey[] = [{ field: 'created', direction: 'desc' }];

/** The outcome of a search: the matching issues in order, or Jira's error message. */
export type JqlOutcome = { readonly issues: readonly JiraIssue[] } | { readonly error: string };

/**
 * Runs a JQL query over the site. `bounded` demands a search restriction, as `/search/jql` does.
 *
 * @example
 * runJql(jira, 'project = SUP AND labels = urgent ORDER BY created DESC', { bounded: true })
 */
export const runJql = (state: JiraState, jql: string, options: { readonly bounded: boolean }): JqlOutcome => {
  try {
    const parsed = parseQuery(jql);
    if (parsed.where === undefined && options.bounded)
      return { error: 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.' };
    if (parsed.where !== undefined) checkProjects(state, parsed.where);
    const where = parsed.where;
    const found = [...state.issues.values()].filter((issue) => where === undefined || matches(state, issue, where));
    const order = parsed.orderBy.length === 0 ? DEFAULT_ORDER : parsed.orderBy;
    const sorted = found.sort((a, b) => {
      for (const key of order) {
        const c = compare(sortValue(state, a, key.field), sortValue(state, b, key.field));
        if (c !== 0) return key.direction === 'desc' ? -c : c;
      }
      return Number(b.id) - Number(a.id);
    });
    return { issues: sorted };
  } catch (error) {
    if (error instanceof QueryValueError) return { error: error.message };
    if (error instanceof QuerySyntaxError) return { error: `Error in the JQL Query: ${error.message}` };
    throw error;
  }
};
