/**
 * What the runtime records about requests the handler did not wait for: requests started together
 * (`inFlight`), and requests still running when the handler returned (a `late-call` issue).
 */
import { asApp, route } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { driveProduct } from './helpers.js';

const put = (path: string) => asApp().requestJira(route`/rest/api/3/issue/${path}`, { method: 'PUT', body: '{}' });

describe('runtime: requests the handler did not wait for', () => {
  it('records requests started together with Promise.all as in flight alongside the earlier ones', async () => {
    const trace = await driveProduct(async () => {
      await Promise.all([put('A-1'), put('A-2'), put('A-3')]);
      await put('A-4');
      return 'done';
    });
    expect(trace.deliveries[0]?.requests.map((r) => [r.seq, r.inFlight])).toEqual([
      [1, undefined],
      [2, [1]],
      [3, [1, 2]],
      [4, undefined],
    ]);
    expect(trace.deliveries[0]?.issues).toEqual([]);
  });

  it('records nothing in flight for requests made one after the other', async () => {
    const trace = await driveProduct(async () => {
      await put('A-1');
      await fetch('https://api.example.com/x');
      await put('A-2');
      return 'done';
    });
    expect(trace.deliveries[0]?.requests.map((r) => r.inFlight)).toEqual([undefined, undefined, undefined]);
  });

  it('records a request the handler returned without awaiting, on either surface', async () => {
    for (const start of [() => put('A-1'), () => fetch('https://api.example.com/x', { method: 'POST', body: '{}' })]) {
      const trace = await driveProduct(async () => {
        void start().catch(() => undefined);
        return 'done';
      });
      const issues = trace.deliveries[0]?.issues ?? [];
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ kind: 'late-call', detail: expect.stringMatching(/was still running when the handler returned \(not awaited\)$/) });
    }
  });
});
