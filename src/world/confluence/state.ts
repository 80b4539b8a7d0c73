/**
 * The simulated Confluence site's state: spaces, pages (with versions, labels and content properties)
 * and footer comments. Plain data behind lookups, shared by the v2 and v1 routes, so a page created with
 * one API is read back with the other.
 */
import type { Counters, WorldClock } from '../clock.js';

/** A version stamp, as pages, comments and properties carry one. */
export interface ContentVersion {
  readonly number: number;
  readonly message: string;
  readonly minorEdit: boolean;
  readonly createdAt: number;
  readonly authorId: string;
}

/** A body in one representation (`storage`, `atlas_doc_format`, `wiki`). */
export interface ContentBody {
  readonly representation: string;
  readonly value: string;
}

/** A space. */
export interface ConfluenceSpace {
  readonly id: string;
  readonly key: string;
  name: string;
  readonly type: 'global' | 'personal';
  readonly createdAt: number;
  readonly authorId: string;
}

/** A label on a page. */
export interface ConfluenceLabel {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
}

/** A content property of a page. */
export interface ConfluenceProperty {
  readonly id: string;
  readonly key: string;
  value: unknown;
  version: ContentVersion;
}

/** Page states; `trashed` pages are gone from reads and listings. */
export type PageStatus = 'current' | 'draft' | 'archived' | 'trashed';

/** A page. */
export interface ConfluencePage {
  readonly id: string;
  spaceId: string;
  title: string;
  status: PageStatus;
  parentId: string | null;
  readonly authorId: string;
  readonly createdAt: number;
  version: ContentVersion;
  body: ContentBody;
  readonly labels: ConfluenceLabel[];
  readonly properties: ConfluenceProperty[];
  readonly position: number;
}

/** A footer comment on a page (or a reply to one). */
export interface ConfluenceComment {
  readonly id: string;
  readonly pageId: string;
  readonly parentCommentId?: string;
  status: 'current' | 'trashed';
  readonly authorId: string;
  readonly createdAt: number;
  version: ContentVersion;
  body: ContentBody;
}

/** The whole site. */
export interface ConfluenceState {
  readonly clock: WorldClock;
  readonly ids: Counters;
  /** The account requests are made as. */
  readonly me: string;
  readonly spaces: Map<string, ConfluenceSpace>;
  readonly pages: Map<string, ConfluencePage>;
  readonly comments: Map<string, ConfluenceComment>;
}

/** Where Confluence ids start, per kind; pages and comments share one content id sequence, as on Confluence. */
export const CONTENT_ID_BASE = { space: 131073, content: 98305, label: 1001, property: 5001 } as const;

/** The space with this key. */
export const findSpaceByKey = (state: ConfluenceState, key: string): ConfluenceSpace | undefined => [...state.spaces.values()].find((s) => s.key === key);

/** A page that exists (not trashed). */
export const livePage = (state: ConfluenceState, id: string | undefined): ConfluencePage | undefined => {
  const page = id === undefined ? undefined : state.pages.get(id);
  return page === undefined || page.status === 'trashed' ? undefined : page;
};

/** A comment that exists (not trashed). */
export const liveComment = (state: ConfluenceState, id: string | undefined): ConfluenceComment | undefined => {
  const comment = id === undefined ? undefined : state.comments.get(id);
  return comment === undefined || comment.status === 'trashed' ? undefined : comment;
};

/** The space with this key, created (named after its key) when the site has none yet. */
export const ensureSpace = (state: ConfluenceState, key: string, id?: string): ConfluenceSpace => {
  const existing = findSpaceByKey(state, key);
  if (existing !== undefined) return existing;
  const spaceId = id ?? state.ids.next('space', CONTENT_ID_BASE.space);
  state.ids.reserve('space', spaceId);
  const space: ConfluenceSpace = {
    id: spaceId,
    key,
    name: key,
    type: key.startsWith('~') ? 'personal' : 'global',
    createdAt: state.clock.peek(),
    authorId: state.me,
  };
  state.spaces.set(spaceId, space);
  return space;
};

/** A fresh version stamp by the requesting account. */
export const versionStamp = (state: ConfluenceState, number: number, message = '', minorEdit = false): ContentVersion => ({
  number,
  message,
  minorEdit,
  createdAt: state.clock.tick(),
  authorId: state.me,
});
