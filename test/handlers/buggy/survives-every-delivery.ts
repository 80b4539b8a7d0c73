/**
 * BUGGY: survives-every-delivery must catch all three.
 *
 * `handler` (any upstream failure): "let Forge retry it": throws when Jira answers with an error and
 * lets a network error reject. A product-event handler that throws is reported as FUNCTION_ERR and
 * the event is lost, not retried.
 *
 * `handler2` (any platform retry, i.e. a timeout or out-of-memory mid-request): reads
 * `event.retryContext.retryData.step` on every retry. Platform retries carry a retryContext but no
 * retryData, so it throws a TypeError exactly when the app most needs to recover.
 *
 * `handler3` (every seed: the default event's issue is unassigned): notifies the assignee of a new
 * issue and reads `event.issue.fields.assignee.accountId` without a check; new issues are often
 * unassigned (`assignee: null`), and the TypeError loses the event.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

interface IssueEvent {
  issue: { key: string; fields: { summary: string; assignee: { accountId: string } | null } };
  retryContext?: { retryCount: number; retryReason: string; retryData?: { step: 'comment' | 'notify' } };
}

const addComment = async (issueKey: string) => {
  const res = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/onboarding`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state: 'welcomed' }),
  });
  if (!res.ok) throw new Error(`Jira answered ${res.status} ${res.statusText}`);
};

const notify = async (issueKey: string, accountId: string) => {
  const res = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}/notify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject: `New issue ${issueKey}`, to: { users: [{ accountId }] } }),
  });
  if (!res.ok) throw new Error(`Jira answered ${res.status} ${res.statusText}`);
};

export const handler = async (event: IssueEvent) => {
  await addComment(event.issue.key);
  return;
};

export const handler2 = async (event: IssueEvent) => {
  let step = event.retryContext ? event.retryContext.retryData!.step : 'comment';
  try {
    if (step === 'comment') {
      await addComment(event.issue.key);
      step = 'notify';
    }
    await notify(event.issue.key, '5b10ac8d82e05b22cc7d4ef5');
  } catch {
    if ((event.retryContext?.retryCount ?? 0) >= 4) return;
    return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { step } });
  }
  return;
};

export const handler3 = async (event: IssueEvent) => {
  const assignee = event.issue.fields.assignee!.accountId;
  try {
    await notify(event.issue.key, assignee);
  } catch (error) {
    console.error('could not notify the assignee', error);
  }
  return;
};

export const options = { trigger: 'product-event' } as const;

/** For handler3: an issue created without an assignee, as Jira sends it. */
export const unassignedIssueCreated = {
  eventType: 'avi:jira:created:issue',
  atlassianId: '5b10ac8d82e05b22cc7d4ef5',
  issue: {
    id: '10073',
    key: 'SUP-42',
    fields: {
      summary: 'Checkout fails with 502 after deploy',
      issuetype: { id: '10001', name: 'Bug' },
      project: { id: '10000', key: 'SUP' },
      assignee: null,
      reporter: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
    },
  },
};
export const options3 = { trigger: 'product-event', event: unassignedIssueCreated } as const;
