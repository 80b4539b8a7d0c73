/**
 * Confluence content events: pages and live docs, blog posts, whiteboards / databases / smart links /
 * folders, comments, attachments, custom content, and the permissions-updated events of each
 * [docs: Confluence events].
 */
import fc from 'fast-check';
import { PEOPLE, oneOf, person, uuid, type Person } from './atoms.js';
import {
  SAMPLE_CONTENT,
  confluencePayload,
  contentObject,
  contentValues,
  eventTime,
  historyOf,
  spaceObject,
  statusAfter,
  versionOf,
  type ContentValues,
} from './confluence-shared.js';
import { actionOf, entityOf, recipe, when, type EventPayload, type Fields } from './recipe.js';

/** Events with `updateTrigger` [docs: "Payload", updateTrigger]. */
const UPDATE_TRIGGERED: ReadonlySet<string> = new Set([
  'avi:confluence:updated:page',
  'avi:confluence:started:page',
  'avi:confluence:snapshotted:page',
  'avi:confluence:published:page',
  'avi:confluence:updated:blogpost',
  'avi:confluence:updated:comment',
  'avi:confluence:updated:attachment',
  'avi:confluence:updated:custom_content',
]);

/** Live doc events are always about a live doc; `published` turns one into a page. */
const LIVE_DOC_EVENTS: ReadonlySet<string> = new Set(['avi:confluence:initialized:page', 'avi:confluence:started:page', 'avi:confluence:snapshotted:page']);

interface PageValues {
  readonly content: ContentValues;
  /** The page a moved page came from (its parent or space), or a copied page's origin. */
  readonly other: ContentValues;
  readonly children: readonly number[];
}

const SAMPLE_PAGE: PageValues = {
  content: SAMPLE_CONTENT,
  other: { ...SAMPLE_CONTENT, id: SAMPLE_CONTENT.id - 14, title: 'Incident reviews' },
  children: [838_205_460, 838_205_471, 838_205_489],
};

const pageFields: Fields<PageValues> = {
  content: contentValues,
  other: contentValues,
  children: fc.uniqueArray(fc.integer({ min: 838_205_450, max: 838_299_999 }), { minLength: 2, maxLength: 5 }),
};

/** The fields a page-like event adds to its `content`: the previous page, the origin, the child order. */
const pageLikeFields = (eventType: string, v: PageValues, type: string, live: boolean) => {
  const action = actionOf(eventType);
  const content = contentObject(v.content, type, statusAfter(action), live);
  return {
    ...(UPDATE_TRIGGERED.has(eventType) ? { updateTrigger: 'edit_page' } : {}),
    content,
    ...(action === 'moved' ? { prevContent: { ...content, version: versionOf({ ...v.content, version: Math.max(1, v.content.version - 1) }) } } : {}),
    ...(action === 'copied' ? { originContentId: String(v.other.id === v.content.id ? v.content.id + 1 : v.other.id) } : {}),
    ...(action === 'children_reordered' ? { oldSortedChildPageIds: v.children.map(String), newSortedChildPageIds: [...v.children].reverse().map(String) } : {}),
  };
};

const pageLike =
  (type: (eventType: string) => string, live: (eventType: string, shape: boolean) => boolean) =>
  (eventType: string, v: PageValues, shape: { atlassianId: boolean } & Partial<Record<'content.subType', boolean>>): EventPayload =>
    confluencePayload(
      eventType,
      eventTime(v.content),
      shape.atlassianId ? v.content.actor : undefined,
      pageLikeFields(eventType, v, type(eventType), live(eventType, shape['content.subType'] ?? false)),
    );

/** Payloads of the `confluence-page` family: Confluence page or live doc. */
export const confluencePage = recipe<'confluence-page', PageValues>({
  fields: pageFields,
  sample: SAMPLE_PAGE,
  shape: { atlassianId: true, 'content.subType': false },
  build: pageLike(
    () => 'page',
    (eventType, live) => LIVE_DOC_EVENTS.has(eventType) || (live && eventType !== 'avi:confluence:published:page'),
  ),
});

/** Payloads of the `confluence-blogpost` family: Confluence blog post. */
export const confluenceBlogpost = recipe<'confluence-blogpost', PageValues>({
  fields: pageFields,
  sample: SAMPLE_PAGE,
  shape: { atlassianId: true },
  build: pageLike(
    () => 'blogpost',
    () => false,
  ),
});

/** Payloads of the `confluence-content-tree` family: Confluence whiteboard, database, smart link or folder created, moved or copied. */
export const confluenceContentTree = recipe<'confluence-content-tree', PageValues>({
  fields: pageFields,
  sample: SAMPLE_PAGE,
  shape: { atlassianId: true },
  build: pageLike(entityOf, () => false),
});

interface CommentValues {
  readonly comment: ContentValues;
  readonly page: ContentValues;
  readonly earlier: ContentValues;
  readonly inline: boolean;
}

const SAMPLE_COMMENT: CommentValues = {
  comment: {
    ...SAMPLE_CONTENT,
    id: SAMPLE_CONTENT.id + 14,
    title: `Re: ${SAMPLE_CONTENT.title}`,
    author: PEOPLE[1],
    actor: PEOPLE[1],
    created: SAMPLE_CONTENT.created + 3_600_000,
  },
  page: SAMPLE_CONTENT,
  earlier: {
    ...SAMPLE_CONTENT,
    id: SAMPLE_CONTENT.id + 7,
    title: `Re: ${SAMPLE_CONTENT.title}`,
    author: PEOPLE[0],
    actor: PEOPLE[0],
    created: SAMPLE_CONTENT.created + 1_800_000,
  },
  inline: false,
};

const commentFields: Fields<CommentValues> = { comment: contentValues, page: contentValues, earlier: contentValues, inline: fc.boolean() };

/** A comment: its thread (newest first, empty for a top-level comment), the page it is on, where it sits. */
const commentContent = (eventType: string, v: CommentValues, reply: boolean) => {
  const title = `Re: ${v.page.title}`;
  return {
    ...contentObject({ ...v.comment, title, space: v.page.space }, 'comment', statusAfter(actionOf(eventType)), false),
    ancestors: reply ? [{ id: String(v.earlier.id), type: 'comment', status: 'current', title, history: historyOf(v.earlier) }] : [],
    container: { ...contentObject(v.page, 'page', 'current', false) },
    extensions: { location: v.inline ? 'inline' : 'footer' },
  };
};

/** Payloads of the `confluence-comment` family: Confluence comment created, updated, liked or deleted. */
export const confluenceComment = recipe<'confluence-comment', CommentValues>({
  fields: commentFields,
  sample: SAMPLE_COMMENT,
  shape: { atlassianId: true, 'content.ancestors': false },
  build: (eventType, v, shape) =>
    confluencePayload(eventType, eventTime(v.comment), shape.atlassianId ? v.comment.actor : undefined, {
      ...(UPDATE_TRIGGERED.has(eventType) ? { updateTrigger: 'edit_comment' } : {}),
      content: commentContent(eventType, v, shape['content.ancestors']),
    }),
});

const FILES = [
  { title: 'architecture-diagram.png', mediaType: 'image/png', fileSize: 284_113, description: 'PNG Image' },
  { title: 'incident-timeline.pdf', mediaType: 'application/pdf', fileSize: 91_240, description: 'PDF Document' },
  { title: 'latency-export.csv', mediaType: 'text/csv', fileSize: 12_880, description: 'CSV File' },
] as const;

interface AttachmentValues {
  readonly attachment: ContentValues;
  readonly page: ContentValues;
  readonly file: (typeof FILES)[number];
  readonly fileId: string;
}

const SAMPLE_ATTACHMENT: AttachmentValues = {
  attachment: { ...SAMPLE_CONTENT, id: SAMPLE_CONTENT.id + 60 },
  page: SAMPLE_CONTENT,
  file: FILES[0],
  fileId: '3f2b7c1e-9a4d-4e8b-b6f0-1c5d2a7e9b34',
};

const attachmentObject = (eventType: string, v: AttachmentValues) => ({
  ...contentObject({ ...v.attachment, title: v.file.title, space: v.page.space }, 'attachment', statusAfter(actionOf(eventType)), false),
  id: `att${v.attachment.id}`,
  container: contentObject(v.page, 'page', 'current', false),
  extensions: {
    mediaType: v.file.mediaType,
    fileSize: v.file.fileSize,
    mediaTypeDescription: v.file.description,
    fileId: v.fileId,
    downloadPath: `/download/attachments/${v.page.id}/${v.file.title}?version=${v.attachment.version}&api=v2`,
  },
});

/** Payloads of the `confluence-attachment` family: Confluence attachment. */
export const confluenceAttachment = recipe<'confluence-attachment', AttachmentValues>({
  fields: { attachment: contentValues, page: contentValues, file: oneOf(...FILES), fileId: uuid(SAMPLE_ATTACHMENT.fileId) },
  sample: SAMPLE_ATTACHMENT,
  shape: { atlassianId: true },
  build: (eventType, v, shape) =>
    confluencePayload(eventType, eventTime(v.attachment), shape.atlassianId ? v.attachment.actor : undefined, {
      ...(UPDATE_TRIGGERED.has(eventType) ? { updateTrigger: 'edit_attachment' } : {}),
      attachment: attachmentObject(eventType, v),
    }),
});

interface CustomContentValues {
  readonly content: ContentValues;
  readonly page: ContentValues;
  readonly appId: string;
  readonly moduleKey: string;
}

const SAMPLE_CUSTOM: CustomContentValues = {
  content: { ...SAMPLE_CONTENT, id: SAMPLE_CONTENT.id + 90, title: 'Retro board: sprint 14' },
  page: SAMPLE_CONTENT,
  appId: '406d303d-0393-4ec4-ad7c-1435be94583a',
  moduleKey: 'retro-board',
};

/** Custom content types are written in full: `forge:<app id>:<environment id>:<module key>`. */
const customContentObject = (eventType: string, v: CustomContentValues, contained: boolean) => ({
  id: v.content.id,
  type: `forge:${v.appId}:23863033-1de4-4ebf-b30d-c906264a1e92:${v.moduleKey}`,
  status: statusAfter(actionOf(eventType)),
  title: v.content.title,
  space: spaceObject(v.page.space),
  history: historyOf(v.content),
  ...when(contained, 'container', {
    id: v.page.id,
    type: 'page',
    status: 'current',
    title: v.page.title,
    history: historyOf(v.page),
    version: versionOf(v.page),
  }),
});

const customContentFields: Fields<CustomContentValues> = {
  content: contentValues,
  page: contentValues,
  appId: uuid(SAMPLE_CUSTOM.appId),
  moduleKey: oneOf('retro-board', 'decision-log', 'okr-tracker'),
};

/** Payloads of the `confluence-custom-content` family: Confluence custom content (Connect or Forge). */
export const confluenceCustomContent = recipe<'confluence-custom-content', CustomContentValues>({
  fields: customContentFields,
  sample: SAMPLE_CUSTOM,
  shape: { atlassianId: true, 'content.container': true },
  build: (eventType, v, shape) =>
    confluencePayload(eventType, eventTime(v.content), shape.atlassianId ? v.content.actor : undefined, {
      ...(UPDATE_TRIGGERED.has(eventType) ? { updateTrigger: 'edit_custom_content' } : {}),
      content: customContentObject(eventType, v, shape['content.container']),
    }),
});

interface PermissionValues {
  readonly page: PageValues;
  readonly custom: CustomContentValues;
  readonly comment: CommentValues;
  readonly attachment: AttachmentValues;
  readonly actor: Person;
}

const permissionValueFields: Fields<PermissionValues> = {
  page: fc.record(pageFields),
  custom: fc.record(customContentFields),
  comment: fc.record(commentFields),
  attachment: fc.record({ attachment: contentValues, page: contentValues, file: oneOf(...FILES), fileId: uuid(SAMPLE_ATTACHMENT.fileId) }),
  actor: person,
};

const SAMPLE_PERMISSIONS: PermissionValues = {
  page: SAMPLE_PAGE,
  custom: SAMPLE_CUSTOM,
  comment: SAMPLE_COMMENT,
  attachment: SAMPLE_ATTACHMENT,
  actor: PEOPLE[0],
};

/** A permissions change carries the content whose permissions changed, shaped as that entity's other events shape it. */
const permissionFields = (eventType: string, v: PermissionValues) => {
  const entity = entityOf(eventType);
  if (entity === 'custom_content') return { content: customContentObject(eventType, v.custom, true) };
  if (entity === 'comment') return { content: commentContent(eventType, v.comment, false) };
  if (entity === 'attachment') return { attachment: attachmentObject(eventType, v.attachment) };
  return { content: contentObject(v.page.content, entity, 'current', false) };
};

const permissionsPayload = (eventType: string, v: PermissionValues, shape: { atlassianId: boolean }): EventPayload =>
  confluencePayload(eventType, eventTime(v.page.content), shape.atlassianId ? v.actor : undefined, permissionFields(eventType, v));

/** Payloads of the `confluence-permissions` family: Confluence content permissions updated. */
export const confluencePermissions = recipe<'confluence-permissions', PermissionValues>({
  fields: permissionValueFields,
  sample: SAMPLE_PERMISSIONS,
  shape: { atlassianId: true },
  build: permissionsPayload,
});

/** Payloads of the `confluence-permissions-other` family: Confluence comment, attachment or smart link permissions updated. */
export const confluencePermissionsOther = recipe<'confluence-permissions-other', PermissionValues>({
  fields: permissionValueFields,
  sample: SAMPLE_PERMISSIONS,
  shape: { atlassianId: true },
  build: permissionsPayload,
});
