/**
 * Handler-shaped smoke tests: for each family, code written the way real Forge handlers read their
 * event (`event.changelog.items` for an updated issue, `event.content.id` for a Confluence page) runs
 * on every sample of the family without throwing and reads what it expects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_FAMILIES, type PayloadFamilyId } from '../../src/payloads/catalog.js';
import { defaultPayload, payloadArbitrary } from '../../src/payloads/event-payloads.js';

const APP_EVENT = 'avi:cloud:ecosystem::event/d9022ad7-c220-4836-b1d1-7f9f2c633d3a/sync-requested';

/** Handlers read untyped events, as real ones do. */
type Handler = (event: any) => unknown;

const text = (value: unknown): string => {
  expect(typeof value).toBe('string');
  return value as string;
};

const confluenceContent = (event: any) => [
  text(event.content.id),
  text(event.content.title).trim(),
  text(event.content.space.key),
  event.content.version.number + 1,
];

const HANDLERS: Record<PayloadFamilyId, Handler> = {
  'jira-issue': (event) => [
    text(event.issue.key).split('-')[0],
    text(event.issue.fields.summary).toUpperCase(),
    event.issue.fields.project.key,
    event.issue.fields.assignee?.accountId ?? 'unassigned',
  ],
  'jira-issue-changed': (event) =>
    event.changelog.items.map((item: any) => `${text(item.field)}: ${item.fromString ?? '(none)'} -> ${item.toString ?? '(none)'}`),
  'jira-issue-viewed': (event) => [text(event.user.accountId), text(event.issue.key)],
  'jira-issue-mentioned': (event) => event.mentionedAccountIds.map((id: string) => text(id).length),
  'jira-comment': (event) => [
    text(event.issue.key),
    text(event.comment.body).includes('[~accountid:'),
    text(event.comment.author.accountId),
    Date.parse(text(event.comment.created)),
  ],
  'jira-worklog': (event) => [event.worklog.timeSpentSeconds / 3600, text(event.worklog.issueId), Date.parse(text(event.worklog.started))],
  'jira-issue-link': (event) => [text(event.issueLinkType.outwardName), text(event.sourceIssueId) !== text(event.destinationIssueId)],
  'jira-attachment': (event) => [text(event.attachment.fileName).split('.').pop(), text(event.attachment.mimeType).split('/')[0], event.attachment.size > 0],
  'jira-issue-property': (event) => [text(event.issue.key), text(event.property.key), JSON.stringify(event.property.value ?? null)],
  'jira-project': (event) => [text(event.project.key).toLowerCase(), text(event.project.projectTypeKey)],
  'jira-version': (event) => [
    text(event.version.name),
    event.version.released === true,
    event.mergedVersion?.id ?? null,
    event.customFieldReplacements?.length ?? 0,
  ],
  'jira-component': (event) => [text(event.component.name), event.component.lead?.accountId ?? 'no lead', event.component.projectId],
  'jira-field': (event) => [text(event.id).startsWith('customfield_'), text(event.typeName)],
  'jira-field-context': (event) => [event.projectIds.length === 0 ? 'global' : event.projectIds.map(Number), event.issueTypeIds.map(text)],
  'jira-field-context-configuration': (event) => [JSON.parse(text(event.configuration)), event.fieldContextId + 0],
  'jira-filter': (event) => [text(event.filter.jql).includes('ORDER BY'), text(event.filter.owner.accountId)],
  'jira-issue-type': (event) => [text(event.issueType.name), event.issueType.subtask === true],
  'jira-user': (event) => text(event.user.accountId),
  'jira-configuration': (event) => [text(event.property.key).replace('jira.option.', ''), ['true', 'false'].includes(text(event.property.value))],
  'jira-time-tracking-provider': (event) => [text(event.property.key), text(event.property.value)],
  'jira-expression-failed': (event) => [
    text(event.expression),
    event.errorMessages.map(text),
    text(event.context.issue.key),
    event.conditionId ?? event.validatorId,
  ],
  'jira-software-sprint': (event) => [text(event.sprint.name).length <= 30, text(event.sprint.state), event.oldValue?.goal ?? null],
  'jira-software-board': (event) => [event.board.id, text(event.board.type)],
  'jira-software-board-configuration': (event) =>
    event.configuration.columnConfig.columns.map((column: any) => `${text(column.name)}:${column.statuses.length}`),
  'jsm-request-type': (event) => [text(event.entityId), text(event.entityType), event.sequenceNumber + 1],
  'jsm-entity': (event) => [text(event.entityType), Date.parse(text(event.entityUpdateTimeStamp))],
  'confluence-page': (event) => [...confluenceContent(event), event.prevContent?.id ?? null, event.originContentId ?? null],
  'confluence-blogpost': confluenceContent,
  'confluence-content-tree': (event) => [text(event.content.id), text(event.content.type)],
  'confluence-comment': (event) => [
    text(event.content.id),
    text(event.content.container.id),
    text(event.content.container.title),
    event.content.ancestors.length,
    text(event.content.extensions.location),
  ],
  'confluence-attachment': (event) => [text(event.attachment.id), text(event.attachment.extensions.mediaType).split('/'), text(event.attachment.container.id)],
  'confluence-custom-content': (event) => [event.content.id, text(event.content.type).startsWith('forge:'), event.content.container?.id ?? 'space-level'],
  'confluence-permissions': (event) => [event.content.id, text(event.content.title)],
  'confluence-permissions-other': (event) => text((event.content ?? event.attachment).id),
  'confluence-space': (event) => [text(event.space.key), text(event.space.history.createdBy.accountId)],
  'confluence-label': (event) => [text(event.label.name), (event.content ?? event.space ?? event.template).labels.map((l: any) => text(l.name))],
  'confluence-task': (event) => [event.task.id, text(event.task.status), event.task.assignee ?? 'nobody', text(event.content.id)],
  'confluence-user': (event) => text(event.user.accountId),
  'confluence-group': (event) => text(event.group.name),
  'confluence-relation': (event) => [
    text(event.relationName),
    Object.keys(event.source),
    Object.keys(event.target),
    event.relationData?.createdBy.accountId ?? null,
  ],
  'confluence-search': (event) => [text(event.query).split(' '), event.results >= 0],
  'bitbucket-repository': (event) => [
    text(event.repository.uuid).startsWith('{'),
    text(event.actor.accountId),
    event.changes ? Object.keys(event.changes) : [],
  ],
  'bitbucket-push': (event) => [text(event.push.ref), (event.push.commits ?? []).map((c: any) => text(c.hash).slice(0, 7))],
  'bitbucket-build-status': (event) => [text(event.buildStatus.state), text(event.buildStatus.commit.hash)],
  'bitbucket-commit-comment': (event) => [text(event.commit.hash), event.comment.id],
  'bitbucket-pull-request': (event) => [
    event.pullrequest.id,
    text(event.pullrequest.source.branch),
    text(event.pullrequest.destination.branch),
    event.pullrequest.title?.value ?? '(untitled)',
  ],
  'bitbucket-pull-request-comment': (event) => [event.pullrequest.id, event.comment.id],
  'bitbucket-reviewer-status': (event) => event.reviewers.value.map((r: any) => `${text(r.user.accountId)}:${text(r.status)}`),
  'bitbucket-deployment': (event) => [text(event.deployment.state), text(event.environment.name), text(event.pipeline.uuid)],
  'compass-component-link': (event) => text(event.component.id).startsWith('ari:cloud:compass:'),
  'forge-installed': (event) => [text(event.id), text(event.app.id), Number(text(event.app.version).split('.')[0])],
  'forge-upgraded': (event) => [text(event.app.version), event.permissions?.scopes ?? []],
  'forge-app-event': (event) => [text(event.name), text(event.context.cloudId), text(event.environmentType)],
};

describe('handler-shaped code', () => {
  for (const family of PAYLOAD_FAMILIES) {
    it(`reads every sample of ${family.id}`, () => {
      const events = family.id === 'forge-app-event' ? [APP_EVENT] : family.events;
      for (const eventType of events) {
        const samples = [
          defaultPayload(eventType),
          ...fc.sample(payloadArbitrary(eventType), { seed: 7, numRuns: 15 }),
          ...fc.sample(payloadArbitrary(eventType, { variants: true }), { seed: 7, numRuns: 15 }),
        ];
        for (const event of samples) expect(() => HANDLERS[family.id](event), `${eventType}: ${JSON.stringify(event).slice(0, 200)}`).not.toThrow();
      }
    });
  }

  it('reads the changelog of an updated issue and the content of a Confluence page, the two that crashed on the old payload', () => {
    expect(HANDLERS['jira-issue-changed'](defaultPayload('avi:jira:updated:issue'))).toEqual(['status: Open -> In Progress']);
    expect(confluenceContent(defaultPayload('avi:confluence:created:page'))).toEqual(['838205441', 'Q3 incident review', 'ENG', 2]);
  });
});
