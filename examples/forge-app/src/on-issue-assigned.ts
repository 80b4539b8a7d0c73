/**
 * WRONG. `avi:jira:assigned:issue`: tells the new assignee about the SLA by setting an issue property
 * and sending a notification, inside a catch-all that logs and returns. A 429, 5xx or network error
 * on the first delivery ends the event as a success with four retries unused
 * (no-swallowed-failures). The notification is a POST without a key, so a redelivery notifies the
 * assignee twice (no-duplicate-effects: the assigned-issue payload carries the assignee, the
 * issue-created one did not). Fix: return InvocationError for retryable failures, and notify once.
 */
import { asApp, route } from '@forge/api';

interface IssueAssignedEvent {
  readonly issue?: { readonly key?: string; readonly fields?: { readonly assignee?: { readonly accountId?: string } | null } };
}

export const onIssueAssigned = async (event: IssueAssignedEvent) => {
  const issueKey = event?.issue?.key;
  const accountId = event?.issue?.fields?.assignee?.accountId;
  if (!issueKey) return;
  try {
    const property = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/sla`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ assignedTo: accountId ?? null, hours: 8 }),
    });
    if (!property.ok) {
      console.warn(`sla: could not store the SLA on ${issueKey}: ${property.status}`);
      return;
    }
    if (accountId) {
      const notify = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}/notify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ subject: `${issueKey} is yours: 8 h SLA`, to: { users: [{ accountId }] } }),
      });
      if (!notify.ok) console.warn(`sla: notification failed: ${notify.status}`);
    }
  } catch (error) {
    console.error('sla: failed', error);
  }
  return;
};
