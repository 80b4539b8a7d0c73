import { describe, expect, it } from 'vitest';
import { asApp, route } from '@forge/api';
import { drive } from '../../src/runner/drive.js';
import { withHarnessLock } from '../../src/runtime/lock.js';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { driveProduct, globalsSnapshot, scenario } from './helpers.js';

const g = globalThis as Record<string, unknown>;

const handlers = {
  success: async () => {
    await asApp().requestJira(route`/rest/api/3/myself`);
    return true;
  },
  throw: async () => {
    throw new Error('boom');
  },
  hang: () => new Promise(() => undefined),
  crash: async () => {
    await asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST', body: '{}' });
  },
};

describe('global state', () => {
  for (const [name, handler] of Object.entries(handlers)) {
    it(`is restored exactly after a handler that ends by ${name}`, async () => {
      const before = globalsSnapshot();
      const realNow = Date.now();
      const plan = name === 'crash' ? scenario([{ fault: { kind: 'crash-at-request', fault: 'out-of-memory', request: 1, effect: 'applied' } }]) : scenario([]);
      await driveProduct(handler, { scenario: plan });
      expect(globalsSnapshot()).toEqual(before);
      expect(g['__forge_fetch__']).toBeUndefined();
      expect('__forge_fetch__' in globalThis).toBe(false);
      expect(Math.abs(Date.now() - realNow)).toBeLessThan(60_000);
    });
  }

  it('puts back globals that existed before, descriptor and all', async () => {
    const sentinel = () => 'app-owned';
    Object.defineProperty(globalThis, '__forge_fetch__', { value: sentinel, writable: false, enumerable: true, configurable: true });
    try {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, '__forge_fetch__');
      await driveProduct(handlers.success);
      expect(Object.getOwnPropertyDescriptor(globalThis, '__forge_fetch__')).toEqual(descriptor);
    } finally {
      Reflect.deleteProperty(globalThis, '__forge_fetch__');
    }
  });

  it('is restored when the checked function itself throws', async () => {
    const before = globalsSnapshot();
    await expect(
      withHarnessLock(async () => {
        await driveProduct(handlers.success);
        throw new Error('harness user error');
      }),
    ).rejects.toThrow('harness user error');
    expect(globalsSnapshot()).toEqual(before);
  });

  it('rejects a Forge call made outside any invocation with a clear error', async () => {
    await withHarnessLock(async () => {
      await expect(asApp().requestJira(route`/rest/api/3/myself`)).rejects.toThrow(/outside any simulated invocation/);
    });
  });

  it('rethrows a failing upstream fixture as a harness error and still restores', async () => {
    const before = globalsSnapshot();
    await expect(
      driveProduct(handlers.success, {
        upstream: () => {
          throw new Error('fixture bug');
        },
      }),
    ).rejects.toThrow(/fixture bug/);
    expect(globalsSnapshot()).toEqual(before);
  });
});

describe('concurrent checks', () => {
  const pathHandler = (path: string) => async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await asApp().requestJira(route`/rest/api/3/${path}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await asApp().requestJira(route`/rest/api/3/${path}`);
  };

  it("never see each other's traffic (Promise.all)", async () => {
    const before = globalsSnapshot();
    const drives = ['alpha', 'beta', 'gamma', 'delta'].map((p) =>
      drive({ handler: pathHandler(p), regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, event: {}, scenario: scenario([]) }).then(
        (t) => [p, t] as const,
      ),
    );
    for (const [p, trace] of await Promise.all(drives)) {
      const paths = trace.deliveries.flatMap((d) => d.requests.map((r) => r.path));
      expect(paths).toEqual([`/rest/api/3/${p}`, `/rest/api/3/${p}`]);
      expect(trace.deliveries[0]?.endedAt).toBe(trace.startedAt + 1500);
    }
    expect(globalsSnapshot()).toEqual(before);
  });

  it.concurrent("never see each other's traffic (test.concurrent, one)", async () => {
    const trace = await driveProduct(pathHandler('one'));
    expect(trace.deliveries[0]?.requests.map((r) => r.path)).toEqual(['/rest/api/3/one', '/rest/api/3/one']);
  });

  it.concurrent("never see each other's traffic (test.concurrent, two)", async () => {
    const trace = await driveProduct(pathHandler('two'));
    expect(trace.deliveries[0]?.requests.map((r) => r.path)).toEqual(['/rest/api/3/two', '/rest/api/3/two']);
  });
});
