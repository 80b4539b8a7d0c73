/**
 * CORRECT: the stamper of ../buggy/touched-stamper.ts that ignores the events its own writes produce:
 * Jira marks them `selfGenerated: true`, and the stamp of a person's change is all it wants.
 */
import { asApp, route } from '@forge/api';
import { callUpstream, guarded, type IssueEvent } from '../policy.js';
import { TOUCHED_FIELD } from '../buggy/touched-stamper.js';

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string' || event.eventType !== 'avi:jira:updated:issue') return { result: 'ignored' };
  if (event.selfGenerated === true) return { result: 'own-change' };
  return guarded(event.retryContext, { key }, async () => {
    const response = await callUpstream('stamp', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}`, {
        method: 'PUT',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields: { [TOUCHED_FIELD]: event.timestamp ?? null } }),
      }),
    );
    return { result: response.ok ? 'stamped' : 'refused' };
  });
};

// An updated-issue handler: its single-event runs get updated-issue payloads, as the manifest would give it.
export const options = { trigger: 'product-event', eventType: 'avi:jira:updated:issue', manyEvents: true } as const;
