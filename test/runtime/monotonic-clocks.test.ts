import timersPromises from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { driveProduct } from './helpers.js';

const monotonic = () => ({
  performanceNow: globalThis.performance.now,
  hrtime: process.hrtime,
  hrtimeBigint: process.hrtime.bigint,
  promisesSetTimeout: timersPromises.setTimeout,
  promisesSetImmediate: timersPromises.setImmediate,
  promisesSetInterval: timersPromises.setInterval,
  schedulerWait: timersPromises.scheduler.wait,
  ownNow: Object.getOwnPropertyDescriptor(globalThis.performance, 'now'),
});

describe('monotonic clocks in virtual time', () => {
  it('moves performance.now(), process.hrtime and hrtime.bigint by exactly the virtual time slept', async () => {
    const trace = await driveProduct(async () => {
      const p0 = performance.now();
      const h0 = process.hrtime();
      const b0 = process.hrtime.bigint();
      await timersPromises.setTimeout(7_500);
      const [s, ns] = process.hrtime(h0);
      return { perf: performance.now() - p0, hr: s * 1000 + ns / 1e6, big: String((process.hrtime.bigint() - b0) / 1_000_000n) };
    });
    expect(trace.deliveries[0]!.outcome).toEqual({ kind: 'success', value: { perf: 7_500, hr: 7_500, big: '7500' } });
  });

  it('serves scheduler.wait, setInterval and setImmediate of node:timers/promises in virtual time', async () => {
    const trace = await driveProduct(async () => {
      const t0 = Date.now();
      await timersPromises.scheduler.wait(2_000);
      let ticks = 0;
      for await (const _ of timersPromises.setInterval(1_000)) if (++ticks === 3) break;
      const value = await timersPromises.setImmediate('now');
      return { waited: Date.now() - t0, value };
    });
    expect(trace.deliveries[0]!.outcome).toEqual({ kind: 'success', value: { waited: 5_000, value: 'now' } });
  });

  it('keeps real monotonic time outside the invocation during a check, and restores every function after it', async () => {
    const before = monotonic();
    let outside = 0;
    const realStart = performance.now();
    const probe = setInterval(() => {
      outside = performance.now();
    }, 1);
    try {
      await driveProduct(async () => {
        await timersPromises.setTimeout(20_000);
        return performance.now();
      });
    } finally {
      clearInterval(probe);
    }
    expect(monotonic()).toEqual(before);
    expect(performance.now()).toBeGreaterThanOrEqual(realStart);
    expect(outside === 0 || outside >= realStart).toBe(true);
  });
});
