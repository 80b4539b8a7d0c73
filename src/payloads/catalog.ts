/**
 * The payload catalog: every product event Forge documents, grouped by the family whose payload
 * shape it shares, with the page that documents the shape.
 *
 * The checklist is `@forge/manifest`'s `out/mapping/product-event-to-scope-mapping.json` (155 names in
 * 13.7.0; test/payloads/catalog.test.ts reads it so a new name fails there) plus the life-cycle events.
 * The shapes were read on Atlassian's events reference pages (developer.atlassian.com/platform/forge/
 * events-reference/, text as of 2026-08). A few documented events the mapping does not list yet
 * (Confluence labels, live docs, search, whiteboard and folder creation; Bitbucket build statuses and
 * commit comments) are here too, so an app that subscribes to them gets a payload.
 *
 * `basis: 'documented'` means the page gives the fields of the payload; nested objects the page names
 * without spelling out (a Jira `Worklog`, `Version`, ...) follow the REST resource of the same name.
 * `basis: 'assumed'` means the page gives no shape for these events, and the payload is the most
 * plausible one built from the REST resource; `note` says what it rests on.
 *
 * `required` lists the dotted paths every generated payload carries; `varies` the documented optional
 * (present or absent) and nullable (set or null) parts, which change only when variants are asked for.
 */

const JIRA = 'https://developer.atlassian.com/platform/forge/events-reference/jira/';
const JIRA_SOFTWARE = 'https://developer.atlassian.com/platform/forge/events-reference/jira-software/';
const JSM = 'https://developer.atlassian.com/platform/forge/events-reference/jira-service-management/';
const CONFLUENCE = 'https://developer.atlassian.com/platform/forge/events-reference/confluence/';
const BITBUCKET = 'https://developer.atlassian.com/platform/forge/events-reference/bitbucket/';
const COMPASS = 'https://developer.atlassian.com/platform/forge/events-reference/compass/';
const LIFE_CYCLE = 'https://developer.atlassian.com/platform/forge/events-reference/life-cycle/';
const APP_EVENTS = 'https://developer.atlassian.com/platform/forge/events-reference/app-events/';

/** The product or platform area an event comes from. */
export const PAYLOAD_PRODUCTS = ['jira', 'jira-software', 'jira-service-management', 'confluence', 'bitbucket', 'compass', 'forge'] as const;

/** Every payload family, in the order of the reference pages. */
export const PAYLOAD_FAMILIES = [
  // Jira: core issue events
  {
    id: 'jira-issue',
    product: 'jira',
    title: 'Jira issue created or deleted',
    source: `${JIRA}#issue-events`,
    basis: 'documented',
    events: ['avi:jira:created:issue', 'avi:jira:deleted:issue'],
    required: ['issue.id', 'issue.key', 'issue.fields.summary', 'issue.fields.project.key', 'issue.fields.status.name'],
    varies: ['atlassianId', 'associatedUsers', 'issue.fields.assignee', 'clonedFrom', 'jiraEventTypeName', 'webhookTraceValue'],
  },
  {
    id: 'jira-issue-changed',
    product: 'jira',
    title: 'Jira issue updated or assigned (with a changelog)',
    source: `${JIRA}#issue-updated`,
    basis: 'documented',
    events: ['avi:jira:updated:issue', 'avi:jira:assigned:issue'],
    required: ['issue.id', 'issue.key', 'issue.fields.summary', 'changelog.id', 'changelog.items'],
    varies: ['atlassianId', 'associatedUsers', 'associatedStatuses', 'jiraEventTypeName', 'changelog.items.from', 'changelog.items.to', 'webhookTraceValue'],
  },
  {
    id: 'jira-issue-viewed',
    product: 'jira',
    title: 'Jira issue viewed',
    source: `${JIRA}#issue-viewed`,
    basis: 'documented',
    events: ['avi:jira:viewed:issue'],
    required: ['issue.id', 'issue.key', 'atlassianId', 'user.accountId'],
    varies: ['issue.fields.assignee', 'webhookTraceValue'],
  },
  {
    id: 'jira-issue-mentioned',
    product: 'jira',
    title: 'Users mentioned in a Jira issue description',
    source: `${JIRA}#mentioned-on-issue`,
    basis: 'documented',
    events: ['avi:jira:mentioned:issue'],
    required: ['issue.id', 'issue.key', 'mentionedAccountIds'],
    varies: ['atlassianId', 'issue.fields.assignee', 'webhookTraceValue'],
  },
  {
    id: 'jira-comment',
    product: 'jira',
    title: 'Jira comment created, edited, deleted, or mentioning users',
    source: `${JIRA}#comment-events`,
    basis: 'documented',
    events: ['avi:jira:commented:issue', 'avi:jira:mentioned:comment', 'avi:jira:deleted:comment'],
    required: ['issue.id', 'issue.key', 'comment.id', 'comment.author.accountId', 'comment.body', 'comment.created'],
    varies: ['atlassianId', 'associatedUsers', 'comment.visibility', 'webhookTraceValue'],
    note: 'the page names a `Comment` (author, body and other metadata); its fields follow the REST comment resource, the body as plain text with `[~accountid:...]` mentions',
  },
  {
    id: 'jira-worklog',
    product: 'jira',
    title: 'Jira worklog created, updated or deleted',
    source: `${JIRA}#issue-worklog-events`,
    basis: 'documented',
    events: ['avi:jira:created:worklog', 'avi:jira:updated:worklog', 'avi:jira:deleted:worklog'],
    required: ['worklog.id', 'worklog.issueId', 'worklog.author.accountId', 'worklog.timeSpentSeconds', 'worklog.started'],
    varies: ['worklog.comment', 'webhookTraceValue'],
  },
  {
    id: 'jira-issue-link',
    product: 'jira',
    title: 'Jira issue link created or deleted',
    source: `${JIRA}#issue-link-events`,
    basis: 'documented',
    events: ['avi:jira:created:issuelink', 'avi:jira:deleted:issuelink'],
    required: ['id', 'sourceIssueId', 'destinationIssueId', 'sourceProjectId', 'destinationProjectId', 'issueLinkType.id', 'issueLinkType.name'],
    varies: ['webhookTraceValue'],
  },
  {
    id: 'jira-attachment',
    product: 'jira',
    title: 'Jira attachment created or deleted',
    source: `${JIRA}#attachment-events`,
    basis: 'documented',
    events: ['avi:jira:created:attachment', 'avi:jira:deleted:attachment'],
    required: ['attachment.id', 'attachment.fileName', 'attachment.mimeType', 'attachment.size'],
    varies: ['webhookTraceValue'],
    note: 'the page names an `attachment` object; its fields follow the REST attachment resource (fileName, mimeType, size, created, author) plus issueId',
  },
  {
    id: 'jira-issue-property',
    product: 'jira',
    title: 'Jira issue property set or deleted',
    source: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/',
    basis: 'assumed',
    events: ['avi:jira:set:issue-property', 'avi:jira:deleted:issue-property'],
    required: ['issue.id', 'issue.key', 'property.key'],
    varies: ['atlassianId', 'webhookTraceValue'],
    note: 'the Jira events page lists no payload for these; built from the issue property resource ({ key, value }) and the issue it belongs to; a deleted property has no value',
  },
  // Jira: workflow and project events
  {
    id: 'jira-project',
    product: 'jira',
    title: 'Jira project created, updated, archived, trashed, restored or deleted',
    source: `${JIRA}#project-events`,
    basis: 'documented',
    events: [
      'avi:jira:created:project', 'avi:jira:updated:project', 'avi:jira:archived:project', 'avi:jira:unarchived:project',
      'avi:jira:softdeleted:project', 'avi:jira:restored:project', 'avi:jira:deleted:project',
    ],
    required: ['project.id', 'project.key', 'project.name', 'project.projectTypeKey'],
    varies: ['project.projectCategory', 'webhookTraceValue'],
  },
  {
    id: 'jira-version',
    product: 'jira',
    title: 'Jira project version created, updated, released, archived, moved, merged or deleted',
    source: `${JIRA}#project-version-events`,
    basis: 'documented',
    events: [
      'avi:jira:created:version', 'avi:jira:updated:version', 'avi:jira:released:version', 'avi:jira:unreleased:version',
      'avi:jira:archived:version', 'avi:jira:unarchived:version', 'avi:jira:merged:version', 'avi:jira:moved:version',
      'avi:jira:deleted:version',
    ],
    required: ['version.id', 'version.name', 'version.projectId', 'version.released', 'version.archived'],
    varies: ['atlassianId', 'version.releaseDate', 'version.description', 'newFixVersion', 'webhookTraceValue'],
  },
  {
    id: 'jira-component',
    product: 'jira',
    title: 'Jira project component created, updated or deleted',
    source: `${JIRA}#component-events`,
    basis: 'documented',
    events: ['avi:jira:created:component', 'avi:jira:updated:component', 'avi:jira:deleted:component'],
    required: ['component.id', 'component.name', 'component.projectId', 'component.assigneeType'],
    varies: ['atlassianId', 'component.lead', 'component.description', 'webhookTraceValue'],
  },
  {
    id: 'jira-field',
    product: 'jira',
    title: 'Jira custom field created, updated, trashed, restored or deleted',
    source: `${JIRA}#custom-field-events`,
    basis: 'documented',
    events: ['avi:jira:created:field', 'avi:jira:updated:field', 'avi:jira:trashed:field', 'avi:jira:restored:field', 'avi:jira:deleted:field'],
    required: ['id', 'key', 'type', 'typeName', 'name'],
    varies: ['webhookTraceValue'],
  },
  {
    id: 'jira-field-context',
    product: 'jira',
    title: 'Jira custom field context created, updated or deleted',
    source: `${JIRA}#custom-field-context-events`,
    basis: 'documented',
    events: ['avi:jira:created:field:context', 'avi:jira:updated:field:context', 'avi:jira:deleted:field:context'],
    required: ['id', 'fieldId', 'fieldKey', 'name', 'projectIds', 'issueTypeIds'],
    varies: ['webhookTraceValue'],
  },
  {
    id: 'jira-field-context-configuration',
    product: 'jira',
    title: 'Jira custom field context configuration updated',
    source: `${JIRA}#custom-field-context-configuration-events`,
    basis: 'documented',
    events: ['avi:jira:updated:field:context:configuration'],
    required: ['customFieldId', 'customFieldKey', 'configurationId', 'fieldContextId', 'configuration'],
    varies: ['webhookTraceValue'],
  },
  {
    id: 'jira-filter',
    product: 'jira',
    title: 'Jira filter created, updated or deleted',
    source: `${JIRA}#filter-events`,
    basis: 'documented',
    events: ['avi:jira:created:filter', 'avi:jira:updated:filter', 'avi:jira:deleted:filter'],
    required: ['filter.id', 'filter.name', 'filter.jql', 'filter.owner.accountId'],
    varies: ['atlassianId', 'filter.description', 'webhookTraceValue'],
  },
  {
    id: 'jira-issue-type',
    product: 'jira',
    title: 'Jira issue type created, updated or deleted',
    source: `${JIRA}#issue-type-events`,
    basis: 'documented',
    events: ['avi:jira:created:issuetype', 'avi:jira:updated:issuetype', 'avi:jira:deleted:issuetype'],
    required: ['issueType.id', 'issueType.name', 'issueType.subtask'],
    varies: ['atlassianId', 'webhookTraceValue'],
  },
  {
    id: 'jira-user',
    product: 'jira',
    title: 'Jira user created, updated or deleted',
    source: `${JIRA}#user-events`,
    basis: 'documented',
    events: ['avi:jira:created:user', 'avi:jira:updated:user', 'avi:jira:deleted:user'],
    required: ['user.accountId'],
    varies: ['webhookTraceValue'],
    note: 'created and updated carry UserDetails (display name, account type, groups, roles); deleted carries only the account id',
  },
  {
    id: 'jira-configuration',
    product: 'jira',
    title: 'Jira global setting changed',
    source: `${JIRA}#configuration-events`,
    basis: 'documented',
    events: ['avi:jira:changed:configuration'],
    required: ['property.key', 'property.value'],
    varies: ['atlassianId', 'webhookTraceValue'],
  },
  {
    id: 'jira-time-tracking-provider',
    product: 'jira',
    title: 'Jira time tracking provider changed',
    source: `${JIRA}#time-tracking-provider-events`,
    basis: 'documented',
    events: ['avi:jira:timetracking:provider:changed'],
    required: ['property.key', 'property.value'],
    varies: ['webhookTraceValue'],
  },
  {
    id: 'jira-expression-failed',
    product: 'jira',
    title: 'Jira expression of a workflow condition or validator failed',
    source: `${JIRA}#expression-evaluation-failed`,
    basis: 'documented',
    events: ['avi:jira:failed:expression'],
    required: ['extensionId', 'workflowId', 'workflowName', 'expression', 'errorMessages', 'context.issue.key'],
    varies: ['conditionId', 'webhookTraceValue'],
    note: 'here `context` is the expression\'s context (issue, project, transition), so the payload carries no Forge `{ cloudId, moduleKey }` context',
  },
  // Jira Software
  {
    id: 'jira-software-sprint',
    product: 'jira-software',
    title: 'Jira Software sprint created, started, updated, closed or deleted',
    source: `${JIRA_SOFTWARE}#sprint-events`,
    basis: 'documented',
    events: [
      'avi:jira-software:created:sprint', 'avi:jira-software:started:sprint', 'avi:jira-software:updated:sprint',
      'avi:jira-software:closed:sprint', 'avi:jira-software:deleted:sprint',
    ],
    required: ['sprint.id', 'sprint.name', 'sprint.state'],
    varies: ['atlassianId', 'sprint.goal', 'sprint.originBoardId'],
  },
  {
    id: 'jira-software-board',
    product: 'jira-software',
    title: 'Jira Software board created, updated or deleted',
    source: `${JIRA_SOFTWARE}#board-events`,
    basis: 'documented',
    events: ['avi:jira-software:created:board', 'avi:jira-software:updated:board', 'avi:jira-software:deleted:board'],
    required: ['board.id', 'board.name', 'board.type'],
    varies: ['atlassianId'],
  },
  {
    id: 'jira-software-board-configuration',
    product: 'jira-software',
    title: 'Jira Software board configuration changed',
    source: `${JIRA_SOFTWARE}#board-configuration-changed`,
    basis: 'documented',
    events: ['avi:jira-software:configuration-changed:board'],
    required: ['configuration.id', 'configuration.name', 'configuration.type', 'configuration.filter.id', 'configuration.columnConfig.columns'],
    varies: ['atlassianId', 'configuration.location', 'configuration.estimation'],
  },
  // Jira Service Management
  {
    id: 'jsm-request-type',
    product: 'jira-service-management',
    title: 'Jira Service Management request type created, updated or deleted',
    source: `${JSM}#request-type-events`,
    basis: 'documented',
    events: ['avi:jsm-entity:created:request-type', 'avi:jsm-entity:updated:request-type', 'avi:jsm-entity:deleted:request-type'],
    required: ['entityId', 'entityType', 'activationId', 'entityUpdateTimeStamp', 'sequenceNumber'],
    varies: [],
  },
  {
    id: 'jsm-entity',
    product: 'jira-service-management',
    title: 'Jira Service Management portal, request type group or service desk changed',
    source: JSM,
    basis: 'assumed',
    events: [
      'avi:jsm-entity:created:portal', 'avi:jsm-entity:updated:portal',
      'avi:jsm-entity:created:request-type-group', 'avi:jsm-entity:updated:request-type-group', 'avi:jsm-entity:deleted:request-type-group',
      'avi:jsm-entity:created:service-desk', 'avi:jsm-entity:updated:service-desk', 'avi:jsm-entity:deleted:service-desk',
    ],
    required: ['entityId', 'entityType', 'activationId', 'entityUpdateTimeStamp', 'sequenceNumber'],
    varies: [],
    note: 'the page documents only request type events; these share the entity envelope (entityId, entityType, activationId, entityUpdateTimeStamp, sequenceNumber), entityType being the entity in the event name',
  },
  // Confluence
  {
    id: 'confluence-page',
    product: 'confluence',
    title: 'Confluence page or live doc',
    source: `${CONFLUENCE}#pages--live-docs--and-blog-posts`,
    basis: 'documented',
    events: [
      'avi:confluence:created:page', 'avi:confluence:updated:page', 'avi:confluence:liked:page', 'avi:confluence:viewed:page',
      'avi:confluence:archived:page', 'avi:confluence:unarchived:page', 'avi:confluence:moved:page', 'avi:confluence:copied:page',
      'avi:confluence:children_reordered:page', 'avi:confluence:trashed:page', 'avi:confluence:restored:page', 'avi:confluence:deleted:page',
      'avi:confluence:initialized:page', 'avi:confluence:started:page', 'avi:confluence:snapshotted:page', 'avi:confluence:published:page',
    ],
    required: ['eventCreatedDate', 'content.id', 'content.type', 'content.status', 'content.title', 'content.space.key', 'content.version.number'],
    varies: ['atlassianId', 'content.subType'],
  },
  {
    id: 'confluence-blogpost',
    product: 'confluence',
    title: 'Confluence blog post',
    source: `${CONFLUENCE}#pages--live-docs--and-blog-posts`,
    basis: 'documented',
    events: [
      'avi:confluence:created:blogpost', 'avi:confluence:updated:blogpost', 'avi:confluence:liked:blogpost', 'avi:confluence:viewed:blogpost',
      'avi:confluence:trashed:blogpost', 'avi:confluence:restored:blogpost', 'avi:confluence:deleted:blogpost',
    ],
    required: ['eventCreatedDate', 'content.id', 'content.type', 'content.status', 'content.title', 'content.space.key', 'content.version.number'],
    varies: ['atlassianId'],
  },
  {
    id: 'confluence-content-tree',
    product: 'confluence',
    title: 'Confluence whiteboard, database, smart link or folder created, moved or copied',
    source: `${CONFLUENCE}#whiteboards--databases--smart-links--and-folders`,
    basis: 'documented',
    events: [
      'avi:confluence:created:whiteboard', 'avi:confluence:moved:whiteboard', 'avi:confluence:copied:whiteboard',
      'avi:confluence:created:database', 'avi:confluence:moved:database', 'avi:confluence:copied:database',
      'avi:confluence:created:embed', 'avi:confluence:moved:embed', 'avi:confluence:copied:embed',
      'avi:confluence:created:folder', 'avi:confluence:moved:folder', 'avi:confluence:copied:folder',
    ],
    required: ['eventCreatedDate', 'content.id', 'content.type', 'content.title', 'content.space.key'],
    varies: ['atlassianId'],
  },
  {
    id: 'confluence-comment',
    product: 'confluence',
    title: 'Confluence comment created, updated, liked or deleted',
    source: `${CONFLUENCE}#comments`,
    basis: 'documented',
    events: ['avi:confluence:created:comment', 'avi:confluence:updated:comment', 'avi:confluence:liked:comment', 'avi:confluence:deleted:comment'],
    required: ['eventCreatedDate', 'content.id', 'content.type', 'content.container.id', 'content.container.type', 'content.extensions.location', 'content.ancestors'],
    varies: ['atlassianId', 'content.ancestors'],
  },
  {
    id: 'confluence-attachment',
    product: 'confluence',
    title: 'Confluence attachment',
    source: `${CONFLUENCE}#attachments`,
    basis: 'documented',
    events: [
      'avi:confluence:created:attachment', 'avi:confluence:updated:attachment', 'avi:confluence:viewed:attachment',
      'avi:confluence:archived:attachment', 'avi:confluence:unarchived:attachment', 'avi:confluence:trashed:attachment',
      'avi:confluence:restored:attachment', 'avi:confluence:deleted:attachment',
    ],
    required: ['eventCreatedDate', 'attachment.id', 'attachment.title', 'attachment.container.id', 'attachment.extensions.mediaType', 'attachment.extensions.fileId'],
    varies: ['atlassianId'],
  },
  {
    id: 'confluence-custom-content',
    product: 'confluence',
    title: 'Confluence custom content (Connect or Forge)',
    source: `${CONFLUENCE}#custom-content`,
    basis: 'documented',
    events: [
      'avi:confluence:created:custom_content', 'avi:confluence:updated:custom_content', 'avi:confluence:trashed:custom_content',
      'avi:confluence:restored:custom_content', 'avi:confluence:deleted:custom_content',
    ],
    required: ['eventCreatedDate', 'content.id', 'content.type', 'content.title', 'content.space.key'],
    varies: ['atlassianId', 'content.container'],
  },
  {
    id: 'confluence-permissions',
    product: 'confluence',
    title: 'Confluence content permissions updated',
    source: `${CONFLUENCE}#pages--live-docs--and-blog-posts`,
    basis: 'documented',
    events: [
      'avi:confluence:permissions_updated:page', 'avi:confluence:permissions_updated:blogpost', 'avi:confluence:permissions_updated:whiteboard',
      'avi:confluence:permissions_updated:database', 'avi:confluence:permissions_updated:folder', 'avi:confluence:permissions_updated:custom_content',
    ],
    required: ['eventCreatedDate', 'content.id', 'content.type', 'content.title', 'content.space.key'],
    varies: ['atlassianId'],
    note: 'the same payload as the created or updated event of the content type in the event name',
  },
  {
    id: 'confluence-permissions-other',
    product: 'confluence',
    title: 'Confluence comment, attachment or smart link permissions updated',
    source: CONFLUENCE,
    basis: 'assumed',
    events: ['avi:confluence:permissions_updated:comment', 'avi:confluence:permissions_updated:attachment', 'avi:confluence:permissions_updated:embed'],
    required: ['eventCreatedDate'],
    varies: ['atlassianId'],
    note: 'listed in the manifest mapping but not on the page; assumed to carry the payload of the other events of that entity (`content` for comments and smart links, `attachment` for attachments)',
  },
  {
    id: 'confluence-space',
    product: 'confluence',
    title: 'Confluence space created, updated, permissions updated or deleted',
    source: `${CONFLUENCE}#spaces`,
    basis: 'documented',
    events: ['avi:confluence:created:space:V2', 'avi:confluence:updated:space:V2', 'avi:confluence:permissions_updated:space:V2', 'avi:confluence:deleted:space:V2'],
    required: ['eventCreatedDate', 'space.id', 'space.key', 'space.name', 'space.type', 'space.history.createdBy.accountId'],
    varies: ['atlassianId'],
  },
  {
    id: 'confluence-label',
    product: 'confluence',
    title: 'Confluence label created, added, removed or deleted',
    source: `${CONFLUENCE}#labels`,
    basis: 'documented',
    events: ['avi:confluence:created:label', 'avi:confluence:added:label', 'avi:confluence:removed:label', 'avi:confluence:deleted:label'],
    required: ['eventCreatedDate', 'label.id', 'label.name', 'label.prefix'],
    varies: ['atlassianId', 'space'],
    note: 'exactly one of content, space or template is present; the fixed sample labels a page, variants label a space instead',
  },
  {
    id: 'confluence-task',
    product: 'confluence',
    title: 'Confluence inline task created, updated or removed',
    source: `${CONFLUENCE}#inline-tasks`,
    basis: 'documented',
    events: ['avi:confluence:created:task', 'avi:confluence:updated:task', 'avi:confluence:removed:task'],
    required: ['eventCreatedDate', 'task.id', 'task.status', 'content.id', 'content.title'],
    varies: ['atlassianId', 'task.assignee', 'task.dueDate', 'task.uuid'],
  },
  {
    id: 'confluence-user',
    product: 'confluence',
    title: 'Confluence user created or deleted',
    source: `${CONFLUENCE}#users`,
    basis: 'documented',
    events: ['avi:confluence:created:user', 'avi:confluence:deleted:user'],
    required: ['eventCreatedDate', 'user.accountId', 'user.accountType'],
    varies: [],
  },
  {
    id: 'confluence-group',
    product: 'confluence',
    title: 'Confluence group created or deleted',
    source: `${CONFLUENCE}#groups`,
    basis: 'documented',
    events: ['avi:confluence:created:group', 'avi:confluence:deleted:group'],
    required: ['eventCreatedDate', 'group.id', 'group.name'],
    varies: [],
  },
  {
    id: 'confluence-relation',
    product: 'confluence',
    title: 'Confluence relation created or deleted',
    source: `${CONFLUENCE}#relations`,
    basis: 'documented',
    events: ['avi:confluence:created:relation', 'avi:confluence:deleted:relation'],
    required: ['eventCreatedDate', 'relationName', 'source', 'target'],
    varies: ['atlassianId', 'relationData'],
  },
  {
    id: 'confluence-search',
    product: 'confluence',
    title: 'Confluence search performed',
    source: `${CONFLUENCE}#search`,
    basis: 'documented',
    events: ['avi:confluence:performed:search'],
    required: ['eventCreatedDate', 'query', 'results'],
    varies: ['atlassianId'],
  },
  // Bitbucket
  {
    id: 'bitbucket-repository',
    product: 'bitbucket',
    title: 'Bitbucket repository created, updated or deleted',
    source: `${BITBUCKET}#repository-events`,
    basis: 'documented',
    events: ['avi:bitbucket:created:repository', 'avi:bitbucket:updated:repository', 'avi:bitbucket:deleted:repository'],
    required: ['timestamp', 'actor.accountId', 'repository.uuid', 'project.uuid', 'workspace.uuid'],
    varies: ['repository.slug'],
  },
  {
    id: 'bitbucket-push',
    product: 'bitbucket',
    title: 'Bitbucket push to a repository',
    source: `${BITBUCKET}#repository-pushed`,
    basis: 'documented',
    events: ['avi:bitbucket:push:repository'],
    required: ['timestamp', 'actor.accountId', 'repository.uuid', 'workspace.uuid', 'push.ref', 'push.created', 'push.forced'],
    varies: ['repository.slug', 'push.commits'],
    note: 'the fixed sample pushes commits to a branch; variants push an annotated tag instead (no commits)',
  },
  {
    id: 'bitbucket-build-status',
    product: 'bitbucket',
    title: 'Bitbucket build status created or updated',
    source: `${BITBUCKET}#build-status-created`,
    basis: 'documented',
    events: ['avi:bitbucket:created:build-status', 'avi:bitbucket:updated:build-status'],
    required: ['timestamp', 'repository.uuid', 'buildStatus.key', 'buildStatus.commit.hash', 'buildStatus.state', 'buildStatus.url'],
    varies: ['repository.slug', 'buildStatus.refName'],
  },
  {
    id: 'bitbucket-commit-comment',
    product: 'bitbucket',
    title: 'Bitbucket commit comment created',
    source: `${BITBUCKET}#repository-events`,
    basis: 'documented',
    events: ['avi:bitbucket:created:commit-comment'],
    required: ['timestamp', 'repository.uuid', 'commit.hash', 'comment.id'],
    varies: ['repository.slug'],
  },
  {
    id: 'bitbucket-pull-request',
    product: 'bitbucket',
    title: 'Bitbucket pull request created, updated, merged or declined',
    source: `${BITBUCKET}#pull-request-events`,
    basis: 'documented',
    events: ['avi:bitbucket:created:pullrequest', 'avi:bitbucket:updated:pullrequest', 'avi:bitbucket:fulfilled:pullrequest', 'avi:bitbucket:rejected:pullrequest'],
    required: ['timestamp', 'repository.uuid', 'pullrequest.id', 'pullrequest.state', 'pullrequest.source.branch', 'pullrequest.destination.branch'],
    varies: ['repository.slug', 'pullrequest.title', 'pullrequest.author'],
  },
  {
    id: 'bitbucket-pull-request-comment',
    product: 'bitbucket',
    title: 'Bitbucket pull request comment created, updated, deleted, resolved or reopened',
    source: `${BITBUCKET}#pull-request-events`,
    basis: 'documented',
    events: [
      'avi:bitbucket:created:pullrequest-comment', 'avi:bitbucket:updated:pullrequest-comment', 'avi:bitbucket:deleted:pullrequest-comment',
      'avi:bitbucket:resolved:pullrequest-comment', 'avi:bitbucket:reopened:pullrequest-comment',
    ],
    required: ['timestamp', 'repository.uuid', 'pullrequest.id', 'pullrequest.source.branch', 'comment.id'],
    varies: ['repository.slug', 'pullrequest.title'],
  },
  {
    id: 'bitbucket-reviewer-status',
    product: 'bitbucket',
    title: 'Bitbucket pull request reviewer status updated',
    source: `${BITBUCKET}#pull-request-reviewer-status-updated`,
    basis: 'documented',
    events: ['avi:bitbucket:updated:pullrequest-reviewer-status'],
    required: ['timestamp', 'repository.uuid', 'pullrequest.id', 'reviewers.value', 'reviewers.truncated'],
    varies: ['repository.slug', 'pullrequest.title'],
  },
  {
    id: 'bitbucket-deployment',
    product: 'bitbucket',
    title: 'Bitbucket Pipelines deployment pending, started or completed',
    source: `${BITBUCKET}#deployment-events`,
    basis: 'documented',
    events: ['avi:bitbucket:pending:deployment', 'avi:bitbucket:started:deployment', 'avi:bitbucket:completed:deployment'],
    required: ['timestamp', 'repository.uuid', 'workspace.uuid', 'pipeline.uuid', 'deployment.uuid', 'deployment.state', 'environment.name'],
    varies: ['repository.slug'],
  },
  // Compass
  {
    id: 'compass-component-link',
    product: 'compass',
    title: 'Compass component link created, updated or deleted',
    source: COMPASS,
    basis: 'documented',
    events: ['avi:compass:created:component_link', 'avi:compass:updated:component_link', 'avi:compass:deleted:component_link'],
    required: ['component.id'],
    varies: [],
  },
  // Forge life cycle and app events
  {
    id: 'forge-installed',
    product: 'forge',
    title: 'Forge app installed',
    source: `${LIFE_CYCLE}#installation`,
    basis: 'documented',
    events: ['avi:forge:installed:app'],
    required: ['id', 'app.id', 'app.version'],
    varies: ['installerAccountId', 'environment', 'app.name'],
  },
  {
    id: 'forge-upgraded',
    product: 'forge',
    title: 'Forge app upgraded to a new major version',
    source: `${LIFE_CYCLE}#upgrade`,
    basis: 'documented',
    events: ['avi:forge:upgraded:app'],
    required: ['id', 'app.id', 'app.version'],
    varies: ['upgraderAccountId', 'environment', 'permissions', 'app.name'],
  },
  {
    id: 'forge-app-event',
    product: 'forge',
    title: 'Custom event published by a Forge app',
    source: `${APP_EVENTS}#event-payload`,
    basis: 'documented',
    events: [],
    required: ['workspaceId', 'name', 'environmentId', 'environmentType', 'environmentKey', 'context.cloudId'],
    varies: [],
    note: 'matched by pattern, not by name: avi:cloud:ecosystem::event/{app-id}/{module-key}',
  },
] as const satisfies readonly PayloadFamilyEntry[];

/** The shape of one catalog entry. */
export interface PayloadFamilyEntry {
  /** The family's id, as `payloadFamilyOf` returns it. */
  readonly id: string;
  /** Where the events come from. */
  readonly product: (typeof PAYLOAD_PRODUCTS)[number];
  /** What the events are about. */
  readonly title: string;
  /** The page (and anchor) that documents the payload. */
  readonly source: string;
  /** Whether the page gives the payload's fields (`documented`) or the harness built them (`assumed`). */
  readonly basis: 'documented' | 'assumed';
  /** The event names with this payload. */
  readonly events: readonly string[];
  /** Dotted paths every generated payload of the family carries (besides `eventType`). */
  readonly required: readonly string[];
  /** Documented optional or nullable parts, changed only when variants are asked for. */
  readonly varies: readonly string[];
  /** What an assumption rests on, or a peculiarity of the family. */
  readonly note?: string;
}

/** One catalog entry. */
export type PayloadFamily = (typeof PAYLOAD_FAMILIES)[number];

/** The id of a payload family. */
export type PayloadFamilyId = PayloadFamily['id'];

/** Every event name the catalog knows, for autocompletion. */
export type KnownEventType = PayloadFamily['events'][number] | `avi:cloud:ecosystem::event/${string}/${string}`;

/** The optional or nullable parts a family varies. */
export type VaryingPartOf<I extends PayloadFamilyId> = Extract<PayloadFamily, { id: I }>['varies'][number];

/** App events are named `avi:cloud:ecosystem::event/{app-id}/{module-key}` [docs: app events]. */
export const APP_EVENT_PATTERN = /^avi:cloud:ecosystem::event\/([^/]+)\/([^/]+)$/;
