/**
 * CORRECT (product event, avi:jira:created:issue): announces a new issue to the app's other modules
 * with `appEvents.publish`. That call never throws: a refused publish comes back as
 * `{ type: 'error' }` and a half-done one lists `failedEvents`, so this handler reads the result, and,
 * since a publish has no idempotency key, sends at most once through the same KVS claim as the queue
 * producer (../once.ts).
 */
import { appEvents, type AppEvent } from '@forge/events';
import { sendOnce, type SendResult } from '../once.js';
import { messageOf, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const publishResult = async (events: readonly AppEvent[]): Promise<SendResult<AppEvent>> => {
  try {
    const result = await appEvents.publish([...events]);
    if (result.type === 'error') return { kind: 'failed', rateLimited: result.errorType === 'RATE_LIMIT', message: result.errorMessage };
    return result.failedEvents.length === 0 ? { kind: 'sent' } : { kind: 'partial', failed: result.failedEvents.map((f) => f.event) };
  } catch (error) {
    return { kind: 'failed', rateLimited: false, message: messageOf(error) };
  }
};

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => ({
    result: await sendOnce(`announced:${issueKey}`, [{ key: 'issue-intake-created' }, { key: 'issue-intake-needs-triage' }], publishResult),
  }));
};

export const options = { trigger: 'product-event' } as const;
