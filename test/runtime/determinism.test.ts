import { kvs } from '@forge/kvs';
import { asApp, route } from '@forge/api';
import { Queue } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { driveProduct, scenario } from './helpers.js';

describe('determinism', () => {
  it('gives deep-equal traces for the same inputs, including Queue.push job ids and times', async () => {
    const handler = async (event: { retryContext?: unknown }) => {
      await asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST', body: JSON.stringify({ at: new Date().toISOString() }) });
      await kvs.set('k', Date.now());
      await new Queue({ key: 'q' }).push({ body: { n: 1 } });
      return event.retryContext === undefined ? { _retry: true, retryOptions: { retryAfter: 7 } } : 'ok';
    };
    const plan = scenario([{ responses: [{ kind: 'status', status: 503, headers: {} }] }], true);
    const a = await driveProduct(handler, { scenario: plan });
    const b = await driveProduct(handler, { scenario: plan });
    expect(a).toEqual(b);
    expect(a.deliveries[0]?.requests[2]?.body).toContain('"jobId":"00000000-0000-4000-8000-000000000001"');
    expect(a.deliveries[0]?.requests[2]?.body).toContain('"time":"2025-01-01T00:00:00.000Z"');
  });
});
