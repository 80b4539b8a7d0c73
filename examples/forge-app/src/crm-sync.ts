/**
 * RIGHT. Queue consumer for `crm-sync` (function style): reads the issue, upserts a CRM ticket with an
 * `Idempotency-Key` (so a redelivery after a lost response is collapsed by the CRM), and remembers
 * the ticket id in KVS. Async events have no four-retry cap, so every retryable failure asks again.
 */
import { createHash } from 'node:crypto';
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { RetryableFailure, callStorage, callUpstream, readJson, retryLater, type RetryContext } from './retry.js';

interface CrmSyncEvent {
  readonly body?: { readonly issueKey?: unknown; readonly action?: unknown };
  readonly retryContext?: RetryContext;
}

export const crmSync = async (event: CrmSyncEvent) => {
  const issueKey = event?.body?.issueKey;
  if (event?.body?.action !== 'sync-to-crm' || typeof issueKey !== 'string') return;
  try {
    const read = await callUpstream('read-issue', () =>
      api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,updated`, { headers: { Accept: 'application/json' } }),
    );
    if (read.status === 404) return;
    const fields = ((await readJson(read))['fields'] ?? {}) as { summary?: unknown; updated?: unknown };
    const key = createHash('sha256')
      .update(`jira:${issueKey}:${String(fields.updated ?? '')}`)
      .digest('hex');
    const upsert = await callUpstream('upsert-ticket', () =>
      api.fetch('https://crm.example.com/api/v2/tickets/upsert', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ externalId: `jira:${issueKey}`, title: typeof fields.summary === 'string' ? fields.summary : issueKey }),
      }),
    );
    if (!upsert.ok) return;
    const ticket = await readJson(upsert);
    await callStorage('remember-ticket', () => kvs.set(`crm-ticket:${issueKey}`, String(ticket['id'] ?? 'unknown')));
  } catch (error) {
    if (error instanceof RetryableFailure) return retryLater(error, event.retryContext, { issueKey });
    console.error(`crm-sync ${issueKey}: dropping after an unexpected error`, error);
  }
  return;
};
