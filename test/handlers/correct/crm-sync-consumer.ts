/**
 * CORRECT (async event consumer, function style): the `crm-sync` queue consumer. A trigger pushes
 * `{ issueKey, action: 'sync-to-crm', requestedBy }`; the consumer reads the issue from Jira, upserts
 * a ticket in an external CRM, and remembers the CRM ticket id in KVS.
 *
 * Why it passes every property:
 * - the CRM call is a POST, but it carries an `Idempotency-Key` derived from the issue and its
 *   `updated` stamp, so a redelivery after a lost response is collapsed by the CRM, not duplicated;
 *   the KVS write is idempotent;
 * - every failure (429, 5xx, network error, @forge/kvs error) becomes an InvocationError with a
 *   Retry-After-honouring, capped retryAfter and the reason matching the cause; async events have no
 *   four-retry cap, so it always asks again rather than returning success;
 * - it reads the body and retryContext defensively and never throws; no in-process waits.
 */
import { createHash } from 'node:crypto';
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { RetryableFailure, callStorage, callUpstream, messageOf, readJson, retryLater, type RetryContext } from '../../../examples/forge-app/src/retry.js';

/** The body the producer pushes. */
export interface CrmSyncBody {
  readonly issueKey?: unknown;
  readonly action?: unknown;
  readonly requestedBy?: unknown;
}

/** The AsyncEvent a function-style consumer receives. */
export interface CrmSyncEvent {
  readonly body?: CrmSyncBody;
  readonly jobId?: string;
  readonly retryContext?: RetryContext;
}

export const CRM_BASE_URL = 'https://crm.example.com/api/v2';

/** Syncs one issue; throws RetryableFailure when a call should be retried. */
export const syncIssueToCrm = async (issueKey: string): Promise<'synced' | 'issue-gone' | 'rejected'> => {
  const read = await callUpstream('read-issue', () =>
    api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,status,updated`, {
      headers: { Accept: 'application/json' },
    }),
  );
  if (read.status === 404) return 'issue-gone';
  const issue = await readJson(read);
  const fields = (issue['fields'] ?? {}) as { summary?: unknown; status?: { name?: unknown }; updated?: unknown };
  const version = typeof fields.updated === 'string' ? fields.updated : 'unknown';
  const idempotencyKey = createHash('sha256').update(`jira:${issueKey}:${version}`).digest('hex');

  const upsert = await callUpstream('upsert-crm-ticket', () =>
    api.fetch(`${CRM_BASE_URL}/tickets/upsert`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify({
        externalId: `jira:${issueKey}`,
        title: typeof fields.summary === 'string' ? fields.summary : issueKey,
        status: typeof fields.status?.name === 'string' ? fields.status.name : 'Unknown',
      }),
    }),
  );
  if (!upsert.ok) {
    console.warn(`crm-sync: CRM rejected ${issueKey} (HTTP ${upsert.status}); a 4xx will not improve on retry`);
    return 'rejected';
  }
  const ticket = await readJson(upsert);
  const ticketId = typeof ticket['id'] === 'string' || typeof ticket['id'] === 'number' ? String(ticket['id']) : 'unknown';
  await callStorage('remember-ticket', () => kvs.set(`crm-ticket:${issueKey}`, { ticketId, version }));
  return 'synced';
};

/** The consumer function (`consumer: crm-sync-consumer`, `function: crm-sync`). */
export const handler = async (event: CrmSyncEvent, _context?: unknown) => {
  const body = event?.body ?? {};
  if (body.action !== 'sync-to-crm' || typeof body.issueKey !== 'string' || body.issueKey === '') {
    console.warn(`crm-sync: ignoring an event this consumer does not understand: ${JSON.stringify(body)}`);
    return;
  }
  const issueKey = body.issueKey;
  try {
    const result = await syncIssueToCrm(issueKey);
    console.log(`crm-sync: ${issueKey}: ${result}`);
  } catch (error) {
    if (error instanceof RetryableFailure) return retryLater(error, event.retryContext, { issueKey });
    console.error(`crm-sync: ${issueKey}: unexpected error, dropping: ${messageOf(error)}`);
  }
  return;
};

/** Options for the check: an async event with the default `sync-to-crm` body. */
export const options = { trigger: 'async-event', consumerShape: 'function' } as const;
