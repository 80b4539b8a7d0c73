/**
 * BUGGY (product event, avi:jira:updated:issue, payloads generated from the catalog): the same
 * changelog audit, but the audit write is "best effort": a failed PUT (429, 5xx, no answer) is logged
 * and the handler returns success, so the platform never redelivers the update and that change is
 * missing from the audit for good. Reading the issue first is guarded; only the write is not.
 *
 * Caught by: no-swallowed-failures.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp } from '../../storage/policy.js';
import { auditEntry, type IssueUpdated } from '../correct/changelog-audit.js';
import { jsonOf, product } from '../http.js';

/** The trigger function. */
export const handler = async (event: IssueUpdated) => {
  const key = event?.issue?.key;
  const changelog = event?.changelog;
  if (typeof key !== 'string' || !Array.isArray(changelog?.items)) return { result: 'not-an-update' };
  let project: string | null;
  try {
    const issue = await product('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${key}?fields=project`));
    if (issue.status === 404) return { result: 'issue-gone' };
    project = ((await jsonOf(issue))['fields'] as { project?: { key?: string } } | undefined)?.project?.key ?? null;
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { key });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
  try {
    const saved = await asApp().requestJira(route`/rest/api/3/issue/${key}/properties/${`audit-${String(changelog.id)}`}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...auditEntry(event), project }),
    });
    if (!saved.ok) console.warn(`audit of ${key} not saved (HTTP ${saved.status})`);
  } catch (error) {
    console.warn(`audit of ${key} not saved: ${messageOf(error)}`);
  }
  return { result: 'audited' };
};

// Its bug is on its third request: sampling meets a fault there in 15-66 runs, but on seed 2 only at run
// 101, so this case is swept with 200 (a known gap of the default search: its walk faults first requests).
export const options = { trigger: 'product-event', eventType: 'avi:jira:updated:issue', numRuns: 200 } as const;
