/**
 * BUGGY (product event, avi:confluence:created:page, payloads generated from the catalog): the same
 * review checklist, posted without listing the page's footer comments first. When the POST took effect
 * but its response was lost, the retry posts a second checklist on the page.
 *
 * Caught by: no-duplicate-effects.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp } from '../../storage/policy.js';
import { checklist, type PageCreated } from '../correct/page-review.js';
import { product } from '../http.js';

/** The trigger function. */
export const handler = async (event: PageCreated) => {
  const pageId = event?.content?.id;
  if (typeof pageId !== 'string') return { result: 'not-a-page-event' };
  try {
    const created = await product('post-checklist', () =>
      asApp().requestConfluence(route`/wiki/api/v2/footer-comments`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ pageId, body: { representation: 'storage', value: checklist(event) } }),
      }),
    );
    return { result: created.ok ? 'posted' : `refused-${created.status}` };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { pageId });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event', eventType: 'avi:confluence:created:page' } as const;
