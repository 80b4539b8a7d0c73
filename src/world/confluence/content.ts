/**
 * The changes both Confluence APIs make, in one place so v1 and v2 agree: create and update pages
 * (titles unique per space, versions that must go up by one), footer comments, labels and content
 * properties. Each returns the changed thing or a problem that the caller shapes as its API does.
 */
import {
  CONTENT_ID_BASE,
  livePage,
  versionStamp,
  type ConfluenceComment,
  type ConfluenceLabel,
  type ConfluencePage,
  type ConfluenceProperty,
  type ConfluenceState,
  type ContentBody,
  type PageStatus,
} from './state.js';

/** Why a change was refused: an HTTP status and the product's message. */
export interface Problem {
  readonly problem: { readonly status: number; readonly message: string };
}

const refuse = (status: number, message: string): Problem => ({ problem: { status, message } });

/** Whether a result is a refusal. */
export const isProblem = (value: object): value is Problem => 'problem' in value;

const titleTaken = (state: ConfluenceState, spaceId: string, title: string, except?: string): boolean =>
  [...state.pages.values()].some((p) => p.spaceId === spaceId && p.status !== 'trashed' && p.id !== except && p.title === title);

const TITLE_TAKEN = 'A page with this title already exists: A page already exists with the same TITLE in this space';

/** What a new page is made of. */
export interface NewPage {
  readonly spaceId: string;
  readonly title: string;
  readonly status: PageStatus;
  readonly parentId: string | null;
  readonly body: ContentBody;
}

/**
 * Creates a page at version 1.
 *
 * @example
 * createPage(wiki, { spaceId: '131073', title: 'Runbook', status: 'current', parentId: null, body: { representation: 'storage', value: '<p/>' } })
 */
export const createPage = (state: ConfluenceState, page: NewPage): ConfluencePage | Problem => {
  if (!state.spaces.has(page.spaceId)) return refuse(404, `No space with id ${page.spaceId}`);
  if (page.status !== 'draft' && page.title.trim() === '') return refuse(400, 'Title is required for a page that is not a draft.');
  if (page.parentId !== null && livePage(state, page.parentId) === undefined) return refuse(404, `No parent page with id ${page.parentId}`);
  if (page.status !== 'draft' && titleTaken(state, page.spaceId, page.title)) return refuse(400, TITLE_TAKEN);
  const id = state.ids.next('content', CONTENT_ID_BASE.content);
  const version = versionStamp(state, 1);
  const created: ConfluencePage = {
    id,
    ...page,
    authorId: state.me,
    createdAt: version.createdAt,
    version,
    labels: [],
    properties: [],
    position: state.pages.size,
  };
  state.pages.set(id, created);
  return created;
};

/** What an update may change; the version number is required. */
export interface PageUpdate {
  readonly version: number;
  readonly message?: string;
  readonly title?: string;
  readonly status?: PageStatus;
  readonly body?: ContentBody;
  readonly parentId?: string | null;
}

/**
 * Updates a page: the new version number must be the current one plus one, as Confluence demands.
 *
 * @example
 * updatePage(wiki, page, { version: 2, title: 'Runbook (v2)' })
 */
export const updatePage = (state: ConfluenceState, page: ConfluencePage, update: PageUpdate): ConfluencePage | Problem => {
  if (update.version !== page.version.number + 1) return refuse(409, `Version must be incremented on update. Current version is: ${page.version.number}`);
  const title = update.title ?? page.title;
  if (titleTaken(state, page.spaceId, title, page.id)) return refuse(400, TITLE_TAKEN);
  if (update.parentId !== undefined && update.parentId !== null && livePage(state, update.parentId) === undefined)
    return refuse(404, `No parent page with id ${update.parentId}`);
  page.title = title;
  if (update.status !== undefined) page.status = update.status;
  if (update.body !== undefined) page.body = update.body;
  if (update.parentId !== undefined) page.parentId = update.parentId;
  page.version = versionStamp(state, update.version, update.message ?? '');
  return page;
};

/**
 * Adds a footer comment to a page, or a reply to a comment.
 *
 * @example
 * addFooterComment(wiki, { pageId: '98305' }, { representation: 'storage', value: '<p>Done</p>' })
 */
export const addFooterComment = (
  state: ConfluenceState,
  target: { pageId?: string; parentCommentId?: string },
  body: ContentBody,
): ConfluenceComment | Problem => {
  const parent = target.parentCommentId === undefined ? undefined : state.comments.get(target.parentCommentId);
  if (target.parentCommentId !== undefined && (parent === undefined || parent.status === 'trashed'))
    return refuse(404, `No comment with id ${target.parentCommentId}`);
  const pageId = parent?.pageId ?? target.pageId;
  if (livePage(state, pageId) === undefined) return refuse(404, `No page with id ${pageId}`);
  const id = state.ids.next('content', CONTENT_ID_BASE.content);
  const version = versionStamp(state, 1);
  const comment: ConfluenceComment = {
    id,
    pageId: pageId!,
    ...(parent === undefined ? {} : { parentCommentId: parent.id }),
    status: 'current',
    authorId: state.me,
    createdAt: version.createdAt,
    version,
    body,
  };
  state.comments.set(id, comment);
  return comment;
};

/**
 * Adds labels to a page (existing ones are kept once); returns the page's labels.
 *
 * @example
 * addLabels(wiki, page, [{ name: 'runbook', prefix: 'global' }])
 */
export const addLabels = (state: ConfluenceState, page: ConfluencePage, labels: readonly { name: string; prefix: string }[]): ConfluenceLabel[] | Problem => {
  const bad = labels.find((l) => !/^\S+$/.test(l.name));
  if (bad !== undefined) return refuse(400, `Label '${bad.name}' contains spaces or is empty.`);
  for (const label of labels) {
    const name = label.name.toLowerCase();
    if (!page.labels.some((l) => l.name === name)) page.labels.push({ id: state.ids.next('label', CONTENT_ID_BASE.label), name, prefix: label.prefix });
  }
  return page.labels;
};

/**
 * Creates a content property at version 1; the key must be new on the page.
 *
 * @example
 * createProperty(wiki, page, 'sync-state', { done: true })
 */
export const createProperty = (state: ConfluenceState, page: ConfluencePage, key: string, value: unknown): ConfluenceProperty | Problem => {
  if (key.trim() === '') return refuse(400, 'The property key is required.');
  if (page.properties.some((p) => p.key === key)) return refuse(400, `A content property with key '${key}' already exists on content ${page.id}.`);
  const property: ConfluenceProperty = {
    id: state.ids.next('property', CONTENT_ID_BASE.property),
    key,
    value: structuredClone(value),
    version: versionStamp(state, 1),
  };
  page.properties.push(property);
  return property;
};

/**
 * Updates a content property: the version must go up by one.
 *
 * @example
 * updateProperty(wiki, property, { done: false }, 2)
 */
export const updateProperty = (state: ConfluenceState, property: ConfluenceProperty, value: unknown, version: number): ConfluenceProperty | Problem => {
  if (version !== property.version.number + 1) return refuse(409, `Version must be incremented on update. Current version is: ${property.version.number}`);
  property.value = structuredClone(value);
  property.version = versionStamp(state, version);
  return property;
};
