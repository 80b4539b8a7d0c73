/**
 * 401/403 right after install (docs/platform.md#life-cycle-events): on a life-cycle event the app's own
 * product calls are refused until the generated propagation window closes, recorded as transient; user
 * calls, other events and calls after the window are served as usual.
 */
import { asApp, asUser, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { noSwallowedFailures } from '../../properties/no-swallowed-failures.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Scenario } from '../../src/scenario/types.js';
import { driveProduct } from '../runtime/helpers.js';

const INSTALLED = { eventType: 'avi:forge:installed:app', id: 'inst-1', app: { id: 'app-1', version: '1.0.0' } };
const propagating = (seconds: number, status: 401 | 403 = 403): Scenario => ({ deliveries: [], duplicate: false, installPropagation: { seconds, status } });

const writeSettings = () => asApp().requestJira(route`/rest/forge/1/app/properties/settings`, { method: 'PUT', body: '{"v":1}' });

describe('upstream: permissions still propagating after install', () => {
  it("refuses the app's product calls until the window closes, then serves them; a retry finds them granted", async () => {
    const trace = await driveProduct(
      async () => {
        const res = await writeSettings();
        if (res.status === 403) return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
        return 'done';
      },
      { event: INSTALLED, scenario: propagating(30) },
    );
    const [first, second] = trace.deliveries;
    expect(first?.requests[0]).toMatchObject({
      response: { kind: 'http', status: 403 },
      effect: 'not-applied',
      source: 'plan',
      transient: 'install-propagation',
    });
    expect(second?.requests[0]?.transient).toBeUndefined();
    expect(second?.outcome).toEqual({ kind: 'success', value: 'done' });
    expect(noSwallowedFailures.check(trace, DEFAULT_PROPERTY_SETTINGS).kind).toBe('pass');
  });

  it('fails no-swallowed-failures when the handler returns success after the 401', async () => {
    const trace = await driveProduct(
      async () => {
        await writeSettings();
        return 'done';
      },
      { event: { ...INSTALLED, eventType: 'avi:forge:upgraded:app' }, scenario: propagating(300, 401) },
    );
    expect(trace.deliveries[0]?.requests[0]?.response).toMatchObject({ kind: 'http', status: 401 });
    expect(noSwallowedFailures.check(trace, DEFAULT_PROPERTY_SETTINGS)).toMatchObject({
      kind: 'fail',
      received: expect.stringContaining('app permissions still propagating'),
    });
  });

  it('leaves calls made as a user alone, and every call of any other event', async () => {
    const asUserCall = await driveProduct(
      async () => {
        await asUser().requestJira(route`/rest/api/3/myself`);
        return 'done';
      },
      { event: INSTALLED, scenario: propagating(900) },
    );
    expect(asUserCall.deliveries[0]?.requests[0]?.transient).toBeUndefined();
    const otherEvent = await driveProduct(
      async () => {
        await writeSettings();
        return 'done';
      },
      { event: { eventType: 'avi:jira:created:issue', issue: { key: 'SUP-1' } }, scenario: propagating(900) },
    );
    expect(otherEvent.deliveries[0]?.requests[0]?.transient).toBeUndefined();
    expect(otherEvent.deliveries[0]?.requests[0]?.response).not.toMatchObject({ status: 403 });
  });
});
