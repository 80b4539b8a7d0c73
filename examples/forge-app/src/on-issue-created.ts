/**
 * RIGHT. `avi:jira:created:issue`: labels new issues that lack a priority or component with
 * `needs-triage`. GET then an idempotent PUT; failures become InvocationError via ./retry.ts; on the
 * last retry it records a dead letter in KVS and returns instead of asking for a fifth.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { RetryableFailure, callStorage, callUpstream, isLastChance, readJson, retryLater, type RetryContext } from './retry.js';

export interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const triage = async (issueKey: string): Promise<string> => {
  const read = await callUpstream('read-issue', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=priority,components,labels`, { headers: { Accept: 'application/json' } }),
  );
  if (read.status === 404) return 'issue-gone';
  const fields = ((await readJson(read))['fields'] ?? {}) as { priority?: unknown; components?: unknown; labels?: unknown };
  const labels = Array.isArray(fields.labels) ? fields.labels : [];
  const components = Array.isArray(fields.components) ? fields.components : [];
  if ((fields.priority != null && components.length > 0) || labels.includes('needs-triage')) return 'already-triaged';
  await callUpstream('label-issue', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}?notifyUsers=false`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: 'needs-triage' }] } }),
    }),
  );
  return 'labelled';
};

export const onIssueCreated = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    console.log(`triage ${issueKey}: ${await triage(issueKey)}`);
  } catch (error) {
    if (!(error instanceof RetryableFailure)) {
      console.error(`triage ${issueKey}: not retrying an unexpected error`, error);
      return;
    }
    if (!isLastChance(event.retryContext)) return retryLater(error, event.retryContext, { issueKey });
    console.error(`triage ${issueKey}: giving up: ${error.message}`);
    try {
      await callStorage('dead-letter', () => kvs.set(`dead-letter:${issueKey}`, { step: error.step, message: error.message }));
    } catch {
      console.error(`triage ${issueKey}: could not record the dead letter either`);
    }
  }
  return;
};
