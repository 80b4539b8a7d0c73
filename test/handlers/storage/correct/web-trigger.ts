/**
 * CORRECT (product event, avi:jira:created:issue): makes sure the CI service calls the app back, as
 * apps that bridge Jira and a build server do: it asks for the web trigger's URL with
 * `webTrigger.getUrl` and registers it with an idempotent `PUT` keyed by project.
 *
 * Why it passes every property: getUrl is guarded (the SDK throws "Failed to get web trigger URL" on a
 * failure, which becomes a retry); the CI call honours Retry-After and calls a rate limit
 * FUNCTION_UPSTREAM_RATE_LIMITED; the PUT can be repeated; it never throws.
 */
import api, { webTrigger } from '@forge/api';
import { HttpFailure, ServiceFailure, guard, messageOf, retryHttp, retryOrGiveUp, type RetryContext } from '../policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly fields?: { readonly project?: { readonly key?: string } } };
  readonly retryContext?: RetryContext;
}

const register = async (project: string, url: string): Promise<void> => {
  let response;
  try {
    response = await api.fetch(`https://ci.example.com/api/hooks/jira-${project.toLowerCase()}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url, events: ['build.finished'] }),
    });
  } catch {
    throw new HttpFailure('register-hook', undefined, undefined);
  }
  if (response.status === 429 || response.status >= 500) {
    // A 429 without Retry-After says when in X-RateLimit-Reset (an ISO instant Date.parse reads).
    const when = response.headers.get('retry-after') ?? (response.status === 429 ? response.headers.get('x-ratelimit-reset') : null);
    throw new HttpFailure('register-hook', response.status, when ?? undefined);
  }
};

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const project = event?.issue?.fields?.project?.key;
  if (typeof project !== 'string') return { result: 'not-an-issue-event' };
  const retryData = { project };
  try {
    const url = await guard('web-trigger-url', () => webTrigger.getUrl('ci-callback'));
    await register(project, url);
    return { result: 'registered' };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, retryData);
    if (error instanceof ServiceFailure) return retryOrGiveUp(error, event.retryContext, retryData);
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event' } as const;
