/**
 * Confluence's JSON for the simulated state: v2 pages, spaces, footer comments, labels and properties,
 * and v1 content, in the shapes the two APIs return. A body is included only when asked for
 * (`body-format` in v2, `expand=body.storage` in v1), as on Confluence.
 */
import { SITE, confluenceTime } from '../clock.js';
import type {
  ConfluenceComment,
  ConfluenceLabel,
  ConfluencePage,
  ConfluenceProperty,
  ConfluenceSpace,
  ConfluenceState,
  ContentBody,
  ContentVersion,
} from './state.js';

/** The site's Confluence base URL. */
export const WIKI = `${SITE}/wiki`;

const versionJson = (v: ContentVersion) => ({
  createdAt: confluenceTime(v.createdAt),
  message: v.message,
  number: v.number,
  minorEdit: v.minorEdit,
  authorId: v.authorId,
});

const bodyJson = (body: ContentBody, format: string | null): Record<string, unknown> =>
  format === null ? {} : { [format]: { representation: format, value: body.value } };

const slug = (title: string): string => encodeURIComponent(title.replace(/\s+/g, '+'));

/**
 * A v2 page; `bodyFormat` is the `body-format` parameter (null: no body).
 *
 * @example
 * pageJson(wiki, page, 'storage').body.storage.value
 */
export const pageJson = (state: ConfluenceState, page: ConfluencePage, bodyFormat: string | null): Record<string, unknown> => {
  const space = state.spaces.get(page.spaceId);
  return {
    id: page.id,
    status: page.status,
    title: page.title,
    spaceId: page.spaceId,
    parentId: page.parentId,
    parentType: page.parentId === null ? null : 'page',
    position: page.position,
    authorId: page.authorId,
    ownerId: page.authorId,
    lastOwnerId: null,
    createdAt: confluenceTime(page.createdAt),
    version: versionJson(page.version),
    body: bodyJson(page.body, bodyFormat),
    _links: {
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      webui: `/spaces/${space?.key ?? ''}/pages/${page.id}/${slug(page.title)}`,
      tinyui: `/x/${page.id}`,
      base: WIKI,
    },
  };
};

/** A v2 space. */
export const spaceJson = (space: ConfluenceSpace): Record<string, unknown> => ({
  id: space.id,
  key: space.key,
  name: space.name,
  type: space.type,
  status: 'current',
  authorId: space.authorId,
  createdAt: confluenceTime(space.createdAt),
  homepageId: null,
  description: null,
  icon: null,
  _links: { webui: `/spaces/${space.key}`, base: WIKI },
});

/** A v2 footer comment. */
export const commentJson = (state: ConfluenceState, comment: ConfluenceComment, bodyFormat: string | null): Record<string, unknown> => {
  const page = state.pages.get(comment.pageId);
  return {
    id: comment.id,
    status: comment.status,
    title: `Re: ${page?.title ?? ''}`,
    pageId: comment.pageId,
    ...(comment.parentCommentId === undefined ? {} : { parentCommentId: comment.parentCommentId }),
    version: versionJson(comment.version),
    body: bodyJson(comment.body, bodyFormat),
    _links: { webui: `/spaces/${state.spaces.get(page?.spaceId ?? '')?.key ?? ''}/pages/${comment.pageId}?focusedCommentId=${comment.id}`, base: WIKI },
  };
};

/** A label. */
export const labelJson = (label: ConfluenceLabel): Record<string, unknown> => ({ id: label.id, name: label.name, prefix: label.prefix });

/** A v2 content property. */
export const propertyJson = (property: ConfluenceProperty): Record<string, unknown> => ({
  id: property.id,
  key: property.key,
  value: property.value,
  version: versionJson(property.version),
});

/** A v1 content property. */
export const propertyV1Json = (page: ConfluencePage, property: ConfluenceProperty): Record<string, unknown> => ({
  id: property.id,
  key: property.key,
  value: property.value,
  version: {
    when: confluenceTime(property.version.createdAt),
    message: property.version.message,
    number: property.version.number,
    minorEdit: property.version.minorEdit,
  },
  _links: { self: `${WIKI}/rest/api/content/${page.id}/property/${encodeURIComponent(property.key)}`, base: WIKI, context: '/wiki' },
});

/** A v1 label. */
export const labelV1Json = (label: ConfluenceLabel): Record<string, unknown> => ({ prefix: label.prefix, name: label.name, id: label.id, label: label.name });

const userV1 = (accountId: string) => ({ type: 'known', accountId, accountType: 'atlassian', publicName: accountId, displayName: accountId });

const expands = (expand: readonly string[], name: string): boolean => expand.some((e) => e === name || e.startsWith(`${name}.`));

const v1Body = (body: ContentBody, expand: readonly string[]): Record<string, unknown> => {
  const formats = expand.filter((e) => e.startsWith('body.')).map((e) => e.slice(5));
  return formats.length === 0
    ? { _expandable: { storage: '', view: '' } }
    : Object.fromEntries(formats.map((f) => [f, { value: body.value, representation: f }]));
};

const v1Space = (space: ConfluenceSpace | undefined) =>
  space === undefined
    ? undefined
    : {
        id: Number(space.id),
        key: space.key,
        name: space.name,
        type: space.type,
        status: 'current',
        _links: { webui: `/spaces/${space.key}`, self: `${WIKI}/rest/api/space/${space.key}` },
      };

const ancestorsOf = (state: ConfluenceState, page: ConfluencePage): Record<string, unknown>[] => {
  const chain: Record<string, unknown>[] = [];
  let parent = page.parentId === null ? undefined : state.pages.get(page.parentId);
  while (parent !== undefined) {
    chain.unshift({ id: parent.id, type: 'page', status: parent.status, title: parent.title });
    parent = parent.parentId === null ? undefined : state.pages.get(parent.parentId);
  }
  return chain;
};

/**
 * A page as v1 content; `expand` is the `expand` parameter split at commas.
 *
 * @example
 * pageV1Json(wiki, page, ['body.storage']).body.storage.value
 */
export const pageV1Json = (state: ConfluenceState, page: ConfluencePage, expand: readonly string[]): Record<string, unknown> => ({
  id: page.id,
  type: 'page',
  status: page.status,
  title: page.title,
  space: v1Space(state.spaces.get(page.spaceId)),
  history: { latest: true, createdBy: userV1(page.authorId), createdDate: confluenceTime(page.createdAt) },
  version: {
    by: userV1(page.version.authorId),
    when: confluenceTime(page.version.createdAt),
    number: page.version.number,
    message: page.version.message,
    minorEdit: page.version.minorEdit,
  },
  ...(expands(expand, 'ancestors') ? { ancestors: ancestorsOf(state, page) } : {}),
  ...(expands(expand, 'metadata') ? { metadata: { labels: { results: page.labels.map(labelV1Json), start: 0, limit: 200, size: page.labels.length } } } : {}),
  body: v1Body(page.body, expand),
  extensions: { position: page.position },
  _links: {
    webui: `/spaces/${state.spaces.get(page.spaceId)?.key ?? ''}/pages/${page.id}/${slug(page.title)}`,
    edit: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${page.id}`,
    self: `${WIKI}/rest/api/content/${page.id}`,
    base: WIKI,
    context: '/wiki',
  },
});

/** A footer comment as v1 content. */
export const commentV1Json = (state: ConfluenceState, comment: ConfluenceComment, expand: readonly string[]): Record<string, unknown> => {
  const page = state.pages.get(comment.pageId);
  return {
    id: comment.id,
    type: 'comment',
    status: comment.status,
    title: `Re: ${page?.title ?? ''}`,
    space: v1Space(state.spaces.get(page?.spaceId ?? '')),
    history: { latest: true, createdBy: userV1(comment.authorId), createdDate: confluenceTime(comment.createdAt) },
    version: {
      by: userV1(comment.version.authorId),
      when: confluenceTime(comment.version.createdAt),
      number: comment.version.number,
      message: comment.version.message,
      minorEdit: comment.version.minorEdit,
    },
    container: { id: comment.pageId, type: 'page', status: page?.status ?? 'current', title: page?.title ?? '' },
    extensions: { location: 'footer' },
    body: v1Body(comment.body, expand),
    _links: { self: `${WIKI}/rest/api/content/${comment.id}`, base: WIKI, context: '/wiki' },
  };
};
