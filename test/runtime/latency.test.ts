/**
 * Request latency in virtual time (docs/platform.md#requestlatency): answers arrive after their generated
 * latency on the invocation's clock, concurrent requests overlap, an answer still on its way when the
 * handler returns is work left running (not a timer the handler left), the `requestLatency` rule scales
 * it, and the bound keeps 61 sequential calls under the 25 s timeout.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSUMED_RULES, DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { LATENCY_FACTS, MAX_SLOW_REQUESTS, latencyPlan, requestLatencyMs, type LatencyPlan } from '../../src/scenario/latency.js';
import type { Scenario } from '../../src/scenario/types.js';
import { setTimeout as promisesSetTimeout } from 'node:timers/promises';
import { checkRetrySemantics } from '../../src/index.js';
import { childrenFixture, propagateFixVersion } from '../handlers/platform/invocation-work.js';
import { driveProduct } from './helpers.js';

const get = (key: string) => asApp().requestJira(route`/rest/api/3/issue/${key}`);

const withLatency = (latency: LatencyPlan, deliveries = 1): Scenario => ({
  deliveries: Array.from({ length: deliveries }, () => ({ responses: [], storage: [], latency })),
  duplicate: false,
});

const FLAT: LatencyPlan = { minMs: 200, maxMs: 200, slow: [], slowMs: 1000, storageMs: 10 };

describe('runtime: request latency', () => {
  it('hands each answer over after its latency: the handler sees the clock move by it', async () => {
    const seen: number[] = [];
    const trace = await driveProduct(
      async () => {
        const t0 = Date.now();
        await get('A-1');
        seen.push(Date.now() - t0);
        await get('A-2');
        seen.push(Date.now() - t0);
        return 'done';
      },
      { scenario: withLatency({ ...FLAT, slow: [2], slowMs: 2000 }) },
    );
    expect(seen).toEqual([200, 2200]);
    const [first, second] = trace.deliveries[0]?.requests ?? [];
    expect([first?.latencyMs, second?.latencyMs, (second?.at ?? 0) - (first?.at ?? 0)]).toEqual([200, 2000, 200]);
    expect(trace.deliveries[0]?.endedAt).toBe(trace.deliveries[0]!.startedAt + 2200);
  });

  it('overlaps requests started together: Promise.all takes the longest, not the sum', async () => {
    const trace = await driveProduct(
      async () => {
        await Promise.all([get('A-1'), get('A-2'), get('A-3')]);
        return 'done';
      },
      { scenario: withLatency({ minMs: 100, maxMs: 300, slow: [], slowMs: 1000, storageMs: 10 }) },
    );
    const d = trace.deliveries[0]!;
    const latencies = d.requests.map((r) => r.latencyMs ?? 0);
    expect(new Set(latencies).size).toBe(3);
    expect(d.endedAt - d.startedAt).toBe(Math.max(...latencies));
  });

  it('gives storage requests their own, shorter latency', async () => {
    const trace = await driveProduct(
      async () => {
        await kvs.get('settings');
        await get('A-1');
        return 'done';
      },
      { scenario: withLatency(FLAT) },
    );
    const [storage, product] = trace.deliveries[0]?.requests ?? [];
    expect(storage?.surface).toBe('kvs');
    expect(storage?.latencyMs).toBeGreaterThanOrEqual(5);
    expect(storage?.latencyMs).toBeLessThanOrEqual(10);
    expect(product?.latencyMs).toBe(200);
  });

  it('records an answer still on its way at the return as work left running, not as a timer the handler left', async () => {
    const trace = await driveProduct(
      async () => {
        void get('A-1').catch(() => undefined);
        return 'done';
      },
      { scenario: withLatency(FLAT) },
    );
    expect(trace.deliveries[0]?.issues).toEqual([
      { kind: 'late-call', detail: 'GET /rest/api/3/issue/A-1 was still in flight when the handler returned (its answer was due at t=0.2s; not awaited)' },
    ]);
  });

  it('lets a short timer win a Promise.race against a slower answer', async () => {
    const trace = await driveProduct(
      async () => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const won = await Promise.race([get('A-1').then(() => 'answer'), new Promise((resolve) => (timer = setTimeout(() => resolve('timer'), 100)))]);
        clearTimeout(timer);
        return won;
      },
      { scenario: withLatency(FLAT) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'timer' });
    expect(trace.deliveries[0]?.issues.map((i) => i.kind)).toEqual(['late-call']);
  });

  it('follows the requestLatency rule: a tenth under fast, nothing under none', async () => {
    const handler = async () => {
      await get('A-1');
      return 'done';
    };
    const latencyUnder = async (requestLatency: 'fast' | 'none') =>
      (await driveProduct(handler, { scenario: withLatency(FLAT), rules: { ...DEFAULT_PLATFORM_RULES, requestLatency } })).deliveries[0]?.requests[0]
        ?.latencyMs;
    expect(await latencyUnder('fast')).toBe(20);
    expect(await latencyUnder('none')).toBeUndefined();
  });

  it('keeps 61 sequential calls under the 25 s timeout at the worst latency the generator can draw', async () => {
    const worst: LatencyPlan = {
      minMs: LATENCY_FACTS.ordinary.maxMs,
      maxMs: LATENCY_FACTS.ordinary.maxMs,
      slow: [1, 2],
      slowMs: LATENCY_FACTS.slow.maxMs,
      storageMs: LATENCY_FACTS.storage.maxMs,
    };
    const trace = await driveProduct(propagateFixVersion as never, {
      upstream: childrenFixture,
      event: { issue: { key: 'SUP-1' } },
      scenario: withLatency(worst, 8),
    });
    const d = trace.deliveries[0]!;
    expect(d.requests).toHaveLength(61);
    expect(d.outcome.kind).toBe('success');
    expect(d.endedAt - d.startedAt).toBe(2 * LATENCY_FACTS.slow.maxMs + 59 * LATENCY_FACTS.ordinary.maxMs);
    expect(d.endedAt - d.startedAt).toBeLessThan(25_000);
  });

  it('gives the same report for the same seed, latency and all, and its replay plays the same answers', async () => {
    // Gives Jira 150 ms and moves on: only an answer slower than that is left running, so only latency finds it.
    const softDeadline = async () => {
      const timer = new AbortController();
      await Promise.race([get('A-1').catch(() => undefined), promisesSetTimeout(150, undefined, { signal: timer.signal }).catch(() => undefined)]);
      timer.abort();
      return 'done';
    };
    // Every other assumption pinned at its default: the robust re-judging varies requestLatency alone.
    const rules = Object.fromEntries(ASSUMED_RULES.filter((r) => r !== 'requestLatency').map((r) => [r, DEFAULT_PLATFORM_RULES[r]]));
    const options = { seed: 3, properties: ['bounded-invocation' as const], rules };
    const first = await checkRetrySemantics(softDeadline, options);
    const second = await checkRetrySemantics(softDeadline, options);
    expect(first.report).toMatch(/still in flight when the handler returned \(its answer was due at t=[\d.]+s; not awaited\)/);
    expect(first.report).toMatch(/\(answered after \d+ ms\)/);
    expect(first.report).toContain('fails only if requestLatency is "generated"');
    expect(second.report).toBe(first.report);
    const [warning] = first.warnings;
    const replayed = await checkRetrySemantics(softDeadline, { properties: ['bounded-invocation'], rules, ...warning!.replay });
    expect(replayed.warnings[0]?.received).toBe(warning!.received);
  });

  it('never draws more than the bound: ordinary at most 300 ms, at most two slow requests, storage at most 20 ms', () => {
    fc.assert(
      fc.property(latencyPlan(), fc.integer({ min: 1, max: 200 }), (plan, seq) => {
        expect(plan.slow.length).toBeLessThanOrEqual(MAX_SLOW_REQUESTS);
        const product = requestLatencyMs(plan, 'product', seq, 'generated');
        expect(product).toBeLessThanOrEqual(plan.slow.includes(seq) ? LATENCY_FACTS.slow.maxMs : LATENCY_FACTS.ordinary.maxMs);
        expect(requestLatencyMs(plan, 'storage', seq, 'generated')).toBeLessThanOrEqual(LATENCY_FACTS.storage.maxMs);
      }),
      { seed: 1, numRuns: 300 },
    );
  });
});
