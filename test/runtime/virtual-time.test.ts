import { getAppContext } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { drive } from '../../src/runner/drive.js';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { driveProduct, scenario } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('virtual time', () => {
  it('ends a handler awaiting a never-resolving promise as a timeout at exactly 25 s, marked hung', async () => {
    const trace = await driveProduct(() => new Promise(() => undefined), { maxDeliveries: 1 });
    const d = trace.deliveries[0]!;
    expect(d.outcome).toEqual({ kind: 'platform-fault', fault: 'timeout' });
    expect(d.endedAt - d.startedAt).toBe(25_000);
    expect(d.issues).toEqual([expect.objectContaining({ kind: 'hung' })]);
  });

  it('times out an in-process sleep past the timeout without waiting for it, and without a hung issue', async () => {
    const started = performance.now();
    const trace = await driveProduct(async () => sleep(30_000), { maxDeliveries: 1 });
    const d = trace.deliveries[0]!;
    expect(d.outcome).toEqual({ kind: 'platform-fault', fault: 'timeout' });
    expect(d.endedAt - d.startedAt).toBe(25_000);
    expect(d.issues).toEqual([]);
    // Waiting for real would take 25 s; the bound is half of that, far above a loaded machine's time.
    expect(performance.now() - started).toBeLessThan(12_500);
  });

  it('lets a handler sleep within the timeout, with Date following the virtual clock', async () => {
    const trace = await driveProduct(async () => {
      const t0 = Date.now();
      await sleep(10_000);
      return Date.now() - t0;
    });
    const d = trace.deliveries[0]!;
    expect(d.outcome).toEqual({ kind: 'success', value: 10_000 });
    expect(d.endedAt - d.startedAt).toBe(10_000);
    expect(d.startedAt).toBe(trace.startedAt);
  });

  it('gives async consumers 55 s and honours timeoutSeconds', async () => {
    const base = { handler: () => new Promise(() => undefined), rules: DEFAULT_PLATFORM_RULES, event: {}, scenario: scenario([]), maxDeliveries: 1 } as const;
    const asyncTrace = await drive({ ...base, regime: 'async-event' });
    expect(asyncTrace.deliveries[0]!.endedAt - asyncTrace.deliveries[0]!.startedAt).toBe(55_000);
    const custom = await drive({ ...base, regime: 'product-event', timeoutSeconds: 3 });
    expect(custom.deliveries[0]!.endedAt - custom.deliveries[0]!.startedAt).toBe(3_000);
  });

  it('reports remaining time through getRemainingTimeInMillis in virtual time', async () => {
    const trace = await driveProduct(async () => {
      await sleep(4_000);
      const runtime = (globalThis as unknown as { __forge_runtime__: { lambdaContext: { getRemainingTimeInMillis(): number } } }).__forge_runtime__;
      return runtime.lambdaContext.getRemainingTimeInMillis();
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 21_000 });
  });

  it('serves getAppContext() of @forge/api, remaining time included', async () => {
    const trace = await driveProduct(async () => {
      await sleep(5_000);
      const ctx = getAppContext();
      return { app: String(ctx.appAri), env: String(ctx.environmentAri), remaining: ctx.invocationRemainingTimeInMillis() };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        app: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000a991',
        env: 'ari:cloud:ecosystem::environment/00000000-0000-4000-8000-00000000a991/00000000-0000-4000-8000-00000000e991',
        remaining: 20_000,
      },
    });
  });

  it('records timers the handler left running, and none survive the check', async () => {
    const trace = await driveProduct(async () => {
      setInterval(() => undefined, 1000);
      setTimeout(() => undefined, 60_000);
      return 'done';
    });
    expect(trace.deliveries[0]?.issues).toEqual([{ kind: 'timers-left-running', count: 2 }]);
    expect(Date.now()).toBeGreaterThan(Date.UTC(2025, 6, 1));
  });

  it("starts each retry at the model's scheduled virtual time", async () => {
    const trace = await driveProduct(async (event: { retryContext?: unknown }) => {
      if (event.retryContext === undefined) return { _retry: true, retryOptions: { retryAfter: 120, retryReason: 'FUNCTION_RETRY_REQUEST' } };
      return new Date().toISOString();
    });
    expect(trace.deliveries[1]?.startedAt).toBe(trace.startedAt + 120_000);
    expect(trace.deliveries[1]?.outcome).toEqual({ kind: 'success', value: '2025-01-01T00:02:00.000Z' });
  });
});
