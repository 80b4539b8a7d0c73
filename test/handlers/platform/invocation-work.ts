/**
 * Issue 10, item 3: no invented request limit; work left running after the return is judged.
 *
 * CORRECT `propagateFixVersion` (product event, with `childrenFixture`): when an epic changes, copies
 * its release to its 60 child issues: one JQL search, then one idempotent PUT per child, 61 requests in
 * one invocation (Jira allows bursts; Forge limits api.fetch egress per minute, not product calls). On a
 * failure it asks for a retry with the index of the next child in retryData and resumes there. The old
 * bounded-invocation failed it above 50 requests; it must pass.
 *
 * BUGGY `fireAndForgetAudit` (product event): on its way out (in `finally`) posts an audit event to an
 * external service without awaiting it ("it is only telemetry") and returns. On Forge the process is frozen when the handler
 * returns, so the request may never finish, or finish in a later invocation. bounded-invocation must
 * catch it: the runtime sees the request still running when the handler returned.
 *
 * BUGGY `raceWithoutClear` (product event): guards each Jira call with `Promise.race` against a
 * 10-second timer and never clears the timer when the call wins, so every return leaves a timer
 * pending. bounded-invocation must catch it: timers left running after the return.
 */
import api, { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { UpstreamFixture } from '../types.js';
import { UpstreamFailure, call, isLastProductDelivery, readJson, retryDataNumber, retryFor, type RetryContext } from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const RELEASE = '2026.12';
/** How many children the fixture's epic has. */
export const CHILDREN = 60;

const childKeys = async (epicKey: string): Promise<string[]> => {
  const jql = `parent = ${epicKey} ORDER BY key`;
  const res = await call('list-children', () =>
    asApp().requestJira(route`/rest/api/3/search/jql?jql=${jql}&fields=fixVersions&maxResults=100`, { headers: { Accept: 'application/json' } }),
  );
  const issues = (await readJson(res))['issues'];
  return Array.isArray(issues) ? issues.map((i: { key?: unknown }) => i.key).filter((k): k is string => typeof k === 'string') : [];
};

export const propagateFixVersion = async (event: IssueEvent) => {
  const epicKey = event?.issue?.key;
  if (typeof epicKey !== 'string') return;
  let next = retryDataNumber(event.retryContext, 'next') ?? 0;
  try {
    const children = await childKeys(epicKey);
    for (; next < children.length; next++) {
      const key = children[next]!;
      const res = await call(`update-${key}`, () =>
        asApp().requestJira(route`/rest/api/3/issue/${key}?notifyUsers=false`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ fields: { fixVersions: [{ name: RELEASE }] } }),
        }),
      );
      if (!res.ok) console.warn(`fix-version: Jira refused ${key} (HTTP ${res.status}); skipping it`);
    }
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    if (isLastProductDelivery(event.retryContext)) {
      console.error(`fix-version: giving up on ${epicKey} at child ${next}: ${error.message}`);
      return;
    }
    return retryFor([error], event.retryContext, { epicKey, next });
  }
  return;
};

/** For `propagateFixVersion`: the epic's 60 children, from the JQL search. */
export const childrenFixture: UpstreamFixture = (req) =>
  req.surface === 'jira' && req.method === 'GET' && req.path.startsWith('/rest/api/3/search/jql')
    ? { body: { issues: Array.from({ length: CHILDREN }, (_, i) => ({ key: `SUP-${100 + i}`, fields: { fixVersions: [] } })), isLast: true } }
    : undefined;

const retryLater = (status: number | undefined, ctx: RetryContext | undefined) =>
  (ctx?.retryCount ?? 0) >= 4
    ? undefined
    : new InvocationError({
        retryAfter: 60,
        retryReason: status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });

const audit = (type: string, issueKey: string): void => {
  // Telemetry should never slow the handler down, so it is not awaited.
  void api
    .fetch('https://audit.example.com/v1/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, issueKey }),
    })
    .catch(() => undefined);
};

export const fireAndForgetAudit = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key ?? 'unknown';
  try {
    const res = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/seen`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seen: true }),
    });
    if (res.status === 429 || res.status >= 500) return retryLater(res.status, event.retryContext);
  } catch {
    return retryLater(undefined, event.retryContext);
  } finally {
    audit('issue-seen', issueKey);
  }
  return;
};

const TIMEOUT_MS = 10_000;

const withTimeout = <T>(work: Promise<T>): Promise<T> =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Jira call timed out')), TIMEOUT_MS))]);

export const raceWithoutClear = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key ?? 'unknown';
  try {
    const res = await withTimeout(asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=status`, { headers: { Accept: 'application/json' } }));
    if (res.status === 429 || res.status >= 500) return retryLater(res.status, event.retryContext);
  } catch {
    return retryLater(undefined, event.retryContext);
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
export const childrenOptions = { trigger: 'product-event', upstream: childrenFixture } as const;
