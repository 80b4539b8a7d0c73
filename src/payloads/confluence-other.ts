/**
 * Confluence events about things other than content: spaces, labels, inline tasks, users, groups,
 * relations and searches [docs: Confluence events].
 */
import fc from 'fast-check';
import { PEOPLE, SPACES, instant, isoTime, numberFrom, oneOf, person, space, uuid, type Person, type SpaceValues } from './atoms.js';
import {
  SAMPLE_CONTENT,
  confluencePayload,
  confluenceUser,
  contentObject,
  contentValues,
  eventTime,
  spaceObject,
  type ContentValues,
} from './confluence-shared.js';
import { actionOf, recipe, when, type Fields } from './recipe.js';

interface SpaceEventValues {
  readonly space: SpaceValues;
  readonly creator: Person;
  readonly actor: Person;
  readonly created: number;
  readonly age: number;
}

const SAMPLE_SPACE: SpaceEventValues = {
  space: SPACES[0],
  creator: PEOPLE[0],
  actor: PEOPLE[0],
  created: SAMPLE_CONTENT.created - 86_400_000,
  age: 86_400_000,
};

const spaceEventFields: Fields<SpaceEventValues> = {
  space,
  creator: person,
  actor: person,
  created: instant(),
  age: fc.integer({ min: 0, max: 30 * 86_400_000 }),
};

/** A space as space, label and relation events carry it: with its history (and, for some, its home page). */
const fullSpace = (v: SpaceEventValues, homepage: boolean) => ({
  ...spaceObject(v.space),
  ...when(homepage, 'homepage', { id: String(v.space.id + 2), type: 'page', title: `${v.space.name} Home`, status: 'current' }),
  history: { createdBy: confluenceUser(v.creator), createdDate: isoTime(v.created) },
});

/** Payloads of the `confluence-space` family: Confluence space created, updated, permissions updated or deleted. */
export const confluenceSpace = recipe<'confluence-space', SpaceEventValues>({
  fields: spaceEventFields,
  sample: SAMPLE_SPACE,
  shape: { atlassianId: true },
  build: (eventType, v, shape) =>
    confluencePayload(eventType, v.created + v.age, shape.atlassianId ? v.actor : undefined, { space: fullSpace(v, false) }, 'no-notifications'),
});

const LABELS = [
  { id: '6422530', name: 'incident', prefix: 'global' },
  { id: '6422531', name: 'runbook', prefix: 'global' },
  { id: '6422544', name: 'needs-review', prefix: 'global' },
  { id: '6422570', name: 'favourite', prefix: 'my' },
] as const;

interface LabelValues {
  readonly label: (typeof LABELS)[number];
  readonly content: ContentValues;
  readonly space: SpaceEventValues;
}

/**
 * A label is on content, a space or a template; the sample labels a page. The entity lists its labels
 * as they stand at the time of the event, so an added label is among them and a removed one is not.
 */
export const confluenceLabel = recipe<'confluence-label', LabelValues>({
  fields: { label: oneOf(...LABELS), content: contentValues, space: fc.record(spaceEventFields) },
  sample: { label: LABELS[0], content: SAMPLE_CONTENT, space: SAMPLE_SPACE },
  shape: { atlassianId: true, space: false },
  build: (eventType, v, shape) => {
    const label = { ...v.label };
    const labels = actionOf(eventType) === 'removed' || actionOf(eventType) === 'deleted' ? [] : [label];
    const subject = shape.space
      ? { space: { ...fullSpace(v.space, true), labels } }
      : { content: { ...contentObject(v.content, 'page', 'current', false), labels } };
    const actor = shape.space ? v.space.actor : v.content.actor;
    return confluencePayload(eventType, eventTime(v.content), shape.atlassianId ? actor : undefined, { label, ...subject }, 'no-notifications');
  },
});

interface TaskValues {
  readonly content: ContentValues;
  readonly id: number;
  readonly uuid: string;
  readonly assignee: Person;
  readonly due: number;
}

const SAMPLE_TASK: TaskValues = {
  content: SAMPLE_CONTENT,
  id: 1,
  uuid: 'e0a0e71d-5575-4185-bf33-61364fb0960e',
  assignee: PEOPLE[1],
  due: SAMPLE_CONTENT.created + 7 * 86_400_000,
};

/** Payloads of the `confluence-task` family: Confluence inline task created, updated or removed. */
export const confluenceTask = recipe<'confluence-task', TaskValues>({
  fields: { content: contentValues, id: numberFrom(1, 300), uuid: uuid(SAMPLE_TASK.uuid), assignee: person, due: instant() },
  sample: SAMPLE_TASK,
  shape: { atlassianId: true, 'task.assignee': true, 'task.dueDate': true, 'task.uuid': true },
  build: (eventType, v, shape) => {
    const task = (done: boolean) => ({
      id: v.id,
      uuid: shape['task.uuid'] ? v.uuid : null,
      status: done ? 'complete' : 'incomplete',
      statusAsString: done ? 'CHECKED' : 'UNCHECKED',
      assignee: shape['task.assignee'] ? v.assignee.accountId : null,
      dueDate: shape['task.dueDate'] ? isoTime(v.due) : null,
    });
    const updated = actionOf(eventType) === 'updated';
    return confluencePayload(eventType, eventTime(v.content), shape.atlassianId ? v.content.actor : undefined, {
      task: task(updated),
      ...(updated ? { oldTask: task(false) } : {}),
      content: contentObject(v.content, 'page', 'current', false),
    });
  },
});

interface UserValues {
  readonly user: Person;
  readonly at: number;
}

/** Payloads of the `confluence-user` family: Confluence user created or deleted. */
export const confluenceUserEvent = recipe<'confluence-user', UserValues>({
  fields: { user: person, at: instant() },
  sample: { user: PEOPLE[2], at: SAMPLE_CONTENT.created },
  shape: {},
  build: (eventType, v) => confluencePayload(eventType, v.at, undefined, { user: confluenceUser(v.user) }, 'no-notifications'),
});

interface GroupValues {
  readonly id: string;
  readonly name: string;
  readonly at: number;
}

/** Payloads of the `confluence-group` family: Confluence group created or deleted. */
export const confluenceGroup = recipe<'confluence-group', GroupValues>({
  fields: {
    id: uuid('ab1a3479-143a-456e-8853-d359e577863a'),
    name: oneOf('site-admins', 'support-agents', 'confluence-guests', 'eng-managers'),
    at: instant(),
  },
  sample: { id: 'ab1a3479-143a-456e-8853-d359e577863a', name: 'site-admins', at: SAMPLE_CONTENT.created },
  shape: {},
  build: (eventType, v) => confluencePayload(eventType, v.at, undefined, { group: { id: v.id, name: v.name } }, 'no-notifications'),
});

interface RelationValues {
  readonly user: Person;
  readonly content: ContentValues;
  readonly space: SpaceEventValues;
  readonly toSpace: boolean;
}

/**
 * `watching` a page (with relationData) in the sample; without relationData it is a `favourite`, one
 * of the relation types the page says carry none.
 */
export const confluenceRelation = recipe<'confluence-relation', RelationValues>({
  fields: { user: person, content: contentValues, space: fc.record(spaceEventFields), toSpace: fc.boolean() },
  sample: { user: PEOPLE[1], content: SAMPLE_CONTENT, space: SAMPLE_SPACE, toSpace: false },
  shape: { atlassianId: true, relationData: true },
  build: (eventType, v, shape) => {
    const at = eventTime(v.content);
    const target = v.toSpace ? { space: fullSpace(v.space, true) } : { content: contentObject(v.content, 'page', 'current', false) };
    return confluencePayload(
      eventType,
      at,
      shape.atlassianId ? v.user : undefined,
      {
        relationName: shape.relationData ? 'watching' : 'favourite',
        ...when(shape.relationData, 'relationData', { createdBy: confluenceUser(v.user), createdDate: isoTime(at) }),
        source: { user: confluenceUser(v.user) },
        target,
      },
      'no-notifications',
    );
  },
});

interface SearchValues {
  readonly user: Person;
  readonly query: string;
  readonly results: number;
  readonly at: number;
}

/** Payloads of the `confluence-search` family: Confluence search performed. */
export const confluenceSearch = recipe<'confluence-search', SearchValues>({
  fields: { user: person, query: oneOf('incident review', 'on-call', 'release checklist', 'vpn setup'), results: fc.nat(40), at: instant() },
  sample: { user: PEOPLE[0], query: 'incident review', results: 2, at: SAMPLE_CONTENT.created },
  shape: { atlassianId: true },
  build: (eventType, v, shape) =>
    confluencePayload(
      eventType,
      v.at,
      shape.atlassianId ? v.user : undefined,
      { query: v.query, accountType: 'atlassian', results: v.results },
      'no-notifications',
    ),
});
