/**
 * Issue 10, item 4: what a 429 covers follows RateLimit-Reason, and a 429 may carry only
 * X-RateLimit-Reset.
 *
 * BUGGY `skipsFailedPage` (product event, with `commentPagesFixture`): exports an issue's comments page
 * by page (`startAt`) until a short page, "best effort": a page that fails is logged and skipped, and
 * the next page is asked for at once. Another `startAt` is the same endpoint (the query string does not make another
 * one), so page 2 right after a 429 on page 1 ignores the Retry-After. The old harness keyed endpoints
 * by the query string too and passed it; honours-retry-after must catch it.
 *
 * BUGGY `writesOnAfterLimit` (product event): labels the issue, then posts the triage comment, and asks
 * for a retry of whatever failed at the end, honouring the longest wait. It does not stop after a 429
 * on the label: a `jira-per-issue-on-write` limit covers the comment too (every write to that issue),
 * and a quota limit (`jira-quota-*-based`) covers every Jira call. honours-retry-after must catch it.
 *
 * CORRECT `reasonAware` (product event): labels the issue, then sets a triage property. After a burst
 * limit (or a 5xx, or no reason) on the label it still sets the property, which is another endpoint,
 * and asks for a retry of the label; after a per-issue or quota limit it stops at once. Every wait is
 * read from Retry-After, else from X-RateLimit-Reset. It must pass every property: the scopes are no
 * wider than Jira says.
 *
 * CORRECT `readsTogether` (product event): reads the issue, its watchers and its comments at once with
 * `Promise.allSettled`, and asks for a retry with the longest wait when any failed. A quota 429 on the
 * first does not make the other two early: they went out before its answer arrived. It must pass.
 *
 * CORRECT `resetAwareConsumer` (async event): syncs an issue's status to a KVS cache. A 429 carrying
 * only X-RateLimit-Reset (the gateway's answer in April 2026) is honoured by waiting until the reset.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvs } from '@forge/kvs';
import type { UpstreamFixture } from '../types.js';
import {
  QUOTA_REASON_PREFIX,
  UpstreamFailure,
  call,
  isLastProductDelivery,
  readJson,
  retryDataNumber,
  retryFor,
  waitSecondsOf,
  type RetryContext,
} from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const PAGE_SIZE = 50;

/** Stops a runaway export: no issue of ours has more comments than this many pages hold. */
const MAX_PAGES = 20;

export const skipsFailedPage = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key ?? 'unknown';
  const bodies: string[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const startAt = page * PAGE_SIZE;
    try {
      const res = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment?startAt=${startAt}&maxResults=${PAGE_SIZE}`, {
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) {
        console.warn(`comment-export: page at ${startAt} failed (HTTP ${res.status}), skipping it`);
        continue;
      }
      const comments = ((await res.json()) as { comments?: { body?: unknown }[] }).comments ?? [];
      bodies.push(...comments.map((c) => JSON.stringify(c.body ?? null)));
      if (comments.length < PAGE_SIZE) break;
    } catch {
      console.warn(`comment-export: page at ${startAt} failed, skipping it`);
    }
  }
  console.log(`comment-export: ${issueKey}: ${bodies.length} comments`);
  return;
};

/** For `skipsFailedPage`: 120 comments, 50 per page. */
export const commentPagesFixture: UpstreamFixture = (req) => {
  if (req.surface !== 'jira' || req.method !== 'GET' || !/^\/rest\/api\/3\/issue\/[^/]+\/comment\?/.test(req.path)) return undefined;
  const startAt = Number(new URLSearchParams(req.path.split('?')[1]).get('startAt') ?? '0');
  const count = Math.max(0, Math.min(PAGE_SIZE, 120 - startAt));
  return { body: { startAt, maxResults: PAGE_SIZE, total: 120, comments: Array.from({ length: count }, (_, i) => ({ id: String(startAt + i), body: 'ok' })) } };
};

const labelIssue = (issueKey: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ update: { labels: [{ add: 'triaged' }] } }),
  });

export const writesOnAfterLimit = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key ?? 'unknown';
  const ctx = event.retryContext;
  const done = { labelled: retryDataNumber(ctx, 'labelled') ?? 0, commented: retryDataNumber(ctx, 'commented') ?? 0 };
  const waits: number[] = [];
  let rateLimited = false;
  const step = async (send: () => ReturnType<typeof labelIssue>): Promise<number> => {
    try {
      const res = await send();
      if (res.status !== 429 && res.status < 500) return 1;
      rateLimited ||= res.status === 429;
      waits.push(waitSecondsOf(res.headers, res.status) ?? 60);
    } catch {
      waits.push(60);
    }
    return 0;
  };
  if (done.labelled === 0) done.labelled = await step(() => labelIssue(issueKey));
  if (done.commented === 0) {
    done.commented = await step(() =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Triaged.' }] }] } }),
      }),
    );
  }
  if (waits.length === 0 || (ctx?.retryCount ?? 0) >= 4) return;
  return new InvocationError({
    retryAfter: Math.max(1, Math.ceil(Math.max(...waits))),
    retryReason: rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: done,
  });
};

/** True when a failure's RateLimit-Reason covers more than the endpoint that answered it. */
const coversMoreThanTheEndpoint = (failure: UpstreamFailure): boolean =>
  failure.reason !== undefined && (failure.reason === 'jira-per-issue-on-write' || failure.reason.startsWith(QUOTA_REASON_PREFIX));

export const reasonAware = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  const ctx = event.retryContext;
  const failures: UpstreamFailure[] = [];
  let labelled = retryDataNumber(ctx, 'labelled') ?? 0;
  try {
    if (labelled === 0) {
      try {
        await call('label-issue', () => labelIssue(issueKey));
        labelled = 1;
      } catch (error) {
        if (!(error instanceof UpstreamFailure) || coversMoreThanTheEndpoint(error)) throw error;
        failures.push(error);
      }
    }
    await call('set-triage-property', () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/triage`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ triagedBy: 'bot' }),
      }),
    );
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    failures.push(error);
  }
  if (failures.length === 0) return;
  if (isLastProductDelivery(ctx)) {
    console.error(`triage: giving up on ${issueKey}: ${failures.map((f) => f.message).join('; ')}`);
    return;
  }
  return retryFor(failures, ctx, { issueKey, labelled });
};

export const readsTogether = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  const ctx = event.retryContext;
  const results = await Promise.allSettled([
    call('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary`)),
    call('read-watchers', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}/watchers`)),
    call('read-comments', () => asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment?maxResults=5`)),
  ]);
  const failures = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof UpstreamFailure ? [r.reason] : []));
  if (failures.length === 0) {
    console.log(`digest: ${issueKey} read`);
    return;
  }
  if (isLastProductDelivery(ctx)) {
    console.error(`digest: giving up on ${issueKey}: ${failures.map((f) => f.message).join('; ')}`);
    return;
  }
  return retryFor(failures, ctx, { issueKey });
};

interface SyncEvent {
  readonly body?: { readonly issueKey?: unknown };
  readonly retryContext?: RetryContext;
}

export const resetAwareConsumer = async (event: SyncEvent) => {
  const issueKey = event?.body?.issueKey;
  if (typeof issueKey !== 'string') return;
  try {
    const res = await call('read-status', () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=status`, { headers: { Accept: 'application/json' } }),
    );
    const fields = (await readJson(res))['fields'] as { status?: { name?: unknown } } | undefined;
    const status = typeof fields?.status?.name === 'string' ? fields.status.name : 'unknown';
    try {
      await kvs.set(`status:${issueKey}`, { status });
    } catch {
      return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { issueKey } });
    }
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    return retryFor([error], event.retryContext, { issueKey });
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
export const pagesOptions = { trigger: 'product-event', upstream: commentPagesFixture } as const;
export const consumerOptions = { trigger: 'async-event', consumerShape: 'function' } as const;
