/**
 * WRONG (the producer of `page-index`). `avi:confluence:created:page`: pushes the new page to the
 * queue whose consumer (./page-index.ts) indexes it; a failed push becomes InvocationError via
 * ./retry.ts. But Queue.push is not idempotent and the push is the whole effect: when an invocation
 * times out after the push went through, the platform's retry pushes the page again and the consumer
 * runs twice (no-duplicate-effects). Fix: write a KVS marker for the page after the push and skip the
 * push when the marker is there, which narrows the window to a lost answer, and keep the consumer
 * idempotent (it is) for what is left.
 */
import { Queue } from '@forge/events';
import { RetryableFailure, isLastChance, messageOf, retryLater, type RetryContext } from './retry.js';

interface PageEvent {
  readonly content?: { readonly id?: string; readonly title?: string; readonly space?: { readonly key?: string } };
  readonly retryContext?: RetryContext;
}

const queue = new Queue({ key: 'page-index' });

export const onPageCreated = async (event: PageEvent) => {
  const pageId = event?.content?.id;
  if (typeof pageId !== 'string') return;
  try {
    await queue.push({ body: { action: 'index-page', pageId, spaceKey: event.content?.space?.key ?? null, title: event.content?.title ?? '' } });
  } catch (error) {
    const failure = new RetryableFailure('push-page', 'server-error', undefined, undefined, messageOf(error));
    if (!isLastChance(event.retryContext)) return retryLater(failure, event.retryContext, { pageId });
    console.error(`page-index ${pageId}: giving up: ${failure.message}`);
  }
  return;
};
