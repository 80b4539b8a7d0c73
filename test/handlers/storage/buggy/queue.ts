/**
 * BUGGY: no-duplicate-effects must catch it (a 202 partial success, or a push whose response was
 * lost before the done-marker was written). The enrichment producer of ../correct/queue.ts as it is
 * often first written: a `done` marker in KVS checked before and written after the push, and a
 * `PartialSuccessError` answered by pushing all three jobs again, so the jobs that did go through run
 * twice.
 */
import { PartialSuccessError, Queue, type PushEvent } from '@forge/events';
import { kvs } from '@forge/kvs';
import { ServiceFailure, guard, messageOf, runGuarded, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const enrichment = new Queue({ key: 'issue-enrichment' });

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  const jobs: PushEvent[] = ['links', 'sla', 'notify'].map((step) => ({ body: { issueKey, step } }));
  return runGuarded(event.retryContext, { issueKey }, async () => {
    if (await guard('read-marker', () => kvs.get<boolean>(`enrichment-done:${issueKey}`))) return { result: 'already-sent' };
    try {
      await enrichment.push(jobs);
    } catch (error) {
      if (!(error instanceof PartialSuccessError)) throw new ServiceFailure('push', false, messageOf(error));
      await guard('push-again', () => enrichment.push(jobs));
    }
    await guard('write-marker', () => kvs.set(`enrichment-done:${issueKey}`, true));
    return { result: 'sent' };
  });
};

export const options = { trigger: 'product-event' } as const;
