/**
 * CORRECT: labels every updated issue `reviewed` once, and skips an issue that already carries the
 * label, so the update its own write produces finds the label and writes nothing: the chain stops
 * after one self-generated event.
 */
import { asApp, route } from '@forge/api';
import { callUpstream, guarded, type IssueEvent } from '../policy.js';

const LABEL = 'reviewed';

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string' || event.eventType !== 'avi:jira:updated:issue') return { result: 'ignored' };
  const labels = Array.isArray(event.issue?.fields?.labels) ? (event.issue.fields.labels as unknown[]).filter((l): l is string => typeof l === 'string') : [];
  if (labels.includes(LABEL)) return { result: 'already-labelled' };
  return guarded(event.retryContext, { key }, async () => {
    const response = await callUpstream('label', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}`, {
        method: 'PUT',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields: { labels: [...labels, LABEL] } }),
      }),
    );
    return { result: response.ok ? 'labelled' : 'refused' };
  });
};

// An updated-issue handler: its single-event runs get updated-issue payloads, as the manifest would give it.
export const options = { trigger: 'product-event', eventType: 'avi:jira:updated:issue', manyEvents: true } as const;
