/**
 * CORRECT (product event, avi:jira:created:issue): fans the enrichment of a new issue out to a queue
 * as three jobs in one `Queue.push`. Queue.push has no idempotency key, so it sends them at most once
 * (see ../once.ts): the event is claimed in KVS first, a `PartialSuccessError` sends only its
 * `failedEvents` again, a push the service refused puts its events back for the retry, and the
 * cyclic-limit (405) and payload-too-big (413) answers drop the events, since no retry fixes them.
 *
 * @forge/events 3.0.8 puts each failed event under `payload` at run time (its types say `event`).
 */
import { InvocationLimitReachedError, PartialSuccessError, PayloadTooBigError, Queue, RateLimitError, type PushEvent } from '@forge/events';
import { sendOnce, type SendResult } from '../once.js';
import { messageOf, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const enrichment = new Queue({ key: 'issue-enrichment' });

/** One push, as a send result. */
export const pushResult = async (send: () => Promise<unknown>): Promise<SendResult<PushEvent>> => {
  try {
    await send();
    return { kind: 'sent' };
  } catch (error) {
    if (error instanceof PartialSuccessError)
      return { kind: 'partial', failed: error.failedEvents.map((f) => (f as unknown as { payload: PushEvent }).payload) };
    if (error instanceof InvocationLimitReachedError || error instanceof PayloadTooBigError) return { kind: 'refused', message: messageOf(error) };
    return { kind: 'failed', rateLimited: error instanceof RateLimitError, message: messageOf(error) };
  }
};

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  const jobs: PushEvent[] = ['links', 'sla', 'notify'].map((step) => ({ body: { issueKey, step } }));
  return runGuarded(event.retryContext, { issueKey }, async () => ({
    result: await sendOnce(`enrichment-pushed:${issueKey}`, jobs, (items) => pushResult(() => enrichment.push([...items]))),
  }));
};

export const options = { trigger: 'product-event' } as const;
