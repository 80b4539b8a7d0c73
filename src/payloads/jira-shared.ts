/**
 * What Jira payloads share: the issue object (laid out as DEFAULT_PRODUCT_EVENT lays it out) and the
 * fields every Jira event carries at its root, `selfGenerated`, `timestamp` (epoch milliseconds, as a
 * string) and, only when the app sent `X-Atlassian-Webhook-Trace`, `webhookTraceValue` [docs: Jira
 * events, "Common fields in Jira event payloads"].
 */
import fc from 'fast-check';
import {
  PEOPLE,
  PROJECTS,
  SAMPLE_CLOUD_ID,
  SAMPLE_INSTANT,
  TITLES,
  instant,
  jiraTime,
  numberFrom,
  numericId,
  oneOf,
  personLike,
  uuid,
  type Person,
  type ProjectValues,
} from './atoms.js';
import { forgeContext, when } from './recipe.js';

/** A Jira status. */
export interface StatusValues {
  readonly id: string;
  readonly name: string;
}

/** The workflow statuses of the simulated site; the first is DEFAULT_PRODUCT_EVENT's. */
export const STATUSES = [
  { id: '1', name: 'Open' },
  { id: '3', name: 'In Progress' },
  { id: '10001', name: 'Waiting for customer' },
  { id: '10002', name: 'Done' },
] as const satisfies readonly StatusValues[];

const ISSUE_TYPES = [
  { id: '10001', name: 'Bug', subtask: false },
  { id: '10002', name: 'Task', subtask: false },
  { id: '10003', name: 'Story', subtask: false },
  { id: '10004', name: 'Sub-task', subtask: true },
] as const;

const PRIORITIES = [
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '1', name: 'Highest' },
  { id: '4', name: 'Low' },
] as const;

const LABEL_SETS: readonly (readonly string[])[] = [['checkout'], [], ['customer-reported', 'regression'], ['backend']];

/** The values of one issue. */
export interface IssueValues {
  readonly id: string;
  readonly number: number;
  readonly project: ProjectValues;
  readonly summary: string;
  readonly issueType: (typeof ISSUE_TYPES)[number];
  readonly status: StatusValues;
  readonly priority: (typeof PRIORITIES)[number];
  readonly labels: readonly string[];
  readonly reporter: Person;
  readonly assignee: Person;
  /** Who caused the event. */
  readonly actor: Person;
  readonly created: number;
  /** Milliseconds from created to the last update. */
  readonly age: number;
}

/** The issue of DEFAULT_PRODUCT_EVENT, SUP-42. */
export const SAMPLE_ISSUE: IssueValues = {
  id: '10073',
  number: 42,
  project: PROJECTS[0],
  summary: 'Checkout fails with 502 after deploy',
  issueType: ISSUE_TYPES[0],
  status: STATUSES[0],
  priority: PRIORITIES[0],
  labels: ['checkout'],
  reporter: PEOPLE[0],
  assignee: PEOPLE[1],
  actor: PEOPLE[0],
  created: SAMPLE_INSTANT,
  age: 0,
};

/** Realistic issues (keys like `SUP-42`, a summary, a type, a status, people, dates) shrinking to `sample`. */
export const issueValuesLike = (sample: IssueValues): fc.Arbitrary<IssueValues> =>
  fc.record({
    id: numericId(sample.id),
    number: numberFrom(sample.number, 4000),
    project: oneOf(sample.project, ...PROJECTS),
    summary: oneOf(sample.summary, ...TITLES),
    issueType: oneOf(sample.issueType, ...ISSUE_TYPES),
    status: oneOf(sample.status, ...STATUSES),
    priority: oneOf(sample.priority, ...PRIORITIES),
    labels: fc.constantFrom(sample.labels, ...LABEL_SETS),
    reporter: personLike(sample.reporter),
    assignee: personLike(sample.assignee),
    actor: personLike(sample.actor),
    created: instant(sample.created),
    age: numberFrom(sample.age, 30 * 86_400_000),
  });

/** Realistic issues, shrinking to SUP-42. */
export const issueValues: fc.Arbitrary<IssueValues> = issueValuesLike(SAMPLE_ISSUE);

/** The issue key, `SUP-42`. */
export const issueKey = (v: IssueValues): string => `${v.project.key}-${v.number}`;

/** `{ accountId }`, the user reference Jira events carry. */
export const userRef = (p: Person): { accountId: string } => ({ accountId: p.accountId });

/** The issue object as Jira events carry it; `assigned` says whether `fields.assignee` is set or null. */
export const issueObject = (v: IssueValues, assigned: boolean, status: StatusValues = v.status) => ({
  id: v.id,
  key: issueKey(v),
  fields: {
    summary: v.summary,
    issuetype: { id: v.issueType.id, name: v.issueType.name, subtask: v.issueType.subtask },
    project: { id: v.project.id, key: v.project.key, name: v.project.name, projectTypeKey: v.project.projectTypeKey },
    status: { id: status.id, name: status.name },
    priority: { id: v.priority.id, name: v.priority.name },
    labels: [...v.labels],
    reporter: { accountId: v.reporter.accountId, displayName: v.reporter.displayName },
    assignee: assigned ? { accountId: v.assignee.accountId, displayName: v.assignee.displayName } : null,
    created: jiraTime(v.created),
    updated: jiraTime(v.created + v.age),
  },
});

/** The values of the fields every Jira event carries. */
export interface JiraRootValues {
  /** When the event occurred. */
  readonly at: number;
  /** What the app sent in `X-Atlassian-Webhook-Trace`. */
  readonly trace: string;
}

/** The sample's root values. */
export const SAMPLE_ROOT: JiraRootValues = { at: SAMPLE_INSTANT, trace: '7c0a4e36-2f4b-4d0e-9a57-3c1d2e8b6f10' };

/** The root values of an event that occurred at a known instant (the issue's last update, the comment's edit). */
export const occurredAt = (root: JiraRootValues, at: number): JiraRootValues => ({ ...root, at });

/** When the issue was last updated. */
export const lastUpdate = (v: IssueValues): number => v.created + v.age;

/** Realistic root values. */
export const rootValues: fc.Arbitrary<JiraRootValues> = fc.record({ at: instant(), trace: uuid(SAMPLE_ROOT.trace) });

/**
 * A Jira payload: the event name, the family's fields, the common root fields and the Forge context.
 * `selfGenerated` is false: the harness plays events caused by someone other than the app.
 */
export const jiraPayload = (
  eventType: string,
  fields: Readonly<Record<string, unknown>>,
  root: JiraRootValues,
  traced: boolean,
  forge: 'with-context' | 'no-context' = 'with-context',
) => ({
  eventType,
  ...fields,
  selfGenerated: false,
  timestamp: String(root.at),
  ...when(traced, 'webhookTraceValue', root.trace),
  ...(forge === 'with-context' ? { context: forgeContext(eventType, SAMPLE_CLOUD_ID) } : {}),
});
