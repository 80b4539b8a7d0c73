/**
 * CORRECT (product event, avi:jira:created:issue / avi:jira:updated:issue): writes a structured
 * audit line for every issue event to the function log, which the app's log drain ships to the
 * customer's SIEM. It makes no upstream call at all.
 *
 * Why it passes every property: it returns on every delivery (first, app or platform retry,
 * duplicate) without throwing, never asks for a retry, and reads every optional field of the payload
 * (changelog, retryContext, retryData) defensively. A retry or a duplicate only repeats a log line.
 */

/** The parts of a Jira issue event the audit line records. */
export interface IssueEvent {
  readonly eventType?: string;
  readonly atlassianId?: string;
  readonly issue?: {
    readonly id?: string;
    readonly key?: string;
    readonly fields?: { readonly project?: { readonly key?: string }; readonly issuetype?: { readonly name?: string } };
  };
  readonly changelog?: { readonly items?: readonly { readonly field?: string; readonly fromString?: string | null; readonly toString?: string | null }[] };
  readonly retryContext?: { readonly retryCount?: number; readonly retryReason?: string };
}

/** One audit record, flat so the log drain can index it. */
export interface AuditRecord {
  readonly kind: 'jira-issue-event';
  readonly eventType: string;
  readonly issueKey: string | null;
  readonly project: string | null;
  readonly issueType: string | null;
  readonly actor: string | null;
  readonly changedFields: readonly string[];
  readonly redelivery: string | null;
}

/** Builds the audit record for an event. */
export const auditRecord = (event: IssueEvent): AuditRecord => ({
  kind: 'jira-issue-event',
  eventType: event?.eventType ?? 'unknown',
  issueKey: event?.issue?.key ?? null,
  project: event?.issue?.fields?.project?.key ?? null,
  issueType: event?.issue?.fields?.issuetype?.name ?? null,
  actor: event?.atlassianId ?? null,
  changedFields: (event?.changelog?.items ?? []).map((item) => item.field ?? 'unknown'),
  redelivery: event?.retryContext ? `${event.retryContext.retryReason ?? 'unknown'}#${event.retryContext.retryCount ?? '?'}` : null,
});

/** The trigger function (`handler: index.auditIssueEvent`). */
export const handler = (event: IssueEvent, _context?: unknown): void => {
  console.log(JSON.stringify(auditRecord(event)));
};

/** Options for the check: the default product event. */
export const options = { trigger: 'product-event' } as const;
