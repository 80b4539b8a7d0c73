/**
 * BUGGY: no-swallowed-failures must catch it (any failed publish). The announcement of
 * ../correct/app-events.ts written as if `appEvents.publish` threw on failure: it awaits the call
 * and never reads the `{ type: 'error' }` result, so a rate-limited or failed publish completes the
 * event with nothing announced.
 */
import { appEvents } from '@forge/events';
import type { RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  try {
    await appEvents.publish([{ key: 'issue-intake-created' }, { key: 'issue-intake-needs-triage' }]);
  } catch (error) {
    console.error('could not announce', error);
  }
  return { result: 'announced' };
};

export const options = { trigger: 'product-event' } as const;
