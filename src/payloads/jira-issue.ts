/**
 * Jira issue events: created and deleted, updated and assigned (with a changelog), viewed, and users
 * mentioned in the description [docs: Jira events, "Issue events"].
 */
import fc from 'fast-check';
import { PEOPLE, oneOf, orSample, person, personLike, type Person } from './atoms.js';
import { DEFAULT_PRODUCT_EVENT } from './default-events.js';
import {
  SAMPLE_ISSUE,
  SAMPLE_ROOT,
  STATUSES,
  issueObject,
  issueValues,
  issueValuesLike,
  jiraPayload,
  lastUpdate,
  occurredAt,
  rootValues,
  userRef,
  type IssueValues,
  type JiraRootValues,
  type StatusValues,
} from './jira-shared.js';
import { recipe, when, type EventPayload, type PayloadGenerator, type Fields } from './recipe.js';

interface IssueEventValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  /** The issue this one was cloned from, for `clonedFrom`. */
  readonly source: { readonly id: string; readonly number: number };
}

const SAMPLE_ISSUE_EVENT: IssueEventValues = { issue: SAMPLE_ISSUE, root: SAMPLE_ROOT, source: { id: '10068', number: 37 } };

const issueEventFields: Fields<IssueEventValues> = {
  issue: issueValues,
  root: rootValues,
  source: fc.record({ id: fc.nat(9_999).map((n) => String(10_000 + n)), number: fc.integer({ min: 1, max: 4000 }) }),
};

const createdOrDeleted = recipe<'jira-issue', IssueEventValues>({
  fields: issueEventFields,
  sample: SAMPLE_ISSUE_EVENT,
  shape: { atlassianId: true, associatedUsers: true, 'issue.fields.assignee': false, clonedFrom: false, jiraEventTypeName: false, webhookTraceValue: false },
  build: (eventType, { issue, root, source }, shape) => {
    const created = eventType === 'avi:jira:created:issue';
    return jiraPayload(
      eventType,
      {
        ...when(shape.atlassianId, 'atlassianId', issue.actor.accountId),
        issue: issueObject(issue, shape['issue.fields.assignee']),
        ...when(shape.associatedUsers, 'associatedUsers', [userRef(issue.actor)]),
        ...when(created && shape.clonedFrom, 'clonedFrom', { id: source.id, key: `${issue.project.key}-${source.number}` }),
        ...when(created && shape.jiraEventTypeName, 'jiraEventTypeName', 'issue_created'),
      },
      occurredAt(root, lastUpdate(issue)),
      shape.webhookTraceValue,
    );
  },
});

/**
 * The sample of `avi:jira:created:issue` is DEFAULT_PRODUCT_EVENT itself, byte for byte: the golden
 * reports were made with it. It predates the documented `selfGenerated` and `timestamp` root fields,
 * which every generated payload (and every other sample) carries.
 */
export const jiraIssue: PayloadGenerator = {
  sample: (eventType) =>
    eventType === DEFAULT_PRODUCT_EVENT.eventType ? (structuredClone(DEFAULT_PRODUCT_EVENT) as EventPayload) : createdOrDeleted.sample(eventType),
  arbitrary: createdOrDeleted.arbitrary,
};

/** The kinds of change a changelog item reports; only some fields can be empty on either side. */
type ChangeKind = 'status' | 'summary' | 'priority' | 'assignee' | 'labels';

interface ChangeValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  readonly changelogId: string;
  /** The status before a status change; the issue's status is the one after. */
  readonly previousStatus: StatusValues;
  readonly previousSummary: string;
  readonly previousAssignee: Person;
  /** What an `avi:jira:updated:issue` changed (an assignment changes only the assignee). */
  readonly kinds: readonly ChangeKind[];
}

const SAMPLE_CHANGE: ChangeValues = {
  issue: { ...SAMPLE_ISSUE, status: STATUSES[1], age: 3_600_000 },
  root: SAMPLE_ROOT,
  changelogId: '10231',
  previousStatus: STATUSES[0],
  previousSummary: 'Checkout fails after deploy',
  previousAssignee: PEOPLE[0],
  kinds: ['status'],
};

const changeFields: Fields<ChangeValues> = {
  issue: issueValuesLike(SAMPLE_CHANGE.issue),
  root: rootValues,
  changelogId: fc.nat(89_999).map((n) => String(10_231 + n)),
  previousStatus: oneOf(SAMPLE_CHANGE.previousStatus, ...STATUSES),
  previousSummary: oneOf(SAMPLE_CHANGE.previousSummary, 'Reset email missing', 'CSV export broken'),
  previousAssignee: personLike(SAMPLE_CHANGE.previousAssignee),
  kinds: orSample(SAMPLE_CHANGE.kinds, fc.subarray<ChangeKind>(['status', 'summary', 'priority', 'assignee', 'labels'], { minLength: 1 })),
};

/** A change goes somewhere: the status and assignee before differ from the ones after. */
const previousStatus = (v: ChangeValues): StatusValues =>
  v.previousStatus.id !== v.issue.status.id ? v.previousStatus : (STATUSES.find((s) => s.id !== v.issue.status.id) ?? STATUSES[0]);

const previousAssignee = (v: ChangeValues): Person =>
  v.previousAssignee.accountId !== v.issue.assignee.accountId
    ? v.previousAssignee
    : (PEOPLE.find((p) => p.accountId !== v.issue.assignee.accountId) ?? PEOPLE[0]);

/**
 * One changelog item. `from`/`to` are ids (or account ids), `fromString`/`toString` what a person
 * reads; both are null when the field was empty or is being cleared [docs: "Issue updated"].
 */
const changeItem = (kind: ChangeKind, v: ChangeValues, fromSet: boolean, toSet: boolean) => {
  const item = (field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null) => ({
    field,
    fieldtype: 'jira',
    fieldId: field,
    from,
    fromString,
    to,
    toString,
  });
  const { issue } = v;
  switch (kind) {
    case 'status':
      return item('status', previousStatus(v).id, previousStatus(v).name, issue.status.id, issue.status.name);
    case 'summary':
      return item('summary', null, v.previousSummary, null, issue.summary);
    case 'priority':
      return item('priority', '3', 'Medium', issue.priority.id, issue.priority.name);
    case 'assignee':
      return item(
        'assignee',
        fromSet ? previousAssignee(v).accountId : null,
        fromSet ? previousAssignee(v).displayName : null,
        toSet ? issue.assignee.accountId : null,
        toSet ? issue.assignee.displayName : null,
      );
    case 'labels':
      return item('labels', null, fromSet ? 'triage' : null, null, toSet ? issue.labels.join(' ') || 'triaged' : null);
  }
};

/** Payloads of the `jira-issue-changed` family: Jira issue updated or assigned (with a changelog). */
export const jiraIssueChanged = recipe<'jira-issue-changed', ChangeValues>({
  fields: changeFields,
  sample: SAMPLE_CHANGE,
  shape: {
    atlassianId: true,
    associatedUsers: true,
    associatedStatuses: true,
    jiraEventTypeName: true,
    // An issue assigned for the first time had no assignee: the item's `from` is null.
    'changelog.items.from': false,
    'changelog.items.to': true,
    webhookTraceValue: false,
  },
  build: (eventType, v, shape) => {
    const assignment = eventType === 'avi:jira:assigned:issue';
    const kinds = assignment ? (['assignee'] as const) : v.kinds;
    const fromSet = shape['changelog.items.from'];
    const toSet = shape['changelog.items.to'];
    const changesAssignee = kinds.includes('assignee');
    const changesStatus = kinds.includes('status');
    const associated = [v.issue.actor, ...(changesAssignee && fromSet ? [previousAssignee(v)] : []), ...(changesAssignee && toSet ? [v.issue.assignee] : [])];
    const resolved = changesStatus && v.issue.status.name === 'Done';
    return jiraPayload(
      eventType,
      {
        ...when(shape.atlassianId, 'atlassianId', v.issue.actor.accountId),
        ...when(!assignment && shape.jiraEventTypeName, 'jiraEventTypeName', resolved ? 'issue_resolved' : 'issue_generic'),
        issue: issueObject(v.issue, changesAssignee && toSet),
        changelog: { id: v.changelogId, items: kinds.map((kind) => changeItem(kind, v, fromSet, toSet)) },
        ...when(shape.associatedUsers, 'associatedUsers', associated.map(userRef)),
        ...when(!assignment && changesStatus && shape.associatedStatuses, 'associatedStatuses', [
          { id: previousStatus(v).id, name: previousStatus(v).name },
          { id: v.issue.status.id, name: v.issue.status.name },
        ]),
      },
      occurredAt(v.root, lastUpdate(v.issue)),
      shape.webhookTraceValue,
    );
  },
});

interface ViewValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  readonly viewer: Person;
}

/** Payloads of the `jira-issue-viewed` family: Jira issue viewed. */
export const jiraIssueViewed = recipe<'jira-issue-viewed', ViewValues>({
  fields: { issue: issueValues, root: rootValues, viewer: person },
  sample: { issue: SAMPLE_ISSUE, root: SAMPLE_ROOT, viewer: PEOPLE[1] },
  shape: { 'issue.fields.assignee': false, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      { issue: issueObject(v.issue, shape['issue.fields.assignee']), atlassianId: v.viewer.accountId, user: userRef(v.viewer) },
      occurredAt(v.root, lastUpdate(v.issue) + 60_000),
      shape.webhookTraceValue,
    ),
});

interface MentionValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  readonly mentioned: readonly Person[];
}

/** A user mentioning themselves does not count as a mention [docs]: the mentioned exclude the actor. */
const others = (v: MentionValues): string[] => v.mentioned.filter((p) => p.accountId !== v.issue.actor.accountId).map((p) => p.accountId);

/** Payloads of the `jira-issue-mentioned` family: Users mentioned in a Jira issue description. */
export const jiraIssueMentioned = recipe<'jira-issue-mentioned', MentionValues>({
  fields: { issue: issueValues, root: rootValues, mentioned: fc.subarray([...PEOPLE], { minLength: 2 }) },
  sample: { issue: SAMPLE_ISSUE, root: SAMPLE_ROOT, mentioned: [PEOPLE[1]] },
  shape: { atlassianId: true, 'issue.fields.assignee': false, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        issue: issueObject(v.issue, shape['issue.fields.assignee']),
        ...when(shape.atlassianId, 'atlassianId', v.issue.actor.accountId),
        mentionedAccountIds: others(v),
      },
      occurredAt(v.root, lastUpdate(v.issue)),
      shape.webhookTraceValue,
    ),
});
