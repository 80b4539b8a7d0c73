/**
 * Issue 10, items 5-8 and the retention window: the delivery rules the model had wrong.
 *
 * Item 5, platform retries and the four-retry cap (docs/platform.md#platformretriescounttowardcap).
 * CORRECT `trustsRetryCount` (product event): copies a new issue's priority into an issue property; on a
 * failure it asks for a retry unless `retryContext.retryCount` is 4. retryCount is what the platform
 * caps, whichever way it counts its own retries, so this passes under both counters.
 * BUGGY `platformRetryIsLast` (product event): takes a platform retry (timeout, out of memory) as proof
 * that its budget is spent ("the platform already retried for us; do not loop") and gives up after a
 * failure on one. retryCount counts the app's own requests, and a platform retry leaves it where it was:
 * the handler returns success with retries left and the work is lost (no-swallowed-failures).
 *
 * Item 6, thrown product-event handlers (docs/platform.md#productthrownerror).
 * CORRECT `catchesAndRetries` (product event): catches every failure and returns InvocationError, and
 * reads retryData defensively: it holds whether a throw is retried or not.
 * BUGGY `throwsForRetry` (product event): "Forge retries failed triggers" (CHANGE-681): throws on a 5xx
 * so that the platform retries it. Whether a throw is retried is undocumented; under the default
 * (not retried) the event is lost (survives-every-delivery), and the finding names the assumption.
 *
 * Item 7, non-object retryData (docs/platform.md#nonobjectretrydata).
 * CORRECT `cursorString` (product event, `nonObjectRetryData: 'send-data'`, the platform as ECO-734's fix
 * describes it): carries the search cursor as a bare string in retryData. The old property failed every
 * non-object whatever the rule said; where the platform sends it, a string round-trips exactly.
 * BUGGY `dateAsRetryData` (product event): returns the `Date` it last synced as retryData. Not sent
 * (ECO-734), or sent as a string (fixed): either way the retry does not read a Date back.
 *
 * Item 8, resolver-style consumers (docs/platform.md#resolverconsumermaxretries).
 * CORRECT `resolverIsoString`: a @forge/resolver consumer that carries `since` as an ISO string and, being
 * events v1 (at most four retries), gives up on retryCount 4 with a dead letter.
 * BUGGY `resolverDate`: the same consumer with `since: new Date()` in retryData. @forge/resolver turns
 * the result into JSON before the platform sees it, so the old harness saw a string and passed it; judged
 * as the handler returned it, the Date fails retry-data-round-trips as it does for a function consumer.
 *
 * Also, retentionWindow is optional (docs/platform.md#retentionwindowms).
 * CORRECT `windowAware` (async function consumer): reads `retryContext?.retentionWindow?.remainingTimeMs`
 * and gives up cleanly when less than a minute is left.
 * BUGGY `windowAssumed`: reads `retryContext.retentionWindow.remainingTimeMs` on every retry; the docs say
 * "Required: false", and the TypeError on a retry without it is a programming error
 * (survives-every-delivery).
 */
import { asApp, route } from '@forge/api';
import { InvocationError } from '@forge/events';
import { kvs } from '@forge/kvs';
import ResolverModule from '@forge/resolver';
import { UpstreamFailure, call, isLastProductDelivery, readJson, retryCountOf, retryFor, type RetryContext } from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly fields?: { readonly priority?: { readonly name?: string } } };
  readonly retryContext?: RetryContext;
}

const storePriority = (issueKey: string, priority: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/triage-priority`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ priority }),
  });

const readPriority = async (issueKey: string): Promise<string> => {
  const res = await call('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=priority`));
  const body = await readJson(res);
  const fields = body['fields'] as { priority?: { name?: unknown } } | undefined;
  return typeof fields?.priority?.name === 'string' ? fields.priority.name : 'Medium';
};

// ---- item 5 ---------------------------------------------------------------------------------------

export const trustsRetryCount = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    const priority = await readPriority(issueKey);
    await call('store-priority', () => storePriority(issueKey, priority));
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    if (isLastProductDelivery(event.retryContext)) {
      console.error(`triage-priority: giving up on ${issueKey} on retryCount 4: ${error.message}`);
      return;
    }
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

/** The reasons the platform puts on retries it makes on its own. */
const PLATFORM_REASONS: ReadonlySet<string> = new Set([
  'FUNCTION_TIME_OUT',
  'FUNCTION_OUT_OF_MEMORY',
  'FUNCTION_PLATFORM_RATE_LIMITED',
  'FUNCTION_PLATFORM_UNKNOWN_ERROR',
]);

export const platformRetryIsLast = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    const priority = await readPriority(issueKey);
    await call('store-priority', () => storePriority(issueKey, priority));
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    // "The platform already retried this one and that used up a retry": no loop of timeouts and retries.
    if (isLastProductDelivery(event.retryContext) || PLATFORM_REASONS.has(String(event.retryContext?.retryReason))) {
      console.error(`triage-priority: giving up on ${issueKey} after a platform retry: ${error.message}`);
      return;
    }
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

// ---- item 6 ---------------------------------------------------------------------------------------

export const catchesAndRetries = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  const data = event.retryContext?.retryData;
  const step = typeof data === 'object' && data !== null ? (data as { failedStep?: unknown }).failedStep : undefined;
  try {
    const priority = step === 'store-priority' ? (event.issue?.fields?.priority?.name ?? 'Medium') : await readPriority(issueKey);
    await call('store-priority', () => storePriority(issueKey, priority));
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    if (isLastProductDelivery(event.retryContext)) return;
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

export const throwsForRetry = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  let res;
  try {
    res = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=priority`);
  } catch {
    return;
  }
  if (res.status === 429 || res.status >= 500) {
    // "Forge retries product event triggers that did not execute successfully" (CHANGE-681).
    throw new Error(`Jira answered ${res.status}; letting Forge retry the event`);
  }
  return;
};

// ---- item 7 ---------------------------------------------------------------------------------------

const searchPage = (cursor: string | undefined) =>
  asApp().requestJira(
    cursor === undefined
      ? route`/rest/api/3/search/jql?jql=${'labels = stale'}&fields=summary&maxResults=50`
      : route`/rest/api/3/search/jql?jql=${'labels = stale'}&fields=summary&maxResults=50&nextPageToken=${cursor}`,
  );

/** Walks the stale-issue search; on a failure carries the page cursor as retryData, `toData` shaping it. */
const staleSweep =
  (toData: (cursor: string | undefined, at: Date) => unknown) =>
  async (event: IssueEvent): Promise<InvocationError | undefined> => {
    const carried = event?.retryContext?.retryData;
    let cursor = typeof carried === 'string' && carried !== '' ? carried : undefined;
    try {
      for (let page = 0; page < 3; page++) {
        const body = await readJson(await call('search-stale', () => searchPage(cursor)));
        const token = body['nextPageToken'];
        if (typeof token !== 'string' || token === '') break;
        cursor = token;
      }
    } catch (error) {
      if (!(error instanceof UpstreamFailure) || isLastProductDelivery(event.retryContext)) return undefined;
      const retry = retryFor([error], event.retryContext, {});
      return new InvocationError({ ...retry.retryOptions, retryData: toData(cursor, new Date()) as never });
    }
    return undefined;
  };

export const cursorString = staleSweep((cursor) => cursor ?? 'first-page');

export const dateAsRetryData = staleSweep((_cursor, at) => at);

// ---- item 8 ---------------------------------------------------------------------------------------

// @forge/resolver is CommonJS: Forge's bundler gives `import Resolver from` the class, Node's ESM loader
// gives `module.exports`, whose `default` is the class. Accept both.
type ResolverClass = typeof ResolverModule.default;
const Resolver: ResolverClass = (ResolverModule as unknown as { default?: ResolverClass }).default ?? (ResolverModule as unknown as ResolverClass);

interface ExportPayload {
  readonly projectKey?: unknown;
  readonly retryContext?: RetryContext;
}

/** An export consumer: pages a project's updated issues into an external warehouse. */
const exportConsumer = (sinceOf: (at: Date) => string | Date) => {
  const resolver = new Resolver();
  resolver.define('export-issues', async ({ payload }: { payload: ExportPayload }) => {
    const projectKey = typeof payload?.projectKey === 'string' ? payload.projectKey : undefined;
    if (projectKey === undefined) return;
    const ctx = payload.retryContext;
    try {
      const res = await call('search-updated', () =>
        asApp().requestJira(route`/rest/api/3/search/jql?jql=${`project = ${projectKey} AND updated >= -1d`}&fields=summary,updated`),
      );
      const body = await readJson(res);
      await call('warehouse', () =>
        asApp().requestJira(route`/rest/api/3/project/${projectKey}/properties/last-export`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ count: Array.isArray(body['issues']) ? body['issues'].length : 0 }),
        }),
      );
    } catch (error) {
      if (!(error instanceof UpstreamFailure)) return;
      // Events v1: at most four retries. The last delivery leaves a dead letter instead.
      if (retryCountOf(ctx) >= 4) {
        try {
          await kvs.set(`export-dead-letter:${projectKey}`, { failedStep: error.step });
        } catch {
          console.error(`issue-export: ${projectKey}: dead letter not written`);
        }
        return;
      }
      const retry = retryFor([error], ctx, { projectKey });
      return new InvocationError({
        retryAfter: retry.retryOptions.retryAfter,
        retryReason: retry.retryOptions.retryReason,
        retryData: { projectKey, since: sinceOf(new Date()) },
      });
    }
    return;
  });
  return resolver.getDefinitions();
};

export const resolverIsoString = exportConsumer((at) => at.toISOString());

export const resolverDate = exportConsumer((at) => at);

// ---- also: retentionWindow is optional ------------------------------------------------------------

interface AsyncEvent {
  readonly body?: { readonly issueKey?: unknown };
  readonly retryContext?: RetryContext & { readonly retentionWindow?: { readonly remainingTimeMs?: number } };
}

const syncWatchers = async (event: AsyncEvent, remaining: () => number | undefined) => {
  const issueKey = typeof event?.body?.issueKey === 'string' ? event.body.issueKey : undefined;
  if (issueKey === undefined) return;
  try {
    await call('read-watchers', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}/watchers`));
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    const left = remaining();
    if (left !== undefined && left < 60_000) {
      console.error(`watcher-sync: ${issueKey}: retention window almost closed, giving up`);
      return;
    }
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

export const windowAware = (event: AsyncEvent) => syncWatchers(event, () => event?.retryContext?.retentionWindow?.remainingTimeMs);

export const windowAssumed = (event: AsyncEvent) =>
  syncWatchers(event, () => (event.retryContext === undefined ? undefined : event.retryContext.retentionWindow!.remainingTimeMs));

export const productOptions = { trigger: 'product-event' } as const;
export const sendsNonObjects = { trigger: 'product-event', rules: { nonObjectRetryData: 'send-data' } } as const;
export const resolverOptions = {
  trigger: 'async-event',
  consumerShape: 'resolver',
  functionKey: 'export-issues',
  event: { projectKey: 'OPS' },
} as const;
export const asyncOptions = { trigger: 'async-event', event: { issueKey: 'OPS-12' } } as const;
