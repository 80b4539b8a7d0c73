/**
 * CORRECT (product event, avi:jira:created:issue): triages a new issue. It reads the issue, and when
 * it has no priority or no component it adds the `needs-triage` label with an idempotent PUT.
 *
 * Why it passes every property:
 * - every call goes through the example app's retry policy (examples/forge-app/src/retry.ts): a
 *   429/5xx/network error or @forge/kvs error becomes an InvocationError whose retryAfter honours
 *   Retry-After (seconds or HTTP-date, capped at 900, at least 1, backoff when missing or malformed)
 *   and whose reason is FUNCTION_UPSTREAM_RATE_LIMITED for a 429 and FUNCTION_RETRY_REQUEST otherwise;
 * - retryData is a flat object of strings and numbers;
 * - it never waits in-process and makes at most two Jira calls per delivery;
 * - the only write is a PUT (adding a label twice changes nothing), so duplicates and lost responses
 *   do no harm;
 * - on retryCount 4 it does not ask again: it records a dead letter in KVS (best effort) and returns;
 * - it reads retryData defensively, since platform retries carry none, and never throws.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import {
  RetryableFailure,
  callStorage,
  callUpstream,
  isLastChance,
  messageOf,
  readJson,
  retryLater,
  type RetryContext,
} from '../../../examples/forge-app/src/retry.js';

/** The part of an `avi:jira:created:issue` payload this handler reads. */
export interface IssueCreatedEvent {
  readonly issue?: { readonly id?: string; readonly key?: string };
  readonly retryContext?: RetryContext;
}

const TRIAGE_LABEL = 'needs-triage';

/** What triage decided, for the logs. */
type TriageResult = 'labelled' | 'already-triaged' | 'issue-gone' | 'not-an-issue-event';

const triage = async (issueKey: string): Promise<TriageResult> => {
  const response = await callUpstream('read-issue', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=priority,components,labels`, {
      headers: { Accept: 'application/json' },
    }),
  );
  if (response.status === 404) return 'issue-gone';
  const issue = await readJson(response);
  const fields = (issue['fields'] ?? {}) as { priority?: unknown; components?: unknown; labels?: unknown };
  const labels = Array.isArray(fields.labels) ? fields.labels : [];
  const components = Array.isArray(fields.components) ? fields.components : [];
  const needsTriage = fields.priority == null || components.length === 0;
  if (!needsTriage || labels.includes(TRIAGE_LABEL)) return 'already-triaged';

  const update = await callUpstream('label-issue', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}?notifyUsers=false`, {
      method: 'PUT',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: TRIAGE_LABEL }] } }),
    }),
  );
  if (update.status === 404) return 'issue-gone';
  if (!update.ok) console.warn(`triage: Jira refused the label on ${issueKey} (HTTP ${update.status}); not retrying a 4xx`);
  return 'labelled';
};

/** Records an event we gave up on, so an admin page can list it. Never throws. */
const deadLetter = async (issueKey: string, failure: RetryableFailure): Promise<void> => {
  try {
    await callStorage('dead-letter', () =>
      kvs.set(`dead-letter:triage:${issueKey}`, {
        issueKey,
        failedStep: failure.step,
        failure: failure.kind,
        message: failure.message,
        gaveUpAt: new Date().toISOString(),
      }),
    );
  } catch (error) {
    console.error(`triage: could not record the dead letter for ${issueKey}: ${messageOf(error)}`);
  }
};

/** The trigger function (`handler: index.onIssueCreated`). */
export const handler = async (event: IssueCreatedEvent, _context?: unknown) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string' || issueKey === '') {
    console.warn('triage: event without an issue key; nothing to do');
    return { result: 'not-an-issue-event' satisfies TriageResult };
  }
  try {
    const result = await triage(issueKey);
    console.log(`triage: ${issueKey}: ${result}`);
    return { result };
  } catch (error) {
    if (!(error instanceof RetryableFailure)) {
      console.error(`triage: ${issueKey}: unexpected error, not retrying: ${messageOf(error)}`);
      return { result: 'failed' };
    }
    if (isLastChance(event.retryContext)) {
      console.error(`triage: ${issueKey}: giving up after the last retry: ${error.message}`);
      await deadLetter(issueKey, error);
      return { result: 'dead-lettered' };
    }
    return retryLater(error, event.retryContext, { issueKey });
  }
};

/** Options for the check: the default `avi:jira:created:issue` product event. */
export const options = { trigger: 'product-event' } as const;
