/**
 * CORRECT (product event, avi:confluence:created:page, payloads generated from the catalog): adds a
 * review checklist as a footer comment on every new page, as Confluence review apps do. It reads
 * `event.content` (id, title, space key), lists the page's footer comments in storage format, and
 * posts its checklist only when none carries its marker, so a POST whose response was lost is not
 * repeated on the retry: the simulated Confluence keeps the comment.
 *
 * Why it passes every property: checks before creating; 429/5xx/network errors become
 * InvocationErrors honouring Retry-After (retryHttp); a page that is gone is not retried; it never throws.
 */
import { asApp, route } from '@forge/api';
import { HttpFailure, messageOf, retryHttp, type RetryContext } from '../../storage/policy.js';
import { jsonOf, product } from '../http.js';

/** The marker our checklist comment carries. */
export const CHECKLIST_MARKER = 'data-review-bot="checklist"';

/** The part of a page-created payload this handler reads. */
export interface PageCreated {
  readonly content?: { readonly id?: string; readonly title?: string; readonly space?: { readonly key?: string } };
  readonly retryContext?: RetryContext;
}

/** The checklist comment of a page. */
export const checklist = (event: PageCreated): string =>
  `<p ${CHECKLIST_MARKER}>Review checklist for "${String(event.content?.title)}" in ${String(event.content?.space?.key)}: owner, links, labels.</p>`;

interface FooterComment {
  readonly body?: { readonly storage?: { readonly value?: string } };
}

/** The trigger function. */
export const handler = async (event: PageCreated) => {
  const pageId = event?.content?.id;
  if (typeof pageId !== 'string') return { result: 'not-a-page-event' };
  try {
    const listed = await product('list-footer-comments', () =>
      asApp().requestConfluence(route`/wiki/api/v2/pages/${pageId}/footer-comments?body-format=storage&limit=100`, { headers: { Accept: 'application/json' } }),
    );
    if (listed.status === 404) return { result: 'page-gone' };
    const results = (await jsonOf(listed))['results'];
    if (Array.isArray(results) && (results as FooterComment[]).some((c) => c.body?.storage?.value?.includes(CHECKLIST_MARKER) === true)) {
      return { result: 'already-posted' };
    }
    const created = await product('post-checklist', () =>
      asApp().requestConfluence(route`/wiki/api/v2/footer-comments`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ pageId, body: { representation: 'storage', value: checklist(event) } }),
      }),
    );
    return { result: created.status === 201 || created.ok ? 'posted' : `refused-${created.status}` };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { pageId });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event', eventType: 'avi:confluence:created:page' } as const;
