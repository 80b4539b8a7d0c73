/**
 * BUGGY (item 10, cold starts): no-duplicate-effects must catch it. The producer of
 * ../../storage/correct/queue.ts as it is often first written (the dedupe-then-push shape of
 * AbregaInc/securely's `src/index.jsx`, which keys a dedupe id on the event and skips what it has
 * processed): the dedupe record lives in a module-level `Set` instead of the store. A redelivery that
 * reaches the warm instance finds its id and skips; one that reaches a fresh instance (a cold start:
 * Forge runs on Lambda, which may or may not reuse the process) finds an empty `Set` and pushes the three
 * jobs again. With only the function, one instance serves every delivery, and this passed.
 */
import { Queue, type PushEvent } from '@forge/events';
import { ServiceFailure, messageOf, runGuarded, type RetryContext } from '../../storage/policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const enrichment = new Queue({ key: 'issue-enrichment' });

/** Issues whose jobs this process has pushed. */
const pushed = new Set<string>();

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  if (pushed.has(issueKey)) return { result: 'already-sent' };
  const jobs: PushEvent[] = ['links', 'sla', 'notify'].map((step) => ({ body: { issueKey, step } }));
  return runGuarded(event.retryContext, { issueKey }, async () => {
    try {
      await enrichment.push(jobs);
    } catch (error) {
      throw new ServiceFailure('push', false, messageOf(error));
    }
    pushed.add(issueKey);
    return { result: 'sent' };
  });
};

/** Loads this file afresh for each run (and for cold redeliveries): the check needs the module, not only the function. */
export const options = { trigger: 'product-event', module: { file: new URL(import.meta.url), export: 'handler' } } as const;
