/**
 * Jira configuration events: custom fields and their contexts, filters, issue types, users, global
 * settings, the time tracking provider, and failed workflow expressions [docs: Jira events].
 */
import fc from 'fast-check';
import { PEOPLE, PROJECTS, numberFrom, numericId, oneOf, person, uuid, type Person } from './atoms.js';
import { SAMPLE_ISSUE, SAMPLE_ROOT, issueValues, jiraPayload, rootValues, userRef, type IssueValues, type JiraRootValues } from './jira-shared.js';
import { recipe, when, type Fields } from './recipe.js';

const FIELDS = [
  { name: 'Customer tier', type: 'com.atlassian.jira.plugin.system.customfieldtypes:select', typeName: 'Select List (single choice)' },
  { name: 'Story points', type: 'com.atlassian.jira.plugin.system.customfieldtypes:float', typeName: 'Number Field' },
  { name: 'Root cause', type: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', typeName: 'Paragraph (supports rich text)' },
] as const;

interface FieldValues {
  readonly root: JiraRootValues;
  readonly number: number;
  readonly field: (typeof FIELDS)[number];
}

const fieldFields: Fields<FieldValues> = { root: rootValues, number: numberFrom(10_050, 949), field: oneOf(...FIELDS) };
const SAMPLE_FIELD: FieldValues = { root: SAMPLE_ROOT, number: 10_050, field: FIELDS[0] };

/** Payloads of the `jira-field` family: Jira custom field created, updated, trashed, restored or deleted. */
export const jiraField = recipe<'jira-field', FieldValues>({
  fields: fieldFields,
  sample: SAMPLE_FIELD,
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        id: `customfield_${v.number}`,
        key: `customfield_${v.number}`,
        type: v.field.type,
        typeName: v.field.typeName,
        name: v.field.name,
        description: `${v.field.name} of the request`,
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

interface ContextValues extends FieldValues {
  readonly contextId: number;
  readonly global: boolean;
}

/** Payloads of the `jira-field-context` family: Jira custom field context created, updated or deleted. */
export const jiraFieldContext = recipe<'jira-field-context', ContextValues>({
  fields: { root: rootValues, number: numberFrom(10_050, 949), field: oneOf(...FIELDS), contextId: numberFrom(10_150, 999), global: fc.boolean() },
  sample: { ...SAMPLE_FIELD, contextId: 10_150, global: false },
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        id: String(v.contextId),
        fieldId: `customfield_${v.number}`,
        fieldKey: `customfield_${v.number}`,
        name: v.global ? `Default configuration for ${v.field.name}` : `${v.field.name} for Support`,
        description: v.global ? 'Applies to every project' : 'Support projects only',
        projectIds: v.global ? [] : [Number(PROJECTS[0].id)],
        issueTypeIds: v.global ? [] : ['10001', '10002'],
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

/** Payloads of the `jira-field-context-configuration` family: Jira custom field context configuration updated. */
export const jiraFieldContextConfiguration = recipe<'jira-field-context-configuration', ContextValues>({
  fields: { root: rootValues, number: numberFrom(10_050, 949), field: oneOf(...FIELDS), contextId: numberFrom(10_150, 999), global: fc.boolean() },
  sample: { ...SAMPLE_FIELD, contextId: 10_150, global: false },
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        customFieldId: `customfield_${v.number}`,
        customFieldKey: `customfield_${v.number}`,
        configurationId: v.contextId + 100,
        fieldContextId: v.contextId,
        // A string of JSON, as the page says, not an object.
        configuration: JSON.stringify({ minimum: 0, maximum: v.global ? 100 : 13 }),
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

const FILTERS = [
  { name: 'My open support tickets', jql: 'project = SUP AND assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC' },
  { name: 'Unresolved bugs', jql: 'issuetype = Bug AND resolution = Unresolved ORDER BY priority DESC' },
  { name: 'Created this week', jql: 'created >= startOfWeek() ORDER BY created DESC' },
] as const;

interface FilterValues {
  readonly root: JiraRootValues;
  readonly id: string;
  readonly filter: (typeof FILTERS)[number];
  readonly owner: Person;
}

/** Payloads of the `jira-filter` family: Jira filter created, updated or deleted. */
export const jiraFilter = recipe<'jira-filter', FilterValues>({
  fields: { root: rootValues, id: numericId('10700'), filter: oneOf(...FILTERS), owner: person },
  sample: { root: SAMPLE_ROOT, id: '10700', filter: FILTERS[0], owner: PEOPLE[0] },
  shape: { atlassianId: true, 'filter.description': false, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        filter: {
          id: v.id,
          name: v.filter.name,
          ...when(shape['filter.description'], 'description', `Saved by ${v.owner.displayName}`),
          jql: v.filter.jql,
          owner: { accountId: v.owner.accountId, displayName: v.owner.displayName },
          favourite: true,
          sharePermissions: [],
          editPermissions: [],
        },
        ...when(shape.atlassianId, 'atlassianId', v.owner.accountId),
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

const ISSUE_TYPES = [
  {
    id: '10001',
    name: 'Bug',
    description: 'A problem which impairs or prevents the functions of the product.',
    subtask: false,
    hierarchyLevel: 0,
    avatarId: 10303,
  },
  { id: '10005', name: 'Incident', description: 'An unplanned interruption of a service.', subtask: false, hierarchyLevel: 0, avatarId: 10310 },
  { id: '10004', name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', subtask: true, hierarchyLevel: -1, avatarId: 10316 },
] as const;

interface IssueTypeValues {
  readonly root: JiraRootValues;
  readonly actor: Person;
  readonly type: (typeof ISSUE_TYPES)[number];
}

/** Payloads of the `jira-issue-type` family: Jira issue type created, updated or deleted. */
export const jiraIssueType = recipe<'jira-issue-type', IssueTypeValues>({
  fields: { root: rootValues, actor: person, type: oneOf(...ISSUE_TYPES) },
  sample: { root: SAMPLE_ROOT, actor: PEOPLE[0], type: ISSUE_TYPES[0] },
  shape: { atlassianId: true, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(eventType, { issueType: { ...v.type }, ...when(shape.atlassianId, 'atlassianId', v.actor.accountId) }, v.root, shape.webhookTraceValue),
});

interface UserValues {
  readonly root: JiraRootValues;
  readonly user: Person;
  readonly timeZone: string;
}

/** Payloads of the `jira-user` family: Jira user created, updated or deleted. */
export const jiraUser = recipe<'jira-user', UserValues>({
  fields: { root: rootValues, user: person, timeZone: oneOf('Europe/Berlin', 'Australia/Sydney', 'America/New_York', 'Asia/Tokyo') },
  sample: { root: SAMPLE_ROOT, user: PEOPLE[0], timeZone: 'Europe/Berlin' },
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        user:
          eventType === 'avi:jira:deleted:user'
            ? userRef(v.user)
            : {
                accountId: v.user.accountId,
                accountType: 'atlassian',
                active: true,
                displayName: v.user.displayName,
                timeZone: v.timeZone,
                locale: 'en_US',
                groups: { size: 1, items: [{ name: 'jira-software-users' }] },
                applicationRoles: { size: 1, items: [{ key: 'jira-software', name: 'Jira' }] },
              },
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

const SETTINGS = [
  'jira.option.allowsubtasks',
  'jira.option.allowunassigned',
  'jira.option.voting',
  'jira.option.watching',
  'jira.option.issuelinking',
] as const;

interface SettingValues {
  readonly root: JiraRootValues;
  readonly actor: Person;
  readonly key: (typeof SETTINGS)[number];
  readonly on: boolean;
}

/** Payloads of the `jira-configuration` family: Jira global setting changed. */
export const jiraConfiguration = recipe<'jira-configuration', SettingValues>({
  fields: { root: rootValues, actor: person, key: oneOf(...SETTINGS), on: fc.boolean() },
  sample: { root: SAMPLE_ROOT, actor: PEOPLE[0], key: SETTINGS[2], on: false },
  shape: { atlassianId: true, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      // The setting's value is "true" or "false", as Jira's own option webhooks write it.
      { property: { key: v.key, value: String(v.on) }, ...when(shape.atlassianId, 'atlassianId', v.actor.accountId) },
      v.root,
      shape.webhookTraceValue,
    ),
});

interface ProviderValues {
  readonly root: JiraRootValues;
  readonly provider: string;
}

/** Payloads of the `jira-time-tracking-provider` family: Jira time tracking provider changed. */
export const jiraTimeTrackingProvider = recipe<'jira-time-tracking-provider', ProviderValues>({
  fields: { root: rootValues, provider: oneOf('JIRA', 'is.origo.jira.tempo-plugin__timetracking-provider', 'com.example.forge-timesheets') },
  sample: { root: SAMPLE_ROOT, provider: 'JIRA' },
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(eventType, { property: { key: 'jira.timetracking.selected', value: v.provider } }, v.root, shape.webhookTraceValue),
});

const EXPRESSIONS = [
  {
    expression: "issue.customfield_10050 != null && issue.customfield_10050.value == 'Gold'",
    error: 'Evaluation failed: "issue.customfield_10050.value" - Unrecognized property of `issue.customfield_10050`: "value"',
  },
  { expression: 'issue.subtasks.every(s => s.status.category == "done")', error: 'Evaluation failed: "issue.subtasks" - The expression evaluated to null' },
] as const;

interface ExpressionValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  readonly workflowId: string;
  readonly extension: string;
  readonly expression: (typeof EXPRESSIONS)[number];
}

/** Payloads of the `jira-expression-failed` family: Jira expression of a workflow condition or validator failed. */
export const jiraExpressionFailed = recipe<'jira-expression-failed', ExpressionValues>({
  fields: {
    issue: issueValues,
    root: rootValues,
    workflowId: uuid('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
    extension: uuid('b4a7a1c2-38d4-4f05-9a61-5f2a0e7c9d13'),
    expression: oneOf(...EXPRESSIONS),
  },
  sample: {
    issue: SAMPLE_ISSUE,
    root: SAMPLE_ROOT,
    workflowId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    extension: 'b4a7a1c2-38d4-4f05-9a61-5f2a0e7c9d13',
    expression: EXPRESSIONS[0],
  },
  shape: { conditionId: true, webhookTraceValue: false },
  build: (eventType, v, shape) => {
    const step = shape.conditionId ? { conditionId: 'gold-customers-only' } : { validatorId: 'subtasks-done' };
    return jiraPayload(
      eventType,
      {
        extensionId: `ari:cloud:ecosystem::extension/${v.extension}/0f6c2a84-1d0b-4c4e-8a1f-6e2d9b5c7a30/static/${Object.values(step)[0]}`,
        workflowId: v.workflowId,
        workflowName: `${v.issue.project.name} workflow`,
        ...step,
        expression: v.expression.expression,
        errorMessages: [v.expression.error],
        context: {
          issue: { id: v.issue.id, key: `${v.issue.project.key}-${v.issue.number}` },
          project: { id: v.issue.project.id, key: v.issue.project.key },
          transition: { id: 21, name: 'Resolve', from: { id: '3' }, to: { id: '10002' } },
        },
      },
      v.root,
      shape.webhookTraceValue,
      'no-context',
    );
  },
});
