/**
 * Jira events about the work on an issue: comments, worklogs, issue links, attachments and issue
 * properties [docs: Jira events, "Comment events", "Issue worklog events", "Issue link events",
 * "Attachment events"; issue properties: assumed, see the catalog].
 */
import fc from 'fast-check';
import { PEOPLE, PROJECTS, SAMPLE_INSTANT, instant, jiraTime, numberFrom, numericId, oneOf, person, type Person } from './atoms.js';
import {
  SAMPLE_ISSUE,
  SAMPLE_ROOT,
  issueObject,
  issueValues,
  jiraPayload,
  lastUpdate,
  occurredAt,
  rootValues,
  userRef,
  type IssueValues,
  type JiraRootValues,
} from './jira-shared.js';
import { recipe, when } from './recipe.js';

const COMMENT_TEXTS = [
  'Customer confirmed the fix works on staging.',
  'Can we get the gateway logs from the last deploy?',
  'Reproduced on Firefox 128, not on Chrome.',
  'Rolled back; root cause analysis to follow.',
] as const;

interface CommentValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  readonly id: string;
  readonly author: Person;
  readonly text: string;
  readonly mentioned: readonly Person[];
  readonly created: number;
  readonly edited: number;
}

const SAMPLE_COMMENT: CommentValues = {
  issue: SAMPLE_ISSUE,
  root: SAMPLE_ROOT,
  id: '10100',
  author: PEOPLE[0],
  text: COMMENT_TEXTS[0],
  mentioned: [PEOPLE[1]],
  created: SAMPLE_INSTANT,
  edited: 0,
};

/** Mentions in a Jira comment body read `[~accountid:...]`; a user mentioning themselves does not count. */
const mentionedBy = (v: CommentValues): Person[] => v.mentioned.filter((p) => p.accountId !== v.author.accountId);

/** Payloads of the `jira-comment` family: Jira comment created, edited, deleted, or mentioning users. */
export const jiraComment = recipe<'jira-comment', CommentValues>({
  fields: {
    issue: issueValues,
    root: rootValues,
    id: numericId(SAMPLE_COMMENT.id),
    author: person,
    text: oneOf(...COMMENT_TEXTS),
    mentioned: fc.subarray([...PEOPLE], { minLength: 2 }),
    created: instant(),
    edited: fc.oneof({ withCrossShrink: true }, fc.constant(0), fc.integer({ min: 1, max: 86_400_000 })),
  },
  sample: SAMPLE_COMMENT,
  shape: { atlassianId: true, associatedUsers: true, 'comment.visibility': false, webhookTraceValue: false },
  build: (eventType, v, shape) => {
    const mentions = eventType === 'avi:jira:mentioned:comment' ? mentionedBy(v) : [];
    const body = [...mentions.map((p) => `[~accountid:${p.accountId}]`), v.text].join(' ');
    return jiraPayload(
      eventType,
      {
        issue: issueObject(v.issue, false),
        ...when(shape.atlassianId, 'atlassianId', v.author.accountId),
        ...when(shape.associatedUsers && eventType === 'avi:jira:commented:issue', 'associatedUsers', [userRef(v.author)]),
        ...(eventType === 'avi:jira:mentioned:comment' ? { mentionedAccountIds: mentions.map((p) => p.accountId) } : {}),
        comment: {
          id: v.id,
          author: userRef(v.author),
          body,
          updateAuthor: userRef(v.author),
          created: jiraTime(v.created),
          updated: jiraTime(v.created + v.edited),
          jsdPublic: true,
          ...when(shape['comment.visibility'], 'visibility', { type: 'role', value: 'Administrators' }),
        },
      },
      occurredAt(v.root, v.created + v.edited),
      shape.webhookTraceValue,
    );
  },
});

const WORKLOG_NOTES = ['Investigated the 502s in the gateway logs', 'Pairing on the rollback', 'Wrote the incident summary'] as const;

interface WorklogValues {
  readonly root: JiraRootValues;
  readonly id: string;
  readonly issueId: string;
  readonly author: Person;
  readonly started: number;
  readonly quarterHours: number;
  readonly note: string;
}

/** Jira writes time spent as `1h 30m`. */
const timeSpent = (seconds: number): string => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return [h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
};

/** Payloads of the `jira-worklog` family: Jira worklog created, updated or deleted. */
export const jiraWorklog = recipe<'jira-worklog', WorklogValues>({
  fields: {
    root: rootValues,
    id: numericId('10200'),
    issueId: numericId(SAMPLE_ISSUE.id),
    author: person,
    started: instant(),
    quarterHours: numberFrom(6, 26),
    note: oneOf(...WORKLOG_NOTES),
  },
  sample: { root: SAMPLE_ROOT, id: '10200', issueId: SAMPLE_ISSUE.id, author: PEOPLE[0], started: SAMPLE_INSTANT, quarterHours: 6, note: WORKLOG_NOTES[0] },
  shape: { 'worklog.comment': true, webhookTraceValue: false },
  build: (eventType, v, shape) => {
    const seconds = v.quarterHours * 900;
    const logged = jiraTime(v.started + seconds * 1000);
    return jiraPayload(
      eventType,
      {
        worklog: {
          id: v.id,
          issueId: v.issueId,
          author: userRef(v.author),
          updateAuthor: userRef(v.author),
          ...when(shape['worklog.comment'], 'comment', v.note),
          created: logged,
          updated: logged,
          started: jiraTime(v.started),
          timeSpent: timeSpent(seconds),
          timeSpentSeconds: seconds,
        },
      },
      occurredAt(v.root, v.started + seconds * 1000),
      shape.webhookTraceValue,
    );
  },
});

const LINK_TYPES = [
  { id: '10000', name: 'Blocks', outwardName: 'blocks', inwardName: 'is blocked by', isSubTaskLinkType: false, isSystemLinkType: false },
  { id: '10003', name: 'Relates', outwardName: 'relates to', inwardName: 'relates to', isSubTaskLinkType: false, isSystemLinkType: false },
  { id: '10002', name: 'Duplicate', outwardName: 'duplicates', inwardName: 'is duplicated by', isSubTaskLinkType: false, isSystemLinkType: false },
  { id: '10001', name: 'Cloners', outwardName: 'clones', inwardName: 'is cloned by', isSubTaskLinkType: false, isSystemLinkType: false },
] as const;

interface LinkValues {
  readonly root: JiraRootValues;
  readonly id: string;
  readonly source: string;
  readonly destination: string;
  readonly sourceProject: string;
  readonly destinationProject: string;
  readonly type: (typeof LINK_TYPES)[number];
}

const projectId = fc.constantFrom(...PROJECTS.map((p) => p.id));

/** Payloads of the `jira-issue-link` family: Jira issue link created or deleted. */
export const jiraIssueLink = recipe<'jira-issue-link', LinkValues>({
  fields: {
    root: rootValues,
    id: numericId('10300'),
    source: numericId(SAMPLE_ISSUE.id),
    destination: numericId('10081'),
    sourceProject: projectId,
    destinationProject: projectId,
    type: oneOf(...LINK_TYPES),
  },
  sample: {
    root: SAMPLE_ROOT,
    id: '10300',
    source: SAMPLE_ISSUE.id,
    destination: '10081',
    sourceProject: '10000',
    destinationProject: '10000',
    type: LINK_TYPES[0],
  },
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        id: v.id,
        sourceIssueId: v.source,
        destinationIssueId: v.destination === v.source ? String(Number(v.source) + 1) : v.destination,
        sourceProjectId: v.sourceProject,
        destinationProjectId: v.destinationProject,
        issueLinkType: { ...v.type },
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

const FILES = [
  { fileName: 'gateway-502.log', mimeType: 'text/plain', size: 48_213 },
  { fileName: 'checkout-screenshot.png', mimeType: 'image/png', size: 312_554 },
  { fileName: 'invoice-INV-2291.pdf', mimeType: 'application/pdf', size: 88_140 },
  { fileName: 'export.csv', mimeType: 'text/csv', size: 2_048 },
] as const;

interface AttachmentValues {
  readonly root: JiraRootValues;
  readonly id: string;
  readonly issueId: string;
  readonly file: (typeof FILES)[number];
  readonly author: Person;
  readonly created: number;
}

/** Payloads of the `jira-attachment` family: Jira attachment created or deleted. */
export const jiraAttachment = recipe<'jira-attachment', AttachmentValues>({
  fields: { root: rootValues, id: numericId('10400'), issueId: numericId(SAMPLE_ISSUE.id), file: oneOf(...FILES), author: person, created: instant() },
  sample: { root: SAMPLE_ROOT, id: '10400', issueId: SAMPLE_ISSUE.id, file: FILES[0], author: PEOPLE[0], created: SAMPLE_INSTANT },
  shape: { webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        attachment: {
          id: v.id,
          issueId: v.issueId,
          fileName: v.file.fileName,
          mimeType: v.file.mimeType,
          size: v.file.size,
          created: jiraTime(v.created),
          author: userRef(v.author),
        },
      },
      occurredAt(v.root, v.created),
      shape.webhookTraceValue,
    ),
});

const PROPERTIES = [
  { key: 'sync-state', value: { syncedAt: '2025-01-01T00:00:00.000Z', remoteId: 'CRM-8812' } },
  { key: 'com.example.sla', value: { breached: false, minutesLeft: 240 } },
  { key: 'triage', value: { owner: 'platform', score: 3 } },
] as const;

interface PropertyValues {
  readonly issue: IssueValues;
  readonly root: JiraRootValues;
  readonly property: (typeof PROPERTIES)[number];
}

/** Payloads of the `jira-issue-property` family: Jira issue property set or deleted. */
export const jiraIssueProperty = recipe<'jira-issue-property', PropertyValues>({
  fields: { issue: issueValues, root: rootValues, property: oneOf(...PROPERTIES) },
  sample: { issue: SAMPLE_ISSUE, root: SAMPLE_ROOT, property: PROPERTIES[0] },
  shape: { atlassianId: true, webhookTraceValue: false },
  build: (eventType, v, shape) => {
    const { id, key } = issueObject(v.issue, false);
    const deleted = eventType === 'avi:jira:deleted:issue-property';
    return jiraPayload(
      eventType,
      {
        issue: { id, key },
        property: deleted ? { key: v.property.key } : { key: v.property.key, value: structuredClone(v.property.value) },
        ...when(shape.atlassianId, 'atlassianId', v.issue.actor.accountId),
      },
      occurredAt(v.root, lastUpdate(v.issue) + 5_000),
      shape.webhookTraceValue,
    );
  },
});
