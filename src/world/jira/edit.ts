/**
 * Writing fields the way create-issue and edit-issue do: `fields` sets values, `update` applies
 * operations (`add`/`remove`/`set` on labels, `add` on comment). Invalid values are collected as Jira
 * collects them, one message per field, for a 400 `{ errorMessages: [], errors }`.
 */
import { addComment } from './comment-store.js';
import { ensureNamed, ensureUser, findIssue, findNamed, type JiraIssue, type JiraState } from './state.js';

/** Messages per field, as in Jira's 400 body. */
export type FieldErrors = Record<string, string>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The account id of a user reference: `{ accountId }`, `{ id }` (v2), or null; undefined when invalid. */
const accountOf = (value: unknown): string | null | undefined => {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const id = value['accountId'] ?? value['id'];
  if (id === null || id === '-1') return null;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
};

/** A `{ id }` or `{ name }` reference's text, or undefined. */
const refOf = (value: unknown): { id?: string; name?: string } | undefined => {
  if (!isRecord(value)) return undefined;
  const id = typeof value['id'] === 'string' || typeof value['id'] === 'number' ? String(value['id']) : undefined;
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  return id === undefined && name === undefined ? undefined : { ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }) };
};

/**
 * An issue type or priority named by reference: an existing one by id or name, a new one registered by
 * name (the simulated site accepts the names a handler uses); undefined for an unknown id.
 *
 * @example
 * namedRef(jira, 'issueTypes', { name: 'Bug' }) // 'Bug'
 */
export const namedRef = (state: JiraState, registry: 'issueTypes' | 'priorities', value: unknown): string | undefined => {
  const ref = refOf(value);
  if (ref === undefined) return undefined;
  if (ref.id !== undefined) return findNamed(state, registry, ref.id)?.name;
  return ensureNamed(state, registry, ref.name!);
};

const LABEL = /^\S+$/;

const labelsOf = (value: unknown, errors: FieldErrors): string[] | undefined => {
  if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) {
    errors['labels'] = 'Field labels must be an array of strings.';
    return undefined;
  }
  const bad = (value as string[]).find((l) => !LABEL.test(l));
  if (bad !== undefined) {
    errors['labels'] = `The label '${bad}' contains spaces which is invalid.`;
    return undefined;
  }
  return [...new Set(value as string[])];
};

/** Sets one field, or records why it cannot be set. `project` is create-only and ignored on edit. */
const setField = (state: JiraState, issue: JiraIssue, name: string, value: unknown, errors: FieldErrors): void => {
  switch (name) {
    case 'summary':
      if (typeof value === 'string' && value.trim().length > 0) issue.summary = value;
      else errors['summary'] = 'You must specify a summary of the issue.';
      return;
    case 'description':
      issue.description = value ?? null;
      return;
    case 'labels': {
      const labels = labelsOf(value, errors);
      if (labels !== undefined) issue.labels = labels;
      return;
    }
    case 'assignee':
    case 'reporter': {
      const account = accountOf(value);
      if (account === undefined) errors[name] = `Specify a valid value for ${name}`;
      else {
        if (account !== null) ensureUser(state, account);
        issue[name] = account;
      }
      return;
    }
    case 'priority':
    case 'issuetype': {
      const named = namedRef(state, name === 'priority' ? 'priorities' : 'issueTypes', value);
      if (named === undefined) errors[name] = name === 'priority' ? 'The priority selected is invalid.' : 'The issue type selected is invalid.';
      else if (name === 'priority') issue.priority = named;
      else issue.issuetype = named;
      return;
    }
    case 'parent': {
      const ref = isRecord(value) ? (value['key'] ?? value['id']) : undefined;
      const parent = typeof ref === 'string' || typeof ref === 'number' ? findIssue(state, String(ref)) : undefined;
      if (parent === undefined) errors['parent'] = 'Could not find issue by id or key.';
      else issue.parent = parent.id;
      return;
    }
    case 'duedate':
      if (value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) issue.duedate = value;
      else errors['duedate'] = 'Error parsing date string: ' + String(value);
      return;
    case 'status':
    case 'created':
    case 'updated':
    case 'creator':
      errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
      return;
    case 'project':
      return;
    default:
      if (value === null) delete issue.other[name];
      else issue.other[name] = value;
  }
};

/**
 * Applies `fields` then `update` to an issue; returns the field errors (empty when all applied).
 *
 * @example
 * applyEdit(jira, issue, { fields: { summary: 'New' }, update: { labels: [{ add: 'triaged' }] } }) // {}
 */
export const applyEdit = (state: JiraState, issue: JiraIssue, body: Record<string, unknown>): FieldErrors => {
  const errors: FieldErrors = {};
  const fields = body['fields'];
  if (isRecord(fields)) for (const [name, value] of Object.entries(fields)) setField(state, issue, name, value, errors);
  const update = body['update'];
  if (isRecord(update)) {
    for (const [name, operations] of Object.entries(update)) {
      if (!Array.isArray(operations)) {
        errors[name] = `Field '${name}' update operations must be an array.`;
        continue;
      }
      for (const operation of operations) applyOperation(state, issue, name, operation, errors);
    }
  }
  return errors;
};

const applyOperation = (state: JiraState, issue: JiraIssue, name: string, operation: unknown, errors: FieldErrors): void => {
  if (!isRecord(operation)) {
    errors[name] = `Field '${name}' update operation is not an object.`;
    return;
  }
  if (name === 'labels') {
    if ('set' in operation) {
      const labels = labelsOf(operation['set'], errors);
      if (labels !== undefined) issue.labels = labels;
    }
    if (typeof operation['add'] === 'string') {
      const labels = labelsOf([operation['add']], errors);
      if (labels !== undefined && !issue.labels.includes(labels[0]!)) issue.labels.push(labels[0]!);
    }
    if (typeof operation['remove'] === 'string') issue.labels = issue.labels.filter((l) => l !== operation['remove']);
    return;
  }
  if (name === 'comment') {
    const add = operation['add'];
    if (isRecord(add) && add['body'] !== undefined) addComment(state, issue, add['body'], add['visibility'], []);
    else if (add !== undefined) errors['comment'] = 'Comment body can not be empty!';
    return;
  }
  if ('set' in operation) setField(state, issue, name, operation['set'], errors);
};
