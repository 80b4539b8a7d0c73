/**
 * What Confluence payloads share [docs: Confluence events, type references]: users (whose name, email
 * and username fields carry the account id, for privacy), spaces, history, versions, content objects
 * without a body (no ADF: the events carry none), and the root fields.
 */
import fc from 'fast-check';
import { PEOPLE, SAMPLE_CLOUD_ID, SAMPLE_INSTANT, SPACES, instant, isoTime, numberFrom, oneOf, personLike, type Person, type SpaceValues } from './atoms.js';
import { forgeContext, when, type EventPayload } from './recipe.js';

/** A Confluence user object for an account. */
export const confluenceUser = (p: Person) => ({
  type: 'known',
  username: p.accountId,
  accountId: p.accountId,
  accountType: 'atlassian',
  email: p.accountId,
  publicName: p.accountId,
  profilePicture: { path: `/wiki/aa-avatar/${p.accountId}`, width: 48, height: 48, isDefault: false },
  displayName: p.accountId,
  isExternalCollaborator: false,
});

/** A space as content events embed it. */
export const spaceObject = (s: SpaceValues) => ({
  id: s.id,
  key: s.key,
  alias: s.key,
  name: s.name,
  icon: { path: '/images/logo/default-space-logo-256.png', width: 48, height: 48, isDefault: false },
  type: 'global',
  status: 'current',
});

const PAGE_TITLES = ['Q3 incident review', 'On-call handbook', 'Release checklist 2025.1', 'ADR 12: move search to OpenSearch', 'Team onboarding'] as const;

/** The values of one piece of content and the people around it. */
export interface ContentValues {
  readonly id: number;
  readonly title: string;
  readonly space: SpaceValues;
  readonly author: Person;
  /** Who caused the event (and made the latest version). */
  readonly actor: Person;
  readonly created: number;
  /** Milliseconds from creation to the latest version. */
  readonly age: number;
  readonly version: number;
}

/** The sample page: "Q3 incident review" in the Engineering space, created and edited by the sample people. */
export const SAMPLE_CONTENT: ContentValues = {
  id: 838_205_441,
  title: PAGE_TITLES[0],
  space: SPACES[0],
  author: PEOPLE[0],
  actor: PEOPLE[0],
  created: SAMPLE_INSTANT,
  age: 0,
  version: 1,
};

/** Realistic content values, shrinking to `sample`. */
export const contentValuesLike = (sample: ContentValues): fc.Arbitrary<ContentValues> =>
  fc.record({
    id: numberFrom(sample.id, 9_000_000),
    title: oneOf(sample.title, ...PAGE_TITLES),
    space: oneOf(sample.space, ...SPACES),
    author: personLike(sample.author),
    actor: personLike(sample.actor),
    created: instant(sample.created),
    age: numberFrom(sample.age, 60 * 86_400_000),
    version: numberFrom(sample.version, 40),
  });

/** Realistic content values, shrinking to the sample page. */
export const contentValues: fc.Arbitrary<ContentValues> = contentValuesLike(SAMPLE_CONTENT);

/** Who created and owns the content, and when it was created. */
export const historyOf = (v: ContentValues) => ({
  latest: true,
  createdBy: confluenceUser(v.author),
  ownedBy: confluenceUser(v.author),
  createdDate: isoTime(v.created),
});

/** The latest version of the content. */
export const versionOf = (v: ContentValues) => ({ by: confluenceUser(v.actor), when: isoTime(v.created + v.age), number: v.version });

/** The status content has after an event: trashed and archived content say so, the rest is current. */
export const statusAfter = (action: string): string =>
  action === 'trashed' || action === 'deleted' ? 'trashed' : action === 'archived' ? 'archived' : 'current';

/** A page, live doc, blog post, whiteboard, database, smart link or folder. */
export const contentObject = (v: ContentValues, type: string, status: string, live: boolean) => ({
  id: String(v.id),
  type,
  ...when(live, 'subType', 'live'),
  status,
  title: v.title,
  space: spaceObject(v.space),
  history: historyOf(v),
  version: versionOf(v),
});

/**
 * A Confluence payload: the event name, who caused it (absent for anonymous users), when, the
 * family's fields, and the Forge context. Content events also say whether notifications were
 * suppressed; user and group events carry no `atlassianId` (they come from an asynchronous process).
 */
export const confluencePayload = (
  eventType: string,
  at: number,
  actor: Person | undefined,
  fields: Readonly<Record<string, unknown>>,
  notifications: 'content' | 'no-notifications' = 'content',
): EventPayload => ({
  eventType,
  ...(actor ? { atlassianId: actor.accountId } : {}),
  eventCreatedDate: isoTime(at),
  ...(notifications === 'content' ? { suppressNotifications: false } : {}),
  selfGenerated: false,
  ...fields,
  context: forgeContext(eventType, SAMPLE_CLOUD_ID),
});

/** When the event happened: the latest version's time, or a little after it. */
export const eventTime = (v: ContentValues): number => v.created + v.age + 200;
