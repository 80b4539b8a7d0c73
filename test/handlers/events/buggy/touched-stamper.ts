/**
 * BUGGY: no-self-trigger-loop must catch it. Stamps "last touched" on every update of an issue (a
 * custom date field, as SLA and "last activity" apps keep it): on `avi:jira:updated:issue` it writes
 * the event's timestamp into the field. Its own write is an update too, with a newer timestamp, so the
 * event it produces makes it write again, and again: it triggers itself without end.
 */
import { asApp, route } from '@forge/api';
import { callUpstream, guarded, type IssueEvent } from '../policy.js';

export const TOUCHED_FIELD = 'customfield_10077';

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string' || event.eventType !== 'avi:jira:updated:issue') return { result: 'ignored' };
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

export const options = { trigger: 'product-event', manyEvents: true } as const;
