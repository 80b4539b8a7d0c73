/**
 * CORRECT (async event consumer, @forge/resolver style): the `estimate-rollup` consumer. A trigger
 * pushes `{ epicKey, action: 'rollup-estimates' }` whenever a child issue's estimate changes; the
 * consumer sums the story points of the epic's children (JQL search, paged, at most five pages) and
 * stores the total as an issue property of the epic, then caches it in KVS.
 *
 * Why it passes every property:
 * - both writes are idempotent (PUT of an issue property, kvs.set), so redeliveries do no harm; the
 *   search is a GET (the POST form of /search/jql would look like a create to a reviewer);
 * - a bounded number of requests (at most 5 search pages + 2 writes), no in-process waits;
 * - every failure becomes an InvocationError per the example app's retry policy (Retry-After honoured and
 *   capped, reason by cause, flat retryData) while retries remain; a resolver consumer is events v1,
 *   retried at most four times, so on retryCount 4 it records the epic for the nightly rollup instead;
 * - it reads the payload and retryContext defensively and never throws.
 *
 * Resolver-style consumers receive the pushed body as `payload`, with `retryContext` added to it
 * (the @forge/events 1.x shape many published apps still use).
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import ResolverModule from '@forge/resolver';
import {
  RetryableFailure,
  callStorage,
  callUpstream,
  isLastChance,
  messageOf,
  readJson,
  retryLater,
  type RetryContext,
} from '../../../examples/forge-app/src/retry.js';

// @forge/resolver is CommonJS: Forge's bundler gives `import Resolver from` the class, Node's ESM loader
// gives it `module.exports`, whose `default` is the class. Accept both.
type ResolverClass = typeof ResolverModule.default;
const Resolver: ResolverClass = (ResolverModule as unknown as { default?: ResolverClass }).default ?? (ResolverModule as unknown as ResolverClass);

/** Story points live in this custom field on Jira Cloud's default scrum template. */
const STORY_POINTS_FIELD = 'customfield_10016';
const MAX_PAGES = 5;

/** The payload the producer pushes (plus `retryContext` on a retry). */
export interface RollupPayload {
  readonly epicKey?: unknown;
  readonly action?: unknown;
  readonly body?: { readonly epicKey?: unknown; readonly action?: unknown };
  readonly retryContext?: RetryContext;
}

const sumStoryPoints = async (epicKey: string): Promise<{ points: number; children: number } | undefined> => {
  let points = 0;
  let children = 0;
  let nextPageToken: string | undefined;
  const jql = `parent = "${epicKey}"`;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await callUpstream('search-children', () =>
      asApp().requestJira(
        nextPageToken === undefined
          ? route`/rest/api/3/search/jql?jql=${jql}&fields=${STORY_POINTS_FIELD}&maxResults=100`
          : route`/rest/api/3/search/jql?jql=${jql}&fields=${STORY_POINTS_FIELD}&maxResults=100&nextPageToken=${nextPageToken}`,
        { headers: { Accept: 'application/json' } },
      ),
    );
    if (!response.ok) {
      console.warn(`estimate-rollup: Jira refused the search for ${epicKey} (HTTP ${response.status})`);
      return undefined;
    }
    const result = await readJson(response);
    const issues = Array.isArray(result['issues']) ? (result['issues'] as { fields?: Record<string, unknown> }[]) : [];
    for (const issue of issues) {
      const estimate = issue.fields?.[STORY_POINTS_FIELD];
      children += 1;
      if (typeof estimate === 'number' && Number.isFinite(estimate)) points += estimate;
    }
    const token = result['nextPageToken'];
    if (typeof token !== 'string' || token === '' || issues.length === 0) break;
    nextPageToken = token;
  }
  return { points, children };
};

const rollup = async (epicKey: string): Promise<void> => {
  const sum = await sumStoryPoints(epicKey);
  if (sum === undefined) return;
  const { points, children } = sum;
  const stored = await callUpstream('store-rollup', () =>
    asApp().requestJira(route`/rest/api/3/issue/${epicKey}/properties/estimate-rollup`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ points, children }),
    }),
  );
  if (!stored.ok) {
    console.warn(`estimate-rollup: Jira refused the property on ${epicKey} (HTTP ${stored.status})`);
    return;
  }
  await callStorage('cache-rollup', () => kvs.set(`estimate-rollup:${epicKey}`, { points, children }));
};

const resolver = new Resolver();

resolver.define('consumer', async ({ payload }: { payload: RollupPayload }) => {
  const body = payload?.body ?? payload ?? {};
  const epicKey = body.epicKey;
  if (body.action !== 'rollup-estimates' || typeof epicKey !== 'string' || epicKey === '') {
    console.warn('estimate-rollup: ignoring a payload this consumer does not understand');
    return;
  }
  try {
    await rollup(epicKey);
  } catch (error) {
    if (error instanceof RetryableFailure) {
      // Events v1: at most four retries; the last delivery leaves the epic to the nightly full rollup.
      if (isLastChance(payload?.retryContext)) {
        console.error(`estimate-rollup: ${epicKey}: giving up after four retries (${messageOf(error)}); the nightly rollup will catch up`);
        return;
      }
      return retryLater(error, payload?.retryContext, { epicKey });
    }
    console.error(`estimate-rollup: ${epicKey}: unexpected error, dropping: ${messageOf(error)}`);
  }
  return;
});

/** The consumer function (`handler: index.estimateRollup`). */
export const handler = resolver.getDefinitions();

/** Options for the check: a resolver-style async consumer with a rollup payload. */
export const options = {
  trigger: 'async-event',
  consumerShape: 'resolver',
  functionKey: 'consumer',
  event: { epicKey: 'SUP-7', action: 'rollup-estimates' },
} as const;
