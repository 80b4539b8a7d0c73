/**
 * RIGHT. The `page-index` consumer (@forge/resolver style, method `index-page`): stores the page's
 * title and space under `page-index:<id>` in KVS and marks the page with a content property, both
 * idempotent writes (kvs.set, PUT of the property), so a redelivery does no harm. Gated on the
 * `indexPages` setting. A resolver-style consumer is events v1, retried at most four times: on its last
 * chance it gives up explicitly (the page is indexed again on its next update) instead of asking again.
 * The body is what ./page-created.ts pushes: the CLI feeds it the bodies that producer pushed.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import ResolverModule from '@forge/resolver';
import { RetryableFailure, callStorage, callUpstream, isLastChance, messageOf, retryLater, type RetryContext } from './retry.js';
import { readSettings } from './settings.js';

// @forge/resolver is CommonJS: Forge's bundler gives `import Resolver from` the class, Node's ESM loader
// gives `module.exports`, whose `default` is the class. Accept both.
type ResolverClass = typeof ResolverModule.default;
const Resolver: ResolverClass = (ResolverModule as unknown as { default?: ResolverClass }).default ?? (ResolverModule as unknown as ResolverClass);

interface IndexPayload {
  readonly action?: unknown;
  readonly pageId?: unknown;
  readonly spaceKey?: unknown;
  readonly title?: unknown;
  readonly retryContext?: RetryContext;
}

const indexPage = async (pageId: string, title: string, spaceKey: string | null): Promise<void> => {
  const settings = await readSettings();
  if (settings?.indexPages !== true) return;
  await callStorage('store-index', () => kvs.set(`page-index:${pageId}`, { title, spaceKey }));
  await callUpstream('mark-page', () =>
    asApp().requestConfluence(route`/wiki/rest/api/content/${pageId}/property/release-notes-indexed`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: 'release-notes-indexed', value: { indexed: true }, version: { number: 1 } }),
    }),
  );
};

const resolver = new Resolver();

resolver.define('index-page', async ({ payload }: { payload: IndexPayload }) => {
  const pageId = payload?.pageId;
  if (payload?.action !== 'index-page' || typeof pageId !== 'string') {
    console.warn('page-index: ignoring a payload this consumer does not understand');
    return;
  }
  try {
    await indexPage(pageId, typeof payload.title === 'string' ? payload.title : '', typeof payload.spaceKey === 'string' ? payload.spaceKey : null);
  } catch (error) {
    if (error instanceof RetryableFailure && !isLastChance(payload.retryContext)) return retryLater(error, payload.retryContext, { pageId });
    console.error(`page-index ${pageId}: unexpected error, dropping: ${messageOf(error)}`);
  }
  return;
});

/** The consumer function (`handler: page-index.handler`). */
export const handler = resolver.getDefinitions();
