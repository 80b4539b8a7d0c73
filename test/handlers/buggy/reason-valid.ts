/**
 * BUGGY: reason-valid must catch both.
 *
 * `handler` (every seed, first delivery): waits for Jira Automation to finish with a new issue
 * before it assigns it, by asking for one retry a minute later. The retry options are built as an
 * untyped object (as in plain-JS Forge apps) and the retryReason was forgotten, so the platform gets
 * a retry with no reason.
 *
 * `handler2` (any 5xx, 429 or network error): labels the failure with a platform code, reasoning
 * "Jira is a platform": FUNCTION_PLATFORM_RATE_LIMITED for a 429, FUNCTION_PLATFORM_UNKNOWN_ERROR
 * otherwise. Those codes mark retries the platform made itself; an app may only use
 * FUNCTION_UPSTREAM_RATE_LIMITED or FUNCTION_RETRY_REQUEST.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode, type RetryOptions } from '@forge/events';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number; retryData?: { waitedForAutomation?: boolean } };
}

const assignToComponentLead = (issueKey: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}/assignee`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accountId: '-1' }),
  });

export const handler = async (event: IssueEvent) => {
  if (!event.retryContext?.retryData?.waitedForAutomation) {
    const retryOptions = { retryAfter: 60, retryData: { waitedForAutomation: true } } as RetryOptions;
    return new InvocationError(retryOptions);
  }
  try {
    await assignToComponentLead(event.issue.key);
  } catch (error) {
    console.error('assignment failed', error);
  }
  return;
};

export const handler2 = async (event: IssueEvent) => {
  if ((event.retryContext?.retryCount ?? 0) >= 4) return;
  try {
    const res = await assignToComponentLead(event.issue.key);
    if (res.status === 429) {
      return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_PLATFORM_RATE_LIMITED });
    }
    if (res.status >= 500) {
      return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_PLATFORM_UNKNOWN_ERROR });
    }
  } catch {
    return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_PLATFORM_UNKNOWN_ERROR });
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
