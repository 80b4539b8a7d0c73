/**
 * BUGGY: reason-matches-cause must catch it (any upstream 429 on the Jira calls).
 *
 * A sync of the issue's fix versions to a release calendar. Its error handling is otherwise careful
 * (Retry-After parsed as seconds or HTTP-date, capped at 900, no retry on retryCount 4), but every
 * failure is reported as FUNCTION_RETRY_REQUEST, so a 429 from Jira reaches the retry (and
 * Atlassian's metrics) as a generic error instead of FUNCTION_UPSTREAM_RATE_LIMITED.
 */
import api, { route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';

interface IssueEvent {
  issue: { key: string };
  retryContext?: { retryCount: number };
}

class UpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
  ) {
    super(`upstream answered ${status}`);
  }
}

const secondsToWait = (retryAfter: string | null): number => {
  if (retryAfter === null) return 30;
  const trimmed = retryAfter.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : (Date.parse(trimmed) - Date.now()) / 1000;
  if (Number.isNaN(seconds)) return 30;
  return Math.min(900, Math.max(1, Math.ceil(seconds)));
};

const getJson = async (path: ReturnType<typeof route>) => {
  const res = await api.asApp().requestJira(path, { headers: { Accept: 'application/json' } });
  if (res.status === 429 || res.status >= 500) throw new UpstreamError(res.status, res.headers.get('Retry-After'));
  return res.json().catch(() => ({}));
};

export const handler = async (event: IssueEvent) => {
  try {
    const issue = await getJson(route`/rest/api/3/issue/${event.issue.key}?fields=fixVersions`);
    const versions: { id?: string }[] = Array.isArray(issue?.fields?.fixVersions) ? issue.fields.fixVersions : [];
    for (const version of versions.slice(0, 3)) {
      if (typeof version.id === 'string') await getJson(route`/rest/api/3/version/${version.id}`);
    }
    await getJson(route`/rest/api/3/project/${event.issue.key.split('-')[0] ?? ''}/versions`);
  } catch (error) {
    if ((event.retryContext?.retryCount ?? 0) >= 4) {
      console.error('giving up on the release calendar sync', error);
      return;
    }
    return new InvocationError({
      retryAfter: error instanceof UpstreamError ? secondsToWait(error.retryAfter) : 30,
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      retryData: { issueKey: event.issue.key },
    });
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
