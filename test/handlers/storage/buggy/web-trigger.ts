/**
 * BUGGY: survives-every-delivery must catch it (any failure of getUrl or of the CI call). The CI
 * registration of ../correct/web-trigger.ts without error handling: `webTrigger.getUrl` throws when
 * the platform fails, and a 5xx from the CI service is rethrown, so the product-event handler throws
 * (FUNCTION_ERR) instead of asking for a retry.
 */
import api, { webTrigger } from '@forge/api';

interface IssueEvent {
  readonly issue?: { readonly fields?: { readonly project?: { readonly key?: string } } };
}

export const handler = async (event: IssueEvent) => {
  const project = event?.issue?.fields?.project?.key ?? 'unknown';
  const url = await webTrigger.getUrl('ci-callback');
  const response = await api.fetch(`https://ci.example.com/api/hooks/jira-${project.toLowerCase()}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url, events: ['build.finished'] }),
  });
  if (!response.ok) throw new Error(`CI refused the hook: ${response.status}`);
  return { result: 'registered' };
};

export const options = { trigger: 'product-event' } as const;
