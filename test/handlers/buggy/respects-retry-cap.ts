/**
 * BUGGY: respects-retry-cap must catch both.
 *
 * `handler` (every seed, with the exported fixture: the issue stays unassigned): "polls" for an
 * assignee by asking for a retry every two minutes until someone is assigned, then posts the SLA
 * clock as an issue property. Nobody checks retryCount, so on the fourth retry it asks for a fifth;
 * the platform drops the event and the SLA is never started.
 *
 * `handler2` (every seed, with the exported fixture: Jira is down, every call answers 503): a
 * reasonable-looking error path (reason by status, Retry-After honoured, capped) that asks for
 * another retry on every failure, including on retryCount 4, instead of dead-lettering.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { UpstreamFixture } from '../types.js';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number };
}

export const handler = async (event: IssueEvent) => {
  try {
    const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}?fields=assignee`, {
      headers: { Accept: 'application/json' },
    });
    const issue = res.ok ? await res.json() : undefined;
    if (!issue?.fields?.assignee) {
      return new InvocationError({
        retryAfter: 120,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        retryData: { waitingFor: 'assignee' },
      });
    }
    await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/sla-clock`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ assignee: issue.fields.assignee.accountId, startedAt: new Date().toISOString() }),
    });
  } catch {
    return new InvocationError({ retryAfter: 120, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  return;
};

/** For handler: Jira keeps answering that the issue has no assignee. */
export const unassignedFixture: UpstreamFixture = (req) =>
  req.surface === 'jira' && req.method === 'GET' && /^\/rest\/api\/3\/issue\/[^/?]+\?fields=assignee$/.test(req.path)
    ? { body: { key: 'SUP-42', fields: { assignee: null } } }
    : undefined;

const retryAfterSeconds = (header: string | null): number => {
  const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : 60;
  return Math.min(900, Math.max(1, seconds));
};

export const handler2 = async (event: IssueEvent) => {
  let res;
  try {
    res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/sla-clock`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ startedAt: '2025-01-01T00:00:00.000Z' }),
    });
  } catch {
    return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  if (res.status === 429 || res.status >= 500) {
    return new InvocationError({
      retryAfter: retryAfterSeconds(res.headers.get('Retry-After')),
      retryReason: res.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
  return;
};

/** For handler2: a Jira outage; every product call answers 503 without Retry-After. */
export const outageFixture: UpstreamFixture = (req) =>
  req.surface === 'jira' ? { status: 503, body: { errorMessages: ['Service Unavailable'], errors: {} } } : undefined;

export const options = { trigger: 'product-event', upstream: unassignedFixture } as const;
export const options2 = { trigger: 'product-event', upstream: outageFixture } as const;
