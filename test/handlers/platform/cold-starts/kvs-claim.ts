/**
 * CORRECT (item 10, cold starts): the same producer with its dedupe record in the key-value store, which
 * every instance shares: the event is claimed with `kvs.set(key, ..., { keyPolicy: 'FAIL_IF_EXISTS' })`
 * before the push, and a delivery that meets `KEY_CONFLICT` knows an earlier one (warm or cold, in
 * this process or another) took it (../../storage/once.ts). It passes whichever instance each
 * redelivery comes to.
 */
import { Queue, type PushEvent } from '@forge/events';
import { sendOnce } from '../../storage/once.js';
import { runGuarded, type RetryContext } from '../../storage/policy.js';
import { pushResult } from '../../storage/correct/queue.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const enrichment = new Queue({ key: 'issue-enrichment' });

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  const jobs: PushEvent[] = ['links', 'sla', 'notify'].map((step) => ({ body: { issueKey, step } }));
  return runGuarded(event.retryContext, { issueKey }, async () => ({
    result: await sendOnce(`enrichment-pushed:${issueKey}`, jobs, (items) => pushResult(() => enrichment.push([...items]))),
  }));
};

/** Loaded afresh per run, like its buggy twin: a correct handler must pass under cold starts too. */
export const options = { trigger: 'product-event', module: { file: new URL(import.meta.url), export: 'handler' } } as const;
