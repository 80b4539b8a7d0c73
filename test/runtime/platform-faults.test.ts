import { kvs } from '@forge/kvs';
import { asApp, route } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { driveProduct, scenario } from './helpers.js';

const createOnce = async () => {
  const existing = await kvs.get('created');
  if (existing !== undefined) return `already ${String(existing)}`;
  await kvs.set('created', 'yes');
  return 'created';
};

describe('injected platform faults', () => {
  it('crash-at-request with the effect applied: the write lands, the response is lost, the retry sees it', async () => {
    const trace = await driveProduct(createOnce, {
      scenario: scenario([{ fault: { kind: 'crash-at-request', fault: 'timeout', request: 2, effect: 'applied' } }]),
    });
    const [first, second] = trace.deliveries;
    expect(first?.outcome).toEqual({ kind: 'platform-fault', fault: 'timeout' });
    expect(first!.endedAt - first!.startedAt).toBe(25_000);
    expect(first?.requests[1]).toMatchObject({
      operation: { surface: 'kvs', name: 'set', key: 'created' },
      response: { kind: 'lost', fault: 'timeout' },
      effect: 'applied',
    });
    expect(second?.retryContext).toMatchObject({ retryReason: 'FUNCTION_TIME_OUT' });
    expect(second?.outcome).toEqual({ kind: 'success', value: 'already yes' });
  });

  it('crash-at-request with the effect not applied: the retry starts from scratch', async () => {
    const trace = await driveProduct(createOnce, {
      scenario: scenario([{ fault: { kind: 'crash-at-request', fault: 'out-of-memory', request: 2, effect: 'not-applied' } }]),
    });
    const [first, second] = trace.deliveries;
    expect(first?.outcome).toEqual({ kind: 'platform-fault', fault: 'out-of-memory' });
    expect(first?.endedAt).toBe(first?.startedAt);
    expect(first?.requests[1]).toMatchObject({ response: { kind: 'lost', fault: 'out-of-memory' }, effect: 'not-applied' });
    expect(second?.outcome).toEqual({ kind: 'success', value: 'created' });
  });

  it('abandons the crashed handler: a call it makes later is refused and recorded as a late call', async () => {
    const trace = await driveProduct(
      async (event: { retryContext?: unknown }) => {
        if (event.retryContext === undefined) {
          // Real macrotasks outlive the invocation; the call lands after the crash.
          setImmediate(() =>
            setImmediate(
              () =>
                void asApp()
                  .requestJira(route`/rest/api/3/late`)
                  .catch(() => undefined),
            ),
          );
        }
        await asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST', body: '{}' });
        return 'ok';
      },
      { scenario: scenario([{ fault: { kind: 'crash-at-request', fault: 'out-of-memory', request: 1, effect: 'applied' } }]) },
    );
    const [first, second] = trace.deliveries;
    expect(first?.issues).toEqual([{ kind: 'late-call', detail: '__forge_fetch__ /rest/api/3/late after delivery 1 had ended' }]);
    expect(first?.requests).toHaveLength(1);
    expect(second?.requests.map((r) => r.path)).toEqual(['/rest/api/3/issue']);
  });

  it('refused: the handler is not invoked and the delivery has no requests', async () => {
    let calls = 0;
    const trace = await driveProduct(
      async () => {
        calls += 1;
      },
      { scenario: scenario([{ fault: { kind: 'refused', fault: 'platform-rate-limited' } }]) },
    );
    expect(trace.deliveries[0]).toMatchObject({ outcome: { kind: 'platform-fault', fault: 'platform-rate-limited' }, requests: [] });
    expect(calls).toBe(1);
    expect(trace.deliveries).toHaveLength(2);
  });

  it('truncates at maxDeliveries', async () => {
    const trace = await driveProduct(() => ({ _retry: true, retryOptions: { retryAfter: 1 } }), { maxDeliveries: 2 });
    expect(trace.end).toMatchObject({ kind: 'truncated', deliveries: 2 });
  });
});
