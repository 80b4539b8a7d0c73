/**
 * CORRECT (product event, avi:jira:updated:issue, payloads generated from the catalog): keeps an audit
 * of what changed on an issue, as workflow-audit apps do: it reads `event.changelog.items` (the field
 * names and the new values) and writes them to an issue property keyed by the changelog id with an
 * idempotent PUT, then reads the issue back to stamp its project. Modelled on issue-updated triggers
 * that read the changelog (the shape from the events reference page, issue-updated).
 *
 * Why it passes every property: the PUT of one changelog id writes the same value however often it is
 * repeated; 429/5xx/network errors become InvocationErrors honouring Retry-After (retryHttp); a
 * missing changelog is not an update; it never throws.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp, type RetryContext } from '../../storage/policy.js';
import { jsonOf, product } from '../http.js';

/** The part of an issue-updated payload this handler reads. */
export interface IssueUpdated {
  readonly issue?: { readonly key?: string };
  readonly changelog?: { readonly id?: string; readonly items?: readonly { readonly field?: string; readonly toString?: string | null }[] };
  readonly retryContext?: RetryContext;
}

/** The audit entry of one changelog: fields and their new values. */
export const auditEntry = (event: IssueUpdated) => ({
  changelogId: String(event.changelog?.id),
  changes: (event.changelog?.items ?? []).map((item) => ({ field: String(item.field), to: item.toString ?? null })),
});

/** The trigger function. */
export const handler = async (event: IssueUpdated) => {
  const key = event?.issue?.key;
  const changelog = event?.changelog;
  if (typeof key !== 'string' || !Array.isArray(changelog?.items)) return { result: 'not-an-update' };
  try {
    const issue = await product('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${key}?fields=project`));
    if (issue.status === 404) return { result: 'issue-gone' };
    const fields = (await jsonOf(issue))['fields'] as { project?: { key?: string } } | undefined;
    const saved = await product('save-audit', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}/properties/${`audit-${String(changelog.id)}`}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...auditEntry(event), project: fields?.project?.key ?? null }),
      }),
    );
    return { result: saved.ok ? 'audited' : `refused-${saved.status}` };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { key });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event', eventType: 'avi:jira:updated:issue' } as const;
